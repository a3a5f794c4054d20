"""The text of a note, written from a source's data in the document's language.

Each language has one note style, the same for every source: the order and
punctuation of a Chicago-style note, with what differs by language taken from the
language's catalog and conventions:

``Authors, Publisher, *Title* or “Title”, *Container*, date, places cited. URL
(accessed date).``

- authors joined as the language lists names (``A, B, and C``; ``A, B và C``), then
  the publisher unless it is one of them;
- the title of a whole work (report, book, index, law) in italics, the title of a part
  (an article, a statement, a web page) in the quotation marks of the catalog's
  ``quotation marks`` phrase (“…” in English and Vietnamese, « … » in French);
- the journal, newspaper, website or book it is part of (``container``) in italics,
  unless it is the publisher again;
- the date as the language writes it in running text (``May 31, 2021``, ``ngày 31
  tháng 5 năm 2021``; a month, ``May 2021``, or a year alone when that is all that is
  known), then every place cited (``pp. 12, 14``);
- the web address, and the day it was read in the catalog's ``%(url)s (accessed
  %(date)s).``; the pieces are joined with the catalog's phrases of context ``note``
  (``%(before)s, %(after)s``, then ``%(note)s.``).

``Vietnam Human Rights Network, *Report on Human Rights in Vietnam 2020-2021*, May 31,
2021, pp. 12, 14. https://... (accessed August 1, 2021).``

A CSL style file (Chicago, APA through citeproc-py) is not used: a CSL note style
numbers a note per citation and shortens later ones (*ibid.*), where letterkit gives a
source one note per language, numbered by first use, with every place cited gathered
in it (:mod:`.citations`); and it returns formatted strings that would have to be
parsed back into the inlines (italics, links) every writer reads.
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

    The pieces (authors, publisher, title, container, date, places) are joined with the catalog's
    phrases of context ``note``: ``%(before)s, %(after)s``, then ``%(note)s.``.
    """
    code = lang.code
    pieces: list[list[Inline]] = []
    authors = source.authors(code)
    if authors:
        pieces.append([Text(lang.join(authors))])
    publisher = source.publisher.get(code) if source.publisher is not None else None
    if publisher is not None and publisher not in authors:
        pieces.append([Text(publisher)])
    title = source.title.get(code)
    if source.kind in _ITALIC_KINDS:
        pieces.append([Emph([Text(title)])])
    else:
        pieces.append([Text(lang.phrase("quotation marks", "“%(quoted)s”", quoted=title))])
    container = source.container.get(code) if source.container is not None else None
    if container is not None and container != publisher:
        pieces.append([Emph([Text(container)])])
    if source.date is not None:
        pieces.append([Text(lang.partial_date(source.date))])
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
