"""The letter laid out in Word: each language a section of its own (from a new page,
its own page numbers and footnote numbers), or two languages side by side in a
table whose rows pair each block with its translation."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ...document import Block, Document, Heading, Paragraph, Part, Role
from ...formats import Layout, Paper
from ..common import check_layout
from .numbering import Numbering
from .package import (
    Reference,
    base_document,
    footnotes_part,
    numbering_root,
    save,
    scrub,
    set_properties,
)
from .story import Fmt, Parts, Story, field
from .styles import Styles, heading_style, language_tag
from .xml import el, insert_in_order, text, val

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

PAGE_SIZES: dict[Paper, tuple[int, int]] = {"letter": (12240, 15840), "a4": (11906, 16838)}
GUTTER = 340  # twips between the two columns of the parallel layout (0.6 cm)
SIGNATURE_GAP = 227  # twips between columns of signatures (0.4 cm)
# What may follow each element of w:sectPr that a letter sets (ECMA-376 Part 1, 17.6.17).
_SECTION = (
    "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
    "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
    "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class DocxOptions:
    """How the Word file is made."""

    layout: Layout = "sequential"
    paper: Paper | None = None  # None: the reference document's paper (else Letter)
    reference: Reference | None = None  # styles, page setup, header and footer


def write_docx(documents: Sequence[Document], options: DocxOptions) -> bytes:
    """The documents (one per language) as a Word file."""
    check_layout(len(documents), options.layout)
    word = options.reference.open() if options.reference else base_document()
    scrub(word)
    body = word.element.body
    base = body.find(qn("w:sectPr"))
    if options.paper is not None:
        _set_paper(base, options.paper)
    if options.reference is None:
        _page_numbers(word)
    styles = Styles(word.styles.element)
    parts = Parts(word.part, styles, Numbering(numbering_root(word)), footnotes_part(word))
    width = _text_width(base)
    if options.layout == "parallel":
        groups = [_parallel(documents[0], documents[1], parts, width)]
    else:
        groups = [_sequential(doc, parts, width) for doc in documents]
    _sections(body, base, groups, restart=options.layout == "sequential")
    first = documents[0].meta
    _default_language(word, language_tag(first.lang))
    set_properties(
        word,
        title=[d.meta.title for d in documents],
        authors=[a for d in documents for a in d.meta.authors],
        day=first.date,
        lang=language_tag(first.lang),
    )
    return save(word, first.date)


# Sequential ----------------------------------------------------------------------------


def _sequential(doc: Document, parts: Parts, width: int) -> list[Element]:
    story = Story(doc, parts, footnotes=True)
    out: list[Element] = []
    for part in doc.parts:
        if part.role == Role.LETTERHEAD:
            out.append(_letterhead(story, part))
        elif part.role == Role.SIGNATURES:
            out += _signatures(story, part, width)
        else:
            out += story.blocks(part.blocks, part.role)
    return out


def _letterhead(
    story: Story, part: Part, second: tuple[Story, Part | None] | None = None
) -> Element:
    """The names on one line, and under them, where it reads differently, the second
    language's wording."""
    names = [b for b in part.blocks if isinstance(b, Paragraph)]
    runs: list[Element] = []
    for index, name in enumerate(names):
        if index:
            runs.append(story.run(" \u00b7 ", Fmt()))
        runs += story.runs(name.inlines)
    if second is not None:
        other, twins = second[0], _twins(part, second[1])
        if any(t is not None for t in twins):
            runs.append(story.run("\n", Fmt()))
            pairs = [(b, t) for b, t in zip(part.blocks, twins, strict=True)]
            wordings = [t if isinstance(t, Paragraph) else b for b, t in pairs]
            for index, wording in enumerate(w for w in wordings if isinstance(w, Paragraph)):
                if index:
                    runs.append(other.run(" \u00b7 ", Fmt(style="Translation")))
                runs += other.runs(wording.inlines, Fmt(style="Translation", plain=True))
    return story.paragraph("Letterhead", runs)


def _signatures(
    story: Story, part: Part, width: int, second: tuple[Story, Part | None] | None = None
) -> list[Element]:
    """The labels of the group, then its signatories in a table filled row by row (two
    columns for the lead organisations or a few names, else three)."""
    out: list[Element] = []
    cells: list[list[Element]] = []
    twins = _twins(part, second[1]) if second else [None] * len(part.blocks)
    for block, twin in zip(part.blocks, twins, strict=True):
        if isinstance(block, Heading):
            name = heading_style(Role.SIGNATURES, block.level)
            out.append(story.paragraph(name, story.runs(block.inlines)))
            continue
        paragraphs = story.block(block, Role.SIGNATURES, "Signature")
        if second is not None and isinstance(twin, Paragraph) and paragraphs:
            translation = Fmt(style="Translation", plain=True)
            paragraphs[-1].append(story.run("\n", Fmt()))
            paragraphs[-1].extend(second[0].runs(twin.inlines, translation))
        cells.append(paragraphs)
    if cells:
        tier = part.attrs.get("tier", "organization")
        columns = 2 if tier == "lead" or len(cells) <= 4 else 3
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        out.append(
            _table(story.parts, rows, [width // columns] * columns, gap=SIGNATURE_GAP, split=False)
        )
    return out


# Parallel ------------------------------------------------------------------------------

SPANS = frozenset({Role.LETTERHEAD, Role.RECIPIENT, Role.CC, Role.SIGNATURES, Role.UNLISTED})


@dataclass(frozen=True)
class Span:
    """A part set across the page: the first language's, with the second's beside it."""

    part: Part
    other: Part | None


@dataclass(frozen=True)
class Pair:
    """A block and its translation, side by side."""

    role: str
    left: Block | None
    right: Block | None


def aligned(left: Document, right: Document) -> list[Span | Pair]:
    """The rows of the parallel layout: parts paired by position, blocks by position
    within them, as the PDF's parallel layout pairs them."""
    rows: list[Span | Pair] = []
    for index, part in enumerate(left.parts):
        other = right.parts[index] if index < len(right.parts) else None
        if other is not None and other.role != part.role:
            other = None
        if part.role in SPANS:
            rows.append(Span(part, other))
            continue
        theirs = other.blocks if other is not None else []
        for number in range(max(len(part.blocks), len(theirs))):
            rows.append(
                Pair(
                    part.role,
                    part.blocks[number] if number < len(part.blocks) else None,
                    theirs[number] if number < len(theirs) else None,
                )
            )
    return rows


def _twins(part: Part, other: Part | None) -> list[Block | None]:
    """For each block of a spanning part, the other language's block if it reads differently."""
    out: list[Block | None] = []
    for index, block in enumerate(part.blocks):
        twin = other.blocks[index] if other is not None and index < len(other.blocks) else None
        out.append(None if twin is None or twin == block else twin)
    return out


def _parallel(one: Document, two: Document, parts: Parts, width: int) -> list[Element]:
    left, right = Story(one, parts, footnotes=False), Story(two, parts, footnotes=False)
    out: list[Element] = []
    rows: list[list[list[Element]]] = []

    def flush() -> None:
        if rows:
            _append(out, [_table(parts, rows, [width // 2] * 2, gap=GUTTER, split=True)])
            rows.clear()

    for row in aligned(one, two):
        if isinstance(row, Span):
            flush()
            if row.part.role == Role.LETTERHEAD:
                _append(out, [_letterhead(left, row.part, (right, row.other))])
            elif row.part.role == Role.SIGNATURES:
                _append(out, _signatures(left, row.part, width, (right, row.other)))
            else:
                _append(out, left.blocks(row.part.blocks, row.part.role))
            continue
        # Narrow columns read better ragged right than justified.
        cells = [
            story.blocks([block], row.role, jc="left") if block is not None else []
            for story, block in ((left, row.left), (right, row.right))
        ]
        rows.append(cells)
    notes = [left.endnotes(), right.endnotes()]
    if any(notes):
        rows.append(notes)  # each column ends with its own notes
    flush()
    return out


# Tables and sections -------------------------------------------------------------------


def _table(
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


def _append(out: list[Element], elements: list[Element]) -> None:
    """Two tables one after the other would be merged into one by Word: a paragraph
    keeps them apart."""
    if out and elements and out[-1].tag == qn("w:tbl") and elements[0].tag == qn("w:tbl"):
        out.append(el("w:p"))
    out.extend(elements)


def _sections(body: Element, base: Element, groups: list[list[Element]], *, restart: bool) -> None:
    """Each group of blocks a section, from a new page, with the page setup of ``base``.

    Only the first section names the header and footer; the others follow it, as
    Word's "link to previous" does. With ``restart``, each section counts its pages and
    footnotes from 1.
    """
    body.remove(base)
    out: list[Element] = []
    for index, group in enumerate(groups):
        section = deepcopy(base)
        if index:
            for tag in ("w:headerReference", "w:footerReference"):
                for found in section.findall(qn(tag)):
                    section.remove(found)
        if restart:
            _set(section, "w:type", {"w:val": "nextPage"})
            _set(section, "w:pgNumType", {"w:start": "1"})
            restart_notes = el(
                "w:footnotePr", {}, val("w:numStart", 1), val("w:numRestart", "eachSect")
            )
            for found in section.findall(qn("w:footnotePr")):
                section.remove(found)
            insert_in_order(section, restart_notes, _SECTION[1:])
        _append(out, group)
        if index == len(groups) - 1:
            if not out or out[-1].tag != qn("w:p"):
                out.append(el("w:p"))  # Word ends a document with a paragraph
            out.append(section)
            continue
        if not out or out[-1].tag != qn("w:p"):
            out.append(el("w:p"))  # a section ends with the mark of a paragraph
        props = out[-1].find(qn("w:pPr"))
        if props is None:
            props = el("w:pPr")
            out[-1].insert(0, props)
        props.append(section)
    body.extend(out)


def _set(section: Element, tag: str, attrs: dict[str, str]) -> None:
    found = section.find(qn(tag))
    if found is None:
        found = el(tag)
        insert_in_order(section, found, _SECTION[_SECTION.index(tag) + 1 :])
    for name, value in attrs.items():
        found.set(qn(name), value)


def _set_paper(section: Element, paper: Paper) -> None:
    width, height = PAGE_SIZES[paper]
    size = section.find(qn("w:pgSz"))
    if size is not None:
        section.remove(size)
    insert_in_order(section, el("w:pgSz", {"w:w": str(width), "w:h": str(height)}), _SECTION[4:])


def _text_width(section: Element) -> int:
    """The width between the margins, in twips."""

    def number(tag: str, name: str, default: int) -> int:
        found = section.find(qn(tag))
        value = found.get(qn(name)) if found is not None else None
        return int(value) if value is not None and value.lstrip("-").isdigit() else default

    width = number("w:pgSz", "w:w", 12240)
    inner = width - number("w:pgMar", "w:left", 1417) - number("w:pgMar", "w:right", 1417)
    return inner if inner > 1440 else 9000


def _page_numbers(word: WordDocument) -> None:
    """letterkit's footer: the page number, from the second page of each section on.
    (Not "2 / 3": LibreOffice cannot count the pages of a section.)"""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]._p

    paragraph.extend(field(" PAGE ", [el("w:r", {}, text("2"))]))


def _default_language(word: WordDocument, tag: str) -> None:
    """The language of text an editor adds: the letter's first."""
    props = word.styles.element.find(
        qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr")
    )
    if props is None:
        return
    for found in props.findall(qn("w:lang")):
        props.remove(found)
    insert_in_order(props, val("w:lang", tag), ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
