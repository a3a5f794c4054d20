"""The top of each page in Word: the letterhead (each organisation's logo, name and
contact line, or a row of logos) in the header of each language's first page, and a
draft's mark in the header of every page, as on paper printed with a letterhead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ...document import Image, ImageFile, Inline, Paragraph, Part, Text
from ..common import entry
from ..pairing import twins as paired_twins
from .placing import picture
from .story import Fmt, Story
from .tables import table
from .xml import el

if TYPE_CHECKING:
    from docx.opc.part import Part as OpcPart
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

LOGO_CM = 1.3  # the height of a logo (a row of logos: ROW_CM)
ROW_CM = 1.1
NO_BREAK = "\u00a0"


def letterhead(
    story: Story,
    part: Part,
    images: dict[str, ImageFile],
    holder: OpcPart,
    width: int,
    second: tuple[Story, Part | None] | None = None,
) -> list[Element]:
    """The letterhead's paragraphs and tables, for a header part ``holder``: a row of
    logos (``style=logos``), or a column for each organisation with its logo, its name
    (no line break inside it), its second-language name side by side, and its contact
    line; a rule under it."""
    orgs = [b for b in part.blocks if isinstance(b, Paragraph)]
    theirs = second[1].blocks if second is not None and second[1] is not None else []
    paired = paired_twins(part.blocks, theirs) if second else [None] * len(part.blocks)
    others = [t for b, t in zip(part.blocks, paired, strict=True) if isinstance(b, Paragraph)]
    name_fmt = Fmt()

    def pic(image: Image, height: float) -> Element:
        return picture(holder, images[image.src], image.alt, height)

    out: list[Element] = []
    if part.attrs.get("style") == "logos":
        runs: list[Element] = []
        for org in orgs:
            found = entry(org)
            if runs:
                runs.append(story.run("   ", Fmt()))
            if found.image is not None:
                runs.append(pic(found.image, ROW_CM))
            else:
                runs += story.runs(_whole(found.name), Fmt(bold=True))
        out.append(story.paragraph("Letterhead", runs))
        return out
    cells: list[list[Element]] = []
    for org, other in zip(orgs, others, strict=True):
        found = entry(org)
        cell: list[Element] = []
        if found.image is not None:
            cell.append(story.paragraph("Letterhead Logo", [pic(found.image, LOGO_CM)]))
        name = story.runs(_whole(found.name), name_fmt)
        if second is not None and isinstance(other, Paragraph):
            name.append(story.run("\n", Fmt()))
            translated = Fmt(style="Translation", plain=True)
            name += second[0].runs(_whole(entry(other).name), translated)
        cell.append(story.paragraph("Letterhead Name", name))
        if found.rest:
            cell.append(story.paragraph("Letterhead Contact", story.runs(list(found.rest))))
        cells.append(cell)
    columns = min(max(len(cells), 1), 3)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    out.append(table(story.parts, rows, [width // columns] * columns, gap=227, split=False))
    out.append(story.paragraph("Letterhead", []))  # the rule under it
    return out


def _whole(inlines: Sequence[Inline]) -> list[Inline]:
    """A name's inlines with no-break spaces, so that no line breaks inside it."""
    return [Text(n.text.replace(" ", NO_BREAK)) if isinstance(n, Text) else n for n in inlines]


def draft_paragraph(story: Story, mark: str) -> Element:
    """The draft mark, as the first line of a header."""
    return story.paragraph("Draft Mark", [story.run(mark, Fmt())])


def fill_header(header: Element, elements: list[Element]) -> None:
    """Put ``elements`` in a header (``w:hdr``) in place of what it held; a header ends
    with a paragraph."""
    for child in list(header):
        header.remove(child)
    header.extend(elements)
    if not elements or elements[-1].tag != qn("w:p"):
        header.append(el("w:p"))
