"""``letterkit list``: a table of one kind of record.

Imported by the command line at start-up for :data:`KINDS`, so it imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..workspace.collections import COLLECTIONS
from .table import clip, render

if TYPE_CHECKING:
    from ..workspace.fields import Prose, Text
    from ..workspace.records import Workspace

KINDS = tuple(c.name for c in COLLECTIONS)


def _text(value: Text | Prose | None, lang: str) -> str:
    return value.text_or_any(lang) if value is not None else ""


def list_records(ws: Workspace, kind: str, *, lang: str = "en") -> str:
    """The records of ``kind`` as a table, names in ``lang`` where they have it."""
    from ..composing.i18n import load_language

    load_language(lang, ws.template_dirs())  # a language the workspace can write in
    columns, row = _COLUMNS[kind]
    records = ws.records(kind)
    rows = [[rid, *row(ws, record, lang)] for rid, record in records.items()]
    footer = f"{len(rows)} {kind}\n"
    return render(["ID", *columns], rows) + footer


def _organization(ws: Workspace, o: Any, lang: str) -> list[str]:
    return [_text(o.name, lang), _text(o.short, lang), o.country or ""]


def _person(ws: Workspace, p: Any, lang: str) -> list[str]:
    org = ws.organizations.get(p.organization) if p.organization else None
    return [_text(p.name, lang), _text(p.title, lang), _text(org.name, lang) if org else ""]


def _recipient(ws: Workspace, r: Any, lang: str) -> list[str]:
    return [_text(r.name, lang), clip(_text(r.title, lang), 50), r.email or ""]


def _visit(ws: Workspace, v: Any, lang: str) -> list[str]:
    visitor = ws.recipients.get(v.visitor) if v.visitor else None
    return [
        v.start.isoformat(),
        _text(visitor.name, lang) if visitor else "",
        _text(v.destination, lang),
        clip(_text(v.occasion, lang), 40),
    ]


def _law(ws: Workspace, law: Any, lang: str) -> list[str]:
    return [_text(law.name, lang), ", ".join(law.articles)]


def _case(ws: Workspace, c: Any, lang: str) -> list[str]:
    sentence = f"{c.sentence.years} y" if c.sentence else ""
    return [_text(c.name, lang), c.status_on(date.max) or "", sentence]


def _demand(ws: Workspace, d: Any, lang: str) -> list[str]:
    return [clip(_text(d.text, lang), 60), str(len(d.cases))]


def _source(ws: Workspace, s: Any, lang: str) -> list[str]:
    return [s.kind, s.date or "", clip(_text(s.title, lang), 50)]


def _fact(ws: Workspace, f: Any, lang: str) -> list[str]:
    return [str(f.value), f.as_of.isoformat(), f.source, clip(_text(f.label, lang), 40)]


def _letter(ws: Workspace, letter: Any, lang: str) -> list[str]:
    listed = sum(1 for e in ws.signatories_of(letter).entries if e.listed)
    return [
        letter.date.isoformat(),
        letter.kind,
        letter.status,
        ",".join(letter.languages),
        ",".join(ws.recipients_of(letter)),
        str(listed),
    ]


_COLUMNS: dict[str, tuple[list[str], Callable[[Workspace, Any, str], list[str]]]] = {
    "organizations": (["NAME", "SHORT", "COUNTRY"], _organization),
    "people": (["NAME", "TITLE", "ORGANISATION"], _person),
    "recipients": (["NAME", "TITLE", "EMAIL"], _recipient),
    "visits": (["START", "VISITOR", "DESTINATION", "OCCASION"], _visit),
    "laws": (["NAME", "ARTICLES"], _law),
    "cases": (["NAME", "STATUS", "SENTENCE"], _case),
    "demands": (["TEXT", "CASES"], _demand),
    "sources": (["KIND", "DATE", "TITLE"], _source),
    "facts": (["VALUE", "AS OF", "SOURCE", "LABEL"], _fact),
    "letters": (["DATE", "KIND", "STATUS", "LANGUAGES", "RECIPIENTS", "SIGNATORIES"], _letter),
}
