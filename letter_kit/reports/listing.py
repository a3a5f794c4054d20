"""``letterkit list``: the records of one kind, as a table or as JSON.

Each kind has its columns, each a header and the value of a record (a text, a number,
a date, a list, or None). The table prints them; ``--json`` gives the same values under
the same names in lower case (``{"id": ..., "name": ..., "title": ...}``), so a script
reads what a person sees. Letters also say whether they are ``valid``: a letter that a
problem touches is listed too, marked invalid, with what can be read of it.

Imported by the command line at start-up for :data:`KINDS`, so it imports nothing heavy.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..workspace.collections import BY_NAME, COLLECTIONS, LETTERS
from .table import PIPE, Screen, Styled, render

if TYPE_CHECKING:
    from ..workspace.fields import Prose, Text
    from ..workspace.loaded import LoadedWorkspace
    from ..workspace.records import Workspace

KINDS = tuple(c.name for c in COLLECTIONS)

Value = str | int | float | list[str] | None
Row = dict[str, Value]


def _text(value: Text | Prose | None, lang: str) -> str | None:
    return " ".join(value.text_or_any(lang).split()) if value is not None else None


def rows(loaded: LoadedWorkspace, kind: str, *, lang: str = "en") -> list[Row]:
    """The records of ``kind``, each as the values of its columns (names in ``lang``
    where they have it); letters with ``valid``, invalid ones included."""
    from ..composing.i18n import load_language

    ws = loaded.workspace
    load_language(lang, ws.template_dirs())  # a language the workspace can write in
    columns, values = _COLUMNS[kind]
    names = ["id", *(_key(c) for c in columns)]
    out = [dict(zip(names, [rid, *values(ws, r, lang)], strict=True)) for rid, r in _of(ws, kind)]
    if kind != LETTERS:
        return out
    invalid = loaded.invalid_letters()
    for row in out:
        row["valid"] = row["id"] not in invalid
    partial = loaded.partial.get(LETTERS, {})
    for letter_id in invalid - set(ws.letters):
        record = partial.get(letter_id)
        known = _partial_letter(record) if record is not None else [None] * len(columns)
        out.append({**dict(zip(names, [letter_id, *known], strict=True)), "valid": False})
    return sorted(out, key=lambda row: f"{row['id']}.yaml")  # the order of the files


def list_records(
    loaded: LoadedWorkspace,
    kind: str,
    *,
    lang: str = "en",
    screen: Screen = PIPE,
) -> str:
    """The records of ``kind`` as a table, and how many there are."""
    columns, _ = _COLUMNS[kind]
    table = []
    for row in rows(loaded, kind, lang=lang):
        cells: list[str | Styled] = [_cell(row[name]) for name in ["id", *map(_key, columns)]]
        if row.get("valid") is False:
            cells[columns.index("STATUS") + 1] = Styled("invalid", "bold red")
        table.append(cells)
    return render(["ID", *columns], table, screen) + BY_NAME[kind].count(len(table)) + "\n"


def _key(header: str) -> str:
    return header.lower().replace(" ", "_")


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def _of(ws: Workspace, kind: str) -> list[tuple[str, Any]]:
    return list(ws.records(kind).items())


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _organization(ws: Workspace, o: Any, lang: str) -> list[Value]:
    return [_text(o.name, lang), _text(o.short, lang), o.country]


def _person(ws: Workspace, p: Any, lang: str) -> list[Value]:
    org = ws.organizations.get(p.organization) if p.organization else None
    return [_text(p.name, lang), _text(p.title, lang), _text(org.name, lang) if org else None]


def _recipient(ws: Workspace, r: Any, lang: str) -> list[Value]:
    return [_text(r.name, lang), _text(r.title, lang), r.email]


def _visit(ws: Workspace, v: Any, lang: str) -> list[Value]:
    visitor = ws.recipients.get(v.visitor) if v.visitor else None
    return [
        _date(v.start),
        _text(visitor.name, lang) if visitor else None,
        _text(v.destination, lang),
        _text(v.occasion, lang),
    ]


def _law(ws: Workspace, law: Any, lang: str) -> list[Value]:
    return [_text(law.name, lang), list(law.articles)]


def _case(ws: Workspace, c: Any, lang: str) -> list[Value]:
    status = c.status_on(datetime.date.max)  # as it stands after its last event
    return [_text(c.name, lang), status, c.sentence.years if c.sentence else None]


def _demand(ws: Workspace, d: Any, lang: str) -> list[Value]:
    return [_text(d.text, lang), len(d.cases)]


def _source(ws: Workspace, s: Any, lang: str) -> list[Value]:
    return [s.kind, s.date, _text(s.title, lang)]  # a day, or a month or a year


def _fact(ws: Workspace, f: Any, lang: str) -> list[Value]:
    return [f.value, _date(f.as_of), f.source, _text(f.label, lang)]


def _letter(ws: Workspace, letter: Any, lang: str) -> list[Value]:
    listed = sum(1 for e in ws.signatories_of(letter).entries if e.listed)
    return [
        _date(letter.date),
        letter.kind,
        letter.status,
        list(letter.languages),
        ws.recipients_of(letter),
        listed,
    ]


def _partial_letter(letter: Any) -> list[Value]:
    """What can be read of a letter that is not valid (see validation.salvage)."""
    read = letter.model_fields_set

    def given(name: str) -> Any:
        return getattr(letter, name) if name in read else None

    signatories = given("signatories")
    return [
        _date(given("date")),
        given("kind"),
        given("status"),
        list(given("languages") or ()) or None,
        [*(given("recipients") or ()), *(given("groups") or ())] or None,
        sum(1 for e in signatories.entries if e.listed) if signatories else None,
    ]


_COLUMNS: dict[str, tuple[list[str], Callable[[Workspace, Any, str], list[Value]]]] = {
    "organizations": (["NAME", "SHORT", "COUNTRY"], _organization),
    "people": (["NAME", "TITLE", "ORGANISATION"], _person),
    "recipients": (["NAME", "TITLE", "EMAIL"], _recipient),
    "visits": (["START", "VISITOR", "DESTINATION", "OCCASION"], _visit),
    "laws": (["NAME", "ARTICLES"], _law),
    "cases": (["NAME", "STATUS", "SENTENCE YEARS"], _case),
    "demands": (["TEXT", "CASES"], _demand),
    "sources": (["KIND", "DATE", "TITLE"], _source),
    "facts": (["VALUE", "AS OF", "SOURCE", "LABEL"], _fact),
    "letters": (["DATE", "KIND", "STATUS", "LANGUAGES", "RECIPIENTS", "SIGNATORIES"], _letter),
}
