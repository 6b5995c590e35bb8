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

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

A = TypeVar("A")
B = TypeVar("B")
T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 300
_shared: dict[str, Any] = {}


def fork_map(
    func: Callable[[Any, T], R],
    items: Sequence[T],
    shared: Any,
    parallel: bool = True,
    cost: Callable[[T], float] | None = None,
) -> list[R]:
    """[func(shared, item) for item in items], spread over the cores for long lists (when `parallel`).

    The items are dealt round the processes in turn, or, given the `cost` of each, so that each
    process gets about as much (largest first, each to the least loaded; the first and largest stays
    in this process): one item that costs as much as a hundred others no longer decides the time."""
    workers = _workers()
    if not worth_forking(len(items)) or workers < 2 or not parallel:
        return [func(shared, item) for item in items]
    if cost is None:
        chunks = [list(range(i, len(items), workers)) for i in range(workers)]
    else:
        chunks = [[] for _ in range(workers)]
        loads = [0.0] * workers
        for index in sorted(range(len(items)), key=lambda i: -cost(items[i])):
            least = min(range(workers), key=lambda w: (loads[w], len(chunks[w])))  # equal loads: the shorter
            chunks[least].append(index)
            loads[least] += cost(items[index])
        chunks = [sorted(chunk) for chunk in chunks]
    parts = _spread(func, [[items[i] for i in chunk] for chunk in chunks], shared)
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    for chunk, part in zip(chunks, parts, strict=True):
        for index, result in zip(chunk, part, strict=True):
            results[index] = result
    return results


def worth_forking(items: int) -> bool:
    """Whether a loop over this many items (experiments, records) is long enough to spread over processes."""
    return items >= PARALLEL_FROM


def fork_pair(first: Callable[[], A], second: Callable[[], B], parallel: bool = True) -> tuple[A, B]:
    """(first(), second()): two big, independent pieces of work; when `parallel` (and there are two
    cores), `second` runs in a forked worker while this process runs `first`. The caller decides
    whether the work is big enough; neither may fork again (see `_spread`)."""
    if _workers() < 2 or not parallel:
        return first(), second()
    # The jobs reach the worker by the fork (as `shared`); only their index is sent, and the result back.
    (done,), (other,) = _spread(_call, [[0], [1]], (first, second))
    return done, other


def _call(jobs: tuple[Callable[[], Any], ...], index: int) -> Any:
    return jobs[index]()


def _workers() -> int:
    return min(os.cpu_count() or 1, 4)


def _spread(func: Callable[[Any, T], R], chunks: list[list[T]], shared: Any) -> list[list[R]]:
    """Each chunk's [func(shared, item) ...]: the first chunk in this process, while the others run in
    forked workers (one fork fewer, and one chunk's results fewer to pickle and unpickle: at
    N = 1000 experiments, unpickling all of them costs the parent about 0.15 s). Only the items
    and the results cross the process boundary; `shared` reaches the workers by the fork.

    Never nested: while the pool runs, this process has the pool's manager thread, and a process
    forked from one with threads may inherit a lock another thread held (and wait on it forever)."""
    _shared["value"] = shared
    try:
        with ProcessPoolExecutor(max_workers=len(chunks) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = pool.map(_run_chunk, [func] * (len(chunks) - 1), chunks[1:])
            first = [func(shared, item) for item in chunks[0]]
            return [first, *others]
    finally:
        _shared.clear()


def _run_chunk(func: Callable[[Any, T], R], chunk: list[T]) -> list[R]:
    shared = _shared["value"]
    return [func(shared, item) for item in chunk]


Reader = Callable[[Any, Any, Any], Any]  # read(root, path, problems) -> a record, or None when it failed


def load_each(
    jobs: Sequence[tuple[Reader, Sequence[Any]]], root: Any, problems: Any, parallel: bool = True
) -> list[list[Any]]:
    """For each (read, paths) of `jobs`, every path read with `read(root, path, problems)`: the
    records in path order, those that failed (None) left out. All jobs share one spread over the
    cores (when `parallel` and long enough), so a short list rides along with a long one instead of
    starting processes of its own; the problems found in the workers are merged into `problems`."""
    items = [(index, path) for index, (_, paths) in enumerate(jobs) for path in paths]
    readers = tuple(read for read, _ in jobs)
    records: list[list[Any]] = [[] for _ in jobs]
    for (index, _), (record, found) in zip(items, fork_map(_read_item, items, (readers, root), parallel), strict=True):
        problems.items += found.items
        problems.references += found.references
        if record is not None:
            records[index].append(record)
    return records


def _read_item(shared: tuple[tuple[Reader, ...], Any], item: tuple[int, Any]) -> tuple[Any, Any]:
    from .problems import Problems

    readers, root = shared
    index, path = item
    found = Problems()
    return readers[index](root, path, found), found


@contextmanager
def without_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while the content is read or rendered in bulk: what is made
    then lives until the build ends, and each collection would walk all of it again, in this
    process and in the workers forked meanwhile. (At N = 1000 experiments `make check` took
    0.1 s less, at the same peak memory.) Nested uses keep collection off until the outer one ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
