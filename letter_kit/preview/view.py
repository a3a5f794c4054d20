"""What the preview shows of a letter: its documents as rows, each row a cell per
language holding the blocks that translate each other, each cell of a translation
marked with the state of the blocks it holds (up to date, stale, missing, untracked).

Side by side, rows are the parallel PDF's (:mod:`letter_kit.writers.pairing`: parts
by role, blocks by key); one after the other, each language is a column of its own,
a row per block. The states are those of ``letterkit status``
(:mod:`letter_kit.reports.status`), found for a cell by the keys of its blocks (a
one-line text such as the subject by the role of its part).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..composing.alignment import Unit
from ..document import Block, Document, Part
from ..errors import Problem
from ..formats import Layout
from ..reports.status import STATES, LetterStatus, State, letter_status, status_json, word_diff
from ..workspace.records import Workspace
from ..writers.common import check_layout
from ..writers.pairing import pair_blocks, pair_parts, units_of

# The state a cell shows when its blocks are in several: the one that needs work first.
_URGENCY: tuple[State, ...] = ("missing", "stale", "untracked", "up to date")


@dataclass(frozen=True)
class Mark:
    """The translation state of one block of the letter, in one language."""

    state: State
    label: str  # "body, paragraph 3"
    place: str  # "data/letters/x.yaml:31": the translation (the original while there is none)
    changed: str | None  # a stale block: what changed in the original since, word by word
    units: frozenset[str]  # what the block stands for: "body.3", or the field of a line


@dataclass(frozen=True)
class Cell:
    """The blocks of one language in a row, and the state of those that are translated."""

    lang: str
    blocks: list[Block]
    marks: list[Mark]

    @property
    def state(self) -> State | None:
        """The state shown: the one of its blocks that needs work first."""
        found = {m.state for m in self.marks}
        return next((s for s in _URGENCY if s in found), None)


@dataclass(frozen=True)
class Row:
    """Blocks of one part that stand for the same thing, a cell per column."""

    role: str
    attrs: dict[str, str]
    key: str  # what the row stands for ("body.3"), or "" for a block without a key
    cells: list[Cell]


@dataclass(frozen=True)
class Sheet:
    """Columns of rows: two languages side by side, or one language."""

    documents: list[Document]  # one per column
    rows: list[Row]


@dataclass(frozen=True)
class Translation:
    """A translated language of the letter: how many blocks are in each state."""

    lang: str
    counts: dict[State, int]
    marks: list[Mark]
    problems: list[Problem]  # paragraphs that cannot be paired


@dataclass(frozen=True)
class LetterView:
    """Everything the preview page shows of the letter."""

    letter_id: str
    title: str
    layout: Layout
    source: str  # the language the letter is written in (the others are translations)
    names: dict[str, str]  # each language's name, in itself
    sheets: list[Sheet]
    translations: list[Translation]
    todos: list[Problem] = field(default_factory=list)


def letter_view(
    ws: Workspace, letter_id: str, documents: Sequence[Document], layout: Layout, *, today: date
) -> LetterView:
    """The letter's documents as the preview lays them out, with the state of each
    translated block."""
    check_layout(len(documents), layout)
    report = letter_status(ws, letter_id, today=today)
    translations = _translations(ws, report)
    marks = {t.lang: t.marks for t in translations}
    if layout == "parallel":
        sheets = [Sheet(list(documents), _parallel(documents[0], documents[1], marks))]
    else:
        sheets = [Sheet([doc], _single(doc, marks)) for doc in documents]
    shown = {d.meta.lang for d in documents}
    return LetterView(
        letter_id,
        " / ".join(dict.fromkeys(d.meta.title for d in documents)),
        layout,
        report.source,
        {d.meta.lang: language_name(d.meta.lang) for d in documents},
        sheets,
        [t for t in translations if t.lang in shown],
        [t.problem for t in report.todos],
    )


def language_name(code: str) -> str:
    """A language's name in itself (``Tiếng Việt``), or its code if Babel has none."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code


def _translations(ws: Workspace, report: LetterStatus) -> list[Translation]:
    data = status_json(ws, report)
    out = []
    for status, found in zip(report.languages, data["translations"], strict=True):
        marks = [
            Mark(
                block.state,
                block.unit.label,
                f"{entry['file']}:{entry['line']}",
                word_diff(block.was, block.unit.source_text) if block.was is not None else None,
                _units(block.unit),
            )
            for block, entry in zip(status.blocks, found["blocks"], strict=True)
        ]
        counts = {state: status.count(state) for state in STATES}
        out.append(Translation(status.lang, counts, marks, status.problems))
    return out


def _units(unit: Unit) -> frozenset[str]:
    """What the blocks of a unit stand for: ``body.3`` and ``body.4`` for ``body.3-4``;
    the field itself for a one-line text, whose block has no key."""
    if not unit.field.prose:
        return frozenset({unit.field.name})
    return frozenset(
        f"{unit.field.name}.{n}" for n in range(unit.first, unit.first + len(unit.source))
    )


def _cell(lang: str, role: str, blocks: list[Block], marks: dict[str, list[Mark]]) -> Cell:
    stands_for = {role}.union(*(units_of(b) for b in blocks))
    return Cell(lang, blocks, [m for m in marks.get(lang, []) if m.units & stands_for])


def _row_key(blocks: Sequence[Block]) -> str:
    return " ".join(sorted(set().union(*(units_of(b) for b in blocks))))


def _parallel(left: Document, right: Document, marks: dict[str, list[Mark]]) -> list[Row]:
    rows = []
    for ours, theirs in pair_parts(left, right):
        part = ours or theirs
        assert part is not None
        for lefts, rights in _pairs(ours.blocks if ours else [], theirs.blocks if theirs else []):
            cells = [
                _cell(left.meta.lang, part.role, lefts, marks),
                _cell(right.meta.lang, part.role, rights, marks),
            ]
            rows.append(Row(part.role, part.attrs, _row_key([*lefts, *rights]), cells))
    return rows


def _pairs(left: list[Block], right: list[Block]) -> list[tuple[list[Block], list[Block]]]:
    """The rows of two paired parts. Parts whose blocks stand for nothing in particular
    (a letterhead, an address) are one row: their lines are read together, whatever
    their number on each side."""
    if not any(units_of(b) for b in [*left, *right]):
        return [(left, right)]
    return pair_blocks(left, right)


def _single(doc: Document, marks: dict[str, list[Mark]]) -> list[Row]:
    lang = doc.meta.lang
    return [
        Row(part.role, part.attrs, _row_key(blocks), [_cell(lang, part.role, blocks, marks)])
        for part in doc.parts
        for blocks in _groups(part)
    ]


def _groups(part: Part) -> list[list[Block]]:
    """A part's blocks, those that stand for the same thing together (as rows pair them)."""
    return [blocks for blocks, _ in _pairs(part.blocks, [])]
