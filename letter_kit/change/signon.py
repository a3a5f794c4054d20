"""``letterkit cosign import``: the signers of a sign-on sheet added to a letter."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .session import Held, Report, check_deadline, describe, session
from .sheets import Sheet


@dataclass(frozen=True)
class ImportRequest:
    """``cosign import``: which near-duplicates to accept, and whether to write."""

    accept: Collection[int] = ()
    dry_run: bool = False
    late: bool = False
    joined: date | None = None  # for rows without a date of their own


def import_sheet(root: Path, letter_id: str, sheet: Sheet, request: ImportRequest, *,
                 today: date) -> Report:  # fmt: skip
    """Add the signers of a sheet to a letter.

    Exact duplicates (already on the letter, or earlier in the sheet) are skipped;
    near-duplicates are held for review unless their row is in ``request.accept``.
    Importing the same sheet twice adds nothing the second time.
    """
    report = Report()
    with session(root, letter_id) as s:
        check_deadline(s.letter, letter_id, today, request.late or request.dry_run)
        earlier: dict[tuple[str | None, str | None], int] = {}
        for row in sheet.rows:
            where = f"row {row.line}"
            signer = row.signer
            if not signer.org and not signer.person:
                report.held += 1
                report.say(f"{where}: no organisation or person name; skipped")
                continue
            key = (signer.org, signer.person)
            if key in earlier:
                report.present += 1
                report.say(f"{where}: same signer as row {earlier[key]}; skipped")
                continue
            earlier[key] = row.line
            try:
                org, person, notes = s.resolve(signer, accept_near=row.line in request.accept)
            except Held as held:
                report.held += 1
                report.say(f"{where}: held for review: {held.message}; "
                           f"to add it as a new signatory: --accept {row.line}")  # fmt: skip
                continue
            if s.find(org, person) is not None:
                report.present += 1
                report.say(f"{where}: already signed: {signer.label}")
                continue
            s.add_entry(org, person, tier=None, listed=row.listed,
                        joined=row.joined or request.joined or today)  # fmt: skip
            report.added += 1
            report.say(f"{where}: added: {signer.label}{describe(row.listed, notes)}")
        if not request.dry_run:
            s.commit()
    return report
