"""Reading YAML files safely, and finding where a value came from.

A workspace is edited by hand, so every problem must point at a line and column.
ruamel.yaml's round-trip loader records the position of every key and item; a
:class:`YamlFile` keeps that tree beside a plain copy of the data and answers
"where is ``entries[2].org``?" for any path a validator reports.

What is refused, and why:

- duplicate keys: the second one would silently win;
- anchors and aliases: they make one edit change several places, and expand into
  huge documents ("billion laughs");
- tags (``!!str``, ``!name``): the models decide each value's type, and a quoted
  value is text;
- files over 4 MiB: a workspace file is never that big by accident;
- anything but a regular file (a FIFO or a link to ``/dev/zero`` would hang or read
  without end), broken links and loops of links, each named as such;
- nesting deeper than :data:`MAX_DEPTH`, characters YAML does not allow (NUL), and
  numbers too long to read;
- text that is not UTF-8 (a byte-order mark is allowed).

Dates are kept as text here so that the models report an impossible date such as
``2021-02-30`` with its position, like any other bad value.

Reading is fast: files go through ruamel's C parser with the same rules, and the
round-trip parser, which knows every position, runs only when a file breaks a rule (to
say where) or a problem must be placed. Both read a valid file to the same data.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from ..errors import Problem
from ..text import char_label
from . import cache, yamlfast
from .filetext import YamlLoadError, read_text
from .yamlfast import MAX_DEPTH, fast_path_allowed, fast_reader
from .yamlhints import indentation_hint
from .yamlplaces import Keys, entry, is_collection, is_mapping, scalar_kind

cache.parsed_by(sys.modules[__name__], yamlfast)


Path_ = tuple[str | int, ...]


class _Refused(MarkedYAMLError):  # type: ignore[misc]
    pass


class _StrictComposer(Composer):  # type: ignore[misc]
    """Refuses anchors (``&a``), aliases (``*a``) and tags (``!a``) with their position."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                problem="anchors and aliases (&name, *name) are not allowed",
                problem_mark=event.start_mark,
            )
        tag = getattr(event, "ctag", None)
        if tag is not None:
            written = f"{tag.handle or ''}{tag.suffix}"
            raise _Refused(
                problem=f"tags such as '{written}' are not allowed",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):  # type: ignore[misc]
    pass


# Dates stay strings; the models parse them and report bad ones with a position.
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _StrictComposer
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_DEPTH
    return yaml


@dataclass
class YamlFile:
    """A parsed YAML file: plain data for validation, the tree for positions."""

    path: Path
    data: Any
    text: str = field(repr=False)
    _tree: Any = field(default=None, repr=False)
    _places: Any = field(default=None, repr=False)
    _keys: Keys = field(default_factory=dict, repr=False)  # see yamlplaces.entry

    @property
    def tree(self) -> Any:
        """The round-trip tree, parsed on first use (only problems need positions)."""
        if self._tree is None:
            self._tree = _yaml().load(self.text)
        return self._tree

    @property
    def places(self) -> Any:
        """What :meth:`locate` walks: the nodes the C parser composes, with their
        places (many times quicker to make than the round-trip tree, which a file that
        may hold what the fast reader refuses still needs)."""
        if self._places is None:
            self._places = self._tree
            if self._places is None and fast_path_allowed(self.text):
                with contextlib.suppress(Exception):
                    self._places = fast_reader().yaml.compose(self.text)
            if self._places is None:
                self._places = self.tree
        return self._places

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def locate(self, loc: Sequence[str | int], *, offset: int | None = None) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``.

        Parts of ``loc`` that are not in the data (union tags from a validator, or
        a missing field) are skipped, so the answer is the deepest place that exists.
        For a missing field that is the mapping that should hold it. ``offset`` moves
        the answer to one character inside a string value.
        """
        node = self.places
        position = (0, 0)
        for part in loc:
            found = entry(node, part, self._keys)
            if found is None:
                continue
            child, key_place, value_place = found
            position = key_place if is_collection(child) else value_place
            node = child
        line, col = position
        kind = scalar_kind(node)
        if offset is not None and kind is not None:
            line, col = self._inside(kind, line, col, offset)
        return line + 1, col + 1

    def locate_key(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of the key that ends ``loc`` (for unknown fields)."""
        *parents, last = loc
        node = self.places
        for part in parents:
            found = entry(node, part, self._keys)
            if found is not None:
                node = found[0]
        found = entry(node, last, self._keys)
        if found is not None and is_mapping(node):
            line, col = found[1]
            return line + 1, col + 1
        return self.locate(loc)

    def _inside(self, kind: tuple[str, str], line: int, col: int, offset: int) -> tuple[int, int]:
        style, value = kind
        if style == ">":
            return self._folded(line, offset)
        if style == "|":
            # Block scalar: content starts on the line after the indicator.
            before = value[:offset]
            line += 1 + before.count("\n")
            text = self.lines[line] if line < len(self.lines) else ""
            indent = len(text) - len(text.lstrip(" "))
            return line, indent + len(before) - (before.rfind("\n") + 1)
        return line, col + offset + (1 if style in ("'", '"') else 0)

    def _folded(self, line: int, offset: int) -> tuple[int, int]:
        """Where ``offset`` of a folded block scalar (``>``) is: its lines were joined
        with a space each, and a blank line became a line break."""
        row, remaining = line + 1, offset
        while row < len(self.lines):
            text = self.lines[row]
            content = text.strip()
            if content and remaining <= len(content):
                return row, len(text) - len(text.lstrip(" ")) + remaining
            if content:
                remaining -= len(content) + 1
            row += 1
        return line, 0


def plain(value: Any) -> Any:
    """The data without ruamel's wrapper types; mapping keys become text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def load_yaml(path: Path) -> YamlFile:
    """Read and parse one YAML file (or take what an earlier run parsed from the same
    text, see :mod:`.cache`). Raises :class:`YamlLoadError` with a located problem."""
    text = read_text(path)
    return from_cache(path, text) or parse_and_keep(path, text)


def from_cache(path: Path, text: str) -> YamlFile | None:
    """``path`` as an earlier run parsed it from this very ``text``; else None."""
    data = cache.lookup(path, text)
    return None if data is cache.MISSING else YamlFile(path, data, text)


def parse_and_keep(path: Path, text: str) -> YamlFile:
    """:func:`parse`, keeping the result for the next run."""
    parsed = parse(text, path)
    cache.store(path, text, parsed.data)
    return parsed


def parse(text: str, path: Path) -> YamlFile:
    """Parse the text of ``path``. Raises :class:`YamlLoadError` with a located problem."""
    if fast_path_allowed(text):
        try:
            return YamlFile(path, fast_reader().load(text), text)
        except Exception:
            pass
    try:
        tree = _yaml().load(text)
    except DuplicateKeyError as exc:
        raise YamlLoadError(_duplicate_key(path, exc)) from exc
    except MarkedYAMLError as exc:
        raise YamlLoadError(_syntax_problem(path, exc, text)) from exc
    except ReaderError as exc:  # a character YAML does not allow, such as NUL
        raise YamlLoadError(_bad_character(path, text, exc)) from exc
    except ValueError as exc:  # a number too long to read (over 4,300 digits)
        raise YamlLoadError(_bad_value(path, text, exc)) from exc
    return YamlFile(path, plain(tree), text, tree)


def _duplicate_key(path: Path, exc: DuplicateKeyError) -> Problem:
    mark = exc.problem_mark
    first = exc.context_mark
    problem = str(exc.problem or "")
    key = problem.split('"')[1] if problem.count('"') >= 2 else "?"
    return Problem(
        f"duplicate key '{key}' (first defined on line {first.line + 1})",
        path,
        mark.line + 1,
        mark.column + 1,
        hint="a key may appear only once in a mapping: merge the two entries or rename one",
    )


_HINTS = {
    "cannot start any token": "indent with spaces, not tabs",
    "mapping values are not allowed": "a value that contains ': ' must be quoted",
    "anchors and aliases": "write the value out in full where it is needed",
    "tags such as": "remove the tag; to keep a value such as 12 or yes as text, quote it",
}


def _syntax_problem(path: Path, exc: MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if "maximum depth" in str(exc.problem):
        return Problem(
            f"invalid YAML: nested more than {MAX_DEPTH} levels deep",
            path,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            hint="the data is nested far deeper than a workspace needs",
        )
    if "end of stream" in str(exc.problem) and "quoted" in str(exc.context or ""):
        return Problem(
            "invalid YAML: a quoted text is not closed",
            path,
            exc.context_mark.line + 1,
            exc.context_mark.column + 1,
            hint="the quote that opens here has no closing quote",
        )
    message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
    better = indentation_hint(text, mark.line + 1, message) if mark else None
    if better is not None:
        return Problem(better.message, path, better.line, better.column, hint=better.hint)
    hint = next((h for key, h in _HINTS.items() if key in message), None)
    if hint is None:
        hint = "check the YAML syntax here; text with special characters (: # [ { ') needs quotes"
    return Problem(
        f"invalid YAML: {message}",
        path,
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        hint=hint,
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _bad_character(path: Path, text: str, exc: ReaderError) -> Problem:
    position = getattr(exc, "position", 0) or 0
    line, column = _position(text, position)
    char = text[position] if position < len(text) else "\x00"
    return Problem(
        f"invalid YAML: {char_label(char)} is not allowed in a YAML file",
        path,
        line,
        column,
        hint="delete it; it cannot be seen, and YAML refuses it",
    )


_LONG_NUMBER = re.compile(r"\d{4301,}")


def _bad_value(path: Path, text: str, exc: ValueError) -> Problem:
    found = _LONG_NUMBER.search(text)
    line, column = _position(text, found.start()) if found else (None, None)
    return Problem(
        "invalid YAML: a number with more than 4,300 digits" if found else f"invalid YAML: {exc}",
        path,
        line,
        column,
        hint="quote it if it is meant as text",
    )
