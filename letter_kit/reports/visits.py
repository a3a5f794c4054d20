"""``letterkit visits``: what is coming, when letters must go out, and where they stand."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from babel.dates import format_date, format_interval, format_timedelta

from ..composing.i18n import Language
from ..workspace.collections import LETTERS
from ..workspace.loaded import LoadedWorkspace
from ..workspace.occasions import upcoming
from .table import PIPE, Screen, Styled, render

# Under this many days, a deadline is counted in days ("in 16 days"); beyond, in
# weeks, months or years, as a person would say it ("5 years ago").
_IN_DAYS = 60


def visit_rows(
    loaded: LoadedWorkspace, today: date, language: Language, *, include_past: bool = False
) -> list[dict[str, Any]]:
    """The visits (with the ids ``letterkit new --visit`` takes), in date order, and the
    letters written for each: the data of ``letterkit visits --json``."""
    ws = loaded.workspace
    lang = language.code
    invalid = loaded.invalid_letters()
    letters = {**loaded.partial.get(LETTERS, {}), **ws.letters}
    out = []
    for item in upcoming(ws, today, include_past=include_past):
        visit = item.visit
        # each open letter before the press releases about it
        written = sorted(
            (lid for lid, letter in letters.items() if getattr(letter, "visit", None) == item.id),
            key=lambda lid: (letters[lid].about is not None, lid),
        )
        out.append(
            {
                "id": item.id,
                "start": item.start.isoformat(),
                "end": item.end.isoformat(),
                "occasion": visit.occasion.text_or_any(lang),
                "visitor": visit.visitor,
                "who": ws.recipients[visit.visitor].name.text_or_any(lang)
                if visit.visitor
                else None,
                "where": visit.destination.text_or_any(lang),
                "send_by": item.send_by.isoformat(),
                "days_left": (item.send_by - today).days,
                "letters": [_letter(loaded, lid, lid not in invalid) for lid in written],
            }
        )
    return out


def visits_table(
    loaded: LoadedWorkspace,
    today: date,
    language: Language,
    *,
    include_past: bool = False,
    screen: Screen = PIPE,
) -> str:
    """A table of visits and the letters written for each, and how many visits."""
    rows: list[list[str | Styled]] = []
    found = visit_rows(loaded, today, language, include_past=include_past)
    for visit in found:
        start, end = date.fromisoformat(visit["start"]), date.fromisoformat(visit["end"])
        when = (
            format_interval(start, end, "yMMMd", locale=language.locale)
            if end != start
            else format_date(start, "medium", locale=language.locale)
        )
        send_by = format_date(
            date.fromisoformat(visit["send_by"]), "medium", locale=language.locale
        )
        letters = [_summary(letter) for letter in visit["letters"]] or ["–"]
        rows.append(
            [
                visit["id"],
                when,
                visit["occasion"],
                visit["who"] or "–",
                visit["where"],
                f"{send_by} ({relative(visit['days_left'], language)})",
                letters[0],
            ]
        )
        rows += [["", "", "", "", "", "", more] for more in letters[1:]]
    headers = ["ID", "WHEN", "OCCASION", "WHO", "WHERE", "SEND BY", "LETTERS"]
    count = len(found)
    note = "" if include_past else " (--all shows past ones too)"
    return render(headers, rows, screen) + f"{count} visit{'s' if count != 1 else ''}{note}\n"


def relative(days: int, language: Language) -> str:
    """``today``, ``in 16 days``, ``3 years ago``: a day counted from today, in words of
    the language."""
    near = _near_days(language).get(days)
    if near is not None:
        return near
    return format_timedelta(
        timedelta(days=days),
        granularity="day",
        threshold=_IN_DAYS if abs(days) < _IN_DAYS else 0.85,
        add_direction=True,
        locale=language.locale,
    )


def _near_days(language: Language) -> dict[int, str]:
    """``today``, ``tomorrow``, ``yesterday`` in the language (CLDR's relative day names,
    which Babel keeps but does not offer by a function of its own)."""
    try:
        names = language.locale._data["date_fields"]["day"]["relative"]
        return {int(offset): str(name) for offset, name in names.items() if abs(int(offset)) <= 1}
    except (KeyError, TypeError, ValueError, AttributeError):
        return {}


def _letter(loaded: LoadedWorkspace, letter_id: str, valid: bool) -> dict[str, Any]:
    """What ``visits`` says of a letter: its kind, status, languages and signatories."""
    ws = loaded.workspace
    letter = ws.letters.get(letter_id) or loaded.partial[LETTERS][letter_id]
    read = letter.model_fields_set if letter_id not in ws.letters else None

    def given(name: str) -> Any:
        return getattr(letter, name) if read is None or name in read else None

    signatories = ws.signatories_of(letter) if letter_id in ws.letters else given("signatories")
    return {
        "id": letter_id,
        "kind": given("kind"),
        "status": given("status"),
        "languages": list(given("languages") or ()),
        "signatories": len(signatories.entries) if signatories is not None else None,
        "valid": valid,
    }


def _summary(letter: dict[str, Any]) -> str | Styled:
    """``harris-2021 (sent, en+vi, 2 signatories)``; ``x (invalid)``."""
    if not letter["valid"]:
        return Styled(f"{letter['id']} (invalid: 'letterkit check' says why)", "red")
    parts = [] if letter["kind"] == "open-letter" else [letter["kind"]]
    parts += [letter["status"], "+".join(letter["languages"])]
    count = letter["signatories"]
    parts.append(f"{count} signator{'y' if count == 1 else 'ies'}")
    return f"{letter['id']} ({', '.join(parts)})"
