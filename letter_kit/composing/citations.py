"""Citations: the ``[@source-id]`` markers in prose, and the numbered notes they become.

Syntax (as in Pandoc): ``[@vnhrn-report]``, ``[@vnhrn-report, p. 12]``, and several
sources in one marker: ``[@a; @b, ch. 3]``. A backslash before the bracket
(``\\[@a]``) keeps it literal.

Notes are numbered in order of first use, separately in each language's document. A
source cited twice keeps its number; the places cited (``p. 12``) are gathered in its
note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..workspace.fields import ID_PATTERN

CITE_GROUP = re.compile(r"(?<!\\)\[(@[^\[\]\n]*)\]")
_ITEM = re.compile(r"^@(" + ID_PATTERN.strip("^$") + r")(?:\s*,\s*(\S.*?))?\s*$")
HELPER_CALL = re.compile(r"\b(fact|case)\(\s*(['\"])(.*?)\2")
# A whole {{ fact("id") }}, {{ fact("id", cite=false) }} or {{ case("id") }}.
SIMPLE_CALL = re.compile(
    r"\{\{\s*(?P<name>fact|case)\(\s*(?P<q>['\"])(?P<id>[^'\"{}]*)(?P=q)"
    r"(?:\s*,\s*cite\s*=\s*(?P<cite>true|false|True|False))?\s*\)\s*\}\}"
)


def marker(source: str, locator: str | None = None) -> str:
    """``[@source]`` or ``[@source, p. 3]``: a citation as prose writes it."""
    return f"[@{source}, {locator}]" if locator else f"[@{source}]"


@dataclass(frozen=True)
class Cite:
    """One source cited at one place."""

    source: str
    locator: str | None = None


def parse_group(inner: str) -> list[Cite] | None:
    """``@a, p. 3; @b`` -> cites, or None if the marker is not well formed."""
    cites = []
    for item in inner.split(";"):
        match = _ITEM.match(item.strip())
        if match is None:
            return None
        cites.append(Cite(match.group(1), match.group(2)))
    return cites


@dataclass
class NoteNumbers:
    """Numbers notes by first use: one per source, with every locator cited."""

    order: list[str] = field(default_factory=list)
    locators: dict[str, list[str]] = field(default_factory=dict)

    def number(self, cite: Cite) -> int:
        """The note number for this citation, allocating one on first use."""
        if cite.source not in self.order:
            self.order.append(cite.source)
            self.locators[cite.source] = []
        places = self.locators[cite.source]
        if cite.locator and cite.locator not in places:
            places.append(cite.locator)
        return self.order.index(cite.source) + 1
