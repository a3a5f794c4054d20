"""The text of a note, written from a source's data in the document's language.

``Vietnam Human Rights Network, *Report on Human Rights in Vietnam 2020-2021*, May 31,
2021, pp. 12, 14. https://... (accessed August 1, 2021).``
"""

from __future__ import annotations

from ..document import Emph, Inline, Link, Text
from ..workspace.models import Source
from .i18n import Language

# Titles of whole works are set in italics; titles of parts of works (an article, a
# statement, a web page) go in quotation marks.
_ITALIC_KINDS = {"report", "book", "index", "law"}


def note_inlines(source: Source, lang: Language, locators: list[str]) -> list[Inline]:
    """The inlines of the note for ``source``, with the places cited (``p. 12``)."""
    code = lang.code
    out: list[Inline] = []
    lead = [part.get(code) for part in (source.author, source.publisher) if part is not None]
    if lead:
        out.append(Text(", ".join(dict.fromkeys(lead)) + ", "))
    title = source.title.get(code)
    if source.kind in _ITALIC_KINDS:
        out.append(Emph([Text(title)]))
    else:
        out.append(Text(lang.pgettext("quoted title", "“%(title)s”") % {"title": title}))
    tail = []
    if source.date is not None:
        tail.append(lang.date(source.date))
    tail += locators
    out.append(Text("".join(", " + part for part in tail) + "."))
    if source.url:
        out += [Text(" "), Link(source.url, [Text(source.url)])]
        if source.accessed is not None:
            accessed = lang.gettext("accessed %(date)s") % {"date": lang.date(source.accessed)}
            out.append(Text(f" ({accessed})."))
    return _merge(out)


def _merge(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out
