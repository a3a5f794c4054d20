"""Headings as every format prints them: numbered ones numbered, run-in ones punctuated.

letterkit numbers a letter's numbered headings itself, through all its parts in
reading order (``1.``, ``2.``; a deeper heading ``2.1.``), and puts the number in the
document, so that Markdown, text, HTML, PDF and Word all print the same numbers. A
run-in heading ends with a full stop unless it has punctuation of its own (``##
Detention:`` runs in as ``Detention:``). Both forms are phrases of the catalog.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import (
    Block,
    Document,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Part,
    Quote,
    Text,
    plain_text,
)
from .i18n import Language

FINAL_PUNCTUATION = (".", ":", "!", "?", "…")


def finish_headings(parts: list[Part], lang: Language) -> list[Part]:
    """The parts with their numbered headings numbered and run-in headings punctuated."""
    numbering = _Numbering(lang)
    return [replace(p, blocks=[numbering.block(b) for b in p.blocks]) for p in parts]


class _Numbering:
    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.counts: list[int] = []  # per level, from the first numbered level
        self.top: int | None = None  # the level of the first numbered heading

    def block(self, block: Block) -> Block:
        if isinstance(block, Heading) and block.style == "numbered":
            return replace(block, number=self.number(block.level))
        if isinstance(block, Paragraph) and block.heading is not None:
            return replace(block, heading=run_in(block.heading, self.lang))
        if isinstance(block, ListBlock):
            return replace(block, items=[[self.block(b) for b in item] for item in block.items])
        if isinstance(block, Quote):
            return Quote([self.block(b) for b in block.blocks])
        return block

    def number(self, level: int) -> str:
        """The next number at ``level``: ``3.`` or, below a numbered heading, ``3.1.``."""
        if self.top is None or level < self.top:
            self.top, self.counts = level, []
        depth = level - self.top
        del self.counts[depth + 1 :]
        self.counts += [0] * (depth + 1 - len(self.counts))
        self.counts[depth] += 1
        dotted = ".".join(str(n) for n in self.counts if n) or "1"
        return self.lang.phrase("heading number", "%(number)s.", number=dotted)


def run_in(inlines: list[Inline], lang: Language) -> list[Inline]:
    """A run-in heading with its final punctuation (none added if it has its own)."""
    if plain_text(inlines).rstrip().endswith(FINAL_PUNCTUATION):
        return inlines
    phrase = lang.pgettext("run-in heading", "%(heading)s.")
    before, found, after = phrase.partition("%(heading)s")
    if not found:
        return inlines
    out: list[Inline] = [Text(before)] if before else []
    out += inlines
    if after:
        out.append(Text(after))
    return out


def heading_forms(doc: Document) -> dict[str, str]:
    """How each heading of the document with a key is set: its number, ``standalone``
    or ``run-in``, by the unit it stands for (``body.3``)."""
    out: dict[str, str] = {}

    def walk(blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading) and block.key:
                out[block.key.split()[0]] = block.number or "standalone"
            elif isinstance(block, Paragraph) and block.heading is not None and block.key:
                out[block.key.split()[0]] = "run-in"
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item)

    for part in doc.parts:
        walk(part.blocks)
    return out


def heading_mismatches(docs: list[Document]) -> list[tuple[str, str, str, str]]:
    """Headings set otherwise in a translation than in the original (the first
    document): (language, unit, how the original sets it, how the translation does)."""
    if not docs:
        return []
    original = heading_forms(docs[0])
    out = []
    for doc in docs[1:]:
        for unit, form in heading_forms(doc).items():
            if unit in original and original[unit] != form:
                out.append((doc.meta.lang, unit, original[unit], form))
    return out
