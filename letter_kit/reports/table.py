"""Tables for the terminal: rows of cells in aligned columns.

On a terminal a table fits its width, wrapping long cells between words (never an
id, which is there to be copied), and may have colour; written to a file or a pipe it
is as wide as its longest cells, one line per row, without colour, so scripts can
read it. Drawn by rich (imported only when a table is drawn: the command line must
start fast).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    """Where a table is shown: a terminal of ``width`` columns that may take
    ``color``; a width of None is a file or a pipe (no wrapping)."""

    width: int | None = None
    color: bool = False


PIPE = Screen()
"""A file or a pipe: no wrapping, no colour."""


@dataclass(frozen=True)
class Styled:
    """A cell with a style (a rich style name such as ``red``), shown only in colour."""

    text: str
    style: str


Cell = str | Styled

# Far wider than any table: a file or a pipe gets the table at its natural width.
_UNLIMITED = 100_000


def _text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Styled) else cell


def _widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    width: int,
    keep: int,
    cell_len: Callable[[str], int],
) -> list[int] | None:
    """Column widths that fit ``width`` and wrap only between words: each column at
    least as wide as its longest word (ids whole), the room left given to the columns
    in proportion to what they lack. None when even that does not fit (rich then folds
    long words rather than cut anything)."""
    cells = [[_text(row[i]) for row in rows] + [headers[i]] for i in range(len(headers))]
    natural = [max(cell_len(c) for c in column) for column in cells]
    least = [
        natural[i] if i < keep else max(cell_len(w) for c in column for w in c.split() or [""])
        for i, column in enumerate(cells)
    ]
    room = width - 2 * (len(headers) - 1)
    if sum(natural) <= room:
        return natural
    spare = room - sum(least)
    if spare < 0:
        return None
    lacking = [n - m for n, m in zip(natural, least, strict=True)]
    total = sum(lacking)
    return [m + spare * lack // total for m, lack in zip(least, lacking, strict=True)]


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    screen: Screen = PIPE,
    *,
    keep: int = 1,
) -> str:
    """The table as text: columns two spaces apart, no space at the end of a line.

    The first ``keep`` columns (ids) are never wrapped."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=None,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        header_style="bold" if screen.color else "",
    )
    widths = _widths(headers, rows, screen.width, keep, cell_len) if screen.width else None
    for index, header in enumerate(headers):
        table.add_column(
            header,
            no_wrap=index < keep,
            overflow="fold",
            width=widths[index] if widths else None,
        )
    for row in rows:
        table.add_row(
            *(Text(c.text, style=c.style) if isinstance(c, Styled) else Text(c) for c in row)
        )
    out = io.StringIO()
    console = Console(
        file=out,
        width=screen.width or _UNLIMITED,
        color_system="standard" if screen.color else None,
        force_terminal=screen.color,
        no_color=not screen.color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(table)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
