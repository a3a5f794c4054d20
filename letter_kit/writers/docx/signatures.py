"""The signatures of a letter in Word: one under the other, or a table filled row by
row; room for handwritten signatures; a short block kept on one page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ...document import Block, Heading, Paragraph, Part, Role
from ..common import KEPT_TOGETHER, aligned_right, entry, handwritten, listed_signatures
from .placing import picture, sided
from .story import Fmt, Story
from .styles import heading_style
from .tables import table
from .xml import el

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

SIGNATURE_GAP = 227  # twips between columns of signatures (0.4 cm)
SIGNING_ROOM = 1080  # twips above a name for a handwritten signature (1.9 cm)


def signatures(
    story: Story, part: Part, width: int, second: tuple[Story, Part | None] | None = None
) -> list[Element]:
    """The labels of the group, then its signatories: one under the other (``shape``
    list), or in a table filled row by row (two columns for the lead organisations or a
    few names, else three). Room above each name for a handwritten signature if the
    letter asks for it; a block of a few signers is kept on one page."""
    out: list[Element] = []
    cells: list[list[Element]] = []
    paired = twins(part, second[1]) if second else [None] * len(part.blocks)
    room = SIGNING_ROOM if handwritten(part) else None
    for block, twin in zip(part.blocks, paired, strict=True):
        if isinstance(block, Heading):
            name = heading_style(Role.SIGNATURES, block.level)
            out.append(story.paragraph(name, story.runs(block.inlines), keep_next=True))
            continue
        if isinstance(block, Paragraph):
            signed = entry(block).image
            if signed is not None and signed.src in story.images:
                drawn = picture(story.parts.main, story.images[signed.src], signed.alt, 1.5)
                paragraphs = [
                    story.paragraph("Signature", [drawn], keep_next=True, before=240),
                    story.paragraph("Signature", story.runs(block.inlines)),
                ]
            else:
                paragraphs = [story.paragraph("Signature", story.runs(block.inlines), before=room)]
        else:
            paragraphs = story.block(block, Role.SIGNATURES, "Signature")
        if second is not None and isinstance(twin, Paragraph) and paragraphs:
            translation = Fmt(style="Translation", plain=True)
            paragraphs[-1].append(story.run("\n", Fmt()))
            paragraphs[-1].extend(second[0].runs(twin.inlines, translation))
        cells.append(paragraphs)
    together = len(cells) <= KEPT_TOGETHER
    if cells and (listed_signatures(part) or aligned_right(part)):
        flat = [p for cell in cells for p in cell]
        if together:
            for paragraph in flat[:-1]:
                _keep_next(paragraph)
        out += sided(flat, part, width)
    elif cells:
        tier = part.attrs.get("tier", "organization")
        columns = 2 if tier == "lead" or len(cells) <= 4 else 3
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        if together:
            for row in rows[:-1]:
                for cell in row:
                    for paragraph in cell:
                        _keep_next(paragraph)
        out.append(
            table(story.parts, rows, [width // columns] * columns, gap=SIGNATURE_GAP, split=False)
        )
    return out


def _keep_next(paragraph: Element) -> None:
    """Keep a paragraph on the page of the next (``w:keepNext`` right after its style)."""
    props = paragraph.find(qn("w:pPr"))
    if props is not None and props.find(qn("w:keepNext")) is None:
        props.insert(1, el("w:keepNext"))


def twins(part: Part, other: Part | None) -> list[Block | None]:
    """For each block of a spanning part, the other language's block if it reads differently."""
    out: list[Block | None] = []
    for index, block in enumerate(part.blocks):
        twin = other.blocks[index] if other is not None and index < len(other.blocks) else None
        out.append(None if twin is None or twin == block else twin)
    return out
