"""`python -m macros sitediff`: what a change does to the site, tested on a scratch git repository.

The repository holds the demo with the generator (support.demo_project); a base commit and
three heads, each a branch: a realistic change (a finding grows, a new lecture, a lecture moved, a
publication removed with a redirect), a publication removed without one, and an edit of whitespace and
comments only. Each sitediff builds both sides in worktrees of their own. The report
alone (word diff, escaping, comment, schema and caps) is tested without builds in
tests/unit/test_sitereport.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest

import support
from macros.wiring import sitereport
from macros.wiring.sitereport import MAX_CHARS, is_empty
from support import ENV, ROOT, by, ctrl_c_as_in_a_terminal, demo_project, edit, run_macros

FINDING = "Nieuwe bevinding: de gastvrouwen werken nu ook op zaterdag, en de wijk komt vaker langs (fictief)."
LECTURE = """\
---
# FICTIEF voorbeeld: een nieuw college.
title: Slotcollege – wat blijft er over
round: 3
status: gepland
start: 2027-05-20T15:00+02:00
end: 2027-05-20T16:30+02:00
attendance: online
online_url: https://live.example.org/slot
summary: Het laatste (verzonnen) college.
experiments: [buurtkamer-voorbeelddam]
---
Wat blijft er over van zeven verzonnen experimenten?
"""


def git(repo: Path, *args: str, when: str = "2026-01-05T10:00:00Z") -> None:
    support.git(repo, *args, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The demo in git: `main` (the base) and the branches `change`, `gone` and `whitespace`."""
    root = tmp_path_factory.mktemp("sitediff") / "repo"
    root.mkdir()
    demo_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    demo = root / "demo"

    git(root, "checkout", "-q", "-b", "change")
    report = demo / "experiments/buurtkamer-voorbeelddam/ronde-3.md"
    report.write_text(report.read_text(encoding="utf-8") + f"\n{FINDING}\n", encoding="utf-8")
    (demo / "lectures/demo-slot.md").write_text(LECTURE, encoding="utf-8")
    lecture = demo / "lectures/demo-college-ronde-3.md"
    edit(lecture, "start: 2027-03-11T15:00+01:00", "start: 2027-03-18T15:00+01:00")
    edit(lecture, "end: 2027-03-11T17:30+01:00", "end: 2027-03-18T17:30+01:00")
    (demo / "publications/blog-2026-buurtkamer.yml").unlink()
    target = demo / "publications/proef-2026-basisbanen.yml"
    target.write_text(target.read_text(encoding="utf-8") + "aliases: [blog-2026-buurtkamer]\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change", when="2026-02-05T10:00:00Z")

    git(root, "checkout", "-q", "-b", "gone", "main")
    (demo / "publications/proef-2026-basisbanen.yml").unlink()
    git(root, "commit", "-q", "-am", "gone", when="2026-02-06T10:00:00Z")

    git(root, "checkout", "-q", "-b", "whitespace", "main")
    report_text = report.read_text(encoding="utf-8")
    report.write_text(
        report_text.replace("De buurtkamer is een ontmoetingsplek", "De buurtkamer  is een\nontmoetingsplek") + "\n\n",
        encoding="utf-8",
    )
    edit(demo / "experiments/buurtkamer-voorbeelddam/experiment.yml", "status: actueel", "status: actueel  # nagekeken")
    edit(target, "language: en", "language: en   \n\n# nagekeken")
    edit(lecture, "round: 3", "round: 3  # de laatste ronde")
    git(root, "commit", "-q", "-am", "whitespace", when="2026-02-07T10:00:00Z")
    git(root, "checkout", "-q", "main")
    return root


def sitediff(repo: Path, base: str, head: str, out: Path, *more: str) -> tuple[dict, str]:
    result = run_macros("sitediff", base, head, "-f", "mkdocs.demo.yml", "--out", str(out), *more, cwd=repo)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads((ROOT / "schemas/sitediff.schema.json").read_text(encoding="utf-8")))
    return report, (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def change(repo: Path, tmp_path_factory) -> tuple[dict, str, Path]:
    folder = tmp_path_factory.mktemp("change")
    report, markdown = sitediff(repo, "main", "change", folder / "out", "--keep", str(folder / "builds"))
    return report, markdown, folder / "builds"


def test_records_change_field_by_field_in_researchers_words(change) -> None:
    report, markdown, _ = change
    assert (
        report["base"]["commit"] and report["head"]["commit"] and report["base"]["commit"] != report["head"]["commit"]
    )
    assert report["source_date_epoch"] == int(ENV["SOURCE_DATE_EPOCH"])
    finding = by(report["records"], type="bevindingen", id="buurtkamer-voorbeelddam", round=3)
    assert finding["change"] == "changed"
    assert finding["fields"] == [{"field": "bevindingen", "words_added": len(FINDING.split()), "words_removed": 0}]
    assert by(report["records"], type="college", id="demo-slot")["change"] == "added"
    moved = by(report["records"], type="college", id="demo-college-ronde-3")["fields"]
    assert [f["field"] for f in moved] == ["start", "end"]
    assert moved[0]["before"].startswith("2027-03-11T15:00") and moved[0]["after"].startswith("2027-03-18T15:00")
    assert by(report["records"], type="publicatie", id="blog-2026-buurtkamer")["change"] == "removed"
    alias = by(report["records"], type="publicatie", id="proef-2026-basisbanen")["fields"]
    assert alias == [{"field": "aliases", "added": ["blog-2026-buurtkamer"], "removed": []}]
    assert (
        f"- experiment `buurtkamer-voorbeelddam`, ronde 3: `bevindingen` +{len(FINDING.split())} −0 woorden"
        in markdown.splitlines()
    )
    assert "- college `demo-slot` (`Slotcollege – wat blijft er over`): nieuw" in markdown


def test_pages_are_added_redirected_or_changed_with_their_words(change) -> None:
    report, markdown, _ = change
    pages = report["pages"]
    assert by(pages, path="colleges/demo-slot/")["change"] == "added"
    assert by(pages, path="publicaties/blog-2026-buurtkamer/") == {
        "path": "publicaties/blog-2026-buurtkamer/",
        "title": "Een dag in de Buurtkamer",
        "change": "redirect",
        "redirect": "publicaties/proef-2026-basisbanen/",
    }
    profile = by(pages, path="experimenten/buurtkamer-voorbeelddam/")
    assert profile["change"] == "text"
    assert any("{+" + FINDING + "+}" in hunk["after"] for hunk in profile["diff"])
    assert (
        "- `/publicaties/blog-2026-buurtkamer/` `Een dag in de Buurtkamer` → `/publicaties/proef-2026-basisbanen/`"
        in markdown
    )
    assert len(markdown) <= MAX_CHARS


def test_warnings_come_first_and_a_redirect_is_none(change) -> None:
    report, markdown, _ = change
    removed = {w["path"] for w in report["warnings"] if w["kind"] == "url-removed"}
    # The last blog post and the last post on its theme went: their facet pages go with them.
    assert removed == {"publicaties/type/blog/", "publicaties/thema/belanghebbenden/"}
    assert "publicaties/blog-2026-buurtkamer/" not in removed  # it redirects
    assert markdown.index("### ⚠️ Eerst dit") < markdown.index("### Gegevens")
    assert "  - `/publicaties/type/blog/`" in markdown


def test_calendar_feeds_open_data_and_downloads(change) -> None:
    report, _, _ = change
    added = by(report["calendar"], change="added")
    assert added["uid"].startswith("demo-slot@") and added["start_after"] == "2027-05-20 15:00 (Europe/Amsterdam)"
    moved = by(report["calendar"], change="moved")
    assert moved["uid"].startswith("demo-college-ronde-3@")
    assert (moved["start_before"], moved["start_after"]) == (
        "2027-03-11 15:00 (Europe/Amsterdam)",
        "2027-03-18 15:00 (Europe/Amsterdam)",
    )
    assert moved["fields"] == ["begin", "einde"]
    publications = by(report["feeds"], feed="publicaties/feed.xml")
    assert by(publications["entries"], change="removed")["id"].endswith(":publicatie:blog-2026-buurtkamer")
    lectures = by(report["open_data"], set="colleges")
    assert (lectures["added"], lectures["changed"]) == (["demo-slot"], ["demo-college-ronde-3"])
    assert lectures["files"] == ["data/colleges.csv", "data/colleges.json"]
    downloads = {(d["path"], d["change"]) for d in report["downloads"]}
    assert ("publicaties/blog-2026-buurtkamer/blog-2026-buurtkamer.bib", "removed") in downloads
    assert ("colleges/demo-slot.ics", "added") in downloads


def test_two_built_trees_give_the_same_report(change, tmp_path: Path) -> None:
    report, _, builds = change
    again, _ = sitediff(ROOT, str(builds / "base"), str(builds / "head"), tmp_path / "out")
    assert again["source_date_epoch"] is None and again["head"]["commit"] is None
    for section in sitereport.SECTIONS:
        assert again[section] == report[section], section


def test_a_page_that_disappears_without_a_redirect_is_a_warning(change, tmp_path: Path) -> None:
    _, _, builds = change
    backwards, markdown = sitediff(ROOT, str(builds / "head"), str(builds / "base"), tmp_path / "out")
    removed = {w["path"] for w in backwards["warnings"] if w["kind"] == "url-removed"}
    assert {"colleges/demo-slot/", "colleges/demo-slot.ics"} <= removed
    assert "**Publieke adressen verdwijnen zonder doorverwijzing**" in markdown


def test_the_same_site_twice_gives_an_empty_report(change, tmp_path: Path) -> None:
    _, _, builds = change
    report, markdown = sitediff(ROOT, str(builds / "head"), str(builds / "head"), tmp_path / "out")
    assert is_empty(report)
    assert markdown.endswith("**Geen verschil**: niets van wat lezers of programma's van de site krijgen verandert.\n")


def test_a_built_tree_the_gate_refuses_is_a_warning_without_its_value(change, tmp_path: Path) -> None:
    _, _, builds = change
    planted = tmp_path / "planted"
    shutil.copytree(builds / "head", planted)
    page = planted / "team/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Bel 06-12345678</p></article>"))
    report, markdown = sitediff(ROOT, str(builds / "base"), str(planted), tmp_path / "out")
    (warning,) = report["warnings"]
    assert (warning["kind"], warning["side"]) == ("verify", "head")
    assert any("head/team/index.html" in m and "telefoonnummer" in m for m in warning["messages"]), warning
    assert not report["pages"] and not report["records"]  # nothing compared with a refused side
    assert "12345678" not in markdown and "12345678" not in json.dumps(report)


def test_a_publication_removed_without_a_redirect_stops_the_head_build(repo: Path, tmp_path: Path) -> None:
    report, markdown = sitediff(repo, "main", "gone", tmp_path / "out")
    (warning,) = report["warnings"]
    assert (warning["kind"], warning["side"]) == ("build-failed", "head")
    assert any(
        m.startswith(
            "demo/publications/proef-2026-basisbanen.yml:1: -: publicatie 'proef-2026-basisbanen' stond "
            "eerder op de site en is verdwenen"
        )
        for m in warning["messages"]
    ), warning["messages"]
    assert report["head"]["built"] is False and report["base"]["built"] is True
    assert all(not report[s] for s in sitereport.SECTIONS if s != "warnings")
    assert "- **De site van HEAD bouwt niet**" in markdown
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout
    assert len(worktrees.splitlines()) == 1  # the worktrees of both sides are gone


def test_an_unknown_ref_or_an_unsafe_preview_address_writes_nothing(repo: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    for args, message in (
        (["nergens", "HEAD"], "'nergens' is geen map en geen commit in deze repository"),
        (["--", "--output=x", "HEAD"], "'--output=x' is geen map en geen commit"),  # never an option of git
        (["main", "HEAD", "--preview-url", "javascript:alert(1)"], "--preview-url 'javascript:alert(1)': geef een"),
    ):
        result = run_macros("sitediff", "-f", "mkdocs.demo.yml", "--out", out, *args, cwd=repo)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert not (tmp_path / "out").exists()


def test_a_folder_named_like_a_ref_is_refused_and_each_side_says_where_it_came_from(repo: Path, change) -> None:
    """A folder `HEAD` in the checkout would shadow the ref HEAD: sitediff refuses to guess. Written
    `./HEAD` it is the folder; the report then says that HEAD was read from a folder, BASE built."""
    change_report, _, builds = change
    folder = repo / "HEAD"
    shutil.copytree(builds / "head", folder)
    try:
        result = run_macros("sitediff", "main", "HEAD", "-f", "mkdocs.demo.yml", "--out", str(folder / "x"), cwd=repo)
        assert result.returncode == 2, result.stderr
        assert "'HEAD' is zowel een map als een commit" in result.stderr
        assert "./HEAD voor de map" in result.stderr and "HEAD^{commit} voor de commit" in result.stderr
        assert not (folder / "x").exists()

        report, markdown = sitediff(repo, "main", "./HEAD", repo / "out-mixed")
        assert (report["base"]["source"], report["head"]["source"]) == ("ref", "folder")
        assert report["base"]["commit"] and report["head"]["commit"] is None
        for section in sitereport.SECTIONS:  # main built here at the same date as the folder was
            assert report[section] == change_report[section], section
        assert "beide gebouwd" not in markdown
        assert (
            f"BASE gebouwd uit git met SOURCE_DATE_EPOCH {ENV['SOURCE_DATE_EPOCH']}, HEAD gelezen uit een map"
            in markdown
        )
        assert change_report["base"]["source"] == change_report["head"]["source"] == "ref"
    finally:
        shutil.rmtree(folder)
        shutil.rmtree(repo / "out-mixed", ignore_errors=True)


def stub_build_repository(repo: Path, program: str = "import time\n\ntime.sleep(60)\n") -> Path:
    """A git repository whose build (`python -m macros`) is `program`: by default one that takes a
    minute and builds nothing."""
    (repo / "macros").mkdir(parents=True)
    (repo / "macros/__main__.py").write_text(program, encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: traag\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "traag")
    return repo


def test_both_builds_share_one_deadline_and_a_late_one_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    """A build that runs past BUILD_TIMEOUT is stopped and reported; both sides build at once, so the
    second is stopped at the same deadline as the first (not BUILD_TIMEOUT after it)."""
    from macros.wiring import sitediff as sitediff_module

    repo = stub_build_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    monkeypatch.setattr(sitediff_module, "BUILD_TIMEOUT", 2)
    started = time.monotonic()
    report = sitediff_module.sitediff("main", "main", Path("mkdocs.yml"))
    took = time.monotonic() - started
    assert [(w["kind"], w["side"]) for w in report["warnings"]] == [("build-failed", "base"), ("build-failed", "head")]
    for warning in report["warnings"]:
        assert any("duurde langer dan" in m and "is gestopt" in m for m in warning["messages"]), warning
    assert took < 2 * 2, took  # one deadline for both
    assert len(worktrees(repo)) == 1


def test_a_lost_stop_ends_the_wait_for_the_builds(tmp_path: Path, monkeypatch) -> None:
    """A stop whose Stopped Python ignored (its handler ran inside a `__del__`; the handler had set
    further stops to be ignored) is seen while the builds are waited for, not after BUILD_TIMEOUT."""
    from macros.wiring import sitediff as sitediff_module

    repo = stub_build_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    lost = threading.Timer(1.0, sitediff_module._received.append, (signal.SIGTERM,))  # as the handler records it
    started = time.monotonic()
    with pytest.raises(sitediff_module.Stopped), sitediff_module.stopped_by_signals():
        lost.start()
        sitediff_module.sitediff("main", "main", Path("mkdocs.yml"))
    assert time.monotonic() - started < 10
    assert len(worktrees(repo)) == 1


def worktrees(repo: Path) -> list[str]:
    return subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout.splitlines()


@pytest.mark.parametrize(
    ("signum", "moment"),
    [
        (signal.SIGTERM, "worktree"),
        (signal.SIGTERM, "second worktree"),
        (signal.SIGTERM, "building"),
        (signal.SIGHUP, "building"),
        (signal.SIGINT, "building"),
    ],
    ids=["SIGTERM-worktree", "SIGTERM-second-worktree", "SIGTERM-building", "SIGHUP-building", "SIGINT-building"],
)
def test_a_terminated_sitediff_removes_its_worktrees_and_builds(repo: Path, tmp_path: Path, signum, moment) -> None:
    """Stopped (by Ctrl-C, CI's cancel, a closed terminal) once a worktree exists, once the base
    builds while the head's worktree is added, or while both sides build, sitediff stops every
    build and git it started, removes its worktrees and temporary folders, and says so (Ctrl-C
    too, without a traceback)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros", "sitediff", "main", "change", "-f", "mkdocs.demo.yml", "--out", "out"],
        cwd=repo,
        env={**ENV, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        deadline = time.monotonic() + 120
        while len(worktrees(repo)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(worktrees(repo)) >= 2, "no worktree was made"
        if moment == "second worktree":  # the base builds, the head's worktree is being added
            while not list(temp.glob("sitediff-*/base.log")) and time.monotonic() < deadline:
                time.sleep(0.01)
        if moment == "building":
            # Both builds and their engines run (four processes in the scratch folder; sitediff writes
            # the logs before it starts the builds). Killed, the engines are left to init as zombies.
            while len(_processes_in(temp)) < 4:
                assert time.monotonic() < deadline, "the builds did not start their engines"
                time.sleep(0.02)
            assert process.poll() is None and len(worktrees(repo)) == 3
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + signum, (process.returncode, stderr[-3000:])
    assert "Traceback" not in stderr and "sitediff is gestopt" in stderr, stderr[-3000:]
    assert len(worktrees(repo)) == 1, worktrees(repo)
    assert list(temp.iterdir()) == []  # the scratch folder with both worktrees, builds and caches
    assert not (repo / "out").exists()
    still = _processes_in(temp)
    assert still == [], still  # no build runs on


def test_a_git_command_that_hangs_is_stopped_with_a_message(tmp_path: Path, monkeypatch) -> None:
    """A git that does not end (a slow hook, a locked repository) is stopped, with what it started,
    after GIT_TIMEOUT: a message, not a traceback."""
    from macros.wiring import sitediff as sitediff_module

    bin_dir, work = tmp_path / "bin", tmp_path / "werk"
    bin_dir.mkdir()
    work.mkdir()
    fake = bin_dir / "git"
    fake.write_text("#!/bin/sh\nsleep 60 &\nwait\n", encoding="utf-8")  # a child of its own, as git's hooks
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sitediff_module, "GIT_TIMEOUT", 1)
    with pytest.raises(sitediff_module.SitediffError, match="git worktree add duurde langer dan 1 s en is gestopt"):
        sitediff_module.git(["worktree", "add", "x"], work)
    assert _processes_in(work) == []


def test_a_group_of_zombies_runs_nothing() -> None:
    """stop_group waits for the build's whole process group, but not for init to collect its killed
    children (1-2 s per stop where init is slow): a zombie runs nothing and holds no folder. A
    process whose main thread has ended shows as a zombie too, while its other threads still run."""
    from macros.wiring.sitediff import group_runs

    running = subprocess.Popen(["sleep", "60"], start_new_session=True)
    ended = subprocess.Popen(["true"], start_new_session=True)  # not waited for: a zombie
    threads = subprocess.Popen(  # the main thread ends, a second one sleeps on
        [sys.executable, "-c", THREAD_LEFT],
        start_new_session=True,
    )
    try:
        for process in (ended, threads):
            _until_zombie(process)
        os.killpg(ended.pid, 0)  # the group is still there
        assert threads.poll() is None  # and this process too
        assert group_runs(running.pid) and not group_runs(ended.pid) and group_runs(threads.pid)
    finally:
        for process in (running, threads):
            process.kill()
            process.wait()
        ended.wait()
    assert not any(group_runs(process.pid) for process in (running, ended, threads))


def test_where_proc_shows_no_member_of_a_group_every_member_counts(monkeypatch) -> None:
    """Without /proc, or with one of another PID namespace, a zombie cannot be told from a running
    process: every member of the group counts as running until the group is gone."""
    from macros.wiring import sitediff as sitediff_module

    ended = subprocess.Popen(["true"], start_new_session=True)
    try:
        _until_zombie(ended)
        assert not sitediff_module.group_runs(ended.pid)
        monkeypatch.setattr(sitediff_module, "_entries", lambda folder: [])
        assert sitediff_module.group_runs(ended.pid)
    finally:
        ended.wait()
    assert not sitediff_module.group_runs(ended.pid)  # gone: killpg says so


THREAD_LEFT = (
    "import ctypes, threading, time\n"
    "threading.Thread(target=time.sleep, args=(60,)).start()\n"
    "ctypes.CDLL(None).pthread_exit(None)\n"
)


def _until_zombie(process: subprocess.Popen) -> None:
    """Wait (at most 10 s) until /proc shows the process, not waited for, as a zombie of its own group."""
    from macros.wiring.sitediff import state_and_group

    deadline = time.monotonic() + 10
    while state_and_group(f"/proc/{process.pid}/stat") != ("Z", process.pid):
        assert time.monotonic() < deadline, f"{process.args} is no zombie"
        time.sleep(0.01)


def stop_main_thread() -> None:
    """SIGTERM to this process's main thread. Sent to the process, under pytest-xdist it may reach
    another thread (execnet's), which the main thread's signal mask does not hold back; the
    sitediff command runs no other threads."""
    main = threading.main_thread().ident
    assert main is not None
    signal.pthread_kill(main, signal.SIGTERM)


def test_a_stop_during_the_cleanup_waits_until_everything_is_removed(tmp_path: Path, monkeypatch) -> None:
    """A stop (or a second one) while the worktrees are removed: before, it cut the cleanup short
    and left the head's worktree and the scratch folder, while the message said all was removed.
    The builds fail at once: what is cleaned up is the same, and two builds of the demo are saved."""
    import tempfile

    from macros.wiring import sitediff as sitediff_module

    repo = stub_build_repository(tmp_path / "repo", program="raise SystemExit(1)\n")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(repo)
    real_git = sitediff_module.git

    def git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        if args[:2] == ["worktree", "remove"]:
            stop_main_thread()
        return real_git(args, cwd)

    monkeypatch.setattr(sitediff_module, "git", git)
    with pytest.raises(sitediff_module.Stopped), sitediff_module.stopped_by_signals():
        sitediff_module.sitediff("main", "main", Path("mkdocs.yml"))
    assert len(worktrees(repo)) == 1, worktrees(repo)
    assert list(temp.iterdir()) == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the ignored exception itself
def test_a_stop_whose_exception_python_ignored_still_stops_sitediff() -> None:
    """A signal's handler that runs inside a `__del__` has its exception ignored ("Exception ignored
    in: <function Popen.__del__>", seen in the test above): the stop must not be lost with it."""
    from macros.wiring.sitediff import Stopped, stopped_by_signals

    class Collected:
        def __del__(self) -> None:
            stop_main_thread()
            for _ in range(3):  # the handler runs here, inside __del__
                pass

    with pytest.raises(Stopped) as stopped, stopped_by_signals():
        Collected()
    assert stopped.value.signum == signal.SIGTERM


def _processes_in(folder: Path) -> list[str]:
    """The processes (pids) whose working folder lies in `folder`."""
    return [pid for pid in os.listdir("/proc") if pid.isdigit() and _cwd_in(int(pid), folder)]


def _cwd_in(pid: int, folder: Path) -> bool:
    try:
        return os.readlink(f"/proc/{pid}/cwd").startswith(str(folder))
    except OSError:
        return False


@pytest.fixture(scope="module")
def whitespace(repo: Path, change, tmp_path_factory) -> dict:
    """`whitespace` against `main` as the `change` fixture built it (kept): one build, not two."""
    report, _ = sitediff(repo, str(change[2] / "base"), "whitespace", tmp_path_factory.mktemp("whitespace") / "out")
    assert (report["base"]["source"], report["head"]["source"]) == ("folder", "ref")
    return report


def test_a_whitespace_only_edit_gives_an_empty_report(whitespace: dict) -> None:
    """A comment, whitespace or a paragraph wrapped anew changes no field: it moves no date either."""
    assert is_empty(whitespace)
