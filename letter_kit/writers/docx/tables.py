"""Borderless tables: the columns of the parallel layout and of the signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from .story import Parts
from .xml import el, val

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement


def table(
    parts: Parts, rows: list[list[list[Element]]], widths: list[int], *, gap: int, split: bool
) -> Element:
    """A borderless table: ``gap`` twips between columns; rows that may break across
    pages only if ``split``."""
    grid = el("w:tblGrid", {}, *(el("w:gridCol", {"w:w": str(w)}) for w in widths))
    look = {"w:val": "0000", "w:noHBand": "1", "w:noVBand": "1"}
    props = el(
        "w:tblPr",
        {},
        val("w:tblStyle", parts.styles.id("Layout Table")),
        _width("w:tblW", sum(widths)),
        el("w:tblLayout", {"w:type": "fixed"}),
        el("w:tblLook", look),
    )
    table = el("w:tbl", {}, props, grid)
    last = len(widths) - 1
    for cells in rows:
        row = el("w:tr") if split else el("w:tr", {}, el("w:trPr", {}, el("w:cantSplit")))
        for index, width in enumerate(widths):
            content = cells[index] if index < len(cells) else []
            margins = el(
                "w:tcMar",
                {},
                _width("w:left", gap // 2 if index > 0 else 0),
                _width("w:right", gap // 2 if index < last else 0),
            )
            cell_props = el("w:tcPr", {}, _width("w:tcW", width), margins)
            row.append(el("w:tc", {}, cell_props, *(content or [el("w:p")])))
        table.append(row)
    return table


def _width(tag: str, twips: int) -> Element:
    return el(tag, {"w:w": str(twips), "w:type": "dxa"})


def append_blocks(out: list[Element], elements: list[Element]) -> None:
    """Two tables one after the other would be merged into one by Word: a paragraph
    keeps them apart."""
    if out and elements and out[-1].tag == qn("w:tbl") and elements[0].tag == qn("w:tbl"):
        out.append(el("w:p"))
    out.extend(elements)
