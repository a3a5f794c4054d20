"""``letterkit status``: where a letter stands: its translations, TODOs and cosigners.

Each translated block of the letter (a group of paragraphs, or a one-line text such as
the subject) is, in each language the letter is translated into:

- ``up to date``: translated from the source text as it is now;
- ``stale``: translated from a source text that has changed since (the old text is
  kept in the translation state, so the change can be shown);
- ``missing``: not translated yet (no text, or a TODO);
- ``untracked``: translated, but letterkit has no record of what from (a letter
  translated before its translations were recorded): ``translate mark`` records it.

``check`` reports stale blocks too, as warnings (errors in a letter marked final).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any, Literal

from ..composing.alignment import Unit, declaration_problems, place, problem_at, units
from ..composing.views import TIERS
from ..errors import DataError, Problem, display_path
from ..workspace.models import TODO_MARK, Tier
from ..workspace.records import Workspace
from ..workspace.translations import Entry, TranslationState, fingerprint, load_state

State = Literal["up to date", "stale", "missing", "untracked"]
STATES: tuple[State, ...] = ("up to date", "stale", "missing", "untracked")


@dataclass(frozen=True)
class Block:
    """One translated block in one language, and its state."""

    unit: Unit
    state: State
    was: str | None  # the source text it was translated from, when that differs


@dataclass(frozen=True)
class LanguageStatus:
    """A letter's translation into one language."""

    lang: str
    blocks: list[Block]
    problems: list[Problem]  # texts whose paragraphs cannot be paired (not in blocks)

    def count(self, state: State) -> int:
        """How many blocks are in this state."""
        return sum(1 for b in self.blocks if b.state == state)


@dataclass(frozen=True)
class Todo:
    """A TODO left in the letter file."""

    field: str
    problem: Problem  # where it is


@dataclass(frozen=True)
class LetterStatus:
    """Everything ``letterkit status`` says about a letter."""

    letter_id: str
    kind: str
    status: str
    dated: date
    source: str
    languages: list[LanguageStatus]
    todos: list[Todo]
    deadline: date | None
    days_left: int | None
    signatories: dict[Tier, int]
    unlisted: int


def blocks(found: list[Unit], records: dict[str, Entry]) -> list[Block]:
    """The state of each block, by what was recorded of it.

    A record is found by the fingerprint of the translation first (so a paragraph
    inserted above does not make every later one stale), then by the block's key.
    """
    by_translation: dict[str, list[str]] = {}
    for key, record in records.items():
        by_translation.setdefault(record.translation, []).append(key)
    claimed: dict[int, Entry | None] = {}
    taken: set[str] = set()
    for index, unit in enumerate(found):
        keys = [k for k in by_translation.get(fingerprint(unit.target_words), []) if k not in taken]
        if unit.target and keys:
            key = unit.key if unit.key in keys else keys[0]
            claimed[index] = records[key]
            taken.add(key)
    for index, unit in enumerate(found):
        if index not in claimed and unit.target and unit.key in records and unit.key not in taken:
            claimed[index] = records[unit.key]
            taken.add(unit.key)
    out = []
    for index, unit in enumerate(found):
        entry = claimed.get(index)
        if not unit.target:
            out.append(Block(unit, "missing", None))
        elif entry is None:
            out.append(Block(unit, "untracked", None))
        elif entry.source == fingerprint(unit.source_words):
            out.append(Block(unit, "up to date", None))
        else:
            out.append(Block(unit, "stale", entry.text))
    return out


def language_status(
    ws: Workspace, letter_id: str, lang: str, state: TranslationState
) -> LanguageStatus:
    """The state of each block of the letter's translation into ``lang``."""
    found, problems = units(ws, letter_id, lang)
    source = ws.letter(letter_id).languages[0]
    return LanguageStatus(lang, blocks(found, state.entries(lang, source)), problems)


def letter_status(ws: Workspace, letter_id: str, *, today: date) -> LetterStatus:
    """Where the letter stands on ``today``."""
    letter = ws.letter(letter_id)
    state = load_state(ws, letter_id)
    entries = ws.signatories_of(letter).entries
    counts = {tier: sum(1 for e in entries if e.effective_tier == tier) for tier in TIERS}
    deadline = letter.signon_deadline
    return LetterStatus(
        letter_id,
        letter.kind,
        letter.status,
        letter.date,
        letter.languages[0],
        [language_status(ws, letter_id, lang, state) for lang in letter.languages[1:]],
        list(todos(ws, letter_id)),
        deadline,
        (deadline - today).days if deadline else None,
        counts,
        sum(1 for e in entries if not e.listed),
    )


def todos(ws: Workspace, letter_id: str) -> Iterator[Todo]:
    """Every TODO left in the letter file, where it is."""
    key = ws.file_key(letter_id)
    for loc, offset in todo_places(ws, letter_id):
        problem = ws.problem(key, loc, f"{TODO_MARK} left", offset=offset)
        yield Todo(problem.field or "", problem)


def todo_places(ws: Workspace, letter_id: str) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """Where each text of the letter file that holds a TODO is, and where in it."""
    for loc, value in _strings(ws.files[ws.file_key(letter_id)].data, ()):
        if TODO_MARK in value:
            yield loc, value.index(TODO_MARK)


def _strings(
    node: object, loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*loc, index))


# For check --------------------------------------------------------------------------


def translation_problems(ws: Workspace) -> list[Problem]:
    """What ``check`` reports of every letter's translations: paragraphs that cannot
    be paired (errors), and stale translations (warnings; errors in a letter marked
    final, which is about to go out)."""
    out: list[Problem] = []
    for letter_id, letter in ws.letters.items():
        out += declaration_problems(ws, letter_id)
        if len(letter.languages) < 2:
            continue
        try:
            state = load_state(ws, letter_id)
        except DataError as exc:
            out += exc.problems
            continue
        for lang in letter.languages[1:]:
            status = language_status(ws, letter_id, lang, state)
            out += status.problems
            for block in status.blocks:
                if block.state == "stale":
                    problem = stale(ws, letter_id, lang, block)
                    out.append(problem if letter.status == "final" else problem.warning())
    return out


def stale(ws: Workspace, letter_id: str, lang: str, block: Block) -> Problem:
    """The problem of a translation made from a source text that changed since."""
    unit = block.unit
    source = ws.letter(letter_id).languages[0]
    return problem_at(
        ws, letter_id, unit.field, lang, unit.target[0] if unit.field.prose else None,
        f"the {lang} translation of {unit.label} was made from an older {source} text",
        f"'letterkit status {letter_id}' shows what changed; update the translation, then "
        f"record it with 'letterkit translate mark {letter_id} -l {lang}'",
    )  # fmt: skip


# Showing it ---------------------------------------------------------------------------


def render_status(ws: Workspace, report: LetterStatus) -> str:
    """The status as ``letterkit status`` prints it."""
    file = display_path(ws.files[ws.file_key(report.letter_id)].path)
    others = ", ".join(s.lang for s in report.languages) or "no other language"
    lines = [
        f"{report.letter_id}: {report.kind}, {report.status}, dated {report.dated.isoformat()}; "
        f"written in {report.source}, translated into {others}",
        f"sign-on deadline: {_deadline(report)}",
        f"signatories: {_signatories(report)}",
    ]
    lines.append(f"TODO: {len(report.todos)} left" if report.todos else "TODO: none")
    lines += [f"  {t.problem.format()}" for t in report.todos]
    for status in report.languages:
        counts = ", ".join(f"{status.count(s)} {s}" for s in STATES if status.count(s))
        lines.append(f"{status.lang}: {counts or 'nothing to translate'}")
        lines += ["  " + p.format().replace("\n", "\n  ") for p in status.problems]
        width = max((len(b.unit.label) for b in status.blocks), default=0)
        for block in status.blocks:
            where = f"{file}:{_line(ws, report, status.lang, block)}"
            lines.append(f"  {block.state:<10}  {block.unit.label:<{width}}  {where}")
            if block.was is not None:
                diff = word_diff(block.was, block.unit.source_text)
                lines += textwrap.wrap(
                    f"{report.source} changed: {diff}", 88,
                    initial_indent=" " * 14, subsequent_indent=" " * 16,
                    break_long_words=False, break_on_hyphens=False,
                )  # fmt: skip
        if status.count("untracked"):
            lines += textwrap.wrap(
                f"untracked: letterkit has no record of the {report.source} text they were "
                f"translated from; after a review, 'letterkit translate mark "
                f"{report.letter_id} -l {status.lang}' records it",
                88, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False,
            )  # fmt: skip
    return "\n".join(lines) + "\n"


def status_json(ws: Workspace, report: LetterStatus) -> dict[str, Any]:
    """The status as data, for ``letterkit status --json``."""
    file = display_path(ws.files[ws.file_key(report.letter_id)].path)
    return {
        "letter": report.letter_id,
        "kind": report.kind,
        "status": report.status,
        "date": report.dated.isoformat(),
        "source": report.source,
        "signon_deadline": report.deadline.isoformat() if report.deadline else None,
        "days_left": report.days_left,
        "signatories": {**report.signatories, "unlisted": report.unlisted},
        "todos": [_place(t.problem) for t in report.todos],
        "translations": [
            {
                "language": status.lang,
                "counts": {state: status.count(state) for state in STATES},
                "problems": [_place(p) for p in status.problems],
                "blocks": [
                    {
                        "key": b.unit.key,
                        "label": b.unit.label,
                        "state": b.state,
                        "file": file,
                        "line": _line(ws, report, status.lang, b),
                        "source": b.unit.source_text,
                        "translation": b.unit.target_text,
                        "translated_from": b.was,
                    }
                    for b in status.blocks
                ],
            }
            for status in report.languages
        ],
    }


def word_diff(old: str, new: str, context: int = 5) -> str:
    """The change from ``old`` to ``new`` word by word: ``[-removed-]{+added+}``,
    with a few words around each change (``…`` for the rest)."""
    before, after = old.split(), new.split()
    pieces: list[str] = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = before[i1:i2]
            head = same[:context] if number > 0 else []
            tail = same[-context:] if number < len(opcodes) - 1 else []
            if len(same) > len(head) + len(tail):
                pieces += [*head, "…", *tail]
            else:
                pieces += same
            continue
        removed = "[-" + " ".join(before[i1:i2]) + "-]" if i2 > i1 else ""
        added = "{+" + " ".join(after[j1:j2]) + "+}" if j2 > j1 else ""
        pieces.append(removed + added)
    return " ".join(pieces)


def _line(ws: Workspace, report: LetterStatus, lang: str, block: Block) -> int:
    """The line of the translation (of the source, when there is none yet)."""
    unit = block.unit
    if unit.target:
        return place(ws, report.letter_id, unit.field, lang, unit.target[0])
    return place(ws, report.letter_id, unit.field, report.source, unit.source[0])


def _deadline(report: LetterStatus) -> str:
    if report.deadline is None or report.days_left is None:
        return "none"
    days = report.days_left
    when = (
        "today" if days == 0
        else f"in {days} day{'s' if days != 1 else ''}" if days > 0
        else f"passed {-days} day{'s' if days != -1 else ''} ago"
    )  # fmt: skip
    return f"{report.deadline.isoformat()} ({when})"


def _signatories(report: LetterStatus) -> str:
    nouns = {"lead": ("lead", "lead"), "organization": ("organisation", "organisations"),
             "individual": ("individual", "individuals")}  # fmt: skip
    total = sum(report.signatories.values())
    parts = [
        f"{count} {nouns[tier][count != 1]}" for tier, count in report.signatories.items() if count
    ]
    return f"{total}" + (f" ({', '.join(parts)}; {report.unlisted} unlisted)" if total else "")


def _place(problem: Problem) -> dict[str, Any]:
    return {
        "file": display_path(problem.file) if problem.file else None,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "hint": problem.hint,
    }
