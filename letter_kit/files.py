"""Writing files so that a failure never leaves a half-written file behind.

Every file letterkit writes goes to a temporary file in the same folder, is flushed to
disk, and then replaces the target in one step (``os.replace``). Either the old file or
the new one is there, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import OutputError


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`OutputError` if it cannot be done.

    ``durable=False`` leaves the flush to disk to the system, for output that is
    quicker to make again than to wait for (the file is still never seen half written).
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {path}: folder {folder} does not exist",
            hint="create the folder first, or choose another path with -o",
        )
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", hint="give a file name with -o")
    check_replaceable(path)
    temp = stage(path, data, durable=durable)
    try:
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc


def check_replaceable(path: Path) -> None:
    """Refuse to replace anything but a regular file (or a link, which is replaced
    itself, never followed): a pipe, a device such as /dev/null, a socket."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError(
            f"will not write {path}: it is not a regular file (a device, a pipe or a socket)",
            hint="give the name of a file; to send the output elsewhere, leave out -o and "
            "redirect it",
        )


def create_new(path: Path, data: bytes) -> None:
    """Write a new file atomically; refuse, changing nothing, if ``path`` exists already."""
    if path.exists():
        raise OutputError(f"{path} already exists; nothing was changed",
                          hint="choose another name, or delete the file first")  # fmt: skip
    temp = stage(path, data)
    try:
        os.link(temp, path)  # fails if the file appeared meanwhile: never overwrites
    except FileExistsError:
        raise OutputError(f"{path} already exists; nothing was changed") from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


STAGED_MARK = "letterkit-"
STAGED = re.compile(r"^\..+\.letterkit-[A-Za-z0-9_]+\.tmp$")
"""The name of a file :func:`stage` wrote and a kill may have left behind."""


def stage(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path``; return its path."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.{STAGED_MARK}", suffix=".tmp",
                                        dir=path.parent)  # fmt: skip
    except OSError as exc:
        raise OutputError(f"cannot write in {path.parent}: {exc.strerror}") from exc
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if path.exists():
            temp.chmod(path.stat().st_mode & 0o7777)  # keep the permissions the user gave it
        else:
            umask = os.umask(0)
            os.umask(umask)
            temp.chmod(0o666 & ~umask)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
        raise
    return temp
