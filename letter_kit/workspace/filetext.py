"""Reading a workspace file's text: only a regular UTF-8 file of a sensible size.

Every refusal is a located problem: a FIFO or a link to ``/dev/zero`` would hang or
read without end, a broken link or a loop of links is named as such, and a byte that
is not UTF-8 is given with its line and column.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Problem

MAX_FILE_BYTES = 4 * 1024 * 1024


class YamlLoadError(Exception):
    """A file could not be read as YAML; carries the problem with its position."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text, refusing with a located problem a file that is not a regular
    file (a FIFO, a device such as /dev/zero), a broken link or a loop of links, an
    oversize file, or one that is not UTF-8."""
    raw = _read_bytes(path, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlLoadError(
            Problem(
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02X})",
                path,
                line,
                column,
                hint="save the file as UTF-8 in your editor",
            )
        ) from exc


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    def refused(message: str, hint: str | None = None) -> YamlLoadError:
        return YamlLoadError(Problem(message, path, hint=hint))

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
                hint="a workspace file must be an ordinary file of YAML",
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
