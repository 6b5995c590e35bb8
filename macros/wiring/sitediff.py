"""`python -m macros sitediff BASE HEAD --out DIR`: what a change does to the site, for its reviewers.

    1. BASE and HEAD are each a git ref (a branch, a tag, a commit) or a folder with a built site;
       a name that is both (a folder `HEAD` in the checkout) is refused as ambiguous: `./HEAD` is
       the folder, `HEAD^{commit}` the commit (a path that starts with ./, ../ or / is a folder);
    2. each ref is checked out on its own (`git worktree add --detach`, which keeps the history the
       feeds' dates and the check of removed publications read) and built there by its own code:
       `python -m macros build -f CONFIG` (check, export, engine, verify), both sides at once and at
       the same date, SOURCE_DATE_EPOCH (as set, else the head commit's time), each with a cache of
       its own; a built folder given instead is read as it is, after the output gate (verify);
    3. a side that does not build, or whose output the gate refuses, is the report's first warning,
       with what the build said; there is nothing to compare then;
    4. otherwise the two sites are compared as readers and programs receive them (sitecompare.py);
    5. DIR/report.json (validated against schemas/sitediff.schema.json) and DIR/report.md (Dutch,
       at most 60,000 characters, sitereport.py) are written; the worktrees and the scratch folder
       are removed (`--keep DIR` keeps the two builds in DIR/base and DIR/head).

Stopped on the way (Ctrl-C, SIGTERM from CI's cancel, SIGHUP from a closed terminal), it still
stops both builds (each runs in a process group of its own, with its temporary files in the scratch
folder) and removes its worktrees and the scratch folder: `stopped_by_signals` turns SIGTERM and
SIGHUP into an exception that unwinds like Ctrl-C.

A change that alters nothing a reader or a program receives gives an empty report.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.relpaths import posix_relpath
from . import sitereport
from .config import ConfigError, SiteConfig
from .publish import MEMORY_ENV
from .sitecompare import compare_sites, shorten

MAX_MESSAGES = 60  # lines of a failed build kept in the report
# Seconds both builds together may take (they run at once; N = 1,000 builds in about 25 s). Well
# below the job's timeout-minutes in .github/workflows/sitediff.yml (30), which must leave room for
# the setup before and the comparison and the uploads after: a build stopped here is a warning in
# the report, a job stopped by GitHub leaves no report at all.
BUILD_TIMEOUT = 15 * 60
# What a failed build prints that is not about the failure: progress, and the note that nothing was published.
NOT_MESSAGES = re.compile(r"^(?:INFO|DEBUG)\b|^De vorige versie van de site is ongewijzigd\.$")


class SitediffError(Exception):
    """The comparison cannot start (no git repository, an unknown ref, no configuration)."""


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived. A BaseException, as KeyboardInterrupt: no `except Exception` stops it
    on its way out, and every `finally` on the way cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within: SIGTERM and SIGHUP raise Stopped; further ones are ignored while it cleans up. Python
    runs a signal's handler between any two steps, also inside a `__del__`, which ignores what it
    raises (seen: a Popen's): such a Stopped is raised again where the builds are waited for
    (`raise_if_stopped`), and when the block ends without one."""

    def stop(signum: int, _frame: object) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        _received.append(signum)
        raise Stopped(signum)

    _received.clear()
    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    raise_if_stopped()  # the block ended without an exception: its Stopped was lost on the way


_received: list[int] = []  # the stop signals `stopped_by_signals` has received


def raise_if_stopped() -> None:
    if _received:
        raise Stopped(_received[0])


@dataclass
class Side:
    """One side of the comparison: what was given, and what came of building it."""

    name: str  # "base" or "head"
    label: str  # as given on the command line
    source: str = "ref"  # "ref": built here from a commit; "folder": read as built elsewhere
    commit: str | None = None  # a ref's commit
    tree: Path | None = None  # the built site
    messages: list[str] = field(default_factory=list)  # why it did not build, or what verify found
    failure: str | None = None  # "build-failed" or "verify"

    def meta(self) -> dict[str, Any]:
        return {
            "label": shorten(self.label),
            "source": self.source,
            "commit": self.commit,
            "built": self.failure is None,
        }


def git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """git, run to its end: a stop signal (Ctrl-C, SIGTERM) waits until it has finished (the local
    commands sitediff runs usually take a fraction of a second; a slow hook of the user's at most
    GIT_TIMEOUT, after which SitediffError says so), in a session of its own, where a terminal's
    Ctrl-C does not reach it. Killed halfway, `git worktree add` left its worktree registered and
    locked, or the child that checks the files out writing into a folder being removed."""
    with signals_held():
        process = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=_unblock_stop_signals,
        )
        try:
            stdout, stderr = process.communicate(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            stop_group(process)
            raise SitediffError(
                f"git {' '.join(args[:2])} duurde langer dan {GIT_TIMEOUT} s en is gestopt "
                "(een trage git-hook, een vergrendelde repository?)"
            ) from None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


GIT_TIMEOUT = 120  # seconds for one git command


def repository() -> Path:
    """The top of the git work tree the command runs in."""
    try:
        result = git(["rev-parse", "--show-toplevel"], Path.cwd())
    except (OSError, subprocess.SubprocessError):
        raise SitediffError("git is niet beschikbaar; geef twee gebouwde mappen in plaats van refs") from None
    if result.returncode != 0:
        raise SitediffError("dit is geen git-repository; geef twee gebouwde mappen in plaats van refs")
    return Path(result.stdout.strip())


def resolve(ref: str, repo: Path) -> str | None:
    """The commit a ref names, or None (never read as an option of git)."""
    result = git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], repo)
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else None


def commit_of(ref: str, repo: Path) -> str:
    """The commit a ref names; SitediffError when it names none."""
    commit = resolve(ref, repo)
    if commit is None:
        raise SitediffError(f"'{ref}' is geen map en geen commit in deze repository (git rev-parse)")
    return commit


def written_as_path(label: str) -> bool:
    """Whether an argument is written as a path (./x, ../x, /x): then it is a folder, never a ref."""
    return label in (".", "..") or label.startswith(("./", "../", "/"))


def refuse_ambiguous(sides: list[Side]) -> None:
    """A folder given by a bare name that is also a commit here (a folder `HEAD`, `main` or `v1.0` in
    the checkout) is refused: which of the two the reader meant cannot be told."""
    bare = [side for side in sides if side.source == "folder" and not written_as_path(side.label)]
    if not bare:
        return
    try:
        repo = repository()
    except SitediffError:  # no git here: a folder cannot shadow a ref
        return
    for side in bare:
        if resolve(side.label, repo) is not None:
            raise SitediffError(
                f"'{side.label}' is zowel een map als een commit in deze repository; schrijf ./{side.label} "
                f"voor de map of {side.label}^{{commit}} voor de commit"
            )


def commit_time(commit: str, repo: Path) -> int:
    return int(git(["show", "-s", "--format=%ct", commit], repo).stdout.strip())


def build_env(epoch: int | None, cache: Path, temp: Path) -> dict[str, str]:
    """The environment of one side's build: the same date on both sides, a cache and a folder for
    temporary files of its own (both in the scratch folder, removed with it even when the build is
    killed), and no PYTHONPATH (the side's own macros/ must be the one that runs)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["WAARDEVOL_WERK_CACHE"] = str(cache)
    env["TMPDIR"] = str(temp)
    env[MEMORY_ENV] = ""  # nothing in /dev/shm either: a build stopped at its deadline is killed
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return env


def failure_lines(output: str, scratch: Path) -> list[str]:
    """What a failed build said about its failure, without progress lines or this run's temporary paths."""
    lines = []
    for line in output.splitlines():
        line = line.rstrip().replace(str(scratch), "…")
        if line and not NOT_MESSAGES.search(line):
            lines.append(shorten(line, 2000))
    if len(lines) > MAX_MESSAGES:
        lines = [*lines[: MAX_MESSAGES - 1], f"… en nog {len(lines) - MAX_MESSAGES + 1} regels"]
    return lines or ["de build stopte zonder melding"]


def build_refs(
    sides: list[Side], repo: Path, config_rel: str, scratch: Path, keep: Path | None, epoch: int | None
) -> None:
    """Check each ref's commit out in a worktree of its own and build both at once, each with its own code."""
    running = []
    try:  # a stop while the head's worktree is added ends the base's build too
        for side in sides:
            assert side.commit is not None
            work = scratch / f"{side.name}-tree"
            added = git(["worktree", "add", "--detach", str(work), side.commit], repo)
            if added.returncode != 0:
                side.failure, side.messages = "build-failed", failure_lines(added.stderr, scratch)
                continue
            if not (work / config_rel).is_file():
                side.failure, side.messages = "build-failed", [f"{config_rel} bestaat niet in deze versie"]
                continue
            target = (keep / side.name) if keep is not None else scratch / f"{side.name}-site"
            temp = scratch / f"{side.name}-tmp"
            temp.mkdir()
            log = (scratch / f"{side.name}.log").open("w+", encoding="utf-8")
            with signals_held():
                process = subprocess.Popen(
                    [sys.executable, "-m", "macros", "build", "-f", config_rel, "-d", str(target)],
                    cwd=work,
                    env=build_env(epoch, scratch / f"{side.name}-cache", temp),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,  # a process group of its own: stopped with the engine it starts
                    preexec_fn=_unblock_stop_signals,
                )
                running.append((side, process, log, target))
        deadline = time.monotonic() + BUILD_TIMEOUT  # one for both: they run at once
        for side, process, log, target in running:
            while process.poll() is None and time.monotonic() < deadline:
                raise_if_stopped()
                with suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=min(0.5, max(0.0, deadline - time.monotonic())))
            if process.poll() is None:
                stop_group(process)
                log.write(f"\nde build duurde langer dan {BUILD_TIMEOUT // 60} minuten en is gestopt\n")
            log.seek(0)
            said = log.read()
            if process.returncode == 0 and target.is_dir():
                side.tree = target
            else:
                side.failure, side.messages = "build-failed", failure_lines(said, scratch)
    finally:  # also on Ctrl-C or Stopped: no build runs on in a worktree about to be removed
        for _, process, log, _ in running:
            if process.poll() is None:
                stop_group(process)
            log.close()


DEFERRED = (signal.SIGINT, *STOP_SIGNALS)  # held back while a process starts (Ctrl-C too)


@contextmanager
def signals_held() -> Iterator[None]:
    """A stop signal waits until the block has run (a process started and known to its caller: one
    arriving in between would otherwise leave a process nobody stops; the cleanup, which a stop
    would cut short). A process started within starts with the signals unblocked
    (preexec_fn=_unblock_stop_signals). Nested blocks hold them until the outer one ends."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _unblock_stop_signals() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, DEFERRED)


def stop_group(process: subprocess.Popen[Any]) -> None:
    """End a process that still runs (a build, git), with every process it started (its process
    group), and wait until none of them runs, so none runs on in a worktree about to be removed."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while group_runs(process.pid) and time.monotonic() < deadline:  # the engine and the forked readers
        time.sleep(0.02)


ENDED = ("Z", "X")  # the states of a zombie and of a process being removed


def group_runs(pgid: int) -> bool:
    """Whether a process of the group still runs. A killed child of the build, now a child of
    init, stays in the group as a zombie until init collects it (1-2 s in some containers), but
    a zombie runs nothing and holds no folder open. A process whose main thread has ended while
    another thread still runs shows as a zombie too: its threads are looked at. Where /proc
    cannot tell (no /proc, or one that shows no member of the group), every member counts."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    members = 0
    for pid in (entry for entry in _entries("/proc") if entry.isdigit()):
        seen = state_and_group(f"/proc/{pid}/stat")
        if seen is None or seen[1] != pgid:
            continue
        members += 1
        if seen[0] not in ENDED or any(
            (task := state_and_group(f"/proc/{pid}/task/{tid}/stat")) is not None and task[0] not in ENDED
            for tid in _entries(f"/proc/{pid}/task")
        ):
            return True
    return members == 0


def _entries(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:  # no /proc; a process gone meanwhile
        return []


def state_and_group(stat_file: str) -> tuple[str, int] | None:
    """The state letter (R, S, D, Z for a zombie...) and process group in a /proc stat file (of a
    process, /proc/<pid>/stat, or of one of its threads); None if it is gone."""
    try:
        stat = Path(stat_file).read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    state, _parent, group = stat[stat.rindex(")") + 2 :].split()[:3]  # after the name, which may hold anything
    return state, int(group)


def verify_tree(side: Side, config: SiteConfig) -> None:
    """The output gate over a folder given as built: a side it refuses is not compared."""
    from .verify import verify_site

    assert side.tree is not None
    problems = verify_site(side.tree, site_url=config.site_url, demo=config.demo, label=side.name)
    if problems:
        side.failure = "verify"
        side.messages = [shorten(p, 2000) for p in problems[:MAX_MESSAGES]]


def sitediff(base: str, head: str, config_file: Path, keep: Path | None = None) -> dict[str, Any]:
    """The report (as report.json holds it) of what changes between BASE and HEAD."""
    sides = [Side("base", base), Side("head", head)]
    keep = Path(os.path.abspath(keep)) if keep is not None else None
    config_path = Path(os.path.abspath(config_file))
    for side in sides:
        if Path(side.label).is_dir():
            side.source, side.tree = "folder", Path(side.label)
    refuse_ambiguous(sides)
    refs = [side for side in sides if side.source == "ref"]
    repo = repository() if refs else None
    if repo is not None:
        if not config_path.resolve().is_relative_to(repo.resolve()):
            raise SitediffError(f"{config_file}: de configuratie ligt niet in de repository")
        for side in refs:
            side.commit = commit_of(side.label, repo)
    epoch_text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch: int | None = int(epoch_text) if epoch_text.isdigit() else None
    if epoch is None and repo is not None:  # the head's commit time (the base's when only the base is a ref)
        epoch = commit_time(next(side.commit for side in reversed(sides) if side.commit), repo)
    if len(refs) < len(sides):  # a built folder: read with the configuration of this checkout
        try:
            config = SiteConfig.load(config_path)
        except ConfigError as error:
            raise SitediffError(str(error)) from None
        for side in sides:
            if side not in refs:
                verify_tree(side, config)
        if not refs:
            epoch = None  # built elsewhere: the report cannot say with which date
    config_label = posix_relpath(config_path, repo) if repo is not None else config_file.as_posix()
    scratch: Path | None = None
    try:
        scratch = Path(tempfile.mkdtemp(prefix="sitediff-"))
        if refs:
            assert repo is not None
            build_refs(refs, repo, config_label, scratch, keep, epoch)
        report: dict[str, Any] = {
            "version": sitereport.VERSION,
            "config": config_label,
            "source_date_epoch": epoch,
            "base": sides[0].meta(),
            "head": sides[1].meta(),
        }
        failed = [side for side in sides if side.failure is not None]
        if failed:
            empty: dict[str, list[Any]] = {name: [] for name in sitereport.SECTIONS}
            warnings = [
                {"kind": side.failure, "side": side.name, "path": None, "messages": side.messages} for side in failed
            ]
            report |= {**empty, "warnings": warnings}
        else:
            assert sides[0].tree is not None and sides[1].tree is not None
            report |= compare_sites(sides[0].tree, sides[1].tree)
    finally:
        with signals_held():  # a stop (or a second one) waits until everything is removed
            if repo is not None and scratch is not None:
                # Each side's, also one that git was stopped adding: it may have no folder yet, and is
                # still locked (twice --force). Where git has none, it says so and does nothing.
                for side in refs:
                    git(["worktree", "remove", "--force", "--force", str(scratch / f"{side.name}-tree")], repo)
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
    return sitereport.validate(sitereport.fit(report))


def write_report(report: dict[str, Any], out: Path, preview: str | None) -> tuple[Path, Path]:
    """DIR/report.json and DIR/report.md (never through a symbolic link)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n"),
        ("report.md", sitereport.render_markdown(report, preview)),
    ):
        path = out / name
        if path.is_symlink():
            raise SitediffError(f"{path} is een symbolische link; er is niets geschreven")
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written[0], written[1]
