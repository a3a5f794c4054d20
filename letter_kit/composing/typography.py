"""Typography per language, applied once to each composed document so that every format
prints the same characters.

- Straight quotes become the quotation marks of the language, as its catalog writes
  them (``“%(quoted)s”`` in English and Vietnamese, ``« %(quoted)s »`` in French);
  ``'`` between letters is the apostrophe ``’``. Curly English quotes in a French text
  become its own marks.
- French spacing: a no-break space before ``:`` and inside ``« »``, a narrow no-break
  space before ``; ! ?`` (only where the mark ends a word, so ``https://`` and
  ``10:30`` are left alone).

Code spans, and the text of a link that is its own address, are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    Paragraph,
    Part,
    Quote,
    Strong,
    Text,
    plain_text,
)
from .i18n import Language

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
APOSTROPHE = "’"
_OPENING_CONTEXT = set(" \t\n([{<–—-/“‘«„" + "\u2039\u201a" + NBSP + NARROW_NBSP)
_SPACES = (" ", NBSP, NARROW_NBSP)
_FRENCH_SPACE = {":": NBSP, ";": NARROW_NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP}


@dataclass(frozen=True)
class Typography:
    """The typographic rules of one language."""

    opening: str
    closing: str
    inner_opening: str
    inner_closing: str
    french: bool

    @classmethod
    def of(cls, lang: Language) -> Typography:
        """The rules of a language: its quotation marks come from its catalog."""
        outer = _marks(lang.pgettext("quotation marks", "“%(quoted)s”"), ("“", "”"))
        inner = _marks(lang.pgettext("inner quotation marks", "‘%(quoted)s’"), ("‘", "’"))
        return cls(*outer, *inner, french=lang.locale.language == "fr")

    # Text ------------------------------------------------------------------------------

    def text(self, value: str, before: str = "", after: str = "") -> str:
        """One piece of text; ``before`` and ``after`` are the characters around it."""
        out: list[str] = []
        previous = before
        recode = self.opening not in "“”" and self.closing not in "“”"
        for index, char in enumerate(value):
            following = value[index + 1] if index + 1 < len(value) else after
            if char == '"':
                char = self.opening if _opens(previous) else self.closing
            elif char == "'":
                if previous[-1:].isalnum() and following[:1].isalnum():
                    char = APOSTROPHE
                elif _opens(previous) and following[:1].isalpha():
                    char = self.inner_opening
                else:
                    char = self.inner_closing if not previous[-1:].isalnum() else APOSTROPHE
            elif recode and char == "“":
                char = self.opening
            elif recode and char == "”":
                char = self.closing
            out.append(char)
            previous = char
        text = "".join(out)
        return self._french(text, before, after) if self.french else text

    def _french(self, text: str, before: str, after: str) -> str:
        out: list[str] = []
        for index, char in enumerate(text):
            previous = out[-1] if out else before[-1:]
            following = text[index + 1] if index + 1 < len(text) else after[:1]
            space = _FRENCH_SPACE.get(char) or (NBSP if char == "»" else None)
            ends = char == "»" or _ends_word(following)
            if space and ends and previous and previous != "\n":
                if out and out[-1] in _SPACES:
                    out[-1] = space  # the space typed before the mark, made no-break
                elif previous not in _SPACES and previous not in _FRENCH_SPACE:
                    out.append(space)
            if previous == "«" and char in _SPACES:
                char = NBSP
            elif previous == "«" and char != "\n":
                out.append(NBSP)
            out.append(char)
        if out and out[-1] == "«" and after[:1] not in _SPACES:
            out.append(NBSP)
        return "".join(out)

    # Documents ---------------------------------------------------------------------------

    def document(self, doc: Document) -> Document:
        """The document with the rules applied to every text, its title and its notes."""
        parts = [self.part(p) for p in doc.parts]
        notes = [Note(n.number, self.inlines(n.inlines)) for n in doc.notes]
        short = self.text(doc.meta.short_title) if doc.meta.short_title else None
        meta = replace(doc.meta, title=self.text(doc.meta.title), short_title=short)
        return Document(meta, parts, notes, doc.images)

    def part(self, part: Part) -> Part:
        """One part with the rules applied."""
        return Part(part.role, [self._block(b) for b in part.blocks], part.attrs)

    def _block(self, block: Block) -> Block:
        if isinstance(block, Paragraph):
            heading = self.inlines(block.heading) if block.heading is not None else None
            return replace(block, inlines=self.inlines(block.inlines), heading=heading)
        if isinstance(block, Heading):
            return replace(block, inlines=self.inlines(block.inlines))
        if isinstance(block, ListBlock):
            return replace(block, items=[[self._block(b) for b in item] for item in block.items])
        if isinstance(block, Quote):
            return Quote([self._block(b) for b in block.blocks])
        return block

    def inlines(self, nodes: list[Inline]) -> list[Inline]:
        """Inlines with the rules applied, each text seeing the characters around it."""
        texts = _texts(nodes)
        done: dict[int, str] = {}
        for index, node in enumerate(texts):
            before = texts[index - 1].text[-1:] if index else ""
            after = texts[index + 1].text[:1] if index + 1 < len(texts) else ""
            done[id(node)] = self.text(node.text, before, after)
        return _rebuilt(nodes, done)


def _marks(phrase: str, default: tuple[str, str]) -> tuple[str, str]:
    """The opening and closing marks of a phrase such as ``« %(quoted)s »``."""
    opening, found, closing = phrase.partition("%(quoted)s")
    if not found or not opening.strip() or not closing.strip():
        return default
    return opening.strip(), closing.strip()


def _opens(previous: str) -> bool:
    return not previous or previous[-1] in _OPENING_CONTEXT


def _ends_word(following: str) -> bool:
    return not following or following in _SPACES or following in "\n)]»”’.,;:!?…"


_BREAK = Text(" ")  # a line break reads as a space to the characters beside it


def _texts(nodes: list[Inline]) -> list[Text]:
    """The texts of the inlines in reading order (a line break as a space)."""
    out: list[Text] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node)
        elif isinstance(node, LineBreak):
            out.append(_BREAK)
        elif isinstance(node, Code):
            out.append(Text("x"))  # a word: quotes around code open and close
        elif isinstance(node, Link) and plain_text(node.children) == node.url:
            out.append(Text("x"))
        elif isinstance(node, Emph | Strong | Link):
            out += _texts(node.children)
    return out


def _rebuilt(nodes: list[Inline], done: dict[int, str]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(Text(done.get(id(node), node.text)))
        elif isinstance(node, Emph):
            out.append(Emph(_rebuilt(node.children, done)))
        elif isinstance(node, Strong):
            out.append(Strong(_rebuilt(node.children, done)))
        elif isinstance(node, Link) and plain_text(node.children) != node.url:
            out.append(Link(node.url, _rebuilt(node.children, done)))
        else:
            out.append(node)
    return out
