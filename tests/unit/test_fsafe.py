"""File-system safety through the real commands: only regular files inside the repository are
read, nothing is written through a symlink, and publishing never leaves the site missing nor
deletes sources (see macros/base/fsafe.py and macros/wiring/publish.py).

Every subprocess has a timeout: a FIFO that is opened blocks forever, so a regression fails
here instead of hanging the suite."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cases_content import EXPERIMENT, REPORT
from macros.wiring import publish
from macros.wiring.publish import MARKER, PID_FILE
from support import ENV, build_in_process, fixture_project, problems_of, run_macros, snapshot, write_tree

EXP = "experiments/x/experiment.yml"
ROUND = "experiments/x/ronde-1.md"
PUB = "publications/p.yml"
PUBLICATION = "type: rapport\ntitle: T\nauthors:\n  - family: Aa\ndate: 2024\n"
FIFO = (
    "dit is geen gewoon bestand maar een named pipe (FIFO); zet er een gewoon bestand met de inhoud neer, "
    "of haal het weg"
)
TIMEOUT = 60


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_macros(*args, cwd=cwd, timeout=TIMEOUT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with one experiment and the repository's generator; returns its root."""
    fixture_project(tmp_path / "project", {EXP: EXPERIMENT, ROUND: REPORT})
    return tmp_path / "project"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the project (the repository)."""
    folder = tmp_path / "elders"
    folder.mkdir()
    return folder


def build(project: Path, site: str = "site") -> subprocess.CompletedProcess:
    return run("build", "-f", str(project / "mkdocs.yml"), "-d", site, cwd=project)


# --- reading ---------------------------------------------------------------------------------------


def test_publications_folder_linked_outside_is_refused_and_nothing_published(project: Path, elsewhere: Path) -> None:
    write_tree(
        elsewhere, {"p.yml": PUBLICATION + "pdf: geheim.pdf\n", "geheim.pdf": b"%PDF-1.4 geheim"}, registries=False
    )
    (project / "publications").symlink_to(elsewhere)
    message = (
        f"publications:1: -: deze map is een symbolische link naar {elsewhere.resolve()}, buiten de "
        "repository; zet de bestanden zelf in publications/ (er is niets uit gelezen)"
    )
    check = run("check", cwd=project)
    assert check.returncode == 1 and message in check.stderr.splitlines()
    result = build(project)
    assert result.returncode == 1 and message in result.stderr.splitlines()
    assert not (project / "site").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_content_folder_linked_inside_the_repository_is_accepted(project: Path) -> None:
    """The chosen policy: a content folder may point elsewhere in the repository."""
    write_tree(
        project,
        {
            "bronnen/publicaties/p.yml": PUBLICATION + "pdf: rapport.pdf\n",
            "bronnen/publicaties/rapport.pdf": b"%PDF-1.4 rapport",
        },
        registries=False,
    )
    (project / "publications").symlink_to("bronnen/publicaties")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site/publicaties/p/rapport.pdf").read_bytes() == b"%PDF-1.4 rapport"


def test_experiment_folder_linked_outside_is_refused(project: Path, elsewhere: Path) -> None:
    write_tree(elsewhere, {"experiment.yml": EXPERIMENT}, registries=False)
    (project / "experiments/y").symlink_to(elsewhere)
    check = run("check", cwd=project)
    assert check.returncode == 1
    assert "experiments/y:1: map: deze map is een symbolische link; zet de inhoud zelf hier" in check.stderr


def test_pdf_beside_a_publication_linked_outside_is_refused(project: Path, elsewhere: Path) -> None:
    (elsewhere / "geheim.pdf").write_bytes(b"%PDF-1.4 geheim")
    write_tree(project, {PUB: PUBLICATION + "pdf: rapport.pdf\n"}, registries=False)
    (project / "publications/rapport.pdf").symlink_to(elsewhere / "geheim.pdf")
    check = run("check", cwd=project)
    assert check.returncode == 1
    assert check.stderr.splitlines()[0] == (
        f"{PUB}:6: pdf: bestand 'rapport.pdf' staat niet naast deze publicatie (of is een symbolische link); "
        "voeg het toe of verbeter de naam"
    )


FIFOS = {
    "experiment.yml": (EXP, EXP),
    "round report": (ROUND, ROUND),
    "registry": ("experiments/gemeenten.yml", "experiments/gemeenten.yml"),
    "lecture": ("lectures/college.md", "lectures/college.md"),
    "publication": (PUB, PUB),
    "news post": ("docs/actueel/posts/bericht.md", "docs/actueel/posts/bericht.md"),
}


@pytest.mark.parametrize("fifo, reported", FIFOS.values(), ids=FIFOS.keys())
def test_a_fifo_is_refused_without_blocking_check_or_build(project: Path, fifo: str, reported: str) -> None:
    path = project / fifo
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    message = f"{reported}:1: -: {FIFO}"
    if not fifo.startswith("docs/"):  # news posts are read by the build, not by `check`
        check = run("check", cwd=project)
        assert check.returncode == 1 and message in check.stderr.splitlines()
    result = build(project)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_fifo_beside_a_record_is_refused(project: Path) -> None:
    write_tree(project, {PUB: PUBLICATION + "pdf: rapport.pdf\n"}, registries=False)
    os.mkfifo(project / "publications/rapport.pdf")
    check = run("check", cwd=project)
    assert check.returncode == 1
    assert check.stderr.splitlines()[0] == f"{PUB}:6: pdf: bestand 'rapport.pdf': {FIFO}"


def test_a_fifo_or_a_loop_in_docs_is_refused_before_mkdocs_walks_it(project: Path) -> None:
    os.mkfifo(project / "docs/pagina.md")
    (project / "docs/kring").symlink_to(".")
    result = build(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "docs/kring:1: -: deze map verwijst naar een map waar hij zelf in staat (een kring van symbolische "
        "links); haal de link weg" in lines
    )
    assert f"docs/pagina.md:1: -: {FIFO}" in lines
    assert not (project / "site").exists()


def test_a_socket_is_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {EXP: EXPERIMENT})
    os.unlink(root / EXP)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / EXP))
        assert problems_of(root) == [
            f"{EXP}:1: -: dit is geen gewoon bestand maar een socket; zet er een gewoon "
            "bestand met de inhoud neer, of haal het weg"
        ]
    finally:
        server.close()


def test_content_signature_never_opens_a_fifo(project: Path) -> None:
    os.mkfifo(project / "experiments/x/notities.pdf")
    code = (
        "import sys; from pathlib import Path; from macros.content.site import content_signature; "
        "print(len(content_signature(Path(sys.argv[1]))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(project)], env=ENV, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 5


# --- writing ---------------------------------------------------------------------------------------

BIB = "@techreport{x, author = {Jansen, Jan}, title = {Eindrapport werk}, institution = {HR}, year = {2024}}\n"


def test_import_refuses_a_symlinked_publications_folder(tmp_path: Path, elsewhere: Path) -> None:
    write_tree(tmp_path, {"export.bib": BIB})
    (tmp_path / "publications").symlink_to(elsewhere)
    result = run("import", str(tmp_path / "export.bib"), "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "publications:1: -: deze map is een symbolische link; er wordt niet "
        "doorheen geschreven. Vervang de link door een gewone map of een "
        "gewoon bestand"
    )
    assert list(elsewhere.iterdir()) == []


def test_import_refuses_a_symlinked_target_file_even_with_overwrite(tmp_path: Path, elsewhere: Path) -> None:
    write_tree(tmp_path, {"export.bib": BIB})
    (elsewhere / "bashrc").write_text("origineel\n", encoding="utf-8")
    (tmp_path / "publications").mkdir()
    (tmp_path / "publications/jansen-2024-eindrapport.yml").symlink_to(elsewhere / "bashrc")
    result = run("import", str(tmp_path / "export.bib"), "--root", str(tmp_path), "--overwrite", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "publications/jansen-2024-eindrapport.yml:1: -: dit bestand is een "
        "symbolische link; er wordt niet doorheen geschreven. Vervang de link "
        "door een gewone map of een gewoon bestand"
    )
    assert (elsewhere / "bashrc").read_text(encoding="utf-8") == "origineel\n"


def test_import_overwrite_replaces_a_regular_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"export.bib": BIB, "publications/jansen-2024-eindrapport.yml": "oud\n"})
    result = run("import", str(tmp_path / "export.bib"), "--root", str(tmp_path), "--overwrite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "title: Eindrapport werk" in (tmp_path / "publications/jansen-2024-eindrapport.yml").read_text("utf-8")
    assert sorted(p.name for p in (tmp_path / "publications").iterdir()) == ["jansen-2024-eindrapport.yml"]


def test_new_refuses_to_write_through_a_symlinked_folder(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "experiments").symlink_to(elsewhere)
    result = run("new", "experiment", "proef", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("experiments:1: -: deze map is een symbolische link; ")
    assert list(elsewhere.iterdir()) == []


def test_new_refuses_a_dangling_symlink_as_target(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "lectures").mkdir()
    (tmp_path / "lectures/college.md").symlink_to(elsewhere / "nieuw.md")
    result = run("new", "lecture", "college", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert list(elsewhere.iterdir()) == []


# --- publishing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "site_dir, planted",
    [
        ("docs", "docs"),
        (".", "."),
        ("experiments", "experiments"),
        ("..", ".."),
        ("/", None),
        ("macros", None),
        ("docs/actueel", "docs/actueel"),
        ("experiments/x", "experiments/x"),
    ],
)
def test_build_never_replaces_a_folder_with_sources(project: Path, site_dir: str, planted: str | None) -> None:
    (project / "docs/actueel").mkdir()
    if planted:
        (project / planted / MARKER).write_text("geplant\n", encoding="utf-8")
    before = snapshot(project.parent)
    result = run("build", "-f", str(project / "mkdocs.yml"), "-d", site_dir, cwd=project)
    assert result.returncode == 1
    assert "de site wordt daar niet neergezet en er wordt niets verwijderd" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project.parent) == before


def test_build_refuses_a_folder_holding_a_project(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "ander-project"
    write_tree(other, {"mkdocs.yml": "site_name: x\n", MARKER: "geplant\n"}, registries=False)
    result = run("build", "-f", str(project / "mkdocs.yml"), "-d", str(other), cwd=project)
    assert result.returncode == 1
    assert "deze map bevat mkdocs.yml: er staat een project in" in result.stderr
    assert (other / "mkdocs.yml").is_file()


def test_leftovers_of_killed_builds_are_cleaned_and_nothing_else(project: Path, elsewhere: Path) -> None:
    assert build(project).returncode == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()

    def folder(name: str, files: dict[str, str]) -> None:
        write_tree(project / name, {"index.html": "oud\n", **files}, registries=False)

    folder(".site-new-klaar", {MARKER: "x"})  # a complete build killed before its swap
    folder(".site-old-half", {PID_FILE: f"{dead.pid}\n"})  # a build killed half-way
    folder(".site-new-bezig", {PID_FILE: f"{os.getpid()}\n", MARKER: "x"})  # a build still running
    folder(".site-new-vreemd", {})  # no marker, no pid file: not provably ours
    folder(".anders-new-x", {MARKER: "x"})  # another name
    write_tree(elsewhere, {MARKER: "x", "waardevol.txt": "blijft\n"}, registries=False)
    (project / ".site-old-link").symlink_to(elsewhere)
    result = build(project)
    assert result.returncode == 0, result.stderr
    left = sorted(p.name for p in project.iterdir() if p.name.startswith((".site", ".anders")))
    assert left == [".anders-new-x", ".site-new-bezig", ".site-new-vreemd", ".site-old-link"]
    assert (elsewhere / "waardevol.txt").read_text(encoding="utf-8") == "blijft\n"
    assert not (project / "site" / PID_FILE).exists() and (project / "site" / MARKER).is_file()


def _probe_exchange(tmp_path: Path) -> bool:
    (tmp_path / "probe-a").mkdir()
    (tmp_path / "probe-b").mkdir()
    return publish.exchange(tmp_path / "probe-a", tmp_path / "probe-b")


def test_swap_is_one_step_old_site_intact_until_removed(tmp_path: Path, monkeypatch) -> None:
    if not _probe_exchange(tmp_path):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here; publish falls back to two renames")
    write_tree(tmp_path / "site", {MARKER: "x", "index.html": "oud\n"}, registries=False)
    write_tree(tmp_path / ".site-new-1", {MARKER: "x", "index.html": "nieuw\n"}, registries=False)

    def no_rename(*args):
        raise AssertionError("a rename would leave a moment without site/")

    with monkeypatch.context() as patch:
        patch.setattr(publish.os, "rename", no_rename)
        old = publish.swap_in(tmp_path / ".site-new-1", tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "nieuw\n"
    assert old == tmp_path / ".site-new-1"
    assert (old / "index.html").read_text(encoding="utf-8") == "oud\n"


@pytest.fixture
def memory(tmp_path: Path, monkeypatch) -> Path:
    """A stand-in for /dev/shm, where the build puts the export's docs tree."""
    folder = tmp_path / "shm"
    folder.mkdir()
    monkeypatch.setenv(publish.MEMORY_ENV, str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return folder


def _build_in_process(project: Path, capsys) -> int:
    return build_in_process(project / "mkdocs.yml", project / "site", capsys)[0]


def test_a_build_killed_right_after_the_swap_leaves_a_complete_site(
    project: Path, memory: Path, monkeypatch, capsys
) -> None:
    assert _build_in_process(project, capsys) == 0
    old_site = snapshot(project / "site")
    (project / EXP).write_text(EXPERIMENT.replace("Proef", "Vernieuwde proef"), encoding="utf-8")
    real_swap = publish.swap_in

    def swap_then_die(new: Path, target: Path):
        real_swap(new, target)
        raise SystemExit("killed")

    with monkeypatch.context() as patch:
        patch.setattr(publish, "swap_in", swap_then_die)
        with pytest.raises(SystemExit):
            _build_in_process(project, capsys)
    assert "Vernieuwde proef" in (project / "site/experimenten/x/index.html").read_text(encoding="utf-8")
    assert (project / "site" / MARKER).is_file()
    leftovers = [p for p in project.iterdir() if p.name.startswith(".site-")]
    # The build's scratch folder, with the export and the old site, whole, where the swap put it.
    assert len(leftovers) == 1 and snapshot(leftovers[0] / "export" / "site") == old_site
    assert _build_in_process(project, capsys) == 0
    assert [p for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_without_renameat2_the_two_renames_still_publish(project: Path, memory: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    assert _build_in_process(project, capsys) == 0
    (project / EXP).write_text(EXPERIMENT.replace("Proef", "Vernieuwde proef"), encoding="utf-8")
    assert _build_in_process(project, capsys) == 0
    assert "Vernieuwde proef" in (project / "site/experimenten/x/index.html").read_text(encoding="utf-8")
    assert [p for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_the_docs_tree_is_written_in_memory_and_nothing_stays_there(
    project: Path, memory: Path, monkeypatch, capsys
) -> None:
    from macros.wiring import export, verify

    written: list[Path] = []
    real_write = export.write_tree
    monkeypatch.setattr(export, "write_tree", lambda files, folder: (written.append(folder), real_write(files, folder)))
    assert _build_in_process(project, capsys) == 0
    (docs,) = written
    assert docs.parent.parent == memory and docs.parent.name.startswith(publish.MEMORY_PREFIX)
    assert (project / "site/experimenten/x/index.html").is_file()
    assert list(memory.iterdir()) == []
    # A build the gate stops removes it as well.
    monkeypatch.setattr(verify, "verify_site", lambda *args, **kwargs: ["index.html:1: geplant probleem"])
    with pytest.raises(publish.PublishError):
        publish.build(project / "mkdocs.yml", project / "site")
    assert len(written) == 2 and list(memory.iterdir()) == []
    assert [p for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_memory_is_used_only_with_room_for_twice_the_tree(memory: Path, monkeypatch) -> None:
    claimed = publish.memory_folder([10, 5000])
    assert claimed is not None and claimed[0].parent == memory
    folder, lock = claimed
    assert (folder / PID_FILE).read_text(encoding="ascii") == f"{os.getpid()}\n"
    os.close(lock)
    # A file system of 1,000 blocks of 4 KiB with 60 of them and 30 files free: every file takes
    # whole blocks, and twice the tree (and ten files more) must fit, in blocks and in files.
    room = os.statvfs_result((4096, 4096, 1000, 60, 60, 1000, 30, 30, 0, 255))
    monkeypatch.setattr(publish.os, "statvfs", lambda path: room)
    assert publish.memory_folder([1] * 10) is not None  # 10 blocks, 10 files
    assert publish.memory_folder([1] * 11) is None  # 11 blocks, but 11 files
    assert publish.memory_folder([4096 * 29, 1]) is not None  # 30 blocks
    assert publish.memory_folder([4096 * 29, 4097]) is None  # 31 blocks: 4,097 bytes take two
    monkeypatch.setenv(publish.MEMORY_ENV, "")  # sitediff's builds: no memory at all
    assert publish.memory_folder([10]) is None
    monkeypatch.setenv(publish.MEMORY_ENV, str(memory / "ontbreekt"))
    assert publish.memory_folder([10]) is None
    # Without that folder, leftovers beside the target are still cleaned.
    write_tree(memory / ".site-new-klaar", {MARKER: "x"}, registries=False)
    assert publish.clean_leftovers(memory / "site") == [memory / ".site-new-klaar"]


def test_a_tree_in_memory_that_fills_up_goes_beside_the_target(
    project: Path, memory: Path, monkeypatch, capsys
) -> None:
    import errno

    from macros.wiring import export

    written: list[Path] = []
    real_write = export.write_tree

    def write(files, folder: Path) -> None:
        written.append(folder)
        if memory in folder.parents:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(files, folder)

    monkeypatch.setattr(export, "write_tree", write)
    assert _build_in_process(project, capsys) == 0
    assert [memory in f.parents for f in written] == [True, False]
    assert (project / "site/experimenten/x/index.html").is_file() and list(memory.iterdir()) == []


def test_sitediff_builds_use_no_memory() -> None:
    from macros.wiring.sitediff import build_env

    assert build_env(None, Path("cache"), Path("tmp"))[publish.MEMORY_ENV] == ""


def test_a_killed_builds_tree_in_memory_is_removed_by_the_next_build(
    project: Path, memory: Path, elsewhere: Path, capsys
) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    write_tree(memory / f"{publish.MEMORY_PREFIX}dood", {PID_FILE: f"{dead.pid}\n", "docs/index.md": "x\n"}, False)
    write_tree(memory / f"{publish.MEMORY_PREFIX}bezig", {PID_FILE: f"{os.getpid()}\n"}, registries=False)
    write_tree(memory / f"{publish.MEMORY_PREFIX}vreemd", {"docs/index.md": "x\n"}, registries=False)
    write_tree(memory / "iets-anders", {PID_FILE: f"{dead.pid}\n"}, registries=False)
    (memory / f"{publish.MEMORY_PREFIX}link").symlink_to(elsewhere)
    # A build in another pid namespace (a container sharing /dev/shm): its pid means nothing here,
    # its lock does.
    elders = memory / f"{publish.MEMORY_PREFIX}elders"
    elders.mkdir()
    lock = publish.claim(elders)
    (elders / PID_FILE).write_text(f"{dead.pid}\n", encoding="ascii")
    try:
        assert _build_in_process(project, capsys) == 0
    finally:
        os.close(lock)
    assert sorted(p.name for p in memory.iterdir()) == [
        f"{publish.MEMORY_PREFIX}bezig",  # a build that still runs
        f"{publish.MEMORY_PREFIX}elders",  # one that runs elsewhere
        f"{publish.MEMORY_PREFIX}link",  # never followed
        f"{publish.MEMORY_PREFIX}vreemd",  # not provably ours
        "iets-anders",
    ]


def test_removing_a_tree_that_another_process_removes_too_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    """The build's cleaner of the export and its own cleanup (after a second Ctrl-C), or a concurrent
    build's cleanup of leftovers, may remove the same files: what is gone already is no error, and
    the rest is still removed (before, rmtree stopped at the first such file and left the folder)."""
    tree = tmp_path / ".site-new-x"
    for name in ("export/docs/a.md", "export/docs/b.md", "export/docs/c/d.md", "export/site/index.html"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    real_unlink = os.unlink
    others = [tree / "export/docs/b.md", tree / "export/site/index.html"]

    def unlink(path, *args, **kwargs):
        while others:  # the other process gets there first
            real_unlink(others.pop())
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    publish.remove_tree(tree)
    assert not tree.exists()


def test_a_big_old_site_is_removed_by_two_processes_without_following_links(
    tmp_path: Path, elsewhere: Path, monkeypatch
) -> None:
    """publish.remove_big_tree: the folders two levels down are dealt between this process and a
    forked one; everything goes, a link's target stays."""
    site = tmp_path / "oud"
    for n in range(6):
        write_tree(site / f"map{n % 2}" / f"pagina-{n}", {"index.html": "x", "sub/deel.html": "y"}, registries=False)
    (site / "index.html").write_text("x", encoding="utf-8")
    (site / "map0/link").symlink_to(elsewhere)
    (site / "map1/pagina-1/link").symlink_to(elsewhere)
    (elsewhere / "waardevol.txt").write_text("blijft\n", encoding="utf-8")
    kept = snapshot(elsewhere)
    forked = []
    real_process = publish.multiprocessing.get_context("fork").Process

    def process(*args, **kwargs):
        forked.append(kwargs["args"])
        return real_process(*args, **kwargs)

    monkeypatch.setattr(publish, "SPREAD_REMOVAL_FROM", 4)
    monkeypatch.setattr(publish.multiprocessing.get_context("fork"), "Process", process)
    publish.remove_big_tree(site)
    assert not site.exists()
    assert snapshot(elsewhere) == kept and kept != {}
    assert [len(paths) for paths in forked] == [3]  # half of the six folders two levels down
