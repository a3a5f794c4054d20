"""The composed document: what every writer (Markdown, HTML, text, PDF, email) reads.

A :class:`Document` is one letter in one language. It is a list of :class:`Part`\\ s,
each with a role that the letter kind's template chose (``letterhead``, ``dateline``,
``recipient``, ``subject``, ``salutation``, ``body``, ``closing``, ``signatures`` ...),
holding blocks of inlines, plus the numbered notes. Writers decide how each role looks;
none of them sees the workspace data.

A paragraph or heading may carry a ``key``: what it stands for, the same in every
language (``body.3``, the third paragraph of the body; ``signer.4``, the fifth
signatory; ``case:pham-doan-trang``). A layout that sets two languages side by side
pairs blocks by key, never by position (:func:`key_units`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Literal


class Role(StrEnum):
    """The roles of the parts of a letter that letterkit's templates and writers know.

    A template marks each part with its role (``<!-- @body -->``); a template of its
    own may use other roles too, which writers lay out as plain text.
    """

    LETTERHEAD = "letterhead"
    TITLE = "title"
    SUBTITLE = "subtitle"
    DATELINE = "dateline"
    RECIPIENT = "recipient"
    CC = "cc"
    SUBJECT = "subject"
    SALUTATION = "salutation"
    BODY = "body"
    CASES = "cases"
    CLOSING = "closing"
    SIGNATURES = "signatures"
    UNLISTED = "unlisted"
    # press releases
    ABOUT = "about"
    ENDMARK = "endmark"
    CONTACT = "contact"


class Node:
    """Base of every document node; knows how to become JSON (for the PDF template)."""

    kind: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with a ``type`` key."""
        out: dict[str, Any] = {"type": self.kind}
        for name in _field_names(type(self)):
            out[name] = _json(getattr(self, name))
        return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _json(value: Any) -> Any:
    if isinstance(value, Node):
        return value.to_json()
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


# Inlines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text(Node):
    kind = "text"
    text: str


@dataclass(frozen=True)
class Emph(Node):
    kind = "emph"
    children: list[Inline]


@dataclass(frozen=True)
class Strong(Node):
    kind = "strong"
    children: list[Inline]


@dataclass(frozen=True)
class Link(Node):
    kind = "link"
    url: str
    children: list[Inline]


@dataclass(frozen=True)
class Code(Node):
    kind = "code"
    text: str


@dataclass(frozen=True)
class NoteRef(Node):
    kind = "noteref"
    number: int


@dataclass(frozen=True)
class LineBreak(Node):
    kind = "linebreak"


@dataclass(frozen=True)
class Image(Node):
    """An image of the workspace's ``assets/`` folder (a logo, a signature): ``src`` is
    its path from the workspace, the key of its :class:`ImageFile` in the document's
    ``images``; ``alt`` says what it shows."""

    kind = "image"
    src: str
    alt: str


Inline = Text | Emph | Strong | Link | Code | NoteRef | LineBreak | Image


# Blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph(Node):
    """A paragraph; ``heading`` is a run-in heading printed at its start, in bold, with
    its punctuation (``Detention.``) and a space before the text."""

    kind = "paragraph"
    inlines: list[Inline]
    heading: list[Inline] | None = None
    key: str | None = None


StandaloneStyle = Literal["standalone", "numbered"]


@dataclass(frozen=True)
class Heading(Node):
    """A heading on a line of its own, kept with the block that follows it.

    ``number`` is the label letterkit numbered it with (``2.``, ``2.1.``), printed
    before its text, the same in every format; ``style`` says whether it is numbered.
    """

    kind = "heading"
    level: int
    inlines: list[Inline]
    key: str | None = None
    style: StandaloneStyle = "standalone"
    number: str | None = None


@dataclass(frozen=True)
class ListBlock(Node):
    """A list. ``marker`` is ``number``, ``dash`` (en dash) or ``bullet``."""

    kind = "list"
    marker: Literal["number", "dash", "bullet"]
    start: int
    items: list[list[Block]]


@dataclass(frozen=True)
class Quote(Node):
    kind = "quote"
    blocks: list[Block]


@dataclass(frozen=True)
class Rule(Node):
    kind = "rule"


Block = Paragraph | Heading | ListBlock | Quote | Rule


# Document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Part(Node):
    """A run of blocks with one role in the letter.

    ``attrs`` are what the template says of the part on its marker line: for the
    signatures, ``tier`` (lead, organization, individual), ``shape`` (``grid``: in
    columns, ``list``: one under the other) and ``handwritten`` (``yes``: room above each
    name for a signature).
    """

    kind = "part"
    role: str
    blocks: list[Block]
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Note(Node):
    kind = "note"
    number: int
    inlines: list[Inline]


@dataclass(frozen=True)
class ImageFile(Node):
    """The content of an image a document shows, checked (:mod:`letter_kit.workspace.
    assets`): its media type (``image/png``, ``image/jpeg``, ``image/svg+xml``) and its
    intrinsic width and height (pixels, or SVG user units), for its proportions.
    As JSON it is its description only, without its bytes."""

    kind = "image-file"
    src: str
    media_type: str
    data: bytes = field(repr=False)
    width: float
    height: float

    def to_json(self) -> dict[str, Any]:
        return {"type": self.kind, "src": self.src, "media_type": self.media_type,
                "width": self.width, "height": self.height}  # fmt: skip

    @property
    def suffix(self) -> str:
        """The file name extension of its type: ``png``, ``jpg`` or ``svg``."""
        return {"image/png": "png", "image/jpeg": "jpg"}.get(self.media_type, "svg")


@dataclass(frozen=True)
class Meta(Node):
    """What a file format records about the document (PDF metadata, email headers).

    ``title`` is the letter's headline: its subject, else its title, else a phrase of
    the catalog naming its recipients (``Letter to Secretary Gina M. Raimondo``).
    ``draft`` is the mark a draft carries on every page (``DRAFT``, in the document's
    language), None for a final or sent letter or a proof; ``short_title`` what the
    footer of each page may carry.
    """

    kind = "meta"
    letter: str
    letter_kind: str
    lang: str
    date: date
    title: str
    authors: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    draft: str | None = None
    short_title: str | None = None


@dataclass(frozen=True)
class Document(Node):
    """One letter in one language."""

    kind = "document"
    meta: Meta
    parts: list[Part]
    notes: list[Note]
    images: dict[str, ImageFile] = field(default_factory=dict)

    def parts_with(self, role: str) -> list[Part]:
        """Every part with this role, in order."""
        return [p for p in self.parts if p.role == role]


def key_units(key: str | None) -> frozenset[str]:
    """What a block's key says it stands for: one or more units separated by spaces.

    A translation that joins two paragraphs into one has the key ``body.3 body.4``:
    it pairs with both. Two blocks with the same unit translate each other.
    """
    return frozenset(key.split()) if key else frozenset()


def block_key(block: Block) -> str | None:
    """The key of a block: its own, or that of the first block it holds."""
    if isinstance(block, Paragraph | Heading):
        return block.key
    if isinstance(block, Quote) and block.blocks:
        return block_key(block.blocks[0])
    return None


def plain_text(inlines: list[Inline]) -> str:
    """The text of inlines without any markup (note markers dropped, breaks as spaces)."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            out.append(" ")
    return "".join(out)


def without_images(inlines: list[Inline]) -> list[Inline]:
    """Inlines with their images left out (for a format that shows none)."""
    return [node for node in inlines if not isinstance(node, Image)]


def image_sources(parts: list[Part]) -> list[str]:
    """The ``src`` of every image the parts show, each once, in order."""
    found: dict[str, None] = {}

    def walk(node: object) -> None:
        if isinstance(node, Image):
            found[node.src] = None
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, Paragraph):
            walk(node.heading or [])
            walk(node.inlines)
        elif isinstance(node, Heading):
            walk(node.inlines)
        elif isinstance(node, Emph | Strong | Link):
            walk(node.children)
        elif isinstance(node, ListBlock):
            walk(node.items)
        elif isinstance(node, Quote):
            walk(node.blocks)

    for part in parts:
        walk(part.blocks)
    return list(found)
