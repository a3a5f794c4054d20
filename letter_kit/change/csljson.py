"""Reading a CSL-JSON file: every item as a source, each problem at its line and column.

The file is parsed with :mod:`json`, whose errors have a line and a column; the
places of the items and of their keys, which :mod:`json` does not keep, are found by
a second pass over the (by then valid) text with the decoder's ``raw_decode``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataError, MissingInputError, Problem
from ..workspace.csl import CSL_KEY, CslProblem, item_id, language_of, record_of
from ..workspace.filetext import YamlLoadError, read_text
from ..workspace.models import Source

_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class Item:
    """One source read from the file: its id, fields (YAML values), language and line."""

    id: str
    record: dict[str, Any]
    lang: str
    line: int


def read_items(path: Path, *, lang: str) -> list[Item]:
    """The items of a CSL-JSON file (an array of objects), or one :class:`DataError`
    naming every item that cannot be read, at its place."""
    if not path.is_file():
        raise MissingInputError(f"no file {path}", hint="export the library as CSL JSON")
    try:
        text = read_text(path)
    except YamlLoadError as exc:
        raise DataError([exc.problem]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [Problem(f"not JSON: {exc.msg}", path, exc.lineno, exc.colno,
                     hint="export the library again as CSL JSON")]
        ) from None  # fmt: skip
    if not isinstance(data, list):
        raise DataError(
            [Problem("CSL JSON is a list of items, [{...}, ...]", path, 1, 1,
                     hint="export the library as CSL JSON")]
        )  # fmt: skip
    places = _places(text)
    items, problems = [], []
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        start, keys = places[index]
        where = _line_column(text, start)
        try:
            if not isinstance(item, dict):
                raise CslProblem("an item must be an object, {...}")
            source_id = item_id(item)
            item_lang = language_of(item, lang)
            record = record_of(item, item_lang)
            _validate(record)
        except CslProblem as exc:
            at = _line_column(text, keys[exc.key]) if exc.key in keys else where
            label = f"item {index + 1}"
            problems.append(Problem(f"{label}: {exc}", path, *at))
            continue
        if source_id in seen:
            problems.append(
                Problem(f"item {index + 1}: id '{source_id}' is also item {seen[source_id]}'s",
                        path, *where, hint="give one of them another citation key")
            )  # fmt: skip
            continue
        seen[source_id] = index + 1
        items.append(Item(source_id, record, item_lang, where[0]))
    if problems:
        raise DataError(problems)
    return items


def _validate(record: dict[str, Any]) -> None:
    """Refuse what the data model would refuse, naming the CSL key it came from."""
    try:
        Source.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0])
        reason = first["msg"]
        if first["type"] == "string_pattern_mismatch":
            reason = f"'{first['input']}' is not a web address starting with https:// or http://"
        raise CslProblem(f"{CSL_KEY.get(field, field)}: {reason}", CSL_KEY.get(field)) from None


def _places(text: str) -> list[tuple[int, dict[str, int]]]:
    """For each item of the top-level array: where it starts, and where each key does."""
    decoder = json.JSONDecoder()
    out = []
    i = _skip(text, _skip(text, 0) + 1)  # past "["
    while text[i] != "]":
        start, keys = i, {}
        if text[i] == "{":
            i = _skip(text, i + 1)
            while text[i] != "}":
                key, end = decoder.raw_decode(text, i)
                keys[str(key)] = i
                i = _skip(text, _skip(text, end) + 1)  # past ":"
                _, end = decoder.raw_decode(text, i)
                i = _skip(text, end)
                i = _skip(text, i + 1) if text[i] == "," else i
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        out.append((start, keys))
        i = _skip(text, i)
        i = _skip(text, i + 1) if text[i] == "," else i
    return out


def _skip(text: str, i: int) -> int:
    match = _SPACE.match(text, i)
    return match.end() if match else i


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
