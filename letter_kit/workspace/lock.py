"""The workspace lock: two letterkit commands never change a workspace at once.

On POSIX systems (Linux, macOS) the lock is an advisory ``flock`` on the ``data``
folder itself, so no lock file is left behind. Where there is no ``flock`` (Windows),
it is a lock on the file ``data/.letterkit-lock``, which stays there, empty. Only
commands that change data take it: drafting and reading need neither.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OutputError, WorkspaceBusy

LOCK_FILE = ".letterkit-lock"  # only where the folder itself cannot be locked


_HELD: set[Path] = set()  # the workspaces this process holds the lock of


def held(root: Path) -> bool:
    """Whether this process holds the lock of the workspace at ``root``."""
    return (root / "data").resolve() in _HELD


@contextlib.contextmanager
def workspace_lock(root: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold the workspace lock, waiting up to ``timeout`` seconds for another command."""
    key = (root / "data").resolve()
    path, try_lock = _locker(root / "data")
    try:
        handle = os.open(path, os.O_RDONLY if path.is_dir() else os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise OutputError(f"cannot lock {path}: {exc.strerror}") from exc
    try:
        deadline = time.monotonic() + timeout
        while not try_lock(handle):
            if time.monotonic() >= deadline:
                raise WorkspaceBusy(
                    f"another letterkit command has been changing {root} "
                    f"for over {timeout:.0f} seconds",
                    hint="wait for it to finish, then run this command again",
                )
            time.sleep(0.02)
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(handle)  # closing releases the lock


def _locker(data: Path) -> tuple[Path, Callable[[int], bool]]:
    """What to open, and how to try to lock it without waiting."""
    try:
        import fcntl
    except ImportError:
        return data / LOCK_FILE, _try_msvcrt

    def try_flock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    return data, try_flock


def _try_msvcrt(handle: int) -> bool:  # pragma: no cover - Windows only
    import msvcrt

    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        return False
    return True
