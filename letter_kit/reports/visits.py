"""``letterkit visits``: what is coming, when letters must go out, and where they stand."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_interval

from ..composing.i18n import Language
from ..workspace.occasions import upcoming
from ..workspace.records import Workspace
from .table import clip, render


def visits_table(
    ws: Workspace, today: date, language: Language, *, include_past: bool = False
) -> str:
    """A table of visits (with the ids ``letterkit new --visit`` takes) and the letters
    written for each."""
    lang = language.code
    rows = []
    for item in upcoming(ws, today, include_past=include_past):
        visit = item.visit
        who = ws.recipients[visit.visitor].name.text_or_any(lang) if visit.visitor else "–"
        when = (
            format_interval(item.start, item.end, "yMMMd", locale=language.locale)
            if item.end != item.start
            else format_date(item.start, "medium", locale=language.locale)
        )
        # each open letter before the press releases about it
        for_visit = sorted(
            (lid for lid, letter in ws.letters.items() if letter.visit == item.id),
            key=lambda lid: (ws.letters[lid].about is not None, lid),
        )
        letters = [_letter_summary(ws, lid) for lid in for_visit] or ["–"]
        days = (item.send_by - today).days
        first = [
            item.id,
            when,
            clip(visit.occasion.text_or_any(lang), 40),
            who,
            visit.destination.text_or_any(lang),
            format_date(item.send_by, "medium", locale=language.locale),
            str(days),
            letters[0],
        ]
        rows.append(first)
        rows += [["", "", "", "", "", "", "", more] for more in letters[1:]]
    headers = ["ID", "WHEN", "OCCASION", "WHO", "WHERE", "SEND BY", "DAYS LEFT", "LETTERS"]
    count = len({r[0] + r[1] for r in rows if r[0]})
    note = "" if include_past else " (--all shows past ones too)"
    return render(headers, rows) + f"{count} visit{'s' if count != 1 else ''}{note}\n"


def _letter_summary(ws: Workspace, letter_id: str) -> str:
    """``harris-2021 (sent, en+vi, 2 signatories)``."""
    letter = ws.letters[letter_id]
    parts = [] if letter.kind == "open-letter" else [letter.kind]
    parts += [letter.status, "+".join(letter.languages)]
    count = sum(1 for e in ws.signatories_of(letter).entries)
    parts.append(f"{count} signator{'y' if count == 1 else 'ies'}")
    return f"{letter_id} ({', '.join(parts)})"
