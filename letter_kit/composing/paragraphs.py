"""Prose in paragraphs: the units a translation is paired by.

A prose text (a letter's body, its conclusion, a demand) is Markdown. Its paragraphs,
headings and list items, in order, are its *paragraphs* here: a translation must have
as many (or say how it joins or splits them), letterkit fingerprints each one to tell
a stale translation, a PO file holds one message for each, and the side-by-side
layout sets each level with its translation. A list counts as its items; a block
quote, a code block or a rule counts as one.

Prose is read with the parser that reads letters (:mod:`.markdown`), so what counts
as a paragraph here is what is printed as one.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from markdown_it.token import Token

from .markdown import block_tokens, key_mark

Kind = Literal["paragraph", "heading", "item", "quote", "code", "rule"]

_TOP: dict[str, Kind] = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "blockquote_open": "quote",
    "fence": "code",
    "code_block": "code",
    "hr": "rule",
}
_HARD_BREAK = re.compile(r"(?:\\|  )$")


@dataclass(frozen=True)
class Segment:
    """One paragraph (or heading, list item, quote...) of a prose text."""

    kind: Kind
    text: str  # as written, from the block syntax to its last character
    prefix: str  # the block syntax before its words: "- ", "## ", "> ", or indentation
    start: int  # offset of its first character in the prose
    line: int  # line of its first character in the prose, from 0
    simple: bool  # one run of words (a paragraph, a heading, a one-paragraph item)
    markable: bool = True  # its words start on its first line, where a key mark can go

    @property
    def content(self) -> str:
        """Its text without the block syntax, continuation lines unindented."""
        first, *rest = self.text[len(self.prefix) :].split("\n")
        return "\n".join([first, *textwrap.dedent("\n".join(rest)).split("\n")]) if rest else first

    @property
    def flowing(self) -> str:
        """What a translator reads: a simple paragraph on one line (hard line breaks
        kept); anything else as written, without its block syntax."""
        if not self.simple:
            return self.content
        out = ""
        for line in self.content.split("\n"):
            line = line.strip() if _HARD_BREAK.search(line) is None else line.lstrip()
            out += line + ("\n" if _HARD_BREAK.search(line) else " ")
        return out.rstrip(" ")

    @property
    def words(self) -> str:
        """Its words, whitespace collapsed: what two versions are compared by."""
        return " ".join(self.content.split())

    @property
    def translated(self) -> bool:
        """Whether it holds words to translate (a rule holds none)."""
        return self.kind != "rule"


@lru_cache(maxsize=512)
def segments(text: str) -> tuple[Segment, ...]:
    """The paragraphs of a prose text, in order."""
    if not text.strip():
        return ()
    tokens = block_tokens(text)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for index, token in enumerate(tokens):
        if token.map is None or token.nesting == -1:
            continue
        if token.level == 0 and token.type in _TOP:
            kind = _TOP[token.type]
        elif token.level == 1 and token.type == "list_item_open":
            kind = "item"
        else:
            continue
        first, last = token.map
        raw = "\n".join(lines[first:last]).rstrip()
        indent = 0 if kind == "code" else len(raw) - len(raw.lstrip())
        raw = raw[indent:]
        prefix = _prefix(lines[first].lstrip(), tokens, index, kind)
        simple = _simple(tokens, index, kind)
        start = starts[first] + indent
        out.append(Segment(kind, raw, prefix or "", start, first, simple, prefix is not None))
    return tuple(out)


def _prefix(line: str, tokens: list[Token], index: int, kind: Kind) -> str | None:
    """The block syntax before the first word of the block that starts at ``line``;
    None if its words do not start on that line (or it has none to mark)."""
    if kind in ("code", "rule"):
        return None
    inline = next((t for t in tokens[index + 1 :] if t.type == "inline"), None)
    head = inline.content.split("\n")[0] if inline is not None else ""
    where = line.find(head) if head else -1
    return line[:where] if where >= 0 else None


def _simple(tokens: list[Token], index: int, kind: Kind) -> bool:
    if kind in ("paragraph", "heading"):
        return True
    if kind != "item":
        return False
    inner = []
    for token in tokens[index + 1 :]:
        if token.type == "list_item_close" and token.level == tokens[index].level:
            break
        inner.append(token.type)
    return inner == ["paragraph_open", "inline", "paragraph_close"]


def with_keys(text: str, keys: Sequence[str] | str) -> str:
    """The prose with a key mark at the start of the words of each paragraph (code
    blocks and rules, which have no words to mark, are left as they are); one key
    given as a string marks every paragraph."""
    found = segments(text)
    if isinstance(keys, str):
        keys = [keys] * len(found)
    out = text
    for segment, key in reversed(list(zip(found, keys, strict=False))):
        if not segment.markable or not key:
            continue
        at = segment.start + len(segment.prefix)
        out = out[:at] + key_mark(key) + out[at:]
    return out
