"""A change to one letter's signatories: the workspace lock, the records it finds or
creates, and one atomic write of every file it changed.

Every change runs in a :class:`Session`: it holds the workspace lock, loads the
workspace as it is now, edits the YAML files (see :mod:`.store`), checks the records
it made, and writes every changed file at once (or none). New organisations and people get an
id made from their name (or the one given); a name that looks like one already known
is not added without the user's say. A person signs with their organisation unless
another one is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError, WorkspaceBusy
from ..text import char_label, clean_line, find_forbidden
from ..workspace.commit import Changes
from ..workspace.loaded import Owner, set_aside_warning
from ..workspace.loading import read_workspace
from ..workspace.lock import workspace_lock
from ..workspace.models import Letter, Signatory, Tier
from ..workspace.records import DATA_DIR, LETTERS_DIR, Workspace
from .identities import Identities
from .store import YamlEdit, record_tree

TIER_RANK = {"lead": 0, "organization": 1, "individual": 2}
ENTRIES = ("signatories", "entries")  # where a letter file lists its signatories


@dataclass
class Report:
    """What a change did, one line per signer, and the counts."""

    lines: list[str] = field(default_factory=list)
    added: int = 0
    present: int = 0
    held: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


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

    def __init__(self, root: Path, letter_id: str, *, adds: bool = True) -> None:
        self.root = root
        # Problems elsewhere do not stop a change to this letter; but new signers are
        # matched against, and written beside, every organisation and person, so a
        # change that adds needs those files whole.
        records: list[Owner] = [("organizations", None), ("people", None)] if adds else []
        self.ws: Workspace = read_workspace(root).for_letters([letter_id], records=records)
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
        if self.letter_file.text != self.ws.files[self.ws.file_key(letter_id)].text:
            raise WorkspaceBusy(
                f"{self.letter_file.path} changed on disk while letterkit was working; "
                "nothing was written",
                hint="another program saved it: run the command again",
            )
        self.who = Identities(self.ws, self.letter.languages)
        self.changed = False
        self.late: list[str] = []  # signers who joined after the letter's date
        self._on_letter: list[Signatory] | None = None

    def set_aside(self) -> list[str]:
        """The warning naming the files whose problems this change left aside."""
        warning = set_aside_warning(self.ws.set_aside)
        return [warning.format()] if warning else []

    # reading ------------------------------------------------------------------------

    def on_letter(self) -> list[Signatory]:
        """The letter's signatories as they stand, in the order of the file."""
        if self._on_letter is None:
            # As the workspace read them, from the very text being edited.
            signatories = self.letter.signatories
            self._on_letter = list(signatories.entries) if signatories else []
        return self._on_letter

    # changing the letter ------------------------------------------------------------

    def label(self, org: str | None, person: str | None) -> str:
        """``Tung B Nguyen for Vietnam Human Rights Network``: a signer in messages."""
        org_name = self.who.names("organizations", org)[0] if org else None
        if person is None:
            return org_name or "?"
        person_name = self.who.names("people", person)[0]
        return f"{person_name} for {org_name}" if org_name else person_name

    def find(self, org: str | None, person: str | None) -> Signatory | None:
        """The entry already on the letter for this organisation and person, if any."""
        for entry in self.on_letter():
            if entry.org == org and entry.person == person:
                return entry
        return None

    def add_entry(self, org: str | None, person: str | None, *, tier: Tier | None,
                  listed: bool, joined: date) -> None:  # fmt: skip
        """Put a new entry in the signatory list, after the last one of its tier.

        One who joined after the letter's date is noted in :attr:`late`.
        """
        entry: dict[str, Any] = {}
        if org:
            entry["org"] = org
        if person:
            entry["person"] = person
        if tier:
            entry["tier"] = tier
        if not listed:
            entry["listed"] = False
        entry["joined"] = joined
        signatory = Signatory.model_validate(entry)
        rank = TIER_RANK[signatory.effective_tier]
        existing = self.on_letter()
        position = len(existing)
        for index, other in enumerate(existing):
            if TIER_RANK[other.effective_tier] > rank:
                position = index
                break
        self.letter_file.insert(ENTRIES, position, entry)
        existing.insert(position, signatory)
        self.changed = True
        if joined > self.letter.date:
            self.late.append(f"{org or person} ({joined.isoformat()})")

    def remove_entries(self, record_id: str) -> int:
        """Take every entry of ``record_id`` (an organisation or a person) off the letter."""
        doomed = [i for i, e in enumerate(self.on_letter()) if record_id in (e.org, e.person)]
        for index in reversed(doomed):
            self.letter_file.delete(ENTRIES, index)
            del self.on_letter()[index]
        self.changed = self.changed or bool(doomed)
        return len(doomed)

    def commit(self) -> None:
        """Check the changed letter and write every changed file at once."""
        if not self.changed:
            return
        Letter.model_validate(self.letter_file.data)
        changes = Changes(self.root)
        data = self.root / DATA_DIR
        for collection, records in self.who.created.items():
            if records:
                edit = YamlEdit.open(data / f"{collection}.yaml")
                for record_id, record in records.items():
                    edit.append(record_id, record_tree(record))
                changes.add(edit)
        changes.add(self.letter_file)
        changes.commit()


@contextmanager
def session(root: Path, letter_id: str, *, adds: bool = True) -> Iterator[Session]:
    """A change to one letter's signatories (``adds``: one that may add signers),
    under the workspace lock.

    Nothing is written until :meth:`Session.commit`.
    """
    with workspace_lock(root):
        current = Session(root, letter_id, adds=adds)
        yield current


def check_open(letter: Letter, letter_id: str, force: bool) -> None:
    """Refuse to change who signed a letter that was sent, unless ``force``."""
    if letter.status == "sent" and not force:
        raise UsageError(
            f"{letter_id} was sent: its signatories are those it went out with",
            hint="to correct the record anyway, add --force; for a new round of "
            f"signatures, start a letter with 'letterkit new ... --from {letter_id}'",
        )


def late_warning(late: list[str], letter: Letter) -> str:
    """The warning for signers who joined after the letter's date."""
    return (
        f"warning: joined after the letter's date ({letter.date.isoformat()}): "
        + ", ".join(late)
        + "\n  hint: the letter says they signed by its date: give the day they signed with "
        "--joined, or re-date the letter ('date:' in its file)"
    )


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
