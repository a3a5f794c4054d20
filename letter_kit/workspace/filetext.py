"""Reading a workspace file's text: only a regular UTF-8 file of a sensible size.

Every refusal is a located problem: a FIFO or a link to ``/dev/zero`` would hang or
read without end, a broken link or a loop of links is named as such, and a byte that
is not UTF-8 is given with its line and column.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..files import MAX_FILE_BYTES, Unreadable, read_bytes


class YamlLoadError(Exception):
    """A file could not be read as YAML; carries the problem with its position."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    expected: str = "a workspace file must be an ordinary file of YAML",
) -> str:
    """The file's text, refusing with a located problem a file that is not a regular
    file (a FIFO, a device such as /dev/zero), a broken link or a loop of links, an
    oversize file, or one that is not UTF-8 (``expected`` says what the file should be)."""
    try:
        raw = read_bytes(path, max_bytes=max_bytes, expected=expected)
    except Unreadable as exc:
        raise YamlLoadError(exc.problem) from None
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
