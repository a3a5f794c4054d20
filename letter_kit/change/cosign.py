"""``letterkit cosign add`` and ``remove``: a letter's cosigners, by id or by name.

The rules of the options live here, so that a library caller gets the same checks as
the command line.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import MissingInputError, UsageError
from ..workspace.models import Tier
from ..workspace.records import Workspace
from .identities import Held
from .matching import NewSigner
from .session import (
    Report,
    Session,
    check_deadline,
    check_open,
    checked_name,
    describe,
    late_warning,
    session,
)

_NO_SIGNER = "name who signs: ids, --name or --person"


@dataclass(frozen=True)
class AddRequest:
    """``cosign add``: existing ids and/or a new signer, and how they sign."""

    ids: tuple[str, ...] = ()
    new: NewSigner | None = None
    tier: Tier | None = None
    listed: bool = True
    joined: date | None = None
    late: bool = False
    force_new: bool = False  # create the new signer even if its name looks like a known one
    force: bool = False  # change a letter that was sent
    new_id: str | None = None  # the id of the record created


def new_signer(
    *,
    ids: tuple[str, ...] = (),
    name: str | None = None,
    name_vi: str | None = None,
    person: str | None = None,
    title: str | None = None,
    affiliation: str | None = None,
) -> NewSigner | None:
    """The signer that ``--name``, ``--name-vi``, ``--person``, ``--title`` and
    ``--affiliation`` describe (None if none of them is given), each cleaned like a
    name in the data files. ``ids`` are the signers named by id beside it."""
    if name_vi is not None and name is None:
        raise UsageError("--name-vi needs --name")
    if not ids and name is None and person is None:
        raise UsageError(_NO_SIGNER, hint="see --help")
    if name is None and person is None:
        if title is not None or affiliation is not None:
            raise UsageError("--title and --affiliation describe --person")
        return None
    return NewSigner(
        org=checked_name(name, "--name") if name is not None else None,
        org_vi=checked_name(name_vi, "--name-vi") if name_vi is not None else None,
        person=checked_name(person, "--person") if person is not None else None,
        title=checked_name(title, "--title") if title is not None else None,
        affiliation=checked_name(affiliation, "--affiliation") if affiliation else None,
    )


def add(root: Path, letter_id: str, request: AddRequest, *, today: date) -> Report:
    """Add signers to a letter: existing ones by id, a new one by name."""
    if not request.ids and request.new is None:
        raise UsageError(_NO_SIGNER, hint="see --help")
    if request.new is None and request.new_id is not None:
        raise UsageError("--id names a new record: give it with --name or --person")
    report = Report()
    with session(root, letter_id) as s:
        report.warnings += s.set_aside()
        check_open(s.letter, letter_id, request.force)
        check_deadline(s.letter, letter_id, today, request.late)
        joined = request.joined or today
        orgs = [i for i in request.ids if _kind_of(s.ws, i) == "organizations"]
        people = [i for i in request.ids if i not in orgs]
        new = request.new
        if new is not None:
            if new.person and not new.org and len(orgs) > 1:
                raise UsageError("--person signs for one organisation; give only one id")
            try:
                org, person, notes = s.who.resolve(
                    new, accept_near=request.force_new, orgs=tuple(orgs), new_id=request.new_id
                )
            except Held as held:
                raise UsageError(
                    held.message,
                    hint=f"to add the one already known, give its id (letterkit cosign add "
                    f"{letter_id} {held.known}); if this is a different signatory, add --new",
                ) from None
            if person is not None and org in orgs:
                orgs.remove(org)
            _add_one(s, report, org, person, request, joined, notes)
        # A person named by id signs for their organisation, unless it is named too.
        signing = [(s.who.organization_of(p), p) for p in people]
        for org_id in orgs:
            if not any(theirs == org_id for theirs, _ in signing):
                _add_one(s, report, org_id, None, request, joined)
        for theirs, person_id in signing:
            _add_one(s, report, theirs, person_id, request, joined)
        if s.late:
            report.warnings.append(late_warning(s.late, s.letter))
        s.commit()
    return report


def _add_one(
    s: Session,
    report: Report,
    org: str | None,
    person: str | None,
    request: AddRequest,
    joined: date,
    notes: list[str] | None = None,
) -> None:
    label = s.label(org, person)
    if s.find(org, person) is not None:
        report.present += 1
        report.say(f"already signed: {label}")
        return
    s.add_entry(org, person, tier=request.tier, listed=request.listed, joined=joined)
    report.added += 1
    report.say(f"added: {label}" + describe(request.listed, notes or []))


def _kind_of(ws: Workspace, record_id: str) -> str:
    in_orgs, in_people = record_id in ws.organizations, record_id in ws.people
    if in_orgs and in_people:
        raise UsageError(
            f"'{record_id}' is both an organisation and a person",
            hint="rename one of them in data/",
        )
    if in_orgs:
        return "organizations"
    if in_people:
        return "people"
    close = difflib.get_close_matches(record_id, [*ws.organizations, *ws.people], n=1)
    raise MissingInputError(
        f"no organisation or person '{record_id}'",
        hint=(f"did you mean '{close[0]}'? " if close else "")
        + "to add a new one, give its name: --name 'Name' or --person 'Name'",
    )


def remove(root: Path, letter_id: str, record_ids: Sequence[str], *, force: bool = False
           ) -> Report:  # fmt: skip
    """Take organisations or people off a letter (their records stay in the data).

    The organisation the letter's email is sent from (``sender:``) stays until another
    is named, and a letter keeps at least one signatory.
    """
    report = Report()
    with session(root, letter_id, adds=False) as s:
        report.warnings += s.set_aside()
        check_open(s.letter, letter_id, force)
        for record_id in dict.fromkeys(record_ids):
            if record_id == s.letter.sender:
                raise UsageError(
                    f"{record_id} sends {letter_id}: it is the letter's 'sender'",
                    hint=f"name another sender in data/letters/{letter_id}.yaml first",
                )
            count = s.remove_entries(record_id)
            if count == 0:
                raise MissingInputError(
                    f"'{record_id}' is not a signatory of {letter_id}",
                    hint=f"'letterkit cosign list {letter_id}' shows who is, with their ids",
                )
            report.removed += count
            report.say(f"removed: {record_id}" + (f" ({count} entries)" if count > 1 else ""))
        if not s.on_letter():
            raise UsageError(
                f"{letter_id} would have no signatories left",
                hint="add the new ones first, then remove these",
            )
        s.commit()
    return report
