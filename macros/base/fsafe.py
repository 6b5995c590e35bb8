"""File-system safety: what content may be read, and how commands write.

Policy (the same for every loader, the news posts, the files copied beside a record and docs/):

- Only regular files and folders are read. A named pipe (FIFO), a device or a socket is
  refused with a message, without ever being opened: `open()` on a FIFO would block forever.
  Every file is checked with lstat first and then opened with O_NONBLOCK | O_NOFOLLOW, and
  fstat'ed again, so a file swapped for something else between the two steps is refused too.
- A content file, an experiment folder and a file kept beside a record (PDF, slides) must be
  the real thing: a symbolic link there is refused even when it points inside the repository.
- A content *folder* (experiments/, lectures/, publications/, docs/actueel/posts/, the content
  root itself) may be a symbolic link to another place inside the repository; one that leads
  outside it is refused, and nothing in it is read.

Commands that write (`new`, `import`, `schemas`) never write through a symbolic link: each
folder below the root is opened with O_NOFOLLOW (no check-then-use gap), and the file is
created with O_EXCL, or written to a fresh temporary file that is renamed over the old one.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from .problems import Problems
from .relpaths import posix_relpath

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
O_BINARY = getattr(os, "O_BINARY", 0)

SYMLINK_FILE = "dit bestand is een symbolische link; zet de inhoud zelf in de map"


def kind_name(mode: int) -> str | None:
    """Dutch name of what a file is when it is not a regular file or folder, else None."""
    if stat.S_ISFIFO(mode):
        return "een named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaatbestand"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISLNK(mode):
        return "een symbolische link"
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISREG(mode):
        return None
    return "geen gewoon bestand"  # pragma: no cover - door, whiteout, ...


def not_regular_message(mode: int) -> str:
    return (
        f"dit is geen gewoon bestand maar {kind_name(mode)}; zet er een gewoon bestand met de inhoud neer, "
        "of haal het weg"
    )


class NotRegular(OSError):
    """Opened something that is not a regular file (a race with the lstat check)."""

    def __init__(self, mode: int):
        super().__init__(errno.EINVAL, f"geen gewoon bestand maar {kind_name(mode)}")
        self.mode = mode


def open_regular(path: Path | str) -> BinaryIO:
    """Open a regular file for reading without following a final symlink and without blocking
    on a FIFO; raises NotRegular when it turns out not to be a regular file."""
    fd = os.open(path, os.O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_BINARY)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(mode)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: Path | str, limit: int) -> bytes:
    """Up to `limit` bytes of a regular file, opened as `open_regular` does (no final symlink
    followed, never blocking on a FIFO); raises NotRegular or OSError."""
    fd = os.open(path, os.O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_BINARY)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular(status.st_mode)
        # Asked for the size it has now (and a byte more): os.read makes a buffer of the size asked
        # for, and asking `limit` (256 KiB) for every small record cost more than the reading.
        # A file that grows meanwhile is read on in steps, up to `limit` all the same.
        chunks, left, step = [], limit, status.st_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, step))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            step = 65536
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_within(path: Path | str, boundary: Path | str) -> bool:
    """Whether `path`, every symlink resolved, lies in (or is) `boundary`, resolved too."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(boundary))


def escapes(path: Path, boundary: Path) -> Path | None:
    """Where `path` really is when that is outside `boundary` (through a symlink), else None."""
    if not os.path.lexists(path) or is_within(path, boundary):
        return None
    return Path(os.path.realpath(path))


def boundary_of(root: Path, base: Path | None) -> Path:
    """The folder nothing read may leave: the repository (`base`) when the content root lies in
    it, else the content root itself (`check --root` on a tree elsewhere)."""
    root_abs = Path(os.path.abspath(root))
    if base is not None:
        base_abs = Path(os.path.abspath(base))
        if root_abs.is_relative_to(base_abs):
            return base_abs
    return root_abs


def refuse_outside_folder(folder: Path, rel: str, boundary: Path, problems: Problems) -> bool:
    """Record a problem and return True when a content folder leads outside the repository."""
    real = escapes(folder, boundary)
    if real is None:
        return False
    problems.add(
        rel,
        1,
        "-",
        f"deze map is een symbolische link naar {real}, buiten de repository; zet de "
        f"bestanden zelf in {rel}/ (er is niets uit gelezen)",
    )
    return True


def sibling_problem(path: Path) -> str | None:
    """Why a file kept beside a record may not be published: 'missing', 'symlink', or a
    Dutch message for a FIFO, device, socket or folder; None for a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "missing"
    if stat.S_ISLNK(mode):
        return "symlink"
    if not stat.S_ISREG(mode):
        return not_regular_message(mode)
    return None


# --- writing -----------------------------------------------------------------------------------


class UnsafeWrite(Exception):
    """A write that would go through a symbolic link (or onto something that is not a file)."""

    def __init__(self, rel: str, message: str):
        super().__init__(f"{rel}:1: -: {message}")
        self.rel = rel


def _open_dir(name: str, dir_fd: int | None, rel: str, create: bool) -> int:
    flags = os.O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
    try:
        return os.open(name, flags, dir_fd=dir_fd)
    except FileNotFoundError:
        if not create:
            raise
        os.mkdir(name, 0o777, dir_fd=dir_fd)
        return os.open(name, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            try:
                mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
            except OSError:
                mode = 0
            what = "een symbolische link" if stat.S_ISLNK(mode) else "geen map"
            raise UnsafeWrite(
                rel, f"deze map is {what}; er wordt niet doorheen geschreven. Vervang hem door een gewone map"
            ) from None
        raise


def check_write_path(root: Path, rel: str, folder: bool = False) -> None:
    """Refuse (UnsafeWrite) when a folder of `rel` below `root`, or the file itself, is a symbolic
    link, or the file is not a regular file (`folder`: `rel` names a folder)."""
    current = Path(root)
    parts = rel.split("/")
    for index, name in enumerate(parts):
        current = current / name
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        where = "/".join(parts[: index + 1])
        is_file = index == len(parts) - 1 and not folder
        if stat.S_ISLNK(mode):
            what = "dit bestand" if is_file else "deze map"
            raise UnsafeWrite(
                where,
                f"{what} is een symbolische link; er wordt niet doorheen geschreven. "
                "Vervang de link door een gewone map of een gewoon bestand",
            )
        if is_file and not stat.S_ISREG(mode):
            raise UnsafeWrite(where, not_regular_message(mode))
        if not is_file and not stat.S_ISDIR(mode):
            raise UnsafeWrite(where, "dit is geen map; haal het weg of hernoem het")


def write_file(root: Path, rel: str, data: bytes, overwrite: bool = False) -> Path:
    """Write `root/rel` (a '/'-separated path), creating its folders, never through a symlink.

    Without `overwrite` an existing file raises FileExistsError (O_EXCL: no race); with it the
    data goes to a new temporary file beside it that then replaces it (rename never follows the
    link it replaces, and readers never see half a file)."""
    check_write_path(root, rel)
    parts = rel.split("/")
    if os.open not in os.supports_dir_fd or not O_NOFOLLOW:  # pragma: no cover - Windows
        path = Path(root, *parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not overwrite:
            raise FileExistsError(path)
        path.write_bytes(data)
        return path
    fd = os.open(root, os.O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    try:
        for index, name in enumerate(parts[:-1]):
            next_fd = _open_dir(name, fd, "/".join(parts[: index + 1]), create=True)
            os.close(fd)
            fd = next_fd
        name = parts[-1]
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC
        if not overwrite:
            try:
                out = os.open(name, flags, 0o666, dir_fd=fd)
            except FileExistsError:
                raise FileExistsError(Path(root, *parts)) from None
            with os.fdopen(out, "wb") as handle:
                handle.write(data)
            return Path(root, *parts)
        try:
            mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise UnsafeWrite(rel, SYMLINK_FILE if stat.S_ISLNK(mode) else not_regular_message(mode))
        scratch = f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        out = os.open(scratch, flags, 0o666, dir_fd=fd)
        try:
            with os.fdopen(out, "wb") as handle:
                handle.write(data)
            os.replace(scratch, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            try:
                os.unlink(scratch, dir_fd=fd)
            except OSError:
                pass
            raise
        return Path(root, *parts)
    finally:
        os.close(fd)


def scan_tree(top: Path, boundary: Path, base: Path, problems: Problems) -> None:
    """Check a folder MkDocs will walk (following symlinks) before it does: record every symlink
    that leads outside `boundary` or nowhere, every folder link back to one of its own parents
    (MkDocs would walk it 40 levels deep), and every FIFO, device or socket. Nothing is opened."""

    def rel(path: str) -> str:
        return posix_relpath(path, base)

    try:
        info = os.stat(top)
    except OSError:
        return
    stack = [(os.fspath(top), frozenset({(info.st_dev, info.st_ino)}))]
    while stack:
        folder, parents = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = entry.path
            if entry.is_symlink():
                if not is_within(path, boundary):
                    problems.add(
                        rel(path),
                        1,
                        "-",
                        f"wijst naar {os.path.realpath(path)}, buiten de repository; "
                        "zet het bestand zelf in de map in plaats van een symbolische link",
                    )
                    continue
                try:
                    info = os.stat(path)
                except OSError:
                    problems.add(
                        rel(path),
                        1,
                        "-",
                        "symbolische link naar iets dat niet bestaat; haal de link weg of zet het bestand zelf hier",
                    )
                    continue
            else:
                info = os.lstat(path)
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in parents:
                    problems.add(
                        rel(path),
                        1,
                        "-",
                        "deze map verwijst naar een map waar hij zelf in staat "
                        "(een kring van symbolische links); haal de link weg",
                    )
                    continue
                stack.append((path, parents | {key}))
            elif not stat.S_ISREG(info.st_mode):
                problems.add(rel(path), 1, "-", not_regular_message(info.st_mode))
