"""Markdown: CommonMark with footnotes (``[^1]``), as GitHub and Pandoc read it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from ..document import (
    Block,
    Code,
    Document,
    Emph,
    Heading,
    Image,
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
from .shared import made

# Characters that are markup anywhere in a line (CommonMark, plus the ~ ^ $ that
# GitHub and Pandoc read as strikethrough, superscript and math, and the | of their
# tables).
_ANYWHERE = re.compile(r"([\\`*_\[\]<>~^$|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# @ where Pandoc reads a citation (@key at the start of a word); an address such as
# a@b.org stays as it is.
_CITATION = re.compile(r"(?<![\w@.])@(?=\w)")
_ORDERED = re.compile(r"^\d+(?=[.)])")


def escape(text: str, *, line_start: bool = False) -> str:
    """``text`` as literal Markdown; ``line_start`` also guards block markers (``# - 1.``)."""
    text = _ANYWHERE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _CITATION.sub(r"\\@", text)
    if line_start:
        number = _ORDERED.match(text)
        if number:
            text = number.group(0) + "\\" + text[number.end() :]
        elif text[:1] in ("#", "+", "=", "-", ":"):  # headings, lists, Pandoc definitions
            text = "\\" + text
    return text


class _Writer:
    def __init__(self, label: str) -> None:
        self.label = label  # footnote label prefix, "" or "vi-"

    def inlines(self, nodes: Sequence[Inline]) -> str:
        out = ""
        for node in nodes:
            at_start = out == "" or out.endswith("\\\n")
            if isinstance(node, Text):
                out += escape(node.text, line_start=at_start)
            elif isinstance(node, Emph):
                out += "*" + self.inlines(node.children) + "*"
            elif isinstance(node, Strong):
                out += "**" + self.inlines(node.children) + "**"
            elif isinstance(node, Link):
                if out.endswith("!") and not out.endswith("\\!"):
                    out = out[:-1] + "\\!"  # "!" then a link would read as an image
                text = self.inlines(node.children)
                if text == escape(node.url):
                    out += f"<{node.url}>"
                else:
                    out += f"[{text}](<{node.url}>)"
            elif isinstance(node, Code):
                if "\n" in node.text:
                    out += f"```\n{node.text}\n```"
                else:
                    fence = "``" if "`" in node.text else "`"
                    out += f"{fence}{node.text}{fence}"
            elif isinstance(node, NoteRef):
                out += f"[^{self.label}{node.number}]"
            elif isinstance(node, LineBreak):
                out += "\\\n"
            elif isinstance(node, Image):
                out += f"![{escape(node.alt)}]({node.src})"
        return out

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            text = self.inlines(block.inlines)
            if block.heading is not None:
                text = f"**{self.inlines(block.heading)}** {text}"
            return text
        if isinstance(block, Heading):
            # the number is no list marker after "## ": written as it is, unescaped
            label = f"{escape(block.number)} " if block.number else ""
            return "#" * block.level + " " + label + self.inlines(block.inlines)
        if isinstance(block, ListBlock):
            items = []
            for number, item in enumerate(block.items, start=block.start):
                marker = {"number": f"{number}.", "dash": "-", "bullet": "*"}[block.marker]
                body = "\n\n".join(self.block(b) for b in item)
                pad = " " * (len(marker) + 1)
                items.append(
                    marker + " " + body.replace("\n", "\n" + pad).replace("\n" + pad + "\n", "\n\n")
                )
            return "\n".join(items)
        if isinstance(block, Quote):
            inner = "\n\n".join(self.block(b) for b in block.blocks)
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        assert isinstance(block, Rule)
        return "* * *"

    def note(self, note: Note) -> str:
        return f"[^{self.label}{note.number}]: {self.inlines(note.inlines)}"

    def document(self, doc: Document) -> str:
        chunks = [made("md", b, partial(self.block, b), self.label)
                  for part in doc.parts for b in part.blocks]  # fmt: skip
        notes = [made("md", n, partial(self.note, n), self.label) for n in doc.notes]
        return "\n\n".join(chunks + notes) + "\n"


def write(documents: Sequence[Document]) -> str:
    """The documents one after the other, separated by a rule.

    With several documents the footnote labels carry the language (``[^vi-1]``) so
    that each language keeps its own numbers.
    """
    several = len(documents) > 1
    texts = [_Writer(f"{d.meta.lang}-" if several else "").document(d) for d in documents]
    return "\n* * *\n\n".join(texts)
