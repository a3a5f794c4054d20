"""A letter's signatories as a table, and exported for sharing (CSV or Markdown)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Literal

from ..composing.i18n import load_language
from ..composing.views import Views, signature_order
from ..workspace.models import Signatory
from ..workspace.records import Workspace
from .table import PIPE, Screen, render

Format = Literal["csv", "md"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class _Line:
    tier: str
    id: str  # what `cosign remove` takes: ``rsf``, ``claire-doran``, ``vnhrn/tung-nguyen``
    names: list[str]  # per language
    orgs: list[str | None]  # per language: the organisation a person signs for
    details: list[str]  # per language: title, organisation, affiliation
    joined: str
    listed: bool


def _lines(ws: Workspace, letter_id: str) -> tuple[list[str], list[_Line]]:
    with ws.texts(letter_id):
        return _read_lines(ws, letter_id)


def _read_lines(ws: Workspace, letter_id: str) -> tuple[list[str], list[_Line]]:
    letter = ws.letter(letter_id)
    views = [
        Views(ws, letter, load_language(lang, ws.template_dirs())) for lang in letter.languages
    ]
    lines = []
    for entry in signature_order(ws, letter):
        signers = [v.signer(entry) for v in views]
        lines.append(
            _Line(
                entry.effective_tier,
                "/".join(i for i in (entry.org, entry.person) if i),
                [s.name for s in signers],
                [v.org_name(entry.org) if entry.org and entry.person else None for v in views],
                ["; ".join(s.lines) for s in signers],
                entry.joined.isoformat() if entry.joined else "",
                entry.listed,
            )
        )
    return letter.languages, lines


def list_signatories(
    ws: Workspace,
    letter_id: str,
    *,
    screen: Screen = PIPE,
) -> str:
    """A table of the letter's signatories in signature-block order, with their ids
    (organisation/person for a person signing for one) and counts."""
    languages, lines = _lines(ws, letter_id)
    headers = ["TIER", "ID", *(f"NAME ({lang.upper()})" for lang in languages), "JOINED", "LISTED"]
    rows = []
    for x in lines:
        names = [f"{n}, {o}" if o else n for n, o in zip(x.names, x.orgs, strict=True)]
        listed = "yes" if x.listed else "no"
        rows.append([x.tier, x.id, *names, x.joined or "-", listed])
    entries = ws.signatories_of(ws.letter(letter_id)).entries
    return render(headers, rows, screen, keep=2) + _summary(_counts(entries)) + "\n"


def signatories_json(ws: Workspace, letter_id: str) -> dict[str, object]:
    """The data of ``letterkit cosign list --json``: the signatories in signature-block
    order (names per language) and their counts."""
    languages, lines = _lines(ws, letter_id)
    return {
        "letter": letter_id,
        "languages": languages,
        "signatories": [
            {
                "id": x.id,
                "tier": x.tier,
                "names": dict(zip(languages, x.names, strict=True)),
                "organisations": dict(zip(languages, x.orgs, strict=True)),
                "joined": x.joined or None,
                "listed": x.listed,
            }
            for x in lines
        ],
        "counts": _counts(ws.signatories_of(ws.letter(letter_id)).entries),
    }


def _counts(entries: list[Signatory]) -> dict[str, int]:
    tiers = [e.effective_tier for e in entries]
    counts = {"total": len(entries)}
    counts |= {tier: tiers.count(tier) for tier in ("lead", "organization", "individual")}
    return counts | {"unlisted": sum(1 for e in entries if not e.listed)}


def _summary(counts: dict[str, int]) -> str:
    """``13 signatories: 0 lead, 11 organisations, 2 individuals; 0 unlisted``."""

    def count(number: int, one: str, more: str) -> str:
        return f"{number} {one if number == 1 else more}"

    parts = [
        f"{counts['lead']} lead",
        count(counts["organization"], "organisation", "organisations"),
        count(counts["individual"], "individual", "individuals"),
    ]
    head = count(counts["total"], "signatory", "signatories")
    return f"{head}: " + ", ".join(parts) + f"; {counts['unlisted']} unlisted"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def export_signatories(ws: Workspace, letter_id: str, fmt: Format) -> str:
    """The letter's signatories for sharing, as CSV or a Markdown table."""
    languages, lines = _lines(ws, letter_id)
    headers = ["tier"]
    for lang in languages:
        headers += [f"name ({lang})", f"details ({lang})"]
    headers += ["joined", "listed"]
    rows = []
    for x in lines:
        row = [x.tier]
        for name, detail in zip(x.names, x.details, strict=True):
            row += [name, detail]
        rows.append([*row, x.joined, "yes" if x.listed else "no"])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([[neutralise(cell) for cell in row] for row in rows])
        return out.getvalue()
    from ..writers.markdown import escape

    def cells(row: list[str]) -> str:
        return "| " + " | ".join(escape(c).replace("|", "\\|") for c in row) + " |"

    table = [cells(headers), "|" + "---|" * len(headers), *(cells(r) for r in rows)]
    return "\n".join(table) + "\n"
