"""Spreadsheets exported as text: the bytes of a CSV file read as rows of cells.

Forms and spreadsheets write such files in several ways: Google Forms as UTF-8 with
commas; Excel's "CSV UTF-8" with a byte-order mark, and with semicolons where the
decimal separator is a comma (Vietnamese, French, German...); Excel's "Unicode text"
as UTF-16 with tabs. The separator is sniffed among ``,`` ``;`` and tab, UTF-8 and
UTF-16 are told apart by their byte-order mark, and a file in another encoding is
refused with the encoding it most probably is, because a replacement character in a
name is a name lost.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, MissingInputError, Problem, UsageError
from ..files import Unreadable, read_bytes

SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SNIFF_BYTES = 64 * 1024
SHEET_BYTES = 64 * 1024 * 1024  # a sign-on sheet of a million rows is still smaller
# Letters that only Vietnamese text decoded as Windows-1258 has (ư ơ ă đ and the
# combining tone marks that code page stores apart from their vowel).
_CP1258_SIGNS = frozenset("ươăđƯƠĂĐ\u0300\u0301\u0303\u0309\u0323")


@dataclass(frozen=True)
class Column:
    """One column of a table: its position and its header."""

    index: int
    header: str

    @property
    def letter(self) -> str:
        """``A``, ``B``, ... ``AA``: the column as a spreadsheet names it."""
        number, name = self.index + 1, ""
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        return name

    def __str__(self) -> str:
        return f"'{self.header}'"


@dataclass(frozen=True)
class Table:
    """The header and rows of a text spreadsheet, each row with the line it starts on."""

    path: Path
    columns: list[Column]
    rows: list[tuple[int, list[str]]]
    separator: str
    encoding: str

    @property
    def form(self) -> str:
        """``UTF-8 with BOM, semicolon-separated``: how the file was written."""
        return f"{self.encoding}, {_SEPARATOR_NAMES.get(self.separator, self.separator)}-separated"

    def cells(self, column: Column) -> list[tuple[int, str]]:
        """Every row's value in ``column`` (empty where the row is short)."""
        return [(line, row[column.index] if column.index < len(row) else "")
                for line, row in self.rows]  # fmt: skip


def read_table(path: Path, *, encoding: str | None = None) -> Table:
    """Read a CSV (or tab-separated) file. Raises :class:`DataError` with the line of
    any problem; nothing is guessed that could change a name."""
    if not os.path.lexists(path):
        raise MissingInputError(f"no sheet at {path}")
    try:
        raw = read_bytes(path, max_bytes=SHEET_BYTES,
                         expected="a sheet is an ordinary CSV or tab-separated file")  # fmt: skip
    except Unreadable as exc:
        raise MissingInputError(f"cannot read {path}: {exc.problem.message}",
                                hint=exc.problem.hint) from None  # fmt: skip
    text, label = decode(path, raw, encoding)
    if not text.strip():
        raise DataError([Problem("the sheet is empty", path, hint="export it again")])
    separator, text, skipped = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1 + skipped
    try:
        for record in reader:
            rows.append((line, record))
            line = reader.line_num + 1 + skipped
    except csv.Error as exc:
        raise DataError(
            [Problem(f"the sheet cannot be read: {exc}", path, reader.line_num + skipped,
                     hint="a quote is probably not closed; export the sheet again")]
        ) from None  # fmt: skip
    (_, header), body = rows[0], rows[1:]
    columns = [Column(i, " ".join(h.split())) for i, h in enumerate(header)]
    body = [(n, cells) for n, cells in body if any(cell.strip() for cell in cells)]
    return Table(path, columns, body, separator, label)


def decode(path: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    """The file's text and how it was encoded: the encoding named, or UTF-8 or UTF-16
    as its byte-order mark says (UTF-8 without one)."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(
                f"unknown encoding '{encoding}'", hint="for example cp1258, cp1252, utf-16"
            ) from None
        return _decode(path, raw, name, name), name
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(path, raw, "utf-16", "UTF-16"), "UTF-16"
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(path, raw, "utf-8-sig", "UTF-8"), "UTF-8 with BOM"
    return _decode(path, raw, "utf-8", "UTF-8"), "UTF-8"


def _decode(path: Path, raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"byte 0x{raw[exc.start]:02X} is not valid {label}"
        raise DataError([Problem(message, path, line, hint=_suggest(raw, label))]) from None


def _suggest(raw: bytes, label: str) -> str:
    """The encoding a file that is not UTF-8 was most probably saved in."""
    sample = raw[:_SNIFF_BYTES]
    if sample.count(0) > len(sample) // 4:
        guess = "utf-16-le" if sample[1::2].count(0) > sample[::2].count(0) else "utf-16-be"
        return f"the sheet looks like UTF-16 without a byte-order mark: --encoding {guess}"
    for codec, name in (("cp1258", "Windows Vietnamese"), ("cp1252", "Windows Western")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "cp1252" or _CP1258_SIGNS & set(text):
            return (
                f"it reads as {name} ({codec}): check a name, then import with "
                f"--encoding {codec}, or export the sheet again as UTF-8 CSV"
            )
    return f"the sheet is not {label}: name the encoding it was saved in with --encoding"


def _separator(text: str) -> tuple[str, str, int]:
    """The separator, the text without an Excel ``sep=`` line, and the lines skipped.

    The csv module's Sniffer is asked first; its answer must occur in the header line
    (outside quotes), or the separator found most often there is taken. A header with
    none of them is one column.
    """
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        return first.strip()[4], rest, 1
    counts = {sep: _unquoted(first, sep) for sep in SEPARATORS}
    sample = text[:_SNIFF_BYTES].rpartition("\n")[0] or text
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed is not None and counts.get(sniffed):
        return sniffed, text, 0
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return (best if counts[best] else ","), text, 0


def _unquoted(line: str, separator: str) -> int:
    """How often ``separator`` occurs in ``line`` outside double quotes."""
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            count += 1
    return count
