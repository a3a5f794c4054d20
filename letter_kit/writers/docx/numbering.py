"""Lists numbered by Word: one definition per kind of marker, one numbering instance per
list, so that every list starts at its own first number and Word renumbers the items
when an editor adds or removes one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from .xml import el, insert_in_order, val

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

LEVELS = 9  # Word's nine list levels
INDENT = 425  # twips (0.75 cm) of indent per level, the marker hanging in it
MARKERS: dict[str, tuple[str, str]] = {  # marker -> numFmt, text of level N (1-based)
    "number": ("decimal", "%{level}."),
    "dash": ("bullet", "\u2013"),
    "bullet": ("bullet", "\u2022"),
}


def indent(level: int) -> int:
    """The left indent, in twips, of the text of a list item at ``level`` (from 0)."""
    return (level + 1) * INDENT


class Numbering:
    """The document's numbering definitions, with letterkit's added after any it has."""

    def __init__(self, root: BaseOxmlElement) -> None:
        self.root = root
        self._abstract: dict[str, str] = {}
        self._next_abstract = 1 + max(_ids(root, "w:abstractNum", "w:abstractNumId"), default=-1)
        self._next_num = 1 + max(_ids(root, "w:num", "w:numId"), default=0)

    def start(self, marker: str, first: int, level: int) -> str:
        """A new list of this marker (a :class:`ListBlock`'s) whose items at ``level``
        count from ``first``."""
        abstract = self._definition(str(marker))
        num_id = str(self._next_num)
        self._next_num += 1
        override = el("w:lvlOverride", {"w:ilvl": str(level)}, val("w:startOverride", first))
        self.root.append(
            el("w:num", {"w:numId": num_id}, val("w:abstractNumId", abstract), override)
        )
        return num_id

    def _definition(self, marker: str) -> str:
        if marker in self._abstract:
            return self._abstract[marker]
        number_format, text = MARKERS.get(marker, MARKERS["bullet"])
        abstract_id = str(self._next_abstract)
        hang = str(INDENT)
        self._next_abstract += 1
        levels = [
            el(
                "w:lvl",
                {"w:ilvl": str(level)},
                val("w:start", 1),
                val("w:numFmt", number_format),
                val("w:lvlText", text.format(level=level + 1)),
                val("w:lvlJc", "left"),
                el("w:pPr", {}, el("w:ind", {"w:left": str(indent(level)), "w:hanging": hang})),
            )
            for level in range(LEVELS)
        ]
        definition = el(
            "w:abstractNum",
            {"w:abstractNumId": abstract_id},
            val("w:multiLevelType", "hybridMultilevel"),
            *levels,
        )
        # Every w:abstractNum comes before the first w:num.
        insert_in_order(self.root, definition, ("w:num", "w:numIdMacAtCleanup"))
        self._abstract[marker] = abstract_id
        return abstract_id


def _ids(root: BaseOxmlElement, tag: str, attribute: str) -> list[int]:
    found = []
    for element in root.findall(qn(tag)):
        value = element.get(qn(attribute)) or ""
        if value.lstrip("-").isdigit():
            found.append(int(value))
    return found
