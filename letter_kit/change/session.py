"""A change to one letter's signatories: the workspace lock, the records it finds or
creates, and one atomic write of every file it changed.

Every change runs in a :class:`Session`: it holds the workspace lock, loads the
workspace as it is now, edits the YAML files round-trip, checks the records it made,
and writes every changed file at once (or none). New organisations and people get an
id made from their name; a name that looks like one already known is not added
without the user's say.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import UsageError
from ..text import char_label, clean_line, find_forbidden, slug
from ..workspace.loading import load_workspace
from ..workspace.models import Letter, Organization, Person, Signatory, Tier
from ..workspace.records import DATA_DIR, LETTERS_DIR, Workspace
from ..workspace.yamlsource import plain
from .lock import workspace_lock
from .matching import Known, NewSigner, find_match
from .store import Changes, YamlEdit

TIER_RANK = {"lead": 0, "organization": 1, "individual": 2}


@dataclass
class Report:
    """What a change did, one line per signer, and the counts."""

    lines: list[str] = field(default_factory=list)
    added: int = 0
    present: int = 0
    held: int = 0
    removed: int = 0

    def say(self, line: str) -> None:
        self.lines.append(line)


class Held(Exception):
    """A signer that looks like one already known; a person must decide."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def checked_name(value: str, option: str) -> str:
    """A name given on the command line, cleaned like names in the data files."""
    found = find_forbidden(value, multiline=False)
    if found is not None:
        raise UsageError(
            f"{option} holds {char_label(value[found[0]])} at position {found[0] + 1}",
            hint="type the name again without it",
        )
    cleaned = clean_line(value)
    if not cleaned:
        raise UsageError(f"{option} is empty")
    return cleaned


class Session:
    """One change to a letter's signatories, under the workspace lock."""

    def __init__(self, root: Path, letter_id: str) -> None:
        self.root = root
        self.ws: Workspace = load_workspace(root)
        self.letter_id = letter_id
        self.letter: Letter = self.ws.letter(letter_id)
        data = root / DATA_DIR
        if self.letter.about is not None:
            raise UsageError(
                f"{letter_id} is a press release: it is signed by the signatories of "
                f"{self.letter.about}",
                hint=f"add cosigners to {self.letter.about}",
            )
        self.letter_file = YamlEdit.open(data / LETTERS_DIR / f"{letter_id}.yaml")
        self.created: dict[str, dict[str, Any]] = {"organizations": {}, "people": {}}
        self.changed = False
        self._on_letter: list[Signatory] | None = None

    # reading ------------------------------------------------------------------------

    @property
    def entries(self) -> Any:
        """The letter's signatory list, as the YAML tree holds it (made on first use)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        tree = self.letter_file.tree
        if "signatories" not in tree:
            tree["signatories"] = CommentedMap([("entries", CommentedSeq())])
        return tree["signatories"]["entries"]

    def on_letter(self) -> list[Signatory]:
        """The letter's signatories as they stand, in the order of :attr:`entries`."""
        if self._on_letter is None:
            self._on_letter = [Signatory.model_validate(plain(e)) for e in self.entries]
        return self._on_letter

    def names(self, collection: str, record_id: str) -> tuple[str, ...]:
        """Every name of an organisation or person, whether in the data or just created."""
        known = getattr(self.ws, collection).get(record_id)
        if known is not None:
            return tuple(known.name.root.values())
        raw = self.created[collection][record_id]["name"]
        return tuple(raw.values()) if isinstance(raw, dict) else (raw,)

    def known_orgs(self) -> list[Known]:
        """Every organisation, with the names and short names it may be called by."""
        out = []
        for oid in [*self.ws.organizations, *self.created["organizations"]]:
            names = self.names("organizations", oid)
            org = self.ws.organizations.get(oid)
            short = tuple(org.short.root.values()) if org and org.short else ()
            out.append(Known(oid, names, f"{oid} ({names[0]})", short))
        return out

    def known_people(self) -> list[Known]:
        """Every person, with their names."""
        out = []
        for pid in [*self.ws.people, *self.created["people"]]:
            names = self.names("people", pid)
            out.append(Known(pid, names, f"{pid} ({names[0]})"))
        return out

    # finding or creating records ----------------------------------------------------

    def resolve_org(self, signer: NewSigner, *, accept_near: bool) -> str | None:
        """The id of the known organisation ``signer`` names, or None if it is new.

        Raises :class:`Held` when the name only looks like a known one (unless accepted).
        """
        assert signer.org is not None
        known = self.known_orgs()
        match = find_match(signer.org, known)
        if match is None and signer.org_vi:
            match = find_match(signer.org_vi, known)
        if match is not None and match[0] == "exact":
            return match[1].id
        if match is not None and not accept_near:
            raise Held(f"'{signer.org}' is a possible duplicate of {match[1].label}")
        return None

    def resolve_person(self, signer: NewSigner, *, accept_near: bool) -> str | None:
        """The id of the known person ``signer`` names, or None if new (see :meth:`resolve_org`).

        People share names more often than organisations do: the same name with another
        affiliation is only a possible duplicate.
        """
        assert signer.person is not None
        match = find_match(signer.person, self.known_people())
        if match is not None and match[0] == "exact":
            theirs = self._affiliation(match[1].id)
            if not (signer.affiliation and theirs and signer.affiliation not in theirs):
                return match[1].id
        if match is not None and not accept_near:
            raise Held(f"'{signer.person}' is a possible duplicate of {match[1].label}")
        return None

    def _affiliation(self, person_id: str) -> tuple[str, ...]:
        person = self.ws.people.get(person_id)
        if person is not None:
            return tuple(person.affiliation.root.values()) if person.affiliation else ()
        raw = self.created["people"][person_id].get("affiliation")
        return (raw,) if raw else ()

    def create_org(self, signer: NewSigner) -> str:
        """Make a new organisation record from ``signer``; return its new id."""
        assert signer.org is not None
        record: dict[str, Any] = {"name": self._names(signer.org, signer.org_vi)}
        for key in ("email", "country", "website"):
            if getattr(signer, key):
                record[key] = getattr(signer, key)
        self._valid(Organization, record, f"organisation '{signer.org}'")
        new_id = slug(signer.org, set(self.ws.organizations) | set(self.created["organizations"]))
        self.created["organizations"][new_id] = record
        return new_id

    def create_person(self, signer: NewSigner, org: str | None) -> str:
        """Make a new person record from ``signer`` (signing for ``org``); return its new id."""
        assert signer.person is not None
        record: dict[str, Any] = {"name": signer.person}
        if signer.title:
            record["title"] = signer.title
        if org is not None:
            record["organization"] = org
        for key in ("affiliation", "email"):
            if getattr(signer, key):
                record[key] = getattr(signer, key)
        self._valid(Person, record, f"person '{signer.person}'")
        new_id = slug(signer.person, set(self.ws.people) | set(self.created["people"]))
        self.created["people"][new_id] = record
        return new_id

    def resolve(self, signer: NewSigner, *, accept_near: bool, orgs: tuple[str, ...] = ()
                ) -> tuple[str | None, str | None, list[str]]:  # fmt: skip
        """The (organisation, person) ids ``signer`` stands for, creating what is new.

        ``orgs`` are organisations already named by id. Nothing is created if anything
        is held. Also returns what was created ("new organisation viet-tan").
        """
        org = self.resolve_org(signer, accept_near=accept_near) if signer.org else None
        person = self.resolve_person(signer, accept_near=accept_near) if signer.person else None
        notes = []
        if signer.org and org is None:
            org = self.create_org(signer)
            notes.append(f"new organisation {org}")
        if org is None and len(orgs) == 1 and signer.person:
            org = orgs[0]
        if signer.person and person is None:
            person = self.create_person(signer, org)
            notes.append(f"new person {person}")
        return org, person, notes

    def _names(self, name: str, name_vi: str | None) -> Any:
        if not name_vi or name_vi == name:
            return name
        others = [lang for lang in self.letter.languages if lang != "vi"] or ["en"]
        return {**dict.fromkeys(others, name), "vi": name_vi}

    @staticmethod
    def _valid(model: Any, record: dict[str, Any], what: str) -> None:
        try:
            model.model_validate(record)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise UsageError(f"cannot add {what}: {where}: {first['msg']}") from None

    # changing the letter ------------------------------------------------------------

    def find(self, org: str | None, person: str | None) -> Signatory | None:
        """The entry already on the letter for this organisation and person, if any."""
        for entry in self.on_letter():
            if entry.org == org and entry.person == person:
                return entry
        return None

    def add_entry(self, org: str | None, person: str | None, *, tier: Tier | None,
                  listed: bool, joined: date) -> None:  # fmt: skip
        """Put a new entry in the signatory list, after the last one of its tier."""
        from ruamel.yaml.comments import CommentedMap

        entry = CommentedMap()
        if org:
            entry["org"] = org
        if person:
            entry["person"] = person
        if tier:
            entry["tier"] = tier
        if not listed:
            entry["listed"] = False
        entry["joined"] = joined
        signatory = Signatory.model_validate(plain(entry))
        rank = TIER_RANK[signatory.effective_tier]
        existing = self.on_letter()
        position = len(existing)
        for index, other in enumerate(existing):
            if TIER_RANK[other.effective_tier] > rank:
                position = index
                break
        if existing and getattr(self.entries[-1], "fa", None) and self.entries[-1].fa.flow_style():
            entry.fa.set_flow_style()
        self.entries.insert(position, entry)
        existing.insert(position, signatory)
        self.changed = True

    def remove_entries(self, record_id: str) -> int:
        """Take every entry of ``record_id`` (an organisation or a person) off the letter."""
        doomed = [i for i, e in enumerate(self.on_letter()) if record_id in (e.org, e.person)]
        for index in reversed(doomed):
            del self.entries[index]
            del self.on_letter()[index]
        self.changed = self.changed or bool(doomed)
        return len(doomed)

    def commit(self) -> None:
        """Check the changed letter and write every changed file at once."""
        if not self.changed:
            return
        Letter.model_validate(plain(self.letter_file.tree))
        changes = Changes()
        data = self.root / DATA_DIR
        for collection, records in self.created.items():
            if records:
                edit = YamlEdit.open(data / f"{collection}.yaml")
                for record_id, record in records.items():
                    edit.append(record_id, _tree(record))
                changes.add(edit)
        changes.add(self.letter_file)
        changes.commit()


def _tree(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _tree(item)
        return out
    return value


@contextmanager
def session(root: Path, letter_id: str) -> Iterator[Session]:
    """A change to one letter's signatories, under the workspace lock.

    Nothing is written until :meth:`Session.commit`.
    """
    with workspace_lock(root):
        current = Session(root, letter_id)
        yield current


def check_deadline(letter: Letter, letter_id: str, today: date, late: bool) -> None:
    """Refuse a new signer after the letter's sign-on deadline, unless ``late``."""
    deadline = letter.signon_deadline
    if deadline is not None and today > deadline and not late:
        raise UsageError(
            f"the sign-on deadline of {letter_id} ({deadline.isoformat()}) has passed",
            hint="add --late to add this signer anyway",
        )


def describe(listed: bool, notes: list[str]) -> str:
    """`` (unlisted; new organisation viet-tan)``: what else there is to say of an addition."""
    extra = ([] if listed else ["unlisted"]) + notes
    return f" ({'; '.join(extra)})" if extra else ""
