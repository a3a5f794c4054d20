"""What letterkit can make: the output formats, the layouts of several languages, the
papers. Named once here; the letter model, the draft options, the writers and the
command line's choices all read them. Imports nothing, so the command line can read
it at start-up."""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal, get_args

Format = Literal["md", "html", "txt", "pdf", "docx", "eml"]
"""Markdown, HTML, plain text, PDF, Word and an email message."""
FORMATS: tuple[Format, ...] = get_args(Format)

EXTENSIONS: dict[str, Format] = {f".{fmt}": fmt for fmt in FORMATS}
"""The file name ending of each format (``.md``, ``.pdf``...): what ``-o`` chooses."""

Binary = Literal["pdf", "docx"]
"""The formats that are not text: never written to a terminal; an email can attach them."""
BINARY: tuple[Binary, ...] = get_args(Binary)
MEDIA_TYPES: dict[Binary, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

Layout = Literal["sequential", "parallel"]
"""Several languages one after the other (each from a new page), or side by side."""
LAYOUTS: tuple[Layout, ...] = get_args(Layout)

Paper = Literal["letter", "a4"]
PAPERS: tuple[Paper, ...] = get_args(Paper)

HeadingStyle = Literal["run-in", "standalone", "numbered"]
"""How a letter's headings are set: at the start of their paragraph, on a line of their
own, or on a line of their own numbered by letterkit (1., 2., ...)."""
HEADING_STYLES: tuple[HeadingStyle, ...] = get_args(HeadingStyle)
HEADING_STYLE_MARK = r"(?<!\\)[ \t]*\{\.(?P<style>[a-z][a-z-]*)\}[ \t]*$"
"""How a heading of prose sets its own style, at its end: ``## Detention {.standalone}``."""

SignatureShape = Literal["grid", "list"]
"""Signatures in columns filled row by row, or one under the other."""

CcPosition = Literal["after-signatures", "after-address"]
"""Where the cc list goes: after the signature block, or under the address block."""

LetterheadStyle = Literal["leads", "logos", "none"]
"""The top of a letter: the lead organisations (logo, name and contact line of each),
a row of the signing organisations' logos, or nothing (paper printed already)."""
LETTERHEAD_STYLES: tuple[LetterheadStyle, ...] = get_args(LetterheadStyle)

Side = Literal["left", "right"]
"""Where a block stands on the page: the date line, the address block, the signatures."""
SIDES: tuple[Side, ...] = get_args(Side)

HeadPart = Literal["title", "date", "address"]
"""The parts at the head of a letter whose order differs between conventions: English
letters put the title, then the date, then the address; French ones the address, the
date, then the title."""
HEAD_PARTS: tuple[HeadPart, ...] = get_args(HeadPart)


def format_of(path: PurePath) -> Format | None:
    """The format a file name asks for by its ending (``letter.pdf``: pdf), or None
    when it has no ending letterkit writes (``letter``, ``letter.doc``)."""
    return EXTENSIONS.get(path.suffix.lower())
