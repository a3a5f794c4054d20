"""Who a signer is: the organisations and people a change finds or creates.

A signer named by id is that record; one named by name is the record of exactly that
name, or a new record with an id made from the name (or given with ``--id``). A name
that only looks like a known one (:mod:`.matching`) is held: a person decides whether
it is the same signer (``--link``) or another one (``--new``, ``--accept``). New
records are kept here until the change is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ..errors import UsageError
from ..text import slug
from ..workspace.fields import ID_PATTERN
from ..workspace.models import Organization, Person
from ..workspace.records import Workspace
from .matching import Directory, Known, NewSigner


class Held(Exception):
    """A signer that looks like one already known; a person must decide."""

    def __init__(self, message: str, known: str) -> None:
        super().__init__(message)
        self.message = message
        self.known = known  # the id of the record it looks like


def refusal(exc: ValidationError) -> str:
    """``email: 'x at y' is not an email address``: why the data model refuses a record."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"] if p != "*")
    if first["type"] == "missing":
        return f"{where}: missing"
    if first["type"] == "string_pattern_mismatch":
        what = {"email": "an email address", "website": "a web address (https://...)"}
        return f"{where}: '{first['input']}' is not {what.get(where, 'valid')}"
    return f"{where}: {first['msg']}"


class Invalid(UsageError):
    """A new record the data model refuses (an email that is not one, say)."""


class Identities:
    """The organisations and people of a workspace, and those a change creates."""

    def __init__(self, ws: Workspace, languages: Sequence[str]) -> None:
        self.ws = ws
        self.languages = list(languages)
        self.created: dict[str, dict[str, Any]] = {"organizations": {}, "people": {}}
        self._orgs: Directory | None = None  # made on first use, then kept up to date
        self._people: Directory | None = None

    def names(self, collection: str, record_id: str) -> tuple[str, ...]:
        """Every name of an organisation or person, whether in the data or just created."""
        known = getattr(self.ws, collection).get(record_id)
        if known is not None:
            return tuple(known.name.root.values())
        raw = self.created[collection][record_id]["name"]
        return tuple(raw.values()) if isinstance(raw, dict) else (raw,)

    def known_orgs(self) -> Directory:
        """Every organisation, with the names and short names it may be called by."""
        if self._orgs is None:
            ids = [*self.ws.organizations, *self.created["organizations"]]
            self._orgs = Directory(self._known_org(oid) for oid in ids)
        return self._orgs

    def _known_org(self, oid: str) -> Known:
        names = self.names("organizations", oid)
        org = self.ws.organizations.get(oid)
        short = tuple(org.short.root.values()) if org and org.short else ()
        return Known(oid, names, f"{oid} ({names[0]})", short)

    def known_people(self) -> Directory:
        """Every person, with their names."""
        if self._people is None:
            ids = [*self.ws.people, *self.created["people"]]
            self._people = Directory(self._known_person(pid) for pid in ids)
        return self._people

    def _known_person(self, pid: str) -> Known:
        names = self.names("people", pid)
        return Known(pid, names, f"{pid} ({names[0]})")

    def resolve_org(self, signer: NewSigner, *, accept_near: bool) -> str | None:
        """The id of the known organisation ``signer`` names, or None if it is new.

        Raises :class:`Held` when the name only looks like a known one (unless accepted).
        """
        assert signer.org is not None
        known = self.known_orgs()
        match = known.find(signer.org)
        if match is None and signer.org_vi:
            match = known.find(signer.org_vi)
        if match is not None and match[0] == "exact":
            return match[1].id
        if match is not None and not accept_near:
            raise Held(f"'{signer.org}' is a possible duplicate of {match[1].label}", match[1].id)
        return None

    def resolve_person(self, signer: NewSigner, *, accept_near: bool) -> str | None:
        """The id of the known person ``signer`` names, or None if new (see :meth:`resolve_org`).

        People share names more often than organisations do: the same name with another
        affiliation is only a possible duplicate.
        """
        assert signer.person is not None
        people = self.known_people()
        match = people.find(signer.person)
        if match is None and signer.person_vi:
            match = people.find(signer.person_vi)
        if (match is None or match[0] != "exact") and signer.person in self.ws.people:
            return signer.person  # an id, as `--person tung-nguyen` gives it
        if match is not None and match[0] == "exact":
            theirs = self._affiliation(match[1].id)
            if not (signer.affiliation and theirs and signer.affiliation not in theirs):
                return match[1].id
        if match is not None and not accept_near:
            raise Held(
                f"'{signer.person}' is a possible duplicate of {match[1].label}", match[1].id
            )
        return None

    def _affiliation(self, person_id: str) -> tuple[str, ...]:
        person = self.ws.people.get(person_id)
        if person is not None:
            return tuple(person.affiliation.root.values()) if person.affiliation else ()
        raw = self.created["people"][person_id].get("affiliation")
        return tuple(raw.values()) if isinstance(raw, dict) else (raw,) if raw else ()

    def taken(self) -> set[str]:
        """Every organisation and person id, in the data or just created."""
        return {*self.ws.organizations, *self.ws.people, *self.created["organizations"],
                *self.created["people"]}  # fmt: skip

    def new_id(self, name: str, given: str | None) -> str:
        """The id of a new record: ``given`` (checked), or one made from its name."""
        if given is None:
            return slug(name, self.taken())
        if not re.match(ID_PATTERN, given):
            raise UsageError(
                f"--id '{given}' is not an id",
                hint="use lowercase letters, digits and hyphens, e.g. viet-tan",
            )
        if given in self.taken():
            raise UsageError(
                f"--id '{given}' is taken: {self.kind_label(given)}",
                hint="add the one already known by its id, or choose another id",
            )
        return given

    def kind_label(self, record_id: str) -> str:
        """``organisation viet-tan (Viet Tan)``: a record in messages."""
        collection = "organizations" if record_id in self.known_org_ids() else "people"
        noun = "organisation" if collection == "organizations" else "person"
        return f"{noun} {record_id} ({self.names(collection, record_id)[0]})"

    def known_org_ids(self) -> set[str]:
        """Every organisation id, in the data or just created."""
        return {*self.ws.organizations, *self.created["organizations"]}

    def create_org(self, signer: NewSigner, given_id: str | None = None) -> str:
        """Make a new organisation record from ``signer``; return its new id."""
        assert signer.org is not None
        record: dict[str, Any] = {"name": self._names(signer.org, signer.org_vi)}
        # The email of a person signing for it is theirs, not the organisation's.
        for key in ("country", "website") if signer.person else ("email", "country", "website"):
            if getattr(signer, key):
                record[key] = getattr(signer, key)
        self._valid(Organization, record, f"organisation '{signer.org}'")
        new_id = self.new_id(signer.org, given_id)
        self.created["organizations"][new_id] = record
        if self._orgs is not None:
            self._orgs.add(self._known_org(new_id))
        return new_id

    def create_person(self, signer: NewSigner, org: str | None, given_id: str | None = None
                      ) -> str:  # fmt: skip
        """Make a new person record from ``signer`` (signing for ``org``); return its new id."""
        assert signer.person is not None
        record: dict[str, Any] = {"name": self._names(signer.person, signer.person_vi)}
        if signer.title:
            record["title"] = self._names(signer.title, signer.title_vi)
        if org is not None:
            record["organization"] = org
        if signer.affiliation:
            record["affiliation"] = self._names(signer.affiliation, signer.affiliation_vi)
        if signer.email:
            record["email"] = signer.email
        self._valid(Person, record, f"person '{signer.person}'")
        new_id = self.new_id(signer.person, given_id)
        self.created["people"][new_id] = record
        if self._people is not None:
            self._people.add(self._known_person(new_id))
        return new_id

    def organization_of(self, person_id: str) -> str | None:
        """The organisation a person belongs to, if any."""
        person = self.ws.people.get(person_id)
        if person is not None:
            return person.organization
        org: str | None = self.created["people"][person_id].get("organization")
        return org

    def resolve(
        self,
        signer: NewSigner,
        *,
        accept_near: bool,
        orgs: tuple[str, ...] = (),
        links: tuple[str, ...] = (),
        new_id: str | None = None,
    ) -> tuple[str | None, str | None, list[str]]:
        """The (organisation, person) ids ``signer`` stands for, creating what is new.

        ``orgs`` are organisations already named by id; ``links`` are known records the
        user said the signer is (``--link``). A known person signs for the organisation
        named, or else their own. ``new_id`` is the id of the one record to create.
        Nothing is created if anything is held. Also returns what was created ("new
        organisation viet-tan").
        """
        for link in links:
            if link not in self.taken():
                raise UsageError(
                    f"--link: no organisation or person '{link}'",
                    hint="give the id of the known record the row is",
                )
        org = next((i for i in links if i in self.known_org_ids()), None)
        person = next((i for i in links if i not in self.known_org_ids()), None)
        if signer.org and org is None:
            org = self.resolve_org(signer, accept_near=accept_near)
        if signer.person and person is None:
            person = self.resolve_person(signer, accept_near=accept_near)
        creating = [signer.org and org is None, signer.person and person is None]
        if new_id is not None and sum(map(bool, creating)) != 1:
            raise UsageError(
                "--id names the one new record: here "
                + ("both the organisation and the person are new" if all(creating)
                   else "nothing is new"),
                hint="add the organisation first, then the person",
            )  # fmt: skip
        notes = []
        new_org = signer.org and org is None
        if new_org:
            org = self.create_org(signer, new_id)
            notes.append(f"new organisation {org}")
        if org is None and len(orgs) == 1 and signer.person:
            org = orgs[0]
        if signer.person and person is None:
            try:
                person = self.create_person(signer, org, new_id)
            except Invalid:
                if new_org and org is not None:  # all of the signer or none of it
                    del self.created["organizations"][org]
                    self._orgs = None  # made again without it
                raise
            notes.append(f"new person {person}")
        elif person is not None and org is None and not signer.org:
            org = self.organization_of(person)
        return org, person, notes

    def _names(self, name: str, name_vi: str | None) -> Any:
        if not name_vi or name_vi == name:
            return name
        others = [lang for lang in self.languages if lang != "vi"] or ["en"]
        return {**dict.fromkeys(others, name), "vi": name_vi}

    @staticmethod
    def _valid(model: Any, record: dict[str, Any], what: str) -> None:
        try:
            model.model_validate(record)
        except ValidationError as exc:
            raise Invalid(f"cannot add {what}: {refusal(exc)}") from None
