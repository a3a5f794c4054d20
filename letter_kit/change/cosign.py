"""``letterkit cosign add`` and ``remove``: a letter's cosigners, by id or by name.

The rules of the options live here, so that a library caller gets the same checks as
the command line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import MissingInputError, UsageError
from ..workspace.models import Tier
from ..workspace.records import Workspace
from .matching import NewSigner
from .session import Held, Report, Session, check_deadline, checked_name, describe, session

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
    force_new: bool = False


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
    report = Report()
    with session(root, letter_id) as s:
        check_deadline(s.letter, letter_id, today, request.late)
        joined = request.joined or today
        orgs = [i for i in request.ids if _kind_of(s.ws, i) == "organizations"]
        people = [i for i in request.ids if i not in orgs]
        new = request.new
        if new is not None:
            if new.person and not new.org and len(orgs) > 1:
                raise UsageError("--person signs for one organisation; give only one id")
            try:
                org, person, notes = s.resolve(new, accept_near=request.force_new, orgs=tuple(orgs))
            except Held as held:
                raise UsageError(
                    held.message,
                    hint=f"to add the one already known, give its id (letterkit cosign add "
                    f"{letter_id} ID); if this is a different signatory, add --new",
                ) from None
            if person is not None and org in orgs:
                orgs.remove(org)
            _add_one(s, report, org, person, request, joined, notes)
        for org_id in orgs:
            _add_one(s, report, org_id, None, request, joined)
        for person_id in people:
            _add_one(s, report, None, person_id, request, joined)
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
    label = _label(s, org, person)
    if s.find(org, person) is not None:
        report.present += 1
        report.say(f"already signed: {label}")
        return
    s.add_entry(org, person, tier=request.tier, listed=request.listed, joined=joined)
    report.added += 1
    report.say(f"added: {label}" + describe(request.listed, notes or []))


def _label(s: Session, org: str | None, person: str | None) -> str:
    """``Tung B Nguyen for Vietnam Human Rights Network``: a signer in messages."""
    org_name = s.names("organizations", org)[0] if org else None
    if person is None:
        return org_name or "?"
    person_name = s.names("people", person)[0]
    return f"{person_name} for {org_name}" if org_name else person_name


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


def remove(root: Path, letter_id: str, record_id: str) -> Report:
    """Take an organisation or person off a letter (their records stay in the data)."""
    report = Report()
    with session(root, letter_id) as s:
        count = s.remove_entries(record_id)
        if count == 0:
            raise MissingInputError(
                f"'{record_id}' is not a signatory of {letter_id}",
                hint=f"'letterkit cosign list {letter_id}' shows who is",
            )
        s.commit()
    report.removed = count
    report.say(f"removed: {record_id}" + (f" ({count} entries)" if count > 1 else ""))
    return report
