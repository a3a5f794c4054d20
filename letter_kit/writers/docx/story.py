"""One document (one language) as WordprocessingML: paragraphs in the style of their
part, every run tagged with the language, lists numbered by Word, links as hyperlinks,
citation notes as footnotes.

A note becomes a footnote at its first use. Word numbers footnotes itself (restarting
in each language's section); a later use of the same note is a NOTEREF field showing
the footnote's number, as Word's own cross-references do. In the parallel layout the
two languages share each page, where Word's one count of footnotes cannot restart for
the second: there, as in the PDF, a note is a superscript number and each column ends
with its notes (:meth:`Story.endnotes`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import quote

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...document import (
    Block,
    Code,
    Document,
    Emph,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
)
from ..common import heading_inlines
from .numbering import Numbering, indent
from .styles import Styles, heading_style, language_tag, paragraph_style
from .xml import el, text, val

if TYPE_CHECKING:
    from docx.opc.part import Part, XmlPart
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Characters a relationship's target may hold as they are (RFC 3986); others are
# percent-encoded, or Word reports the file as damaged.
URI_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
_SPECIAL = re.compile(r"(\n|\t)")


@dataclass(frozen=True)
class Fmt:
    """How a run looks: direct bold and italic, and a character style (by name)."""

    bold: bool = False
    italic: bool = False
    style: str | None = None
    plain: bool = False  # strong text not bold (a name's second wording)


class Parts:
    """What the stories of one Word file share: its styles, lists, footnotes, bookmarks."""

    def __init__(
        self, main: Part, styles: Styles, numbering: Numbering, footnotes: XmlPart
    ) -> None:
        self.main = main
        self.styles = styles
        self.numbering = numbering
        self.footnotes = footnotes
        ids = [int(n.get(qn("w:id")) or 0) for n in footnotes.element.findall(qn("w:footnote"))]
        self._footnote = max([0, *ids])
        self._bookmark = 0

    def new_footnote(self) -> tuple[str, Element]:
        """A new, empty footnote in the footnotes part, and its id."""
        self._footnote += 1
        number = str(self._footnote)
        note = el("w:footnote", {"w:id": number})
        self.footnotes.element.append(note)
        return number, note

    def new_bookmark(self) -> tuple[str, str]:
        """The id and (hidden) name of a new bookmark."""
        self._bookmark += 1
        return str(self._bookmark), f"_RefNote{self._bookmark}"


class Story:
    """Writes one document's blocks and inlines as WordprocessingML elements."""

    def __init__(self, doc: Document, parts: Parts, *, footnotes: bool) -> None:
        self.parts = parts
        self.images = doc.images
        self.lang = language_tag(doc.meta.lang)
        self.footnotes = footnotes
        self._notes = {note.number: note for note in doc.notes}
        self._uses = Counter(ref.number for ref in _note_refs(doc))
        self._placed: dict[int, str] = {}  # note number -> bookmark of its first use

    # Blocks ---------------------------------------------------------------------------

    def blocks(self, blocks: list[Block], role: str, *, jc: str | None = None) -> list[Element]:
        """The blocks of a part with this role."""
        style = paragraph_style(role)
        return [out for block in blocks for out in self.block(block, role, style, jc=jc)]

    def block(
        self,
        block: Block,
        role: str,
        style: str,
        *,
        jc: str | None = None,
        depth: int = 0,
        num: tuple[str, int] | None = None,
        left: int | None = None,
    ) -> list[Element]:
        """One block: ``num`` numbers it as a list item, ``left`` indents it as one."""
        if isinstance(block, Paragraph):
            runs = self.runs(block.inlines)
            if block.heading is not None:
                lead = self.runs(block.heading, Fmt(style="Run-in Heading"))
                runs = [*lead, self.run(" ", Fmt()), *runs]
            return [self.paragraph(style, runs, num=num, left=left, jc=jc)]
        if isinstance(block, Heading):
            name = heading_style(role, block.level)
            runs = self.runs(heading_inlines(block))
            return [self.paragraph(name, runs, num=num, left=left, jc=jc, keep_next=True)]
        if isinstance(block, ListBlock):
            return self._list(block, role, style, jc=jc, depth=depth)
        if isinstance(block, Quote):
            return [p for b in block.blocks for p in self.block(b, role, "Block Text", jc=jc)]
        assert isinstance(block, Rule)
        return [self.paragraph("Horizontal Rule", [])]

    def _list(
        self, block: ListBlock, role: str, style: str, *, jc: str | None, depth: int
    ) -> list[Element]:
        num_id = self.parts.numbering.start(block.marker, block.start, depth)
        out: list[Element] = []
        for item in block.items:
            numbered = False
            for sub in item:
                if isinstance(sub, ListBlock):
                    if not numbered:  # an item that starts with a list keeps its number
                        out.append(self.paragraph(style, [], num=(num_id, depth), jc=jc))
                        numbered = True
                    out += self._list(sub, role, style, jc=jc, depth=depth + 1)
                elif not numbered:
                    out += self.block(sub, role, style, jc=jc, depth=depth, num=(num_id, depth))
                    numbered = True
                else:
                    out += self.block(sub, role, style, jc=jc, depth=depth, left=indent(depth))
        return out

    def paragraph(
        self,
        style: str,
        runs: list[Element],
        *,
        num: tuple[str, int] | None = None,
        left: int | None = None,
        jc: str | None = None,
        keep_next: bool = False,
        before: int | None = None,
    ) -> Element:
        """A paragraph in the named style (the order of w:pPr's children is the schema's);
        ``keep_next`` keeps it on the page of the next paragraph, ``before`` is the space
        above it in twips."""
        props = el("w:pPr", {}, val("w:pStyle", self.parts.styles.id(style)))
        if keep_next:
            props.append(el("w:keepNext"))
        if num is not None:
            props.append(el("w:numPr", {}, val("w:ilvl", num[1]), val("w:numId", num[0])))
        if before is not None:
            props.append(el("w:spacing", {"w:before": str(before)}))
        if left is not None:
            props.append(el("w:ind", {"w:left": str(left)}))
        if jc is not None:
            props.append(val("w:jc", jc))
        props.append(el("w:rPr", {}, val("w:lang", self.lang)))
        return el("w:p", {}, props, *runs)

    # Inlines --------------------------------------------------------------------------

    def runs(
        self, nodes: list[Inline], fmt: Fmt | None = None, *, part: Part | None = None
    ) -> list[Element]:
        """Inlines as runs; ``part`` is the part whose relationships hold the links
        (the document's, or the footnotes' for the text of a note)."""
        fmt = fmt or Fmt()
        part = part or self.parts.main
        out: list[Element] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(self.run(node.text, fmt))
            elif isinstance(node, Code):
                out.append(self.run(node.text, replace(fmt, style="Verbatim Char")))
            elif isinstance(node, Emph):
                out += self.runs(node.children, replace(fmt, italic=True), part=part)
            elif isinstance(node, Strong):
                out += self.runs(node.children, replace(fmt, bold=not fmt.plain), part=part)
            elif isinstance(node, Link):
                out += self._link(node, fmt, part)
            elif isinstance(node, NoteRef):
                if part is self.parts.main:  # a note cites no other note
                    out += self._note(node.number)
            elif isinstance(node, LineBreak):
                out.append(el("w:r", {}, self._props(fmt), el("w:br")))
        return out

    def run(self, content: str, fmt: Fmt) -> Element:
        """A run of text; a newline is a line break, a tab a tab."""
        pieces = [
            el("w:br") if s == "\n" else el("w:tab") if s == "\t" else text(s)
            for s in _SPECIAL.split(content)
            if s
        ]
        return el("w:r", {}, self._props(fmt), *pieces)

    def _props(self, fmt: Fmt) -> Element:
        props = el("w:rPr")
        if fmt.style is not None:
            props.append(val("w:rStyle", self.parts.styles.id(fmt.style)))
        if fmt.bold:
            props.append(el("w:b"))
        if fmt.italic:
            props.append(el("w:i"))
        props.append(val("w:lang", self.lang))
        return props

    def _link(self, node: Link, fmt: Fmt, part: Part) -> list[Element]:
        if not node.url.lower().startswith(SAFE_SCHEMES):
            return self.runs(node.children, fmt, part=part)
        target = quote(node.url, safe=URI_SAFE)
        rid = part.relate_to(target, RT.HYPERLINK, is_external=True)
        runs = self.runs(node.children, replace(fmt, style="Hyperlink"), part=part)
        return [el("w:hyperlink", {"r:id": rid, "w:history": "1"}, *runs)]

    # Notes ----------------------------------------------------------------------------

    def _note(self, number: int) -> list[Element]:
        mark = Fmt(style="footnote reference")
        note = self._notes.get(number)
        if not self.footnotes or note is None or number in self._placed:
            shown = self.run(str(number), mark)
            bookmark = self._placed.get(number, "")
            return field(f" NOTEREF {bookmark} \\f \\h ", [shown]) if bookmark else [shown]
        footnote_id, footnote = self.parts.new_footnote()
        runs = [el("w:r", {}, self._props(mark), el("w:footnoteReference", {"w:id": footnote_id}))]
        own = el("w:r", {}, self._props(mark), el("w:footnoteRef"))
        body = self.runs(note.inlines, part=self.parts.footnotes)
        footnote.append(self.paragraph("footnote text", [own, self.run(" ", Fmt()), *body]))
        self._placed[number] = ""
        if self._uses[number] > 1:
            bookmark_id, name = self.parts.new_bookmark()
            runs = [
                el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name}),
                *runs,
                el("w:bookmarkEnd", {"w:id": bookmark_id}),
            ]
            self._placed[number] = name
        return runs

    def endnotes(self) -> list[Element]:
        """The notes as paragraphs, each after its number (where they are not footnotes)."""
        mark = Fmt(style="footnote reference")
        return [
            self.paragraph(
                "footnote text",
                [self.run(str(note.number), mark), self.run(" ", Fmt()), *self.runs(note.inlines)],
            )
            for note in self._notes.values()
        ]


def field(instruction: str, result: list[Element]) -> list[Element]:
    """A complex field: Word shows ``result`` until it updates the field."""

    def char(kind: str) -> Element:
        return el("w:r", {}, el("w:fldChar", {"w:fldCharType": kind}))

    code = el("w:instrText")
    code.text = instruction
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [char("begin"), el("w:r", {}, code), char("separate"), *result, char("end")]


def _note_refs(doc: Document) -> Iterator[NoteRef]:
    def walk(node: object) -> Iterator[NoteRef]:
        if isinstance(node, NoteRef):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, Paragraph):
            yield from walk(node.heading or [])
            yield from walk(node.inlines)
        elif isinstance(node, Heading):
            yield from walk(node.inlines)
        elif isinstance(node, Emph | Strong | Link):
            yield from walk(node.children)
        elif isinstance(node, ListBlock):
            yield from walk(node.items)
        elif isinstance(node, Quote):
            yield from walk(node.blocks)

    for part in doc.parts:
        yield from walk(part.blocks)
