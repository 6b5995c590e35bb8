"""A commit can add any file, `.cache/` included (`git add -f`): nothing there is executed or
trusted by a build (issue 15). Every test works on its own copy of the repository and runs the
real `python -m macros build` / `check` in a fresh process, the caches in a folder of their own
(WAARDEVOL_WERK_CACHE) outside the copy."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from macros.base.caches import ENV as CACHE_ENV
from macros.content.site import load_site
from macros.formats.citations import _style_key, csl_item
from support import BUILD_EPOCH, ROOT, run_macros, snapshot

SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "site",
    "demo-site",
    ".cache",
    "__pycache__",
    ".pytest_cache",
    ".site-*",
    ".demo-site-*",
)
PLANTED = "<script>document.title='geplant'</script><b>Nep-referentie</b>"
AUTHOR, VERSION = "Hogeschool Fictief (verzonnen)", "2026-06-01"  # the demo's organiser; BUILD_EPOCH's date
TRACKED = (
    "een cache hoort niet in git: een gecommitte cache kan code of opmaak in de build smokkelen; "
    "haal hem uit de repository (git rm -r --cached .cache) en commit dat"
)


def repo_copy(dest: Path, git: bool = True) -> Path:
    """The repository's files (no .git, .venv, caches or built sites) in a folder of their own;
    with `git`, an empty git repository there, so nothing is tracked until a test adds it."""
    shutil.copytree(ROOT, dest, ignore=SKIP, symlinks=True)
    if git:
        run_git(dest, "init", "-q")
    return dest


def run_git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)


def macros(project: Path, cache: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    """`python -m macros ARGS` in the copy, as a researcher or CI runs it (the copy's own code)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, CACHE_ENV: str(cache)})
    if path is not None:
        env["PATH"] = path
    return run_macros(*args, cwd=project, env=env)


def build(project: Path, cache: Path, site: Path) -> subprocess.CompletedProcess:
    return macros(project, cache, "build", "-f", "mkdocs.demo.yml", "-d", str(site))


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if ":1: -: " in line]


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict:
    """The demo site built once from a clean copy with an empty cache, and what the cache holds after."""
    base = tmp_path_factory.mktemp("clean")
    project, cache = repo_copy(base / "repo"), base / "cache"
    result = build(project, cache, base / "site")
    assert result.returncode == 0, result.stderr
    return {
        "site": snapshot(base / "site"),
        "cache": {p.name: p.read_text(encoding="utf-8") for p in sorted(cache.iterdir())},
    }


# --- the Jinja bytecode cache ----------------------------------------------------------------------


class _CreateFile:
    """Unpickled, it opens its path for writing: the file appearing proves the pickle ran."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return open, (self.path, "w")


def plant_bytecode_cache(project: Path, marker: Path) -> list[str]:
    """A file for every template where the old render.py looked (<project>/.cache/jinja, Jinja's
    FileSystemBytecodeCache), whose loading unpickles _CreateFile(marker)."""
    folder = project / ".cache" / "jinja"
    folder.mkdir(parents=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    payload = jinja2.bccache.bc_magic + pickle.dumps(_CreateFile(str(marker)), protocol=2)
    names = []
    for templates in {str(project / "macros" / "templates"), str((project / "macros" / "templates").resolve())}:
        for template in sorted(os.listdir(templates)):
            name = f"__jinja2_{cache.get_cache_key(template, f'{templates}/{template}')}.cache"
            (folder / name).write_bytes(payload)
            names.append(f".cache/jinja/{name}")
    return sorted(names)


def test_the_planted_bytecode_cache_is_live(tmp_path: Path) -> None:
    """The control: Jinja with a bytecode cache in that folder, as render.py had, runs the payload."""
    project, marker = tmp_path / "repo", tmp_path / "uitgevoerd"
    (project / "macros").mkdir(parents=True)
    shutil.copytree(ROOT / "macros" / "templates", project / "macros" / "templates")
    plant_bytecode_cache(project, marker)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project / "macros" / "templates"),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(project / ".cache" / "jinja")),
        comment_start_string="{##",
        comment_end_string="##}",
    )
    with contextlib.suppress(jinja2.TemplateError):  # a plain environment lacks our filters; the
        env.get_template("profile.md.j2")  # cache is read before anything is compiled
    assert marker.exists()


def test_a_committed_bytecode_cache_fails_check_and_build(tmp_path: Path) -> None:
    project, marker = repo_copy(tmp_path / "repo"), tmp_path / "uitgevoerd"
    planted = plant_bytecode_cache(project, marker)
    run_git(project, "add", "-f", ".cache")
    expected = [f"{name}:1: -: {TRACKED}" for name in planted]
    check = macros(project, tmp_path / "cache", "check", "--root", "demo")
    assert check.returncode == 1 and problem_lines(check) == expected
    result = build(project, tmp_path / "cache", tmp_path / "site")
    assert result.returncode == 1 and problem_lines(result) == expected
    assert (
        "er is niets gepubliceerd" in result.stderr and "De vorige versie van de site is ongewijzigd." in result.stderr
    )
    assert not marker.exists() and not (tmp_path / "site").exists()


# --- the APA reference and page citation caches --------------------------------------------------------


def plant_reference_caches(folder: Path, project: Path) -> list[str]:
    """Cache files with a <script> and a fake reference for every demo publication and for the page
    citation, under both the keys of the old code (the record alone; author|date) and the new."""
    from macros.formats.citations import _entry_key

    references, pages = {}, {}
    for publication in load_site(project / "demo").publications:
        record = json.dumps(csl_item(publication, split_particles=True), sort_keys=True)
        references[hashlib.sha256(record.encode("utf-8")).hexdigest()] = PLANTED
        references[_entry_key(record)] = PLANTED
    pages[f"{AUTHOR}|{VERSION}"] = pages[_entry_key(json.dumps([AUTHOR, VERSION]))] = (
        f"{PLANTED} TITELPLAATS https://URL.PLAATS"
    )
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"apa-{_style_key()}.json", f"pagina-{_style_key()}.json"]
    for name, entries in zip(names, (references, pages), strict=True):
        (folder / name).write_text(json.dumps(entries), encoding="utf-8")
    return names


def test_caches_in_the_work_tree_are_never_loaded(tmp_path: Path, clean) -> None:
    """A bytecode cache where the old render.py looked is never run, the old reference caches are
    never read (one build for both: either would change the site or leave the marker)."""
    project, marker = repo_copy(tmp_path / "repo"), tmp_path / "uitgevoerd"
    plant_bytecode_cache(project, marker)
    plant_reference_caches(project / ".cache", project)
    before = snapshot(project)
    result = build(project, tmp_path / "cache", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert snapshot(tmp_path / "site") == clean["site"]
    assert snapshot(project) == before  # and the build wrote nothing into the work tree
    assert {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "cache").iterdir()} == clean["cache"]


def test_committed_reference_caches_fail_check_and_build(tmp_path: Path) -> None:
    project = repo_copy(tmp_path / "repo")
    names = plant_reference_caches(project / ".cache", project)
    run_git(project, "add", "-f", ".cache")
    expected = [f".cache/{name}:1: -: {TRACKED}" for name in sorted(names)]
    check = macros(project, tmp_path / "cache", "check", "--root", "demo")
    assert check.returncode == 1 and problem_lines(check) == expected
    result = build(project, tmp_path / "cache", tmp_path / "site")
    assert result.returncode == 1 and problem_lines(result) == expected


def test_what_comes_back_from_the_cache_is_sanitised(tmp_path: Path, clean) -> None:
    """Entries planted where the cache now lives (outside the repository, under the right keys)
    are read back, so the cache is used; but as text and italics only, never as a script."""
    project, cache = repo_copy(tmp_path / "repo"), tmp_path / "cache"
    plant_reference_caches(cache, project)
    result = build(project, cache, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert any("Nep-referentie" in text for text in pages.values())  # read back: the cache is used ...
    assert not any("geplant" in text for text in pages.values())  # ... and the script is gone


def test_a_second_build_reuses_the_caches(tmp_path: Path, clean) -> None:
    project, cache = repo_copy(tmp_path / "repo"), tmp_path / "cache"
    assert sorted(clean["cache"]) == [f"apa-{_style_key()}.json", f"pagina-{_style_key()}.json"]
    cache.mkdir()
    for name, text in clean["cache"].items():  # what the first build left, one reference reworded
        entries = json.loads(text)
        if name.startswith("apa-"):
            key = sorted(entries)[0]
            entries[key] = "Uit de cache: " + entries[key]
        (cache / name).write_text(json.dumps(entries), encoding="utf-8")
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    result = build(project, cache, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert any("Uit de cache: " in p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # read, not written again


# --- where a cache may be ---------------------------------------------------------------------------------


def test_a_symlinked_cache_folder_is_refused_and_nothing_is_written_there(tmp_path: Path) -> None:
    project, outside = repo_copy(tmp_path / "repo"), tmp_path / "elders"
    outside.mkdir()
    (project / ".cache").symlink_to(outside)
    expected = [
        ".cache:1: -: is een symbolische link; de build schrijft of leest hier niets en een link kan "
        "naar elders wijzen: verwijder de link (rm .cache)"
    ]
    check = macros(project, tmp_path / "cache", "check", "--root", "demo")
    assert check.returncode == 1 and problem_lines(check) == expected
    result = build(project, tmp_path / "cache", tmp_path / "site")
    assert result.returncode == 1 and problem_lines(result) == expected
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.demo.yml", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", CACHE_ENV: str(tmp_path / "cache")},
    )
    assert plain.returncode == 1 and expected[0] in plain.stdout + plain.stderr  # the hooks refuse it too
    assert list(outside.iterdir()) == [] and not (tmp_path / "site").exists()


def test_a_symlink_inside_the_cache_folder_is_refused(tmp_path: Path) -> None:
    project = repo_copy(tmp_path / "repo")
    (project / ".cache").mkdir()
    (project / ".cache" / "jinja").symlink_to(tmp_path)
    check = macros(project, tmp_path / "cache", "check", "--root", "demo")
    assert check.returncode == 1 and problem_lines(check) == [
        ".cache/jinja:1: -: is een symbolische link in de cachemap; de build volgt geen links naar elders: "
        "verwijder hem (make clean)"
    ]


def test_without_git_every_file_in_the_old_cache_folder_is_refused(tmp_path: Path) -> None:
    project = repo_copy(tmp_path / "repo", git=False)
    (project / ".cache").mkdir()
    (project / ".cache" / "apa-oud.json").write_text("{}", encoding="utf-8")
    no_git = tmp_path / "bin"
    no_git.mkdir()
    check = macros(project, tmp_path / "cache", "check", "--root", "demo", path=str(no_git))
    assert check.returncode == 1 and problem_lines(check) == [
        ".cache/apa-oud.json:1: -: staat in de oude cachemap; zonder git is niet na te gaan of dit bestand uit een "
        "commit komt, en de build gebruikt deze map niet meer: verwijder de map .cache (make clean)"
    ]


def test_leftovers_that_git_does_not_track_are_no_problem(tmp_path: Path) -> None:
    project = repo_copy(tmp_path / "repo")
    (project / ".cache" / "jinja").mkdir(parents=True)
    (project / ".cache" / "jinja" / "oud.cache").write_bytes(b"van een oudere build")
    check = macros(project, tmp_path / "cache", "check", "--root", "demo")
    assert check.returncode == 0, check.stderr


def test_a_cache_location_inside_the_repository_is_refused(tmp_path: Path) -> None:
    project = repo_copy(tmp_path / "repo")
    check = macros(project, project / "tijdelijk", "check", "--root", "demo")
    assert check.returncode == 1 and problem_lines(check) == [
        "tijdelijk:1: -: de cachemap ligt in de repository (via WAARDEVOL_WERK_CACHE of XDG_CACHE_HOME), waar een "
        "commit bestanden kan neerzetten; kies een map buiten de repository"
    ]


def test_the_default_cache_location_is_outside_the_project_and_per_project(tmp_path: Path, monkeypatch) -> None:
    from macros.base.caches import cache_dir

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one, two = cache_dir(ROOT), cache_dir(tmp_path)
    assert one.parent == two.parent == tmp_path / "xdg" / "waardevol-werk" and one != two
    monkeypatch.setenv("XDG_CACHE_HOME", "relatief")  # the XDG spec: a relative path is ignored
    assert cache_dir(ROOT).parent == Path.home() / ".cache" / "waardevol-werk"


def test_cache_clear_removes_only_our_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("apa-1.json", "pagina-1.json", "van-iemand-anders.txt"):
        (cache / name).write_text("{}", encoding="utf-8")
    result = macros(ROOT, cache, "cache", "--clear")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in cache.iterdir()) == ["van-iemand-anders.txt"]
