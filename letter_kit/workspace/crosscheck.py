"""Checks across records: references that must exist, translations that must be there.

A letter is only as good as the records it draws on. Everything a letter uses (its
recipients, signers, demands, cases, cited sources, and the sources behind its
figures) must exist, and must have text in every language the letter is written in.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import Problem
from .collections import BY_NAME
from .fields import ID_PATTERN, _PerLanguage
from .models import Letter
from .records import Workspace
from .references import CITE_GROUP, HELPER_CALL, parse_group
from .validation import field_name

_ID = re.compile(ID_PATTERN)

Loc = tuple[str | int, ...]


def valid_id(value: str) -> bool:
    """Whether ``value`` is a well-formed id."""
    return bool(_ID.match(value))


@dataclass(frozen=True)
class _Use:
    """A piece of text a letter uses, and where it is."""

    file: str
    loc: Loc
    text: _PerLanguage | None


class _Checker:
    def __init__(self, workspace: Workspace, known: dict[str, set[str] | None]) -> None:
        self.ws = workspace
        self.known = known
        self.problems: list[Problem] = []

    def ref(self, file: str, loc: Loc, value: str, collection: str) -> bool:
        """Check that ``value`` names a record of ``collection``; report it if not."""
        ids = self.known.get(collection, set())
        if ids is None or value in ids:
            # Unreadable file (already reported), or a record that failed validation.
            return ids is not None and value in getattr(self.ws, collection)
        self.unknown(file, loc, value, collection)
        return False

    def unknown(
        self, file: str, loc: Loc, value: str, collection: str, offset: int | None = None
    ) -> None:
        """Report a reference to a record that does not exist."""
        kind = BY_NAME[collection]
        noun = kind.noun
        close = difflib.get_close_matches(value, sorted(self.known.get(collection) or ()), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += (
            f"{BY_NAME[collection].plural.capitalize()} are defined in {BY_NAME[collection].place}"
        )
        self.problems.append(
            self.ws.problem(file, loc, f"unknown {noun} '{value}'", hint=hint, offset=offset)
        )

    def refs(self, file: str, loc: Loc, values: Sequence[str], collection: str) -> list[str]:
        """Check every id in a list; return those that resolve."""
        good = []
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                self.problems.append(
                    self.ws.problem(
                        file, (*loc, index), f"'{value}' is listed twice", hint="remove one"
                    )
                )
            seen.add(value)
            if self.ref(file, (*loc, index), value, collection):
                good.append(value)
        return good

    def prose_refs(self, file: str, loc: Loc, text: str) -> list[_Use]:
        """Check the sources, facts and cases named in a piece of prose."""
        uses: list[_Use] = []
        for group in CITE_GROUP.finditer(text):
            cites = parse_group(group.group(1))
            if cites is None:
                self.problems.append(
                    self.ws.problem(
                        file,
                        loc,
                        f"citation '{group.group(0)}' is not well formed",
                        hint="write [@source-id] or [@source-id, p. 12]; "
                        "put a backslash before '[' to keep it as text",
                        offset=group.start(),
                    )
                )
                continue
            for cite in cites:
                uses += self._cited(file, loc, cite.source, "sources", group.start())
        for call in HELPER_CALL.finditer(text):
            collection = "facts" if call.group(1) == "fact" else "cases"
            uses += self._cited(file, loc, call.group(3), collection, call.start())
        return uses

    def _cited(self, file: str, loc: Loc, value: str, collection: str, offset: int) -> list[_Use]:
        ids = self.known.get(collection, set())
        if ids is None:
            return []
        if value not in ids:
            self.unknown(file, loc, value, collection, offset)
            return []
        if collection == "sources":
            return list(self._source_uses(value))
        if collection == "facts":
            fact = self.ws.facts.get(value)
            return list(self._source_uses(fact.source)) if fact else []
        case = self.ws.cases.get(value)
        return [_Use("cases", (value, "name"), case.name)] if case else []

    def _source_uses(self, source_id: str) -> Iterator[_Use]:
        source = self.ws.sources.get(source_id)
        if source is not None:
            for name in ("title", "publisher", "author"):
                yield _Use("sources", (source_id, name), getattr(source, name))

    def run(self) -> list[Problem]:
        ws = self.ws
        for oid, org in ws.organizations.items():
            if org.contact:
                self.ref("organizations", (oid, "contact"), org.contact, "people")
        for pid, person in ws.people.items():
            if person.organization:
                self.ref("people", (pid, "organization"), person.organization, "organizations")
        for vid, visit in ws.visits.items():
            if visit.visitor:
                self.ref("visits", (vid, "visitor"), visit.visitor, "recipients")
        for cid, case in ws.cases.items():
            for index, charge in enumerate(case.charges):
                self.ref("cases", (cid, "charges", index, "law"), charge.law, "laws")
        for did, demand in ws.demands.items():
            self.refs("demands", (did, "cases"), demand.cases, "cases")
            for lang in demand.text.root:
                self.prose_refs("demands", (did, "text", lang), demand.text.root[lang])
        for fid, fact in ws.facts.items():
            self.ref("facts", (fid, "source"), fact.source, "sources")
        translations: dict[tuple[str, Loc, str], str] = {}
        for letter_id, letter in ws.letters.items():
            uses = self.letter(letter_id, letter)
            for use in uses:
                if use.text is None:
                    continue
                for lang in letter.languages:
                    if not use.text.has(lang):
                        translations.setdefault((use.file, use.loc, lang), letter_id)
        for (file, loc, lang), letter_id in translations.items():
            self.problems.append(
                self.ws.problem(
                    file,
                    loc,
                    f"no '{lang}' text, but letter '{letter_id}' is written in '{lang}'",
                    hint=f"add a '{lang}:' entry under {field_name(loc)}, "
                    f"or remove '{lang}' from the languages of {letter_id}",
                )
            )
        return self.problems

    def groups(self, file: str, letter: Letter) -> list[str]:
        """The members of the letter's groups; a group with none is a problem, unless
        some recipients are invalid (they may be its members)."""
        ws = self.ws
        members = [rid for group in letter.groups for rid in ws.group(group)]
        if self.known.get("recipients") != set(ws.recipients):
            return members
        named = sorted({g for r in ws.recipients.values() for g in r.groups})
        for index, group in enumerate(letter.groups):
            if group in named:
                continue
            close = difflib.get_close_matches(group, named, n=1)
            self.problems.append(
                ws.problem(
                    file,
                    ("groups", index),
                    f"no recipient is in group '{group}'",
                    hint=f"did you mean '{close[0]}'?"
                    if close
                    else f"add 'groups: [{group}]' to its members in data/recipients.yaml",
                )
            )
        return members

    def letter(self, letter_id: str, letter: Letter) -> list[_Use]:
        """Check one letter's references; return every text it uses."""
        ws = self.ws
        file = ws.file_key(letter_id)
        uses = [
            _Use(file, (name,), getattr(letter, name))
            for name in (
                "place",
                "title",
                "subtitle",
                "subject",
                "salutation",
                "body",
                "conclusion",
                "closing",
            )
        ]
        if ws.template(f"{letter.kind}/letter.md.j2") is None:
            self.problems.append(
                ws.problem(
                    file,
                    ("kind",),
                    f"no template for letter kind '{letter.kind}'",
                    hint=f"create templates/{letter.kind}/letter.md.j2, or use kind 'open-letter'",
                )
            )
        if letter.visit:
            self.ref(file, ("visit",), letter.visit, "visits")
        if letter.about and self.ref(file, ("about",), letter.about, "letters"):
            uses += self.release(file, letter, ws.letters[letter.about])
        people = self.refs(file, ("recipients",), letter.recipients, "recipients")
        people += self.refs(file, ("cc",), letter.cc, "recipients")
        people += self.groups(file, letter)
        people = list(dict.fromkeys(people))
        for rid in people:
            uses += [
                _Use("recipients", (rid, name), getattr(ws.recipients[rid], name))
                for name in ("name", "honorific", "title", "address", "salutation")
            ]
        for prose in ("body", "conclusion"):
            value = getattr(letter, prose)
            if value is not None:
                for lang, text in value.root.items():
                    uses += self.prose_refs(file, (prose, lang), text)
        if letter.demands is not None:
            if letter.demands.intro is not None:
                uses.append(_Use(file, ("demands", "intro"), letter.demands.intro))
                for lang, text in letter.demands.intro.root.items():
                    uses += self.prose_refs(file, ("demands", "intro", lang), text)
            for did in self.refs(file, ("demands", "items"), letter.demands.items, "demands"):
                demand = ws.demands[did]
                uses.append(_Use("demands", (did, "text"), demand.text))
                for lang, text in demand.text.root.items():
                    uses += self.prose_refs("demands", (did, "text", lang), text)
                uses += [
                    _Use("cases", (cid, "name"), ws.cases[cid].name)
                    for cid in demand.cases
                    if cid in ws.cases
                ]
        for cid in self.refs(file, ("cases",), letter.cases, "cases"):
            case = ws.cases[cid]
            uses += [_Use("cases", (cid, "name"), case.name)]
            uses += [_Use("cases", (cid, "description"), case.description)]
            for charge in case.charges:
                law = ws.laws.get(charge.law)
                if law is not None:
                    uses.append(_Use("laws", (charge.law, "name"), law.name))
        if letter.sender is not None:
            self.ref(file, ("sender",), letter.sender, "organizations")
        if letter.letterhead is not None:
            for oid in self.refs(file, ("letterhead",), letter.letterhead, "organizations"):
                uses.append(_Use("organizations", (oid, "name"), ws.organizations[oid].name))
        uses += self.signatories(file, letter)
        return uses

    def release(self, file: str, release: Letter, letter: Letter) -> list[_Use]:
        """Check a press release against the letter it announces; return what it uses."""
        ws = self.ws
        if letter.about is not None:
            self.problems.append(
                ws.problem(
                    file,
                    ("about",),
                    f"'{release.about}' is itself about another letter",
                    hint="a press release is about a letter, not about another release",
                )
            )
            return []
        for index, lang in enumerate(release.languages):
            if lang not in letter.languages:
                self.problems.append(
                    ws.problem(
                        file,
                        ("languages", index),
                        f"the letter it announces, '{release.about}', is not written in '{lang}'",
                        hint=f"its languages are {', '.join(letter.languages)}",
                    )
                )
        uses: list[_Use] = []
        for rid in ws.recipients_of(letter):
            if rid in ws.recipients:
                recipient = ws.recipients[rid]
                field = "reference" if recipient.reference else "name"
                uses.append(_Use("recipients", (rid, field), getattr(recipient, field)))
        if letter.visit in ws.visits:
            destination = ws.visits[letter.visit].destination
            uses.append(_Use("visits", (letter.visit, "destination"), destination))
        for did in letter.demands.items if letter.demands else []:
            if did in ws.demands:
                field = "summary" if ws.demands[did].summary else "text"
                uses.append(_Use("demands", (did, field), getattr(ws.demands[did], field)))
        for fid in quoted_facts(ws, letter):
            label = ws.facts[fid].label
            if label is not None:
                uses.append(_Use("facts", (fid, "label"), label))
        for entry in letter.signatories.entries if letter.signatories else []:
            org = ws.organizations.get(entry.org or "")
            if org is not None and org.about is not None:
                uses.append(_Use("organizations", (entry.org or "", "about"), org.about))
        return uses

    def signatories(self, file: str, letter: Letter) -> list[_Use]:
        ws = self.ws
        uses: list[_Use] = []
        seen: set[tuple[str | None, str | None]] = set()
        entries = letter.signatories.entries if letter.signatories is not None else []
        for index, entry in enumerate(entries):
            loc: Loc = ("signatories", "entries", index)
            if (entry.org, entry.person) in seen:
                self.problems.append(
                    ws.problem(file, loc, "this signatory is listed twice", hint="remove one")
                )
            seen.add((entry.org, entry.person))
            if entry.org and self.ref(file, (*loc, "org"), entry.org, "organizations"):
                uses.append(
                    _Use("organizations", (entry.org, "name"), ws.organizations[entry.org].name)
                )
            if entry.person and self.ref(file, (*loc, "person"), entry.person, "people"):
                person = ws.people[entry.person]
                uses += [
                    _Use("people", (entry.person, name), getattr(person, name))
                    for name in ("name", "title", "affiliation")
                ]
                if entry.org is None and person.organization in ws.organizations:
                    org = ws.organizations[person.organization]
                    uses.append(_Use("organizations", (person.organization, "name"), org.name))
        return uses


def quoted_facts(ws: Workspace, letter: Letter) -> list[str]:
    """The facts a letter quotes with fact("id"), in the order they first appear."""
    prose = [letter.body, letter.conclusion]
    if letter.demands is not None:
        prose.append(letter.demands.intro)
        prose += [ws.demands[d].text for d in letter.demands.items if d in ws.demands]
    found = [
        call.group(3)
        for value in prose
        if value is not None
        for text in value.root.values()
        for call in HELPER_CALL.finditer(text)
        if call.group(1) == "fact" and call.group(3) in ws.facts
    ]
    return list(dict.fromkeys(found))


def check(workspace: Workspace, known: dict[str, set[str] | None]) -> list[Problem]:
    """Every reference and translation problem in the workspace."""
    return _Checker(workspace, known).run()
