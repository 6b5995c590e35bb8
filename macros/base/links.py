"""Link rules: which link targets may be published, the `Url` kind, and files named beside a record.

One function, `url_problem`, decides for every link in the content (fields and Markdown
alike): only http(s), mailto and, where allowed, relative targets; never a scheme-less
`//host`, whitespace, control or invisible characters.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .context import Ctx, Invalid, show
from .fsafe import sibling_problem
from .kinds import Kind
from .privacy import scan_name
from .text import INVISIBLE
from .yamlio import Scalar

SAFE_SCHEMES = ("http", "https", "mailto")
UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_problem(url: str, *, allow_relative: bool = True) -> str | None:
    """Why a link target is unsafe or malformed, or None when it may be published."""
    if UNSAFE_URL_CHARS.search(url):
        return "link bevat spaties of stuurtekens; haal ze weg (of schrijf %20)"
    if INVISIBLE.search(url):
        return "link bevat een onzichtbaar teken; typ hem opnieuw"
    # A browser reads a backslash as a slash in web addresses (WHATWG URL), so `/\\host` and
    # `\\/host` leave the site just like `//host`.
    if url.replace("\\", "/").startswith("//"):
        return "link zonder schema ('//host'); begin met https://"
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return f"schema '{scheme}:' is niet toegestaan; gebruik https://, http:// of mailto:"
        if scheme in ("http", "https") and not re.match(r"^https?://[^/?#\s]+\.[^/?#\s]+", url, re.I):
            return "link mist een geldige domeinnaam, zoals https://www.example.nl/"
        return None
    if not allow_relative:
        return "verwacht een volledige link die begint met https://"
    if ":" in url.split("/")[0]:
        return "onbekend schema; gebruik https://, http:// of mailto:"
    return None


@dataclass
class Url(Kind[str]):
    """A link that may be published (see `url_problem`); relative only with `allow_relative`."""

    allow_relative: bool = False
    doc: str = "link (https://…)"
    expected = "een link"

    def parse_scalar(self, scalar: Scalar, text: str, path: str, ctx: Ctx) -> str | Invalid:
        """The link as written, or an error that says what is wrong with it."""
        problem = url_problem(text, allow_relative=self.allow_relative)
        if problem:
            return ctx.error(scalar.line, path, f"{problem} (gevonden: {show(text, 60)})")
        return text

    def json(self) -> dict[str, Any]:
        """The JSON Schema of the field: a string, starting with a scheme unless relative links are allowed."""
        if self.allow_relative:
            return {"type": "string"}
        return {"type": "string", "pattern": "^(https?://|mailto:)"}


def link_or_file(value: str, file_name: re.Pattern[str]) -> bool:
    """A value that is an absolute link, or the name of a file beside the record (`file_name`)."""
    return url_problem(value, allow_relative=False) is None or file_name.match(value) is not None


def check_sibling_file(
    record_path: Path, value: str | None, field_name: str, lines: dict[str, int], ctx: Ctx, owner: str
) -> bool:
    """A file named in a record (not a link) must sit next to it, as a real file."""
    if not value or url_problem(value, allow_relative=False) is None:
        return True  # empty, or a link
    problem = sibling_problem(record_path.parent / value)  # lstat only: a FIFO is never opened
    if problem is None:
        scan_name(posixpath.join(posixpath.dirname(ctx.rel), value), ctx.problems)  # published under its name
        return True
    if problem in ("missing", "symlink"):
        ctx.error(
            lines[field_name],
            field_name,
            f"bestand '{value}' staat niet naast {owner} (of is een "
            "symbolische link); voeg het toe of verbeter de naam",
        )
    else:
        ctx.error(lines[field_name], field_name, f"bestand '{value}': {problem}")
    return False
