"""Which field each column of a sheet holds, from its header or from ``--map``.

Headers are compared as lowercase ASCII words, so "Tên tổ chức", "TÊN TỔ CHỨC" and
"ten to chuc" are one header. A header is recognised when it is one of a field's
phrases, or starts with one ("Affiliation (for identification only)"); a few words
decide a header wherever they stand ("Organisation website" holds a website, never a
name). A header marked with a language, "(English)", "(Vietnamese)", "(tiếng Việt)",
"bằng tiếng Việt", is that field in that language. Two columns read as one field are
refused with both named, unless one of them was named with ``--map``: a name must
never be taken from the wrong column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import DataError, Problem, UsageError
from ..text import words
from .tables import Column, Table

IGNORE = "ignore"
# Trailing words that say which language a column is in.
_LANGUAGE_MARKS = (
    (re.compile(r"(?: in| bang)? (?:vietnamese|tieng viet|viet ngu|vi)$"), "vi"),
    (re.compile(r"(?: in| bang)? (?:english|tieng anh|en)$"), "en"),
)
_FILLER = re.compile(r"^(?:please (?:enter|give|write) |enter |what is |what s )?(?:your |the )?")
_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$",
                          re.IGNORECASE)  # fmt: skip


def key(header: str) -> str:
    """A header as lowercase ASCII words: ``Tên tổ chức?`` -> ``ten to chuc``."""
    return " ".join(words(header))


def is_web_address(value: str) -> bool:
    """``https://example.org``, ``www.example.org``, ``example.org/about``."""
    return bool(_WEB_ADDRESS.match(value.strip()))


@dataclass(frozen=True)
class Vocabulary:
    """The fields of one kind of sheet and the headers they are known by."""

    phrases: dict[str, tuple[str, ...]]
    generic: frozenset[str] = frozenset()  # phrases too general to start a longer header
    anywhere: dict[str, tuple[str, ...]] = field(default_factory=dict)
    translated: frozenset[str] = frozenset()  # fields with a twin FIELD_vi
    repeatable: frozenset[str] = frozenset()  # fields several columns may fill, in order
    names: frozenset[str] = frozenset()  # fields a column of web addresses cannot be
    guess: Callable[[str], str | None] | None = None  # for headers no phrase names

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field a column may be mapped to, ``ignore`` included."""
        twins = [f"{f}_vi" for f in self.phrases if f in self.translated]
        return tuple(dict.fromkeys([*self.phrases, *twins, IGNORE]))

    def field_for(self, header: str) -> str | None:
        """The field a header names, or None."""
        whole = key(header)
        found = self._phrase(whole)
        if found is not None:
            return found
        base, lang = whole, None
        for mark, code in _LANGUAGE_MARKS:
            if mark.search(whole):
                base, lang = mark.sub("", whole), code
                break
        found = self._phrase(base)
        if found is None:
            for name, marks in self.anywhere.items():
                if any(re.search(rf"\b{re.escape(m)}\b", whole) for m in marks):
                    return name
            found = self._prefix(base)
        if found is None and self.guess is not None:
            return self.guess(header)
        if found in self.translated and lang == "vi":
            return f"{found}_vi"
        return found

    def _phrase(self, text: str) -> str | None:
        for candidate in dict.fromkeys([text, _FILLER.sub("", text, count=1)]):
            for name, phrases in self.phrases.items():
                if candidate in (key(p) for p in phrases):
                    return name
        return None

    def _prefix(self, text: str) -> str | None:
        text = _FILLER.sub("", text, count=1)
        best: tuple[int, str] | None = None
        for name, phrases in self.phrases.items():
            for phrase in phrases:
                k = key(phrase)
                if k not in self.generic and text.startswith(k + " "):
                    best = max(best or (0, name), (len(k), name))
        return best[1] if best else None


@dataclass
class Mapping:
    """How a sheet's columns were read."""

    fields: dict[Column, str]
    ignored: list[Column]

    def columns(self, name: str) -> list[Column]:
        """The columns read as field ``name``, in sheet order."""
        return [c for c, f in self.fields.items() if f == name]

    def describe(self) -> str:
        """``Tên tổ chức=org, Email=email``."""
        return ", ".join(f"{c.header}={f}" for c, f in self.fields.items())


def parse_map(items: Sequence[str], vocabulary: Vocabulary) -> dict[str, str]:
    """``["Tên=org", ...]`` -> ``{"Tên": "org"}``; unknown fields are a usage error."""
    mapping = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip() or target.strip() not in vocabulary.fields:
            raise UsageError(
                f"--map '{item}' is not COLUMN=FIELD",
                hint="FIELD is one of " + ", ".join(vocabulary.fields),
            )
        mapping[" ".join(column.split())] = target.strip()
    return mapping


def map_columns(table: Table, vocabulary: Vocabulary, explicit: dict[str, str]) -> Mapping:
    """Read each column as a field; raise if two columns would be read as one."""
    headers = [c.header for c in table.columns]
    missing = [name for name in explicit if name not in headers]
    if missing:
        raise UsageError(
            f"--map names a column the sheet does not have: '{missing[0]}'",
            hint="the columns are: " + ", ".join(repr(h) for h in headers),
        )
    fields: dict[Column, str] = {}
    ignored: list[Column] = []
    for column in table.columns:
        name = explicit.get(column.header) or vocabulary.field_for(column.header)
        if (
            column.header not in explicit
            and name in vocabulary.names
            and _web_addresses(table, column)
        ):
            name = "website" if "website" in vocabulary.phrases else IGNORE
        if name is None or name == IGNORE:
            if column.header:
                ignored.append(column)
            continue
        fields[column] = name
    for name in dict.fromkeys(fields.values()):
        if name in vocabulary.repeatable:
            continue
        same = [c for c, f in fields.items() if f == name]
        if len(same) < 2:
            continue
        chosen = [c for c in same if c.header in explicit]
        filled = [c for c in same if _has_values(table, c, name)]
        keep = chosen or (same if len(filled) > 1 else filled or same[:1])
        if len(keep) > 1:
            raise _conflict(table, name, keep)
        for column in same:
            if column not in keep:
                del fields[column]
                ignored.append(column)
    ignored.sort(key=lambda c: c.index)
    return Mapping(fields, ignored)


def _conflict(table: Table, name: str, columns: list[Column]) -> DataError:
    listed = " and ".join(f"{c} (column {c.letter})" for c in columns)
    maps = " or ".join(f"--map '{c.header}={name}'" for c in columns)
    return DataError(
        [Problem(f"columns {listed} would both be read as '{name}'", table.path, 1,
                 hint=f"say which one holds it: {maps} (the other is then ignored)")]
    )  # fmt: skip


def _web_addresses(table: Table, column: Column) -> bool:
    values = [v.strip() for _, v in table.cells(column) if v.strip()]
    return bool(values) and all(is_web_address(v) for v in values)


def _has_values(table: Table, column: Column, name: str) -> bool:
    """Whether a column holds anything: Microsoft Forms fills 'Email' with 'anonymous'
    and leaves 'Name' empty when a form does not ask who answers."""
    empty = {"", "anonymous"} if name in ("email", "person") else {""}
    return any(v.strip().lower() not in empty for _, v in table.cells(column))
