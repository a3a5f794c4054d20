"""Reading the rendered Markdown back into document parts and blocks.

The template's output is Markdown with part markers on lines of their own::

    <!-- @dateline -->
    August 4, 2021

    <!-- @signatures tier=lead -->
    **Tung B Nguyen**\\
    President of Vietnam Human Rights Network

The text is split at the markers, then each part is parsed with markdown-it
(CommonMark, raw HTML off, images off) plus one rule for ``[@source]`` citations.
Notes are numbered as citations are met, in reading order; a link to a source,
``[text](@source)``, leads to the source's web address.

A heading of the letter's prose is set as the letter says (``headings: run-in``,
``standalone`` or ``numbered``), or as it says itself at its end: ``## Detention
{.standalone}``. A run-in heading becomes the start of the paragraph that follows it;
the others stay headings (numbered later, see :mod:`.headings`).

What a block stands for (its ``key``: ``body.3``, ``signer.4``) travels through the
template as an invisible mark at the start of the block's text (:func:`key_mark`),
put there by the composer in prose and by ``{{ signer.mark }}`` in templates. The
mark is a control character that no text from the data may hold; the parser takes it
off every text and gives its key to the block it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..document import (
    Block,
    Code,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Part,
    Quote,
    Role,
    Rule,
    Strong,
    Text,
)
from ..formats import HEADING_STYLE_MARK, HEADING_STYLES, HeadingStyle
from ..workspace.references import CITE_GROUP, SOURCE_LINK_PREFIX, parse_group
from .citations import NoteNumbers

MARKER = re.compile(
    r"^<!-- @([a-z][a-z0-9-]*)((?:[ \t]+[a-z][a-z0-9-]*=[^\s=]+)*)[ \t]*-->[ \t]*$", re.M
)
MARKER_START = "<!-- @"
KEY_MARK = "\x1f"
_KEY_MARKS = re.compile("\x1f([^\x1f]*)\x1f ?|\x1f")


def key_mark(key: str) -> str:
    """The invisible mark that gives ``key`` to the block whose text starts with it.

    It ends with a space, taken off with it, so that emphasis right after it opens as
    it would at the start of the block (``**(RSF)**``).
    """
    return f"{KEY_MARK}{key}{KEY_MARK} "


class MarkupError(ValueError):
    """The rendered Markdown does not have the shape of a document (line is 1-based)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _cite(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    match = CITE_GROUP.match(state.src, state.pos)
    cites = parse_group(match.group(1)) if match else None
    if match is None or cites is None:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"cites": cites}
    state.pos = match.end()
    return True


def _parser(*, images: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["html_inline", "html_block"] if images else ["image", "html_inline", "html_block"])
    md.inline.ruler.before("link", "cite", _cite)
    return md


_MD = _parser()
_MD_IMAGES = _parser(images=True)
# Parts that may show images (logos, signatures): only templates put them there, and
# every one is checked (:mod:`letter_kit.workspace.assets`). In prose ![x](y) is text.
IMAGE_ROLES = frozenset({Role.LETTERHEAD, Role.SIGNATURES})


def block_tokens(markdown: str) -> list[Token]:
    """The tokens markdown-it reads ``markdown`` as, with the parser letters are read with."""
    return _MD.parse(markdown)


# (role, attributes, Markdown, line of its first line in the rendered template)
RawPart = tuple[str, dict[str, str], str, int]


def split_parts(text: str) -> list[RawPart]:
    """``(role, attrs, markdown, first line)`` for each marked part of the text."""
    markers = list(MARKER.finditer(text))
    if not markers:
        raise MarkupError("no part markers such as '<!-- @body -->'", 1)
    head = text[: markers[0].start()]
    if head.strip():
        raise MarkupError("text before the first part marker", 1)
    parts = []
    line, counted = 2, 0  # lines are counted on from the marker before: linear in the text
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        attrs = dict(pair.split("=", 1) for pair in marker.group(2).split())
        line += text.count("\n", counted, marker.start())
        counted = marker.start()
        parts.append((marker.group(1), attrs, text[marker.end() : end], line))
    return parts


# Parts of the letter's prose, whose headings are set as the letter says.
PROSE_ROLES = frozenset({Role.BODY})
# A heading's own style, at its end: "## Detention {.standalone}".
HEADING_ATTRIBUTE = re.compile(HEADING_STYLE_MARK)


def parse_part(raw: RawPart, numbers: NoteNumbers, *, headings: HeadingStyle = "run-in") -> Part:
    """One part of a rendered template, its citations numbered by ``numbers``; the
    headings of the prose parts set in the style ``headings`` (unless they say another)."""
    role, attrs, markdown, _line = raw
    style = headings if role in PROSE_ROLES else None
    images = role in IMAGE_ROLES
    return Part(role, parse_blocks(markdown, numbers, headings=style, images=images), attrs)


def parse_blocks(
    markdown: str,
    numbers: NoteNumbers,
    *,
    headings: HeadingStyle | None = None,
    images: bool = False,
) -> list[Block]:
    """Markdown -> blocks. With ``headings``, a heading is set in that style unless it
    says another: a run-in heading (level 2+) followed by a paragraph becomes the
    paragraph's run-in heading; without, every heading stands on its own line. With
    ``images``, ``![what](assets/file.svg)`` is an image."""
    tokens = (_MD_IMAGES if images else _MD).parse(markdown)
    blocks, _ = _Builder(numbers, headings).blocks(tokens, 0, None)
    return blocks


@dataclass
class _Builder:
    numbers: NoteNumbers
    headings: HeadingStyle | None = None
    _run_in: set[int] = field(default_factory=set)  # ids of the headings to run in

    def blocks(self, tokens: list[Token], i: int, close: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(tokens):
            token = tokens[i]
            if close is not None and token.type == close:
                return self.finish(out), i + 1
            if token.type == "paragraph_open":
                inlines, key = self.keyed_inlines(tokens[i + 1])
                out.append(Paragraph(inlines, key=key))
                i += 3
            elif token.type == "heading_open":
                out.append(self.heading(int(token.tag[1]), tokens[i + 1]))
                i += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                block, i = self.list_block(tokens, i)
                out.append(block)
            elif token.type == "blockquote_open":
                inner, i = self.blocks(tokens, i + 1, "blockquote_close")
                out.append(Quote(inner))
            elif token.type == "hr":
                out.append(Rule())
                i += 1
            elif token.type in ("code_block", "fence"):
                out.append(Paragraph([Code(_unmarked(token.content).rstrip("\n"))]))
                i += 1
            else:
                i += 1
        return self.finish(out), i

    def heading(self, level: int, inline: Token) -> Heading:
        """A heading in its style: its own (``{.numbered}`` at its end), else the part's."""
        inlines, key = self.keyed_inlines(inline)
        found = HEADING_ATTRIBUTE.search(inline.content)
        style = self.headings
        if found is not None and found.group("style") in HEADING_STYLES:
            inlines = _without_attribute(inlines)
            style = found.group("style")  # type: ignore[assignment]
        heading = Heading(
            level, inlines, key=key, style="numbered" if style == "numbered" else "standalone"
        )
        if style == "run-in" and level >= 2:
            self._run_in.add(id(heading))
        return heading

    def finish(self, blocks: list[Block]) -> list[Block]:
        return _run_in(blocks, self._run_in) if self._run_in else blocks

    def list_block(self, tokens: list[Token], i: int) -> tuple[ListBlock, int]:
        opener = tokens[i]
        ordered = opener.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = int(opener.attrGet("start") or 1) if ordered else 1
        marker: Any = "number" if ordered else ("dash" if opener.markup == "-" else "bullet")
        items: list[list[Block]] = []
        i += 1
        while tokens[i].type != close:
            if tokens[i].type == "list_item_open":
                item, i = self.blocks(tokens, i + 1, "list_item_close")
                items.append(item)
            else:
                i += 1
        return ListBlock(marker, start, items), i + 1

    def keyed_inlines(self, inline: Token) -> tuple[list[Inline], str | None]:
        """The inlines of a block, and the key its text starts with (if any)."""
        inlines = self.inlines(inline.children or [])
        return _keyed(inlines) if KEY_MARK in inline.content else (inlines, None)

    def inlines(self, children: list[Token]) -> list[Inline]:
        stack: list[list[Inline]] = [[]]
        opened: list[Token] = []
        for token in children:
            kind = token.type
            if kind in ("text", "text_special"):
                _add_text(stack[-1], token.content)
            elif kind == "softbreak":
                _add_text(stack[-1], " ")
            elif kind == "hardbreak":
                stack[-1].append(LineBreak())
            elif kind == "code_inline":
                stack[-1].append(Code(_unmarked(token.content)))
            elif kind == "image":
                src = str(token.attrGet("src") or "")
                alt = "".join(c.content for c in token.children or [] if c.type.startswith("text"))
                stack[-1].append(Image(src, _unmarked(alt)))
            elif kind == "cite":
                for cite in token.meta["cites"]:
                    stack[-1].append(NoteRef(self.numbers.number(cite)))
            elif kind.endswith("_open"):
                opened.append(token)
                stack.append([])
            elif kind.endswith("_close"):
                opener, children_ = opened.pop(), stack.pop()
                stack[-1].append(self.wrap(opener, children_))
        return stack[0]

    def wrap(self, opener: Token, children: list[Inline]) -> Inline:
        if opener.type == "em_open":
            return Emph(children)
        if opener.type == "strong_open":
            return Strong(children)
        href = str(opener.attrGet("href") or "")
        if href.startswith(SOURCE_LINK_PREFIX):  # [text](@source-id)
            href = self.numbers.link(href.removeprefix(SOURCE_LINK_PREFIX))
        return Link(href, children)


def _add_text(out: list[Inline], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    else:
        out.append(Text(text))


def _without_attribute(inlines: list[Inline]) -> list[Inline]:
    """A heading's inlines without the ``{.style}`` at their end."""
    out = list(inlines)
    last = out[-1] if out else None
    if isinstance(last, Text):
        found = HEADING_ATTRIBUTE.search(last.text)
        if found is not None:
            rest = last.text[: found.start()].rstrip()
            out[-1:] = [Text(rest)] if rest else []
    if out and isinstance(out[-1], Text) and out[-1].text != out[-1].text.rstrip():
        out[-1] = Text(out[-1].text.rstrip())
    return out


def _run_in(blocks: list[Block], run_in: set[int]) -> list[Block]:
    """A run-in heading directly followed by a paragraph becomes the paragraph's head."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, Paragraph)
            and isinstance(previous, Heading)
            and id(previous) in run_in
            and block.heading is None
        ):
            keys = " ".join(k for k in (previous.key, block.key) if k) or None
            out[-1] = Paragraph(block.inlines, heading=previous.inlines, key=keys)
        else:
            out.append(block)
    return out


def _unmarked(text: str) -> str:
    return _KEY_MARKS.sub("", text) if KEY_MARK in text else text


def _keyed(inlines: list[Inline]) -> tuple[list[Inline], str | None]:
    """The inlines without key marks, and the key of the mark they start with."""
    first = _first_text(inlines)
    key = None
    if first is not None:
        found = _KEY_MARKS.match(first.text)
        key = found.group(1) if found and found.group(1) is not None else None
    return _without_marks(inlines), key or None


def _first_text(inlines: list[Inline]) -> Text | None:
    for node in inlines:
        if isinstance(node, Text):
            return node
        if isinstance(node, Emph | Strong | Link):
            return _first_text(node.children)
        return None
    return None


def _without_marks(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            if KEY_MARK in node.text:
                node = Text(_unmarked(node.text))
            if node.text:
                out.append(node)
        elif isinstance(node, Emph):
            out.append(Emph(_without_marks(node.children)))
        elif isinstance(node, Strong):
            out.append(Strong(_without_marks(node.children)))
        elif isinstance(node, Link):
            out.append(Link(node.url, _without_marks(node.children)))
        else:
            out.append(node)
    return out
