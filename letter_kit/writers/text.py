"""Plain text: wrapped at 72 columns, notes as ``[1]`` endnotes. The body of an email."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import partial

from ..document import (
    Block,
    Code,
    Document,
    Emph,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
)
from .common import draft_mark, heading_inlines
from .shared import made

WIDTH = 72


def inline_text(nodes: Sequence[Inline]) -> str:
    """Inlines as plain text: links as ``text <url>``, notes as ``[1]``, breaks as newlines."""
    out = ""
    for node in nodes:
        if isinstance(node, (Text, Code)):
            out += node.text
        elif isinstance(node, (Emph, Strong)):
            out += inline_text(node.children)
        elif isinstance(node, Link):
            text = inline_text(node.children)
            out += node.url if text == node.url else f"{text} <{node.url}>"
        elif isinstance(node, NoteRef):
            out += f"[{node.number}]"
        elif isinstance(node, LineBreak):
            out += "\n"
    return out


def fill(text: str, *, first: str = "", rest: str = "", width: int = WIDTH) -> str:
    """Wrap each line of ``text``; words and web addresses are never split."""
    lines = []
    for index, line in enumerate(text.split("\n")):
        lines.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent=first if index == 0 else rest,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or (first if index == 0 else rest).rstrip()
        )
    return "\n".join(lines)


def block_text(block: Block, width: int = WIDTH) -> str:
    """One block as wrapped text."""
    if isinstance(block, Paragraph):
        if len(block.inlines) == 1 and isinstance(block.inlines[0], Code):
            return textwrap.indent(block.inlines[0].text, "    ")
        text = inline_text(block.inlines)
        if block.heading is not None:
            text = inline_text(block.heading) + " " + text
        return fill(text, width=width)
    if isinstance(block, Heading):
        text = inline_text(heading_inlines(block))
        underline = ("=" if block.level == 1 else "-") * min(len(text), width)
        return fill(text, width=width) + "\n" + underline
    if isinstance(block, ListBlock):
        items = []
        for number, item in enumerate(block.items, start=block.start):
            marker = {"number": f"{number}.", "dash": "-", "bullet": "*"}[block.marker] + " "
            pad = " " * len(marker)
            inner = "\n\n".join(block_text(b, width - len(pad)) for b in item)
            items.append(marker + textwrap.indent(inner, pad)[len(pad) :])
        return "\n\n".join(items)
    if isinstance(block, Quote):
        inner = "\n\n".join(block_text(b, width - 2) for b in block.blocks)
        return textwrap.indent(inner, "> ", lambda line: True)
    assert isinstance(block, Rule)
    return "* * *"


def document_text(doc: Document) -> str:
    """One document as plain text with its notes at the end."""
    chunks = [made("txt", b, partial(block_text, b)) for part in doc.parts for b in part.blocks]
    if doc.notes:
        label = doc.meta.labels.get("notes", "Notes")
        notes = [label + "\n" + "-" * len(label)]
        notes += [made("txt", note, partial(_note_text, note)) for note in doc.notes]
        chunks.append("\n".join(notes))
    return "\n\n".join(chunks) + "\n"


def _note_text(note: Note) -> str:
    marker = f"[{note.number}] "
    return fill(inline_text(note.inlines), first=marker, rest=" " * len(marker))


def write(documents: Sequence[Document]) -> str:
    """The documents one after the other, separated by a line of ``=``; a draft starts
    with its mark."""
    mark = draft_mark(documents)
    text = ("\n" + "=" * WIDTH + "\n\n").join(document_text(d) for d in documents)
    return f"{mark}\n\n{text}" if mark else text
