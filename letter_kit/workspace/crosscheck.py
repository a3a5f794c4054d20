"""Checks across records: every reference must name a record that exists.

A letter is only as good as the records it draws on: its recipients, signers,
demands, cases, cited sources and the sources behind its figures must all exist.
(Whether each text a letter uses is there in every language of the letter is found by
composing it: see :meth:`Workspace.texts <letter_kit.workspace.records.Workspace.texts>`.
What composing reads is what is checked, so the two cannot drift apart.)

Every reference followed here is also recorded as a dependency of the record that
makes it, so that a problem can be traced to the letters it touches
(:mod:`.loaded`). Records that failed validation are checked too, for what can be read
of them, so that their other problems come in the same run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..formats import HEADING_STYLE_MARK, HEADING_STYLES
from .collections import BY_NAME, LETTERS
from .fields import ID_PATTERN, MAX_ID_LENGTH, base_language
from .loaded import Owner
from .models import Letter
from .records import Workspace
from .references import CITE_GROUP, HELPER_CALL, SOURCE_LINK, parse_group

_ID = re.compile(ID_PATTERN)
# A heading of prose that names its own style at its end: "## Detention {.standalone}".
_HEADING_STYLE = re.compile(r"^ {0,3}#{1,6}[ \t].*?" + HEADING_STYLE_MARK, re.M)

Loc = tuple[str | int, ...]


def id_problem(value: str, *, noun: str = "id") -> tuple[str, str] | None:
    """What is wrong with an id as a message and a hint, or None if it is well formed."""
    if not _ID.match(value):
        return (
            f"'{value}' is not a valid {noun}",
            "use lowercase letters, digits and hyphens, e.g. 'viet-tan'",
        )
    if len(value) > MAX_ID_LENGTH:
        return (
            f"{'an' if noun == 'id' else 'a'} {noun} of {len(value)} characters is too long "
            f"(at most {MAX_ID_LENGTH})",
            "shorten it: ids name files, such as one per recipient",
        )
    return None


@dataclass(frozen=True)
class Checked:
    """The problems found, each with the record it belongs to, and what each record
    depends on."""

    found: list[tuple[Problem, Owner]]
    depends: dict[Owner, frozenset[Owner]]


class _Checker:
    def __init__(
        self,
        workspace: Workspace,
        known: dict[str, set[str] | None],
        partial: Mapping[str, Mapping[str, Any]],
    ) -> None:
        self.ws = workspace
        self.known = known
        self.partial = partial
        self.found: list[tuple[Problem, Owner]] = []
        self.edges: dict[Owner, set[Owner]] = {}
        self.owner: Owner = ("", None)

    def each(self, collection: str) -> Iterator[tuple[str, Any]]:
        """The records of a collection, valid or as far as they can be read, each
        becoming the owner of what is found while it is checked."""
        for records in (self.ws.records(collection), self.partial.get(collection, {})):
            for record_id, record in records.items():
                self.owner = (collection, record_id)
                self.edges.setdefault(self.owner, set())
                yield record_id, record

    def report(self, problem: Problem) -> None:
        self.found.append((problem, self.owner))

    def needs(self, collection: str, value: str | None) -> None:
        """The record being checked depends on this one (None: on the whole file)."""
        self.edges.setdefault(self.owner, set()).add((collection, value))

    def ref(self, file: str, loc: Loc, value: str, collection: str) -> bool:
        """Check that ``value`` names a record of ``collection``; report it if not."""
        self.needs(collection, value)
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
        self.report(
            self.ws.problem(file, loc, f"unknown {noun} '{value}'", hint=hint, offset=offset)
        )

    def refs(self, file: str, loc: Loc, values: Sequence[str], collection: str) -> list[str]:
        """Check every id in a list; return those that resolve."""
        good = []
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                self.report(
                    self.ws.problem(
                        file, (*loc, index), f"'{value}' is listed twice", hint="remove one"
                    )
                )
            seen.add(value)
            if self.ref(file, (*loc, index), value, collection):
                good.append(value)
        return good

    def prose_refs(self, file: str, loc: Loc, text: str) -> None:
        """Check the sources, facts and cases named in a piece of prose."""
        for group in CITE_GROUP.finditer(text):
            cites = parse_group(group.group(1))
            if cites is None:
                self.report(
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
                self._cited(file, loc, cite.source, "sources", group.start())
        for link in SOURCE_LINK.finditer(text):
            self._linked(file, loc, link.group(1), link.start(1) - 1)
        for call in HELPER_CALL.finditer(text):
            collection = "facts" if call.group(1) == "fact" else "cases"
            self._cited(file, loc, call.group(3), collection, call.start())
        for heading in _HEADING_STYLE.finditer(text):
            style = heading.group("style")
            if style not in HEADING_STYLES:
                close = difflib.get_close_matches(style, HEADING_STYLES, n=1)
                hint = f"did you mean '{{.{close[0]}}}'? " if close else ""
                self.report(
                    self.ws.problem(
                        file,
                        loc,
                        f"unknown heading style '{style}'",
                        hint=hint + "a heading may end with {.run-in}, {.standalone} or "
                        "{.numbered}; without, it takes the letter's 'headings:'",
                        offset=heading.start("style") - 2,
                    )
                )

    def _linked(self, file: str, loc: Loc, value: str, offset: int) -> None:
        """Check a link to a source, ``[text](@id)``: the source exists and has a url."""
        ws = self.ws
        if not _ID.match(value):
            self.report(
                ws.problem(file, loc, f"link to a source '(@{value})' is not well formed",
                           hint="write [text](@source-id)", offset=offset)
            )  # fmt: skip
            return
        self._cited(file, loc, value, "sources", offset)
        source = ws.sources.get(value)
        if source is not None and source.url is None:
            self.report(
                ws.problem(file, loc, f"source '{value}' has no url to link to",
                           hint=f"add its url in data/sources.yaml, or cite it with "
                           f"[@{value}] instead", offset=offset)
            )  # fmt: skip

    def _cited(self, file: str, loc: Loc, value: str, collection: str, offset: int) -> None:
        self.needs(collection, value)
        ids = self.known.get(collection, set())
        if ids is not None and value not in ids:
            self.unknown(file, loc, value, collection, offset)

    def run(self) -> Checked:
        # A record that failed validation lacks the fields that were wrong: hence
        # getattr(..., None) for the required ones.
        for oid, org in self.each("organizations"):
            if org.contact:
                self.ref("organizations", (oid, "contact"), org.contact, "people")
        for pid, person in self.each("people"):
            if person.organization:
                self.ref("people", (pid, "organization"), person.organization, "organizations")
        for vid, visit in self.each("visits"):
            if visit.visitor:
                self.ref("visits", (vid, "visitor"), visit.visitor, "recipients")
        for cid, case in self.each("cases"):
            for index, charge in enumerate(case.charges):
                self.ref("cases", (cid, "charges", index, "law"), charge.law, "laws")
        for did, demand in self.each("demands"):
            self.refs("demands", (did, "cases"), demand.cases, "cases")
            text = getattr(demand, "text", None)
            for lang, prose in text.root.items() if text is not None else ():
                self.prose_refs("demands", (did, "text", lang), prose)
        for fid, fact in self.each("facts"):
            source = getattr(fact, "source", None)
            if source is not None:
                self.ref("facts", (fid, "source"), source, "sources")
        for letter_id, letter in self.each(LETTERS):
            self.letter(letter_id, letter)
        depends = {owner: frozenset(needed) for owner, needed in self.edges.items()}
        return Checked(self.found, depends)

    def groups(self, file: str, letter: Letter) -> list[str]:
        """The members of the letter's groups; a group with none is a problem, unless
        some recipients are invalid (they may be its members).

        The letter depends on every member, and on every recipient whose groups cannot
        be read: none may be left out of it unnoticed."""
        ws = self.ws
        if not letter.groups:
            return []
        members = [rid for group in letter.groups for rid in ws.group(group)]
        for rid in members:
            self.needs("recipients", rid)
        if self.known.get("recipients") is None:
            self.needs("recipients", None)
        for rid, partial in self.partial.get("recipients", {}).items():
            if "groups" not in partial.model_fields_set or set(partial.groups) & set(letter.groups):
                self.needs("recipients", rid)
        if self.known.get("recipients") != set(ws.recipients):
            return members
        named = sorted({g for r in ws.recipients.values() for g in r.groups})
        for index, group in enumerate(letter.groups):
            if group in named:
                continue
            close = difflib.get_close_matches(group, named, n=1)
            self.report(
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

    def letter(self, letter_id: str, letter: Letter) -> None:
        """Check one letter's references."""
        ws = self.ws
        file = ws.file_key(letter_id)
        if ws.template(f"{letter.kind}/letter.md.j2") is None:
            self.report(
                ws.problem(
                    file,
                    ("kind",),
                    f"no template for letter kind '{letter.kind}'",
                    hint=f"create templates/{letter.kind}/letter.md.j2, or use kind 'open-letter'",
                )
            )
        if letter.visit:
            self.ref(file, ("visit",), letter.visit, "visits")
        if letter.about and self.ref(file, ("about",), letter.about, LETTERS):
            self.release(file, letter, ws.letters[letter.about])
        self.refs(file, ("recipients",), letter.recipients, "recipients")
        self.refs(file, ("cc",), letter.cc, "recipients")
        members = self.groups(file, letter)
        self.addressing(file, letter_id, letter, members)
        for prose in ("body", "conclusion"):
            value = getattr(letter, prose, None)
            if value is not None:
                for lang, text in value.root.items():
                    self.prose_refs(file, (prose, lang), text)
        if letter.demands is not None:
            if letter.demands.intro is not None:
                for lang, text in letter.demands.intro.root.items():
                    self.prose_refs(file, ("demands", "intro", lang), text)
            self.refs(file, ("demands", "items"), letter.demands.items, "demands")
        self.refs(file, ("cases",), letter.cases, "cases")
        if letter.sender is not None:
            self.ref(file, ("sender",), letter.sender, "organizations")
        if isinstance(letter.letterhead, list):
            self.refs(file, ("letterhead",), letter.letterhead, "organizations")
        elif letter.letterhead is not None and letter.letterhead.organizations is not None:
            where = ("letterhead", "organizations")
            self.refs(file, where, letter.letterhead.organizations, "organizations")
        self.signatories(file, letter)

    def addressing(self, file: str, letter_id: str, letter: Letter, members: list[str]) -> None:
        """Each recipient the letter addresses in its own way is one it addresses."""
        addressed = [*letter.recipients, *members, *letter.cc]
        for rid in letter.addressing:
            if not self.ref(file, ("addressing", rid), rid, "recipients") or rid in addressed:
                continue
            whom = ", ".join(dict.fromkeys(addressed)) or "nobody"
            self.report(
                self.ws.problem(
                    file,
                    ("addressing", rid),
                    f"'{rid}' is not a recipient of letter '{letter_id}'",
                    hint=f"it addresses {whom}: add '{rid}' to its recipients or cc, "
                    "or remove this entry",
                )
            )

    def release(self, file: str, release: Letter, letter: Letter) -> None:
        """Check a press release against the letter it announces."""
        ws = self.ws
        if letter.about is not None:
            self.report(
                ws.problem(
                    file,
                    ("about",),
                    f"'{release.about}' is itself about another letter",
                    hint="a press release is about a letter, not about another release",
                )
            )
            return
        for index, lang in enumerate(getattr(release, "languages", None) or ()):
            if lang not in letter.languages:
                self.report(
                    ws.problem(
                        file,
                        ("languages", index),
                        f"the letter it announces, '{release.about}', is not written in '{lang}'",
                        hint=f"its languages are {', '.join(letter.languages)}",
                    )
                )

    def signatories(self, file: str, letter: Letter) -> None:
        ws = self.ws
        seen: set[tuple[str | None, str | None]] = set()
        entries = letter.signatories.entries if letter.signatories is not None else []
        for index, entry in enumerate(entries):
            loc: Loc = ("signatories", "entries", index)
            if (entry.org, entry.person) in seen:
                self.report(
                    ws.problem(file, loc, "this signatory is listed twice", hint="remove one")
                )
            seen.add((entry.org, entry.person))
            if entry.org:
                self.ref(file, (*loc, "org"), entry.org, "organizations")
            if entry.person:
                self.ref(file, (*loc, "person"), entry.person, "people")
            languages = getattr(letter, "languages", None)  # unread in a broken letter
            if entry.line is not None and languages:
                written = {*languages, *map(base_language, languages)}
                for lang in sorted(entry.line.languages() - written):
                    self.report(
                        ws.problem(
                            file,
                            (*loc, "line", lang),
                            f"a signer line in '{lang}', but the letter is written in "
                            + ", ".join(letter.languages),
                            hint=f"write the line in {' or '.join(letter.languages)}, or add "
                            f"'{lang}' to the letter's languages",
                        )
                    )


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


def check(
    workspace: Workspace,
    known: dict[str, set[str] | None],
    partial: Mapping[str, Mapping[str, Any]] | None = None,
) -> Checked:
    """Every reference problem in the workspace, in its valid records and in what can be
    read of the others (``partial``), and what each record depends on."""
    return _Checker(workspace, known, partial or {}).run()
