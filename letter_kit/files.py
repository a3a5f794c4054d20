"""Reading a file the user names without hanging on it, and writing files so that a
failure never leaves a half-written file behind.

Every file letterkit writes goes to a temporary file in the same folder, is flushed to
disk, and then replaces the target in one step (``os.replace``). Either the old file or
the new one is there, never a mixture.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import OutputError, Problem


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


MAX_FILE_BYTES = 4 * 1024 * 1024


class Unreadable(Exception):
    """A file that may not be read, with the problem (its place, why, a hint)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_bytes(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    expected: str = "a workspace file must be an ordinary file of YAML",
) -> bytes:
    """The file's bytes, refusing (:class:`Unreadable`, with a located problem) a file
    that is not a regular file (said with the hint ``expected``), a broken link or a
    loop of links, and an oversize file. A FIFO or a device never makes the caller wait
    or read without end."""

    def refused(message: str, hint: str | None = None) -> Unreadable:
        return Unreadable(Problem(message, path, hint=hint))

    try:
        # Non-blocking, so that opening a FIFO cannot hang; what was opened is then
        # checked, so that it cannot be swapped for something else meanwhile.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise refused(
                f"is a broken link: it points to {path.readlink()}, which does not exist",
                hint="remove the link, or make it point to the file",
            ) from None
        raise refused("cannot read file: it does not exist") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refused(
                "is a loop of links", hint="remove the link, or make it point to the file"
            ) from None
        raise refused(f"cannot read file: {exc.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise refused(
                "is not a regular file (a folder, a device or a pipe)",
                hint=expected,
            )
        if info.st_size > max_bytes:
            raise refused(
                f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes",
                hint="split it into smaller files, or check that it is the file you meant",
            )
        try:
            raw = file.read(max_bytes + 1)
        except OSError as exc:
            raise refused(f"cannot read file: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise refused(f"file is over the limit of {max_bytes:,} bytes")
    return raw
