"""Relative paths, always written with '/': how a file is named in a message, an edit link or a
Markdown link, whatever the platform (os.path.relpath gives backslashes on Windows)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path


def posix_relpath(path: str | os.PathLike[str], start: str | os.PathLike[str]) -> str:
    """`path` relative to the folder `start`, with '/' ('../docs/x.md'; '.' for `start` itself).

    Relative arguments are taken from the working directory; nothing is resolved, so a symlink
    keeps the name it is reached by."""
    return Path(os.path.relpath(path, start)).as_posix()


def source_link(page_src: str, target_src: str) -> str:
    """A Markdown link from one page's source file to another's (both relative to the docs
    folder), as MkDocs resolves it: relative to the folder of the linking page."""
    return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")
