"""The text of a note, written from a source's data in the document's language.

``Vietnam Human Rights Network, *Report on Human Rights in Vietnam 2020-2021*, May 31,
2021, pp. 12, 14. https://... (accessed August 1, 2021).``, its punctuation the
catalog's.
"""

from __future__ import annotations

import re

from ..document import Emph, Inline, Link, Text
from ..workspace.models import Source
from .i18n import Language

# Titles of whole works are set in italics; titles of parts of works (an article, a
# statement, a web page) go in quotation marks.
_ITALIC_KINDS = {"report", "book", "index", "law"}


def note_inlines(source: Source, lang: Language, locators: list[str]) -> list[Inline]:
    """The inlines of the note for ``source``, with the places cited (``p. 12``).

    The pieces (author or publisher, title, date, places) are joined with the catalog's
    phrases of context ``note``: ``%(before)s, %(after)s``, then ``%(note)s.``.
    """
    code = lang.code
    pieces: list[list[Inline]] = []
    lead = [part.get(code) for part in (source.author, source.publisher) if part is not None]
    pieces += [[Text(name)] for name in dict.fromkeys(lead)]
    title = source.title.get(code)
    if source.kind in _ITALIC_KINDS:
        pieces.append([Emph([Text(title)])])
    else:
        pieces.append([Text(lang.phrase("quotation marks", "“%(quoted)s”", quoted=title))])
    if source.date is not None:
        pieces.append([Text(lang.date(source.date))])
    pieces += [[Text(place)] for place in locators]
    out = pieces[0]
    for piece in pieces[1:]:
        out = placed(lang.pgettext("note", "%(before)s, %(after)s"), before=out, after=piece)
    out = placed(lang.pgettext("note", "%(note)s."), note=out)
    if source.url:
        link: list[Inline] = [Link(source.url, [Text(source.url)])]
        if source.accessed is not None:
            accessed = lang.pgettext("note", "%(url)s (accessed %(date)s).")
            link = placed(accessed, url=link, date=[Text(lang.date(source.accessed))])
        out = placed(lang.pgettext("note", "%(note)s %(url)s"), note=out, url=link)
    return _merge(out)


def placed(phrase: str, **values: list[Inline]) -> list[Inline]:
    """A phrase whose ``%(name)s`` placeholders are filled with inlines."""
    out: list[Inline] = []
    start = 0
    for found in _PLACEHOLDER.finditer(phrase):
        if found.start() > start:
            out.append(Text(phrase[start : found.start()].replace("%%", "%")))
        out += values[found.group(1)]
        start = found.end()
    if start < len(phrase):
        out.append(Text(phrase[start:].replace("%%", "%")))
    return out


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _merge(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out
