"""The check that `make check` and every build run before anything is written, as one list.

Steps: caches a commit could plant (found by the caller, `caches.py`) -> every content file,
hand-written page and news post (`content.site.load_site`) -> once the content loads, the
site-wide path check (`pages.outputs.check_outputs`: no two sources claim one published path).
Every problem of every step goes into one `ContentError`, so a reader fixes them in one round and
the command exits once.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..base.problems import ContentError, Problem
from ..content.site import Site, get_site, load_site
from ..pages.outputs import check_outputs


def load_checked_site(
    root: Path,
    base: Path | None,
    found: Iterable[Problem] = (),
    *,
    cached: bool = False,
    watch: bool = True,
    parallel: bool = True,
    demo: bool = False,
) -> Site:
    """The content tree at `root`, loaded and checked; or one `ContentError` listing `found` and
    every problem, with paths relative to `base`.

    `cached` loads through `get_site` (a server's rebuilds reuse an unchanged tree; `watch` as
    there); otherwise the tree is read afresh, as given (`make check`). `parallel`: see parallel.py;
    `demo`: the paths are the demo's (the fictional site writes a robots.txt of its own)."""
    problems = list(found)
    try:
        site = (
            get_site(root, base=base, watch=watch, parallel=parallel)
            if cached
            else load_site(root, base=base, parallel=parallel)
        )
    except ContentError as error:
        problems += error.problems
    else:
        problems += check_outputs(site, base, demo)
    if problems:
        raise ContentError(problems)
    return site
