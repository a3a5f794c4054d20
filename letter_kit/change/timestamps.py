"""The dates in a column of timestamps, as forms and spreadsheets write them.

``2023-09-03T10:15:02Z``, ``2023/09/03 10:15:02 AM GMT+7`` (Google Forms),
``9/3/2023 10:15:02`` (Google Sheets, US), ``9/3/23 10:15`` (Excel, US),
``03/09/2023 10:15`` (Excel, Vietnamese): with or without seconds, two- or four-digit
years, AM/PM, a time zone. The date is kept as written, in the zone of the form: the
day a signer joined is the day they saw.

Whether ``03/09/2023`` is 3 September or 9 March is decided once for the whole
column, from its values: a first number over 12 makes the column day-first, a second
one over 12 month-first. A column where every date could be read either way is
refused until the user says which (``--day-first``, ``--month-first``), because
guessing would put half the dates in the wrong month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from ..errors import DataError, Problem

Order = Literal["day-first", "month-first"]

_TIME = r"(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"(?:\s*(?:Z|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|GMT|UTC|[A-Z]{2,5}))?"
_YEAR_FIRST = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}{_ZONE}")
_YEAR_LAST = re.compile(rf"(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME}{_ZONE}")


@dataclass(frozen=True)
class _Parts:
    line: int
    value: str
    first: int  # the two numbers before the year, in the order written
    second: int
    year: int
    year_first: bool


def read_dates(
    path: Path, header: str, cells: Sequence[tuple[int, str]], order: Order | None
) -> dict[int, date]:
    """The date of every non-empty cell of a column, by line.

    Raises :class:`DataError` for a value that is not a date, a column whose dates
    disagree on their order, or one that could be read either way without ``order``.
    """
    parts = [_parts(path, header, line, value.strip()) for line, value in cells if value.strip()]
    column_order = order or _order(path, header, [p for p in parts if not p.year_first])
    out = {}
    for p in parts:
        if p.year_first:
            month, day = p.first, p.second
        elif column_order == "day-first":
            day, month = p.first, p.second
        else:
            month, day = p.first, p.second
        try:
            out[p.line] = date(p.year, month, day)
        except ValueError as exc:
            reading = "" if p.year_first else f" read {column_order}"
            raise DataError(
                [Problem(f"column '{header}': '{p.value}'{reading} is not a date: {exc}",
                         path, p.line, hint=_HINT)]
            ) from None  # fmt: skip
    return out


_HINT = "correct the date in the sheet, or skip the column with --map 'COLUMN=ignore'"


def _parts(path: Path, header: str, line: int, value: str) -> _Parts:
    match = _YEAR_FIRST.fullmatch(value)
    if match is not None:
        year, first, second = (int(g) for g in match.groups())
        return _Parts(line, value, first, second, year, True)
    match = _YEAR_LAST.fullmatch(value)
    if match is not None:
        first, second, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000  # a sign-on sheet is of this century
        return _Parts(line, value, first, second, year, False)
    raise DataError(
        [Problem(f"column '{header}': '{value}' is not a date", path, line, hint=_HINT)]
    )


def _order(path: Path, header: str, parts: list[_Parts]) -> Order | None:
    day_first = next((p for p in parts if p.first > 12), None)
    month_first = next((p for p in parts if p.second > 12), None)
    if day_first is not None and month_first is not None:
        raise DataError(
            [Problem(f"column '{header}' has dates written day first ('{day_first.value}', "
                     f"line {day_first.line}) and month first ('{month_first.value}', "
                     f"line {month_first.line})", path, month_first.line,
                     hint="correct one of them in the sheet")]
        )  # fmt: skip
    if day_first is not None:
        return "day-first"
    if month_first is not None:
        return "month-first"
    either = next((p for p in parts if p.first != p.second), None)
    if either is None:
        return None  # 1/1/2023: the same date either way
    raise DataError(
        [Problem(f"column '{header}': every date can be read day first or month first "
                 f"('{either.value}' is {either.first} {_MONTHS[either.second]} or "
                 f"{either.second} {_MONTHS[either.first]})", path, either.line,
                 hint="say which with --day-first or --month-first")]
    )  # fmt: skip


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
