"""Citations: the numbered notes that ``[@source-id]`` markers become, and the web
addresses that links to a source, ``[text](@source-id)``, lead to.

(The syntax of the markers is in :mod:`letter_kit.workspace.references`.)

Notes are numbered in order of first use, separately in each language's document. A
source cited twice keeps its number; the places cited (``p. 12``) are gathered in its
note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..workspace.references import Cite


@dataclass
class NoteNumbers:
    """Numbers notes by first use: one per source, with every locator cited."""

    order: list[str] = field(default_factory=list)
    locators: dict[str, list[str]] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)  # each source's web address
    linked: list[str] = field(default_factory=list)  # the sources linked to, in order

    def number(self, cite: Cite) -> int:
        """The note number for this citation, allocating one on first use."""
        if cite.source not in self.order:
            self.order.append(cite.source)
            self.locators[cite.source] = []
        places = self.locators[cite.source]
        if cite.locator and cite.locator not in places:
            places.append(cite.locator)
        return self.order.index(cite.source) + 1

    def link(self, source: str) -> str:
        """The address a link to ``source`` leads to (the source is noted, so that the
        composer can refuse one that does not exist or has no address)."""
        if source not in self.linked:
            self.linked.append(source)
        return self.urls.get(source, "")
