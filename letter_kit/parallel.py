"""Spreading independent work over the machine's cores.

Workers are forked, so they start with everything the parent has already built (the
loaded workspace, composed letters) and nothing needs to be sent to them but the item
to work on. Where fork is not available or not safe, or the work is small, it runs
in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_task: Callable[[Any], Any] | None = None  # what a forked worker runs


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


@contextmanager
def paused_collector() -> Iterator[None]:
    """No cyclic garbage collection inside (objects are still freed when unreferenced)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _can_fork() -> bool:
    """Whether forking is safe here. A fork copies only the thread that calls it: in a
    process where other threads run (Typst's, once a PDF has been made in it), a worker
    could wait forever for a lock that one of them held."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return len(list(Path("/proc/self/task").iterdir())) == 1
    except OSError:  # no /proc: only Python's own threads can be counted
        return threading.active_count() == 1


def workers() -> int:
    """How many worker processes the machine's cores allow."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(
    task: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    ordered: bool = True,
    minimum: int = 4,
    chunk: int | None = None,
) -> Iterator[Result]:
    """``task(item)`` for each item, on every core; in order, or as they finish.

    Items go to the workers ``chunk`` at a time (by default, a few per worker).

    Runs in this process when there is one core, fewer than ``minimum`` items, or no
    safe fork. Consume the whole iterator: the workers stop when it is exhausted.
    """
    global _task
    work = list(items)
    count = min(workers(), len(work))
    if count < 2 or len(work) < minimum or not _can_fork():
        yield from map(task, work)
        return
    _task = task
    # Keep the collector in the workers off what the parent built: touching those
    # objects would copy every page they live on into each worker.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunk = chunk or max(1, min(16, len(work) // (count * 8)))
            if ordered:
                yield from pool.imap(_run, work, chunk)
            else:
                yield from pool.imap_unordered(_run, work, chunk)
    finally:
        _task = None
        gc.unfreeze()
