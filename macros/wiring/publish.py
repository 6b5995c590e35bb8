"""Build the site safely: into a fresh folder, moved into place only when everything succeeded.

Stock `mkdocs build` empties the output folder before it builds and, with `--strict`, aborts
only after writing every page, so a failed build leaves no site at all, and a `site_dir`
pointing at the wrong folder gets wiped. Here:

    1. refuse a target that holds sources, whatever marker it carries (`refuse_sources`): one
       that is, contains or lies inside docs_dir, a content folder, demo/ or macros/; one that
       is or contains the repository root or the home folder; one holding mkdocs.yml or .git,
       or files git tracks; `/` and the folders directly in it;
    2. refuse a symlinked target, and an existing one without our marker (MARKER);
    3. remove leftovers of killed builds beside the target and in memory (`clean_leftovers`);
    4. in a new temporary folder beside the target (same file system), which carries a pid file
       (PID_FILE) while the build runs: check and export the site (export.py; its docs tree goes
       into memory where there is room, see memory_place, in a folder with the same pid file), build the export
       with the engine in its own process (MkDocs by default; ProperDocs or Zensical) while this
       one reads the files the engine will copy as they are, and run the output gate over the
       result (verify.py, which also corrects the one piece of invalid HTML Material writes);
    5. on any failure, a problem found by the gate included: remove that temporary folder, leave
       the target byte for byte as it was;
    6. on success: mark the new site as ours and swap it with the target in one step
       (`swap_in`: renameat2(RENAME_EXCHANGE) on Linux), so a complete `site/` exists at every
       moment; then delete the temporary folder, which now holds the old site. Symlinks are never
       followed while deleting.

Where renameat2 is unavailable (not Linux, an old kernel or glibc, a file system without
RENAME_EXCHANGE) the swap falls back to two renames: target -> `.<name>-old-*`, new -> target;
a crash between those two leaves no target, only `.<name>-old-*` (complete, marked), which the
next build cleans up after publishing anew.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import logging
import multiprocessing
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

from ..base.relpaths import posix_relpath

T = TypeVar("T")

MARKER = ".waardevol-werk-build"
MARKER_TEXT = "Deze map is gemaakt door `python -m macros build`; hij mag in zijn geheel worden vervangen.\n"
PID_FILE = ".waardevol-werk-build.pid"  # in a temporary folder while its build runs
CONTENT_DIRS = ("experiments", "lectures", "publications")
PROJECT_FILES = (".git", "mkdocs.yml", "mkdocs.yaml")

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


class PublishError(Exception):
    """The build could not be published; the message says why and what to do."""


# --- what may be replaced ------------------------------------------------------------------------


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _chain(path: Path) -> set[tuple[int, int]]:
    """Identities of `path` and every existing folder above it (by inode: immune to case
    folding, symlinks and `..`)."""
    ids = set()
    for folder in (path, *path.parents):
        ident = _identity(folder)
        if ident is not None:
            ids.add(ident)
    return ids


def _git_top(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _tracked_files(top: Path, target: Path) -> bool:
    """Whether git tracks any file in `target` (inside the work tree `top`)."""
    try:
        result = subprocess.run(
            ["git", "ls-files", "-z", "--", target.relative_to(top).as_posix() or "."],
            cwd=top,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return False
    return result.returncode == 0 and bool(result.stdout)


def refuse_sources(target: Path, project: Path, docs_dir: Path, content_root: Path) -> None:
    """Raise PublishError when `target` (absolute) holds sources of the project.

    Whatever marker it carries: a marker is one file anyone can plant."""

    def refuse(why: str) -> None:
        raise PublishError(
            f"{target}: {why}; de site wordt daar niet neergezet en er wordt niets verwijderd. "
            "Kies een eigen map voor de site, zoals site/"
        )

    if len(Path(os.path.abspath(target)).parts) <= 2:
        refuse("dit is de hoofdmap van het bestandssysteem of een map direct daarin")
    top = _git_top(project)
    outer = {project: "de map van het project (met mkdocs.yml)", Path.home(): "je thuismap"}
    if top is not None:
        outer[top] = "de git-repository"
    inner = {
        docs_dir: "de docs-map",
        Path(__file__).resolve().parents[1]: "de map macros/ van de generator",
        project / "macros": "de map macros/",
        project / "demo": "de inhoud van de voorbeeldsite (demo/)",
    }
    for base in {project, content_root}:
        for name in CONTENT_DIRS:
            inner[base / name] = f"een inhoudsmap ({name}/)"
    if _identity(content_root) != _identity(project):
        inner[content_root] = "de inhoudsmap (content_root)"
    target_chain = _chain(target)
    target_id = _identity(target)
    for folder, what in {**outer, **inner}.items():
        if target_id is not None and target_id in _chain(folder):
            refuse(f"dit is of bevat {what}")
    for folder, what in inner.items():
        ident = _identity(folder)
        if ident is not None and ident in target_chain:
            refuse(f"deze map ligt in {what}")
    if target_id is not None:
        for name in PROJECT_FILES:
            if os.path.lexists(target / name):
                refuse(f"deze map bevat {name}: er staat een project in")
    if top is not None and target.exists() and Path(os.path.realpath(target)).is_relative_to(os.path.realpath(top)):
        if _tracked_files(Path(os.path.realpath(top)), Path(os.path.realpath(target))):
            refuse("deze map bevat bestanden die in git staan")


def _has_marker(folder: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise PublishError(f"{target}: is een symbolische link; de site wordt daar niet neergezet")
    if target.exists() and not _has_marker(target):
        if target.is_dir() and not any(target.iterdir()):
            return
        raise PublishError(
            f"{target}: deze map is niet door deze generator gemaakt (het bestand {MARKER} "
            "ontbreekt); kies een andere map of ruim hem zelf op"
        )


# --- leftovers of killed builds ------------------------------------------------------------------


def claim(folder: Path) -> int:
    """Write this build's pid file into `folder` and hold a lock on it while the build runs (until
    the returned descriptor is closed, or the process ends). A pid means nothing in another pid
    namespace (containers that share /dev/shm or a folder); the lock does: `_pid_alive` asks it first."""
    fd = os.open(folder / PID_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # before the pid is written: an empty pid file is never a leftover
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _locked(path: Path) -> bool:
    """Whether a running build holds the lock on this pid file (`claim`)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def _pid_alive(folder: Path) -> bool | None:
    """True/False for the build that wrote the folder's pid file; None without a readable one."""
    path = folder / PID_FILE
    if _locked(path):
        return True
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        pid = int(path.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def is_leftover(entry: Path, prefixes: tuple[str, ...]) -> bool:
    """A folder that a killed build of ours left behind.

    Only our naming pattern (beside the target `.<name>-new-*`, `.<name>-old-*`; in memory
    MEMORY_PREFIX), a real folder (not a symlink) owned by us, and either our marker (a finished
    build) or the pid file of a process that no longer runs (a build killed half-way). A folder
    whose build still runs is left alone."""
    if not entry.name.startswith(prefixes):
        return False
    try:
        info = os.lstat(entry)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False
    alive = _pid_alive(entry)
    if alive:
        return False
    return alive is False or _has_marker(entry)


def clean_leftovers(target: Path, guard=None) -> list[Path]:
    """Remove leftovers of killed builds beside `target` and in memory; returns what was removed."""
    removed: list[Path] = []
    entries: list[tuple[Path, tuple[str, ...]]] = []
    places: tuple[tuple[Path, tuple[str, ...]], ...] = (
        (target.parent, (f".{target.name}-new-", f".{target.name}-old-")),
        *(((memory, (MEMORY_PREFIX,)),) if (memory := memory_place()) else ()),
    )
    for folder, prefixes in places:
        try:
            entries += [(entry, prefixes) for entry in folder.iterdir()]
        except OSError:  # no such folder, or not ours to read: nothing of ours to clean there
            continue
    for entry, prefixes in sorted(entries):
        if is_leftover(entry, prefixes):
            if guard is not None:
                try:
                    guard(entry)
                except PublishError:
                    continue
            remove_tree(entry)
            removed.append(entry)
    return removed


# The export's docs tree is scratch that the engine only reads (5,100 files at N = 1,000). Written into
# memory (a tmpfs) it costs no disk writes: at N = 1,000 on this project's 2-core machine, writing it
# took 2.1-2.4 s on ext4 and 0.2 s in /dev/shm (bench/RESULTS.md). Only where that file system has room
# for twice the tree, in bytes and in files (Docker's /dev/shm is 64 MB), and for the engines that
# accept a docs_dir elsewhere; else, or when it fills up while the tree is written, the tree goes
# beside the target as the rest of the build. Its folder there carries the build's locked pid file
# (`claim`), so the next build removes what a killed one left. WAARDEVOL_WERK_MEMORY names another
# folder, or none when empty (sitediff: it kills its builds, and keeps all they write in its scratch).
MEMORY_ENV = "WAARDEVOL_WERK_MEMORY"
MEMORY_PREFIX = ".waardevol-werk-export-"
MEMORY_ENGINES = ("mkdocs", "properdocs")  # Zensical wants docs_dir inside the folder of its configuration


def memory_place() -> Path | None:
    value = os.environ.get(MEMORY_ENV, "/dev/shm")
    return Path(value) if value else None


def memory_folder(sizes: list[int]) -> tuple[Path, int] | None:
    """A new folder in memory for files of these sizes, with this build's claimed pid file (and the
    lock's descriptor); None where there is no room for twice them, or no such file system."""
    place = memory_place()
    if place is None:
        return None
    try:
        room = os.statvfs(place)
        block = room.f_frsize or 4096
        need = sum(-(-max(size, 1) // block) * block for size in sizes)  # whole blocks, one at least
        if not stat.S_ISDIR(os.lstat(place).st_mode):
            return None
        if room.f_bavail * block < 2 * need or (room.f_files and room.f_favail < 2 * len(sizes) + 10):
            return None
        folder = Path(tempfile.mkdtemp(prefix=MEMORY_PREFIX, dir=place))
    except OSError:
        return None
    try:
        return folder, claim(folder)
    except OSError:
        remove_tree(folder)
        return None


def remove_tree(path: Path) -> None:
    """Delete a folder we made; symlinks inside are removed as links, never followed. What another
    process removes meanwhile (a concurrent build's cleanup of leftovers, the build's own cleaner of
    the export) is no error, and the rest is still removed."""
    try:
        if path.is_symlink():
            path.unlink()
            return
        shutil.rmtree(path, onerror=_gone_already)  # rmtree does not follow symlinks (and refuses a symlinked root)
    except FileNotFoundError:
        pass  # a concurrent build cleaned it up as a leftover


def _gone_already(function: Callable[..., Any], path: str, info: Any) -> None:
    if not isinstance(info[1], FileNotFoundError):
        raise info[1]


def _remove_in_child(*paths: Path) -> None:
    """`remove_tree` in a forked process; Ctrl-C is the build's to handle (it waits for this one)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for path in paths:
        remove_tree(path)


SPREAD_REMOVAL_FROM = 300  # folders two levels down; below that a second process costs more than it saves


def remove_big_tree(path: Path) -> None:
    """`remove_tree`, on both cores for a big tree: the folders two levels down are dealt between
    this process and a forked one. At N = 1,000 an old site (5,152 files) took 0.57-0.63 s so,
    against 0.75-1.0 s in one process (ext4). Links are never followed (`os.scandir` entries)."""
    parts: list[Path] = []
    try:
        for entry in os.scandir(path):
            if entry.is_dir(follow_symlinks=False):
                parts += [Path(e.path) for e in os.scandir(entry.path) if e.is_dir(follow_symlinks=False)]
    except OSError:
        parts = []
    if len(parts) < SPREAD_REMOVAL_FROM or (os.cpu_count() or 1) < 2:
        remove_tree(path)
        return
    helper = multiprocessing.get_context("fork").Process(target=_remove_in_child, args=tuple(parts[1::2]))
    helper.start()
    try:
        for part in parts[::2]:
            remove_tree(part)
    finally:
        helper.join()
    remove_tree(path)


# --- the swap ------------------------------------------------------------------------------------

_renameat2 = None


def _load_renameat2():
    global _renameat2
    if _renameat2 is None:
        _renameat2 = False
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            func = libc.renameat2
        except (OSError, AttributeError):
            return False
        func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        func.restype = ctypes.c_int
        _renameat2 = func
    return _renameat2


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths (renameat2 RENAME_EXCHANGE); False where the system
    cannot (then nothing happened), OSError for any other failure."""
    func = _load_renameat2()
    if not func:
        return False
    if func(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_in(new: Path, target: Path) -> Path | None:
    """Put the folder `new` at `target`; returns the folder that now holds the old site (to be
    deleted), or None when there was none. With RENAME_EXCHANGE a complete site is at `target`
    at every moment, and the old one ends up at `new`'s path."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if exchange(new, target):
        return new
    old = target.parent / f".{target.name}-old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(target, old)  # from here until the next line there is no target (documented above)
    os.rename(new, target)
    return old


# --- the build -----------------------------------------------------------------------------------


ENGINES = ("mkdocs", "properdocs", "zensical")


# MkDocs and ProperDocs are Python: their process starts while the export is still being written,
# imports the engine and its plugins (half a second at every size), then waits for the word to go.
# Whatever goes wrong before that word, the process ends without building (EOF on its stdin).
PRESTART = """
import importlib, sys
engine = sys.argv[1]
cli = importlib.import_module(engine + ".__main__").cli
for module in (engine + ".commands.build", "material.plugins.search.plugin", "material.plugins.blog.plugin"):
    try:
        importlib.import_module(module)
    except ImportError:
        pass
if sys.stdin.readline().strip() != "go":
    sys.exit(3)
sys.argv = [engine, *sys.argv[2:]]
cli()
"""


def engine_command(engine: str, config: Path) -> list[str]:
    """The command that builds the export's configuration with `engine` (into the export's site/);
    for MkDocs and ProperDocs one that starts at once and builds on the word "go" (PRESTART)."""
    if engine not in ENGINES:
        raise PublishError(f"onbekend bouwprogramma '{engine}'; kies uit {', '.join(ENGINES)}")
    if engine == "zensical":
        program = shutil.which("zensical", path=os.path.dirname(sys.executable)) or shutil.which("zensical")
        if program is None:
            raise PublishError("zensical is niet geïnstalleerd (pip install zensical)")
        return [program, "build", "--strict", "-f", str(config)]
    return [
        sys.executable,
        "-c",
        PRESTART,
        engine,
        "build",
        "--strict",
        "-f",
        str(config),
        "-d",
        str(config.parent / "site"),
    ]


class Engine:
    """The engine's process, started before the export it will build is written (`start`), told to
    build once it is (`run`); `stop` ends a process that was never told."""

    def __init__(self, engine: str, config: Path) -> None:
        self.name, self.config = engine, config
        self.said = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by run or stop)
        self.waits = engine != "zensical"
        self.process: subprocess.Popen | None = None
        config.parent.mkdir(parents=True, exist_ok=True)
        if self.waits:
            self.process = self._spawn()

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen(
            engine_command(self.name, self.config),
            cwd=self.config.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdin=subprocess.PIPE if self.waits else subprocess.DEVNULL,
            stdout=self.said,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def run(self, meanwhile: Callable[[Callable[[float], bool]], T]) -> tuple[Path, T]:
        """Build, and run `meanwhile(running)` in this process while the engine does (`running(s)`
        waits up to s seconds for it to end and tells whether it still runs); the engine's output
        folder and what `meanwhile` gave, or PublishError with what the engine said."""
        if self.process is None:
            self.process = self._spawn()
        else:
            try:
                assert self.process.stdin is not None
                self.process.stdin.write("go\n")
                self.process.stdin.close()
            except OSError:  # it ended already; what it said tells why
                pass
        process = self.process

        def running(seconds: float) -> bool:
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=seconds)
            return process.returncode is None

        try:
            done = meanwhile(running)
        finally:
            process.wait()
        self.said.seek(0)
        said = [line for line in self.said.read().splitlines() if _worth_showing(line)]
        self.said.close()
        if process.returncode != 0 or not (self.config.parent / "site").is_dir():
            raise PublishError(
                "\n".join([*said[-40:], f"{self.name} kon de site niet bouwen (code {process.returncode})"])
            )
        for line in said:
            logging.getLogger("mkdocs").warning("%s: %s", self.name, line.strip())
        return self.config.parent / "site", done

    def stop(self) -> None:
        """End a started process that was never told to build (a content problem, Ctrl-C)."""
        if self.process is not None and self.process.returncode is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.said.close()


def _release(locks: list[int]) -> None:
    for fd in locks:
        os.close(fd)
    locks.clear()


def _worth_showing(line: str) -> bool:
    """An engine's warnings and errors; not its progress lines."""
    return bool(line.strip()) and ("WARNING" in line or "ERROR" in line or "Error" in line or "Aborted" in line)


def build(config_file: Path, site_dir: Path | None = None, engine: str = "mkdocs") -> Path:
    """check -> export -> engine build -> verify -> atomic publish of the site into `site_dir`.

    Nothing is published unless every step succeeds: a content problem raises ContentError, an
    engine failure or a problem in the output (verify.py) PublishError; the target is then
    untouched and the temporary folder removed."""
    from .config import SiteConfig
    from .export import ENGINE_CONFIG, write_export
    from .verify import Known, Sources, read_ahead, read_while, verify_site

    config = SiteConfig.load(config_file)
    given = Path(os.path.abspath(site_dir or config.site_dir))
    project = config.project
    docs_dir = Path(os.path.abspath(config.docs_dir))
    content_root = Path(os.path.abspath(config.content_root))

    def guard(path: Path) -> None:
        refuse_sources(path, project, docs_dir, content_root)

    guard(given)  # before anything else: nothing is created or deleted beside a refused target
    _check_target(given)  # before resolving: a symlinked site folder is refused, not followed
    target = given.resolve()
    guard(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target, guard)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    log = logging.getLogger("mkdocs")
    engine_process: Engine | None = None
    cleaner: multiprocessing.process.BaseProcess | None = None
    memory: Path | None = None
    locks: list[int] = []  # the claimed pid files' descriptors, closed when the build ends

    def docs_at(sizes: list[int]) -> Path | None:
        """Where the export's docs tree goes: a folder in memory where there is room, else None
        (the scratch folder). Zensical refuses a docs_dir outside its configuration's folder."""
        nonlocal memory
        claimed = memory_folder(sizes) if engine in MEMORY_ENGINES else None
        if claimed is None:
            return None
        memory = claimed[0]
        locks.append(claimed[1])
        return memory / "docs"

    try:
        locks.append(claim(scratch))

        def start_engine() -> None:
            """Once the content check has passed: the engine imports itself while the pages are
            rendered and written (a content mistake starts no engine at all)."""
            nonlocal engine_process
            engine_process = Engine(engine, scratch / "export" / ENGINE_CONFIG)

        export = write_export(config, scratch / "export", checked=start_engine, docs_at=docs_at)
        assert engine_process is not None  # started by write_export once the check passed
        for note in export.notes:
            log.info(note)
        copied = [f.path for f in export.files if not f.path.endswith(".md")]  # the engine copies these as they are
        pages = [f.published for f in export.files if f.path.endswith(".md")]  # and writes these

        sources = Sources.load(export.folder / "sources.json", project, posix_relpath(content_root, project))
        url, demo, public = config.site_url, config.demo, sources.public

        def ahead(running: Callable[[float], bool]) -> tuple[Known, float]:
            """The gate beside the engine: the files it copies, then the pages it has written; the
            CPU time this took (the engine has the other core; waiting for pages costs none)."""
            started = time.process_time()
            known = read_ahead(export.docs, copied, site_url=url, demo=demo, public=public)
            read_while(running, export.folder / "site", known, pages, site_url=url, demo=demo, public=public)
            return known, time.process_time() - started

        new, (known, beside) = engine_process.run(ahead)
        new.chmod(0o755)
        after = time.perf_counter()
        # The export's docs tree is not needed once the engine has run: removed beside the gate (at
        # N = 1,000 its 5,000 files took 0.4 s after the swap).
        cleaner = multiprocessing.get_context("fork").Process(target=_remove_in_child, args=(export.docs,))
        try:
            cleaner.start()
            problems = verify_site(
                new,
                site_url=config.site_url,
                demo=config.demo,
                sources=sources,
                label=target.name,
                known=known,
                fix_tabindex=True,
            )
        finally:
            cleaner.join()  # before anything else removes the scratch folder
        log.info(
            "Uitvoer gecontroleerd in %.2f s (verify; %.2f s daarvan naast het bouwprogramma)",
            beside + (time.perf_counter() - after),
            beside,
        )
        if problems:
            raise PublishError(
                "\n".join(problems)
                + f"\n{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'} in wat de site zou "
                "publiceren; er is niets gepubliceerd."
            )
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        guard(target)  # the folders may have changed during the build
        _check_target(target)
    except BaseException:  # ContentError, PublishError, any error, Ctrl-C
        if engine_process is not None:
            engine_process.stop()
        if cleaner is not None and cleaner.pid is not None:  # interrupted while it still removes
            cleaner.kill()
            cleaner.join()
        try:
            remove_tree(scratch)
        finally:
            if memory is not None:
                remove_tree(memory)
            _release(locks)
        raise
    # From here the scratch folder is a finished build's (marked, no pid): killed after the swap,
    # the next build removes it as a leftover.
    (scratch / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    os.unlink(scratch / PID_FILE)
    old = swap_in(new, target)
    if old is not None and old.exists():
        remove_big_tree(old)  # the old site: in the scratch folder (the exchange), or beside it
    remove_tree(scratch)  # the rest of the export
    if memory is not None:
        remove_tree(memory)  # its pid file (the cleaner removed the docs tree)
    _release(locks)
    log.info("Site gepubliceerd in %s", target)
    return target
