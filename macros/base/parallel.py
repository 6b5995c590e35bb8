"""One process per core for the big, independent loops (reading folders, rendering profiles).

Used only from PARALLEL_FROM items on: below that, starting processes costs more than it
saves, and the real site (seven experiments) never gets here. Workers are forked, so they
share the parent's loaded content and compiled templates without pickling them; only the
items and the results cross the process boundary. Results come back in input order.

Whether forking is allowed at all is the caller's setting (`parallel`), passed down from the
build: `mkdocs serve` switches it off (`Settings.parallel`, `load_site(parallel=...)`), since
forking a process that runs server threads is not safe, and a server rebuilds small changes anyway.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 300
_shared: dict[str, Any] = {}


def fork_map(func: Callable[[Any, T], R], items: Sequence[T], shared: Any, parallel: bool = True) -> list[R]:
    """[func(shared, item) for item in items], spread over the cores for long lists (when `parallel`)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(items) < PARALLEL_FROM or workers < 2 or not parallel:
        return [func(shared, item) for item in items]
    _shared["value"] = shared
    chunks = [list(items[i::workers]) for i in range(workers)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_run_chunk, [func] * workers, chunks))
    finally:
        _shared.clear()
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    for offset, part in enumerate(parts):
        results[offset::workers] = part
    return results


def _run_chunk(func: Callable[[Any, T], R], chunk: list[T]) -> list[R]:
    shared = _shared["value"]
    return [func(shared, item) for item in chunk]


def load_each(
    read: Callable[[Any, Any, Any], R | None], root: Any, paths: Sequence[Any], problems: Any, parallel: bool = True
) -> list[R]:
    """Read every path with `read(root, path, problems)`, in parallel for long lists (when `parallel`);
    the problems found in the workers are merged into `problems`. Items that failed (None) are left out."""
    items = []
    for item, found in fork_map(_read_item, paths, (read, root), parallel):
        problems.items += found.items
        problems.references += found.references
        if item is not None:
            items.append(item)
    return items


def _read_item(shared: tuple[Callable[[Any, Any, Any], Any], Any], path: Any) -> tuple[Any, Any]:
    from .problems import Problems

    read, root = shared
    found = Problems()
    return read(root, path, found), found
