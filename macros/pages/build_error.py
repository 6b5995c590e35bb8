"""The page `mkdocs serve` shows while the site cannot be built (`wiring/serving.py` writes it in
place of every page): each problem as `path:line: field: message` with its file linked to the
repository's edit view, every other line as it is, and a script that reloads the page as soon as
the site builds again. The template (`templates/build-error.html.j2`) escapes every value."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from ..base.problems import Problem, count_noun
from .render import render_template


def render_build_error(entries: Sequence[Problem | str], edit_urls: Mapping[str, str], site_name: str) -> str:
    """The error page: `entries` in order (a `Problem`, or a line that names no place), `edit_urls`
    the edit view of each problem's file that has one."""
    texts = "\n".join(str(entry) for entry in entries)
    count = sum(1 for entry in entries if not isinstance(entry, str)) or len(entries)
    return render_template(
        "build-error.html.j2",
        "",
        entries=entries,
        edit_urls=edit_urls,
        site_name=site_name,
        count=count_noun(count, "probleem", "problemen"),
        # The page reloads itself once its address answers with anything but this very page.
        fingerprint=hashlib.sha256(texts.encode()).hexdigest()[:16],
    )
