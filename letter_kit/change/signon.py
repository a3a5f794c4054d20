"""``letterkit cosign import``: the signers of a sign-on sheet added to a letter.

Every row ends in one of three ways: added, already there (on the letter, or earlier in
the sheet), or held for review with the reason and the option that settles it. A row
is held when its consent answer cannot be read (``--listed ROW``, ``--unlisted ROW``
once the signer has said), when its name looks like a known signer's (``--link
ROW=ID`` if it is that one, ``--accept ROW`` if it is another), or when a name is a
web address (the sheet must be corrected).

A signer who answered "only my organisation" is represented by the organisation's
entry alone, listed; their person record is kept in ``people.yaml`` with the
organisation, so the data says who signed for it, but they are not on the letter and
their name is printed nowhere.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .consent import Answer
from .identities import Held, Invalid
from .session import Report, Session, check_deadline, check_open, describe, late_warning, session
from .sheets import Row, Sheet


@dataclass(frozen=True)
class ImportRequest:
    """``cosign import``: the user's decisions on held rows, and whether to write."""

    accept: Collection[int] = ()  # rows to add as new signers although they look known
    links: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # row -> known ids
    answers: Mapping[int, Answer] = field(default_factory=dict)  # row -> consent given
    dry_run: bool = False
    late: bool = False
    force: bool = False
    joined: date | None = None  # for rows without a date of their own


@dataclass
class _Words:
    """The verbs of the report: what happened, or what would."""

    dry_run: bool

    @property
    def added(self) -> str:
        return "would add" if self.dry_run else "added"

    @property
    def held(self) -> str:
        return "would be held for review" if self.dry_run else "held for review"


def import_sheet(root: Path, letter_id: str, sheet: Sheet, request: ImportRequest, *,
                 today: date) -> Report:  # fmt: skip
    """Add the signers of a sheet to a letter.

    Exact duplicates (already on the letter, or earlier in the sheet) are skipped;
    rows that need a person's decision are held unless the request settles them.
    Importing the same sheet twice adds nothing the second time.
    """
    report = Report()
    words = _Words(request.dry_run)
    with session(root, letter_id) as s:
        report.warnings += s.set_aside()
        check_open(s.letter, letter_id, request.force)
        check_deadline(s.letter, letter_id, today, request.late or request.dry_run)
        earlier: dict[tuple[str | None, str | None], int] = {}
        for row in sheet.rows:
            key = (row.signer.org, row.signer.person)
            if key in earlier and (row.signer.org or row.signer.person):
                report.present += 1
                report.say(f"row {row.line}: same signer as row {earlier[key]}; skipped")
                continue
            earlier[key] = row.line
            reason = _import_row(s, row, request, report, words, today)
            if reason is not None:
                report.held += 1
                report.say(f"row {row.line}: {words.held}: {reason}")
        if s.late:
            report.warnings.append(late_warning(s.late, s.letter))
        if not request.dry_run:
            s.commit()
    return report


def _import_row(
    s: Session, row: Row, request: ImportRequest, report: Report, words: _Words, today: date
) -> str | None:
    """Add one row's signer; return why it is held instead, if it is."""
    signer, line = row.signer, row.line
    if not signer.org and not signer.person:
        return "no organisation or person name"
    if row.held is not None:
        return f"{row.held}; correct the sheet and import it again"
    answer = request.answers.get(line, row.answer)
    settle = f"once they have said: --listed {line} or --unlisted {line}"
    if answer is None:
        return f"{row.unread}; {settle}"
    if answer == "org-only" and not signer.org:
        return f"{signer.label} answered 'only my organisation' but names none; {settle}"
    links = request.links.get(line, ())
    try:
        org, person, notes = s.who.resolve(signer, accept_near=line in request.accept, links=links)
    except Invalid as invalid:
        return f"{invalid.message}; correct the sheet and import it again"
    except Held as held:
        return (f"{held.message}; if it is that one: --link {line}={held.known}, "
                f"if it is another: --accept {line}")  # fmt: skip
    listed = answer != "unlisted"
    on_letter = (org, None) if answer == "org-only" else (org, person)
    label = signer.org if answer == "org-only" else signer.label
    if s.find(*on_letter) is not None:
        report.present += 1
        report.say(f"row {line}: already signed: {s.label(*on_letter)}")
        return None
    if answer == "org-only":
        notes = ["only the organisation listed, as asked", *notes]
    s.add_entry(*on_letter, tier=None, listed=listed, joined=row.joined or request.joined or today)
    report.added += 1
    report.say(f"row {line}: {words.added}: {label}{describe(listed, notes)}")
    return None
