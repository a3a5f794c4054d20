"""Two languages side by side: each part, paragraph, signatory and case beside its
translation, paired by what it is (its key), never by where it falls.

The documents of two languages come from one template, so their parts have the same
roles in the same order; a part is paired with the part of the same role and
attributes (the n-th ``recipient`` with the n-th). Within two paired parts, blocks are
paired by key (:func:`letter_kit.document.key_units`): blocks whose keys share a unit
are one row, however many there are on each side (a translation that joins two
paragraphs is one row with two paragraphs on one side). A list whose items have keys
is a row per item. Blocks without a key, such as a fixed heading, are paired in order
between the keyed ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

from ..document import Block, Document, ListBlock, Part, block_key, key_units


def pair_parts(left: Document, right: Document) -> list[tuple[Part | None, Part | None]]:
    """The parts of two documents side by side; a part that only one has stands alone."""

    def identities(doc: Document) -> list[tuple[str, tuple[tuple[str, str], ...], int]]:
        seen: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}
        out = []
        for part in doc.parts:
            # Where a part stands is the layout's; what it is does not change with it.
            attrs = tuple(sorted((k, v) for k, v in part.attrs.items() if k != "align"))
            name = (part.role, attrs)
            seen[name] = seen.get(name, 0) + 1
            out.append((*name, seen[name]))
        return out

    ours, theirs = identities(left), identities(right)
    out: list[tuple[Part | None, Part | None]] = []
    a = b = 0
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        out += [(part, None) for part in left.parts[a:i]]
        out += [(None, part) for part in right.parts[b:j]]
        out += list(zip(left.parts[i : i + size], right.parts[j : j + size], strict=True))
        a, b = i + size, j + size
    return out


def pair_blocks(
    left: Sequence[Block], right: Sequence[Block]
) -> list[tuple[list[Block], list[Block]]]:
    """Rows of blocks: each row the blocks of one language that translate those of the
    other (lists with keyed items split into one row per item)."""
    return _rows(_items(left), _items(right), join=True)


def twins(left: Sequence[Block], right: Sequence[Block]) -> list[Block | None]:
    """For each block of ``left``, the block of ``right`` that translates it, if any."""
    out: list[Block | None] = []
    for ours, theirs in _rows(list(left), list(right), join=False):
        out += [theirs[0] if len(theirs) == 1 else None for _ in ours]
    return out


def _items(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, a list whose items have keys split into a list per item."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, ListBlock) and any(i and block_key(i[0]) for i in block.items):
            for number, item in enumerate(block.items):
                out.append(ListBlock(block.marker, block.start + number, [item]))
        else:
            out.append(block)
    return out


def units_of(block: Block) -> frozenset[str]:
    """What a block of a row stands for (a list split by item: what its item stands for)."""
    return key_units(_key(block))


def _key(block: Block) -> str | None:
    """The key of a block, or of the one item of a list split by item."""
    if isinstance(block, ListBlock):
        return block_key(block.items[0][0]) if len(block.items) == 1 and block.items[0] else None
    return block_key(block)


def _rows(
    left: list[Block], right: list[Block], *, join: bool
) -> list[tuple[list[Block], list[Block]]]:
    """Blocks paired by the units of their keys; unkeyed ones in order between them.
    With ``join``, consecutive blocks of one group are one row."""
    groups = _Groups()
    for block in [*left, *right]:
        groups.join(key_units(_key(block)))
    ours, theirs = _runs(left, groups, join), _runs(right, groups, join)
    # A run without a key matches nothing by itself: it is paired in order, in the gaps.
    tokens: list[list[Hashable]] = [
        [run.group or (side, n) for n, run in enumerate(runs)]
        for side, runs in (("left", ours), ("right", theirs))
    ]
    rows: list[tuple[_Run | None, _Run | None]] = []
    a = b = 0
    matcher = SequenceMatcher(None, tokens[0], tokens[1], autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        rows += list(zip_longest(ours[a:i], theirs[b:j]))
        rows += list(zip(ours[i : i + size], theirs[j : j + size], strict=True))
        a, b = i + size, j + size
    return _crossed(rows)


def _crossed(rows: list[tuple[_Run | None, _Run | None]]) -> list[tuple[list[Block], list[Block]]]:
    """The rows, a run that was paired in order with another (or with nothing) moved
    to the row of its own group when its translation comes in another order."""
    home: dict[str, int] = {}
    for number, (one, _) in enumerate(rows):
        if one is not None and one.group is not None:
            home.setdefault(one.group, number)
    out: list[tuple[list[Block], list[Block]]] = [([], []) for _ in rows]
    for number, (one, other) in enumerate(rows):
        if one is not None:
            out[number][0].extend(one.items)
        if other is not None:
            target = home.get(other.group, number) if other.group is not None else number
            out[target][1].extend(other.items)
    return [row for row in out if row[0] or row[1]]


@dataclass(frozen=True)
class _Run:
    """Consecutive blocks that stand for the same thing (``group`` None: no key)."""

    group: str | None
    items: list[Block]


def _runs(blocks: list[Block], groups: _Groups, join: bool) -> list[_Run]:
    out: list[_Run] = []
    for block in blocks:
        group = groups.of(_key(block))
        if join and out and group is not None and out[-1].group == group:
            out[-1].items.append(block)
        else:
            out.append(_Run(group, [block]))
    return out


class _Groups:
    """Units that stand for the same thing, joined (union-find): ``body.3`` and
    ``body.4`` are one group once a block keyed ``body.3 body.4`` is seen."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, unit: str) -> str:
        self.parent.setdefault(unit, unit)
        while self.parent[unit] != unit:
            self.parent[unit] = self.parent[self.parent[unit]]
            unit = self.parent[unit]
        return unit

    def join(self, units: frozenset[str]) -> None:
        ordered = sorted(units)
        for unit in ordered[1:]:
            self.parent[self.find(unit)] = self.find(ordered[0])

    def of(self, key: str | None) -> str | None:
        """The group of a key (the same for every key that shares a unit with it)."""
        units = key_units(key)
        return self.find(min(units)) if units else None
