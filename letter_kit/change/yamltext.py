"""Edits made on a YAML file's text rather than its round-trip tree: items put into a
block sequence or taken out of it, records added at the end of a file.

Reading a long file with ruamel's round-trip parser and writing it back takes seconds
at 10,000 signatories; these edits take a scan of the lines. They work on the layouts
letterkit and people write (a block sequence of block or flow mappings, a file of
top-level records) and return None for anything else; the caller then makes the edit
on the round-trip tree. The caller also reads the new text back and compares it with
the data it expects (see :class:`.store.YamlEdit`), so an edit made here can never
change what the file says, only save time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

Loc = tuple[str, ...]


@dataclass(frozen=True)
class Insert:
    """Put ``value`` (a mapping of scalars) at ``index`` of the sequence at ``loc``."""

    loc: Loc
    index: int
    value: dict[str, Any]


@dataclass(frozen=True)
class Delete:
    """Take out the item at ``index`` of the sequence at ``loc``."""

    loc: Loc
    index: int


@dataclass(frozen=True)
class Append:
    """Add the record ``key`` at the end of the file's top-level mapping."""

    key: str
    value: Any


Edit = Insert | Delete | Append

Read = Callable[[str], Any]  # the data of a piece of YAML text; raises if it has none
Record = Callable[[str, Any], "str | None"]  # a new top-level record, laid out as the file's

_KEY = r"[ \t]*(?:#.*)?$"  # what may follow "key:" on the line of a block collection
_PLAIN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")  # ids, written without quotes
_CONTENT = re.compile(r"^( *)(?=[^ \n#])", re.MULTILINE)  # a line that is not blank or a comment
_TOP_LEVEL = re.compile(r"^(?![#\s]|---|\.\.\.)", re.MULTILINE)


def apply(text: str, edits: Sequence[Edit], data: Any, read: Read, record: Record) -> str | None:
    """``text`` with ``edits`` made, if this module can make them and show that the
    result reads as ``data`` (the file's data with the edits made); else None.

    Only what changed is read back: new items and records, with the record before
    them. The rest of the text is unchanged and stays where it was in the structure (a
    sequence's items are counted, a record ends where the next top-level key starts),
    so it reads as before.
    """
    if not text.endswith("\n") or not isinstance(data, dict):
        return None
    in_sequence = [e for e in edits if not isinstance(e, Append)]
    appended = [e for e in edits if isinstance(e, Append)]
    if in_sequence:
        locs = {e.loc for e in in_sequence}
        if len(locs) != 1:
            return None
        changed = _sequence_edits(text, in_sequence, data, read)
        if changed is None:
            return None
        text = changed
    if appended:
        return _append(text, appended, data, read, record)
    return text


def _reads(read: Read, text: str, expected: Any) -> bool:
    try:
        found = read(text)
    except Exception:  # any text that does not read as expected: the tree does the edit
        return False
    return bool(found == expected) and list(found) == list(expected)


# -- records ----------------------------------------------------------------------------


def last_record(text: str) -> str | None:
    """The text of the last top-level record of a file (from its key to the end)."""
    starts = [m.start() for m in _TOP_LEVEL.finditer(text) if m.start() < len(text)]
    return text[starts[-1] :] if starts else None


def _append(
    text: str, appended: Sequence[Append], data: dict[str, Any], read: Read, record: Record
) -> str | None:
    keys = list(data)
    count = len(appended)
    if len(keys) <= count or keys[-count:] != [e.key for e in appended]:
        return None
    last = last_record(text)
    parts = [record(e.key, e.value) for e in appended]
    if last is None or any(p is None for p in parts):
        return None
    gap = "\n" if "\n\n" in text else ""
    added = "".join(gap + str(p) for p in parts)
    before = keys[-count - 1]  # the record the new ones follow: read back with them
    if not _reads(read, last + added, {k: data[k] for k in [before, *keys[-count:]]}):
        return None
    return text + added


# -- sequences ---------------------------------------------------------------------------


@dataclass
class _Items:
    """Where a block sequence's items are: the start of each item's first line, and the
    end of the last item's last line of content."""

    starts: list[int]
    end: int
    dash: int  # column of the dashes
    keys: list[int]  # column of each item's first key
    flows: list[bool]  # whether each item is written {key: value, ...}


def _sequence_edits(
    text: str, edits: Sequence[Insert | Delete], data: dict[str, Any], read: Read
) -> str | None:
    loc = edits[0].loc
    final: Any = data
    for part in loc:
        final = final.get(part) if isinstance(final, dict) else None
    items = _find_items(text, loc)
    if items is None or not isinstance(final, list) or not final:
        return None  # an empty list is written "[]": the tree does that
    order: list[int | dict[str, Any]] = list(range(len(items.starts)))
    for edit in edits:
        if isinstance(edit, Insert):
            order.insert(edit.index, edit.value)
        else:
            del order[edit.index]
    if len(order) != len(final):
        return None  # the items found are not the items the data has
    bounds = [*items.starts[1:], items.end]
    pieces = []
    like = 0  # before any item that stays: laid out as the first
    for position, element in enumerate(order):
        if isinstance(element, int):
            pieces.append(text[items.starts[element] : bounds[element]])
            like = element  # a new item is laid out as the one before it
            continue
        written = _item(element, items, like)
        if written is None or not _reads(read, "x:\n" + written, {"x": [final[position]]}):
            return None
        pieces.append(written)
    return text[: items.starts[0]] + "".join(pieces) + text[items.end :]


def _find_items(text: str, loc: Loc) -> _Items | None:
    """The items of the block sequence at ``loc`` (two mapping keys deep), if it has any."""
    if len(loc) != 2:
        return None
    parent = re.compile(rf"^{re.escape(loc[0])}:{_KEY}", re.MULTILINE)
    found = list(parent.finditer(text))
    if len(found) != 1:
        return None
    start = found[0].end() + 1
    block_end = _TOP_LEVEL.search(text, start)
    stop = block_end.start() if block_end else len(text)
    child = re.compile(rf"^( +){re.escape(loc[1])}:{_KEY}", re.MULTILINE)
    keys = list(child.finditer(text, start, stop))
    if len(keys) != 1:
        return None
    indent = len(keys[0].group(1))
    return _items_after(text, keys[0].end() + 1, stop, indent)


def _items_after(text: str, start: int, stop: int, indent: int) -> _Items | None:
    """The items of a block sequence whose first line is at ``start``: they begin with
    a dash at one column, and end at the first line of content left of it (or at it,
    without a dash)."""
    first = _CONTENT.search(text, start, stop)
    if first is None:
        return None
    dash = len(first.group(1))
    if dash < indent:
        return None
    after = re.compile(rf"^(?! {{{dash}}}-)(?: {{0,{dash}}})(?=[^ \n#])", re.MULTILINE)
    found = after.search(text, start, stop)
    limit = found.start() if found else stop
    item = re.compile(rf"^ {{{dash}}}-( +)(?=[^ \n#])(\{{?)", re.MULTILINE)
    items = list(item.finditer(text, start, limit))
    dashes = re.compile(rf"^ {{{dash}}}-", re.MULTILINE).findall(text, start, limit)
    if not items or items[0].start() != first.start() or len(dashes) != len(items):
        return None  # a dash alone on its line, or with no space after it
    end = limit
    while True:  # back over blank and comment lines: they stay after the list
        line_start = text.rfind("\n", start, end - 1) + 1
        if text[line_start:end].strip() and not text[line_start:end].lstrip().startswith("#"):
            break
        end = line_start
    return _Items([m.start() for m in items], end, dash, [m.end(1) - m.start() for m in items],
                  [bool(m.group(2)) for m in items])  # fmt: skip


def _item(value: dict[str, Any], items: _Items, like: int) -> str | None:
    """A new item, laid out as item ``like`` is."""
    pairs = []
    for name, scalar in value.items():
        written = _scalar(scalar)
        if written is None or not _PLAIN.match(name):
            return None
        pairs.append(f"{name}: {written}")
    key = items.keys[like]
    dash = " " * items.dash + "-" + " " * (key - items.dash - 1)
    if items.flows[like]:
        return f"{dash}{{{', '.join(pairs)}}}\n"
    return dash + ("\n" + " " * key).join(pairs) + "\n"


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _PLAIN.match(value):
        return value
    return None
