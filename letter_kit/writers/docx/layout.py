"""The letter laid out in Word: each language a section of its own (from a new page,
its own page numbers and footnote numbers), or two languages side by side in a
table whose rows pair each block with its translation."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from ...document import Block, Document, Paragraph, Part, Role
from ...formats import Layout, Paper
from ..common import check_layout, draft_mark
from .headers import headers
from .letterhead import draft_paragraph
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
from .placing import sided
from .signatures import signatures, twins
from .story import Fmt, Parts, Story, field
from .styles import Styles, language_tag
from .tables import append_blocks, table
from .xml import el, insert_in_order, text, val

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

PAGE_SIZES: dict[Paper, tuple[int, int]] = {"letter": (12240, 15840), "a4": (11906, 16838)}
GUTTER = 340  # twips between the two columns of the parallel layout (0.6 cm)
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
    # letterkit's own document has the letterhead and the draft mark in its headers; an
    # organisation's reference document keeps its own, and gets them in the text.
    headed = options.reference is None
    if options.layout == "parallel":
        groups = [_parallel(documents[0], documents[1], parts, width, headed=headed)]
    else:
        groups = [_sequential(doc, parts, width, headed=headed) for doc in documents]
    mark = draft_mark(documents)
    if mark and not headed:
        for group, doc in zip(groups, documents, strict=False):
            group.insert(0, draft_paragraph(Story(doc, parts, footnotes=False), mark))
    _sections(body, base, groups, restart=options.layout == "sequential")
    if headed:
        headers(word, documents, parts, width, parallel=options.layout == "parallel")
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


def _sequential(doc: Document, parts: Parts, width: int, *, headed: bool) -> list[Element]:
    story = Story(doc, parts, footnotes=True)
    out: list[Element] = []
    for part in doc.parts:
        if part.role == Role.LETTERHEAD:
            if not headed:
                out.append(_letterhead(story, part))
        elif part.role == Role.SIGNATURES:
            out += signatures(story, part, width)
        else:
            out += sided(story.blocks(part.blocks, part.role), part, width)
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
        other, paired = second[0], twins(part, second[1])
        if any(t is not None for t in paired):
            runs.append(story.run("\n", Fmt()))
            pairs = [(b, t) for b, t in zip(part.blocks, paired, strict=True)]
            wordings = [t if isinstance(t, Paragraph) else b for b, t in pairs]
            for index, wording in enumerate(w for w in wordings if isinstance(w, Paragraph)):
                if index:
                    runs.append(other.run(" \u00b7 ", Fmt(style="Translation")))
                runs += other.runs(wording.inlines, Fmt(style="Translation", plain=True))
    return story.paragraph("Letterhead", runs)


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


def _parallel(
    one: Document, two: Document, parts: Parts, width: int, *, headed: bool
) -> list[Element]:
    left, right = Story(one, parts, footnotes=False), Story(two, parts, footnotes=False)
    out: list[Element] = []
    rows: list[list[list[Element]]] = []

    def flush() -> None:
        if rows:
            append_blocks(out, [table(parts, rows, [width // 2] * 2, gap=GUTTER, split=True)])
            rows.clear()

    for row in aligned(one, two):
        if isinstance(row, Span):
            flush()
            if row.part.role == Role.LETTERHEAD:
                if not headed:
                    append_blocks(out, [_letterhead(left, row.part, (right, row.other))])
            elif row.part.role == Role.SIGNATURES:
                append_blocks(out, signatures(left, row.part, width, (right, row.other)))
            else:
                append_blocks(out, left.blocks(row.part.blocks, row.part.role))
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
        append_blocks(out, group)
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
    """letterkit's footer: from the second page of each section (each language) on, the
    page's number in the section and the section's number of pages, "2 / 3"; the first
    page has none, so a one-page version has no number."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]._p
    paragraph.extend(field(" PAGE ", [el("w:r", {}, text("2"))]))
    paragraph.append(el("w:r", {}, text(" / ")))
    paragraph.extend(field(" SECTIONPAGES ", [el("w:r", {}, text("2"))]))


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
