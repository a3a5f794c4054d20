"""``letterkit lint``: what in a letter may no longer be true, or is not set right.

A letter draws on records that age: a figure holds as of a day, a web page was read
on a day, a prisoner may have been released since. Each letter is read against its
own date:

- ``stale-figure``: a figure it quotes holds as of a day more than ``[lint]
  figure_months`` (12) before the letter's date;
- ``case-status``: a case it lists among its prisoners, or that one of its demands
  names, was released, exiled or had died by the letter's date (or had not been
  arrested yet);
- ``old-access``: a source it cites was last read (``accessed``) more than ``[lint]
  accessed_months`` (24) before the letter's date;
- typography per language (:mod:`.typography`): ``double-space``,
  ``space-before-punctuation`` (quotation marks and French spaces letterkit sets).

These are warnings, and errors in a letter marked ``final`` (about to go out). Of the
whole workspace (when no letter is named): ``unused-source``, a source no letter
cites (a warning), and ``unused-demand`` and ``unused-case`` (infos, which ``check``
does not show). Every finding is placed at its file and line, with the id of the
record it is about.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..errors import Problem, Severity, display_path
from ..workspace.config import LintSettings
from ..workspace.events import known_by
from ..workspace.models import Letter
from ..workspace.records import Workspace
from ..workspace.references import CITE_GROUP, HELPER_CALL, SOURCE_LINK, parse_group
from ..workspace.yamlsource import YamlFile
from .typography import slips

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One thing lint found: its rule, the letter and record it concerns, and where."""

    rule: str
    problem: Problem
    letter: str | None
    record: str | None

    def as_json(self) -> dict[str, Any]:
        """The finding as data (``letterkit lint --json``)."""
        p = self.problem
        return {
            "rule": self.rule,
            "severity": p.severity,
            "letter": self.letter,
            "record": self.record,
            "file": display_path(p.file) if p.file is not None else None,
            "line": p.line,
            "column": p.column,
            "field": p.field,
            "message": p.message,
            "hint": p.hint,
        }


@dataclass(frozen=True)
class Place:
    """A text of the data: the file (its key in ``Workspace.files``), where, its language."""

    file: str
    loc: Loc
    text: str
    lang: str


def lint(
    ws: Workspace, settings: LintSettings, letters: Sequence[str] | None = None
) -> list[Finding]:
    """Every finding of the named letters (all of them, and the workspace's own
    findings, when ``letters`` is None), in the order of the letters and their files."""
    found: list[Finding] = []
    for letter_id in letters if letters is not None else list(ws.letters):
        ws.letter(letter_id)  # an unknown id is refused with the close ones
        found += [f for f in _Letter(ws, letter_id, settings).findings() if f not in found]
    if letters is None:
        found += unused(ws)
    return found


def months_between(earlier: date, later: date) -> tuple[int, bool]:
    """Whole months from ``earlier`` to ``later``, and whether some days remain."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months, later.day != earlier.day


def _age(earlier: date, later: date) -> str:
    months, more = months_between(earlier, later)
    unit = "month" if months == 1 else "months"
    return f"{'over ' if more else ''}{months} {unit}"


class _Letter:
    """The findings of one letter."""

    def __init__(self, ws: Workspace, letter_id: str, settings: LintSettings) -> None:
        self.ws = ws
        self.id = letter_id
        self.letter: Letter = ws.letters[letter_id]
        self.settings = settings
        self.file = ws.file_key(letter_id)
        self.places = list(letter_places(ws, letter_id))
        self.severity: Severity = "error" if self.letter.status == "final" else "warning"

    def finding(
        self, rule: str, place: tuple[str, Loc], message: str, hint: str, record: str | None,
        offset: int | None = None,
    ) -> Finding:  # fmt: skip
        file, loc = place
        problem = self.ws.problem(file, loc, message, hint=hint, offset=offset)
        problem = replace(problem, severity=self.severity)
        return Finding(rule, problem, self.id, record)

    def findings(self) -> Iterator[Finding]:
        yield from self.figures()
        yield from self.cases()
        yield from self.sources()
        yield from self.typography()

    def figures(self) -> Iterator[Finding]:
        day, limit = self.letter.date, self.settings.figure_months
        seen: set[str] = set()
        for place, offset, fid in self.quoted_facts():
            fact = self.ws.facts[fid]
            if fid in seen or not _older(fact.as_of, day, limit):
                continue
            seen.add(fid)
            line, _ = self.ws.files["facts"].locate((fid, "as_of"))
            yield self.finding(
                "stale-figure",
                (place.file, place.loc),
                f"figure '{fid}' holds as of {fact.as_of}, {_age(fact.as_of, day)} before "
                f"the letter's date ({day})",
                f"quote a newer figure, or update its value and as_of at "
                f"{_where(self.ws.files['facts'], line)} (a figure older than {limit} months "
                "is stale: [lint] figure_months in letterkit.toml)",
                fid,
                offset,
            )

    def quoted_facts(self) -> Iterator[tuple[Place, int, str]]:
        for place in self.places:
            for call in HELPER_CALL.finditer(place.text):
                if call.group(1) == "fact" and call.group(3) in self.ws.facts:
                    yield place, call.start(), call.group(3)

    def cases(self) -> Iterator[Finding]:
        letter, ws = self.letter, self.ws
        named: list[tuple[str, Loc, str]] = [
            (cid, ("cases", index), "the letter lists them among the prisoners it names")
            for index, cid in enumerate(letter.cases)
        ]
        for index, did in enumerate(letter.demands.items if letter.demands else []):
            for cid in ws.demands[did].cases if did in ws.demands else []:
                named.append((cid, ("demands", "items", index), f"demand '{did}' names them"))
        for cid, loc, why in named:
            case = ws.cases.get(cid)
            if case is None:
                continue
            status = case.status_on(letter.date)
            cases_file = ws.files["cases"]
            line, _ = cases_file.locate((cid,))
            name = case.name.text_or_any(letter.languages[0])
            if status is None:
                first = case.events[0]
                yield self.finding(
                    "case-status",
                    (self.file, loc),
                    f"'{name}' ({cid}): nothing is recorded of them before the letter's date "
                    f"({letter.date}); the first event is '{first.kind}' ({first.date})",
                    f"check the letter's date, or the events at {_where(cases_file, line)}",
                    cid,
                )
            elif status in _GONE:
                verb, kind = _GONE[status]
                when = [day for event, day in known_by(case.timeline, letter.date) if event == kind]
                what = f"{verb} ({when[-1]})" if when else f"is recorded as {status}"
                yield self.finding(
                    "case-status",
                    (self.file, loc),
                    f"'{name}' ({cid}) {what} before the letter's date ({letter.date}), but {why}",
                    f"take them off, or correct their events or status at "
                    f"{_where(cases_file, line)}",
                    cid,
                )

    def sources(self) -> Iterator[Finding]:
        day, limit = self.letter.date, self.settings.accessed_months
        seen: set[str] = set()
        for place, offset, sid in cited_sources(self.ws, self.places):
            source = self.ws.sources.get(sid)
            if sid in seen or source is None or source.accessed is None:
                continue
            seen.add(sid)
            if not _older(source.accessed, day, limit):
                continue
            line, _ = self.ws.files["sources"].locate((sid, "accessed"))
            yield self.finding(
                "old-access",
                (place.file, place.loc),
                f"source '{sid}' was last read on {source.accessed}, "
                f"{_age(source.accessed, day)} before the letter's date ({day})",
                f"check that it still says what the letter cites, then update accessed at "
                f"{_where(self.ws.files['sources'], line)} ([lint] accessed_months in "
                "letterkit.toml)",
                sid,
                offset,
            )

    def typography(self) -> Iterator[Finding]:
        for place in self.places:
            for slip in slips(place.text, place.lang):
                record = self.id if place.file == self.file else str(place.loc[0])
                yield self.finding(
                    slip.rule, (place.file, place.loc), slip.message, slip.hint, record,
                    slip.offset,
                )  # fmt: skip


# Statuses of a case that is no longer held: how a message says it, the event that does.
_GONE: dict[str, tuple[str, str]] = {
    "released": ("was released", "released"),
    "exiled": ("went into exile", "exiled"),
    "deceased": ("died", "died"),
}


def _older(value: date, day: date, months: int) -> bool:
    """Whether ``value`` is more than ``months`` months before ``day``."""
    count, more = months_between(value, day)
    return count > months or (count == months and more)


def _where(source: YamlFile, line: int) -> str:
    return f"{display_path(source.path)}:{line}"


def letter_places(ws: Workspace, letter_id: str) -> Iterator[Place]:
    """Every text of a letter: those of its file, then those of the demands it makes,
    each with the language it is in (a text given once for every language is taken to
    be in the letter's first language)."""
    letter = ws.letters[letter_id]
    file = ws.file_key(letter_id)
    yield from _places(file, (), ws.files[file].data, letter.languages)
    demands = ws.files.get("demands")
    for did in letter.demands.items if letter.demands else []:
        if demands is not None and isinstance(demands.data, dict) and did in demands.data:
            yield from _places("demands", (did,), demands.data[did], letter.languages)


def _places(file: str, loc: Loc, node: object, languages: list[str]) -> Iterator[Place]:
    if isinstance(node, str):
        lang = next((part for part in loc if part in languages), languages[0])
        yield Place(file, loc, node, str(lang))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _places(file, (*loc, key), value, languages)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(file, (*loc, index), value, languages)


def cited_sources(ws: Workspace, places: Sequence[Place]) -> Iterator[tuple[Place, int, str]]:
    """Each source the texts cite (``[@id]``), link to (``[text](@id)``) or quote a
    figure of, with the place and offset of each mention."""
    for place in places:
        text = place.text
        for group in CITE_GROUP.finditer(text):
            for cite in parse_group(group.group(1)) or []:
                yield place, group.start(), cite.source
        for link in SOURCE_LINK.finditer(text):
            yield place, link.start(), link.group(1)
        for call in HELPER_CALL.finditer(text):
            fact = ws.facts.get(call.group(3)) if call.group(1) == "fact" else None
            if fact is not None:
                yield place, call.start(), fact.source


def unused(ws: Workspace) -> list[Finding]:
    """Sources no letter cites (warnings), demands and cases no letter uses (infos)."""
    places = [p for letter_id in ws.letters for p in letter_places(ws, letter_id)]
    cited = {sid for _, _, sid in cited_sources(ws, places)}
    letters = ws.letters.values()
    demands = {did for letter in letters if letter.demands for did in letter.demands.items}
    cases = {cid for letter in ws.letters.values() for cid in letter.cases}
    cases |= {cid for did in demands if did in ws.demands for cid in ws.demands[did].cases}
    cases |= {
        call.group(3)
        for place in places
        for call in HELPER_CALL.finditer(place.text)
        if call.group(1) == "case"
    }
    found = []
    for sid in ws.sources:
        if sid not in cited:
            problem = ws.problem(
                "sources",
                (sid,),
                f"no letter cites source '{sid}'",
                hint=f"cite it with [@{sid}], or remove it",
            ).warning()
            found.append(Finding("unused-source", problem, None, sid))  # fmt: skip
    for collection, used, noun in (("demands", demands, "demand"), ("cases", cases, "case")):
        for rid in ws.records(collection):
            if rid not in used:
                problem = ws.problem(collection, (rid,), f"no letter uses {noun} '{rid}'").info()
                found.append(Finding(f"unused-{noun}", problem, None, rid))
    return found


def lint_problems(
    ws: Workspace, settings: LintSettings, letters: Sequence[str] | None = None
) -> list[Problem]:
    """What ``check`` reports of lint: every finding but the infos (of the letters
    named, and then not the workspace's own, as :func:`lint`)."""
    return [f.problem for f in lint(ws, settings, letters) if f.problem.severity != "info"]
