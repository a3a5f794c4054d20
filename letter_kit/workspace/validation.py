"""Turning pydantic validation errors into located, readable problems."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, RootModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem
from .yamlsource import YamlFile

_HINTS = {
    "bad_id": "use lowercase letters, digits and hyphens, e.g. 'viet-tan'",
    "bad_date": "write dates as YYYY-MM-DD, e.g. 2021-08-04",
    "bad_partial_date": "write a day as YYYY-MM-DD (2021-08-04), or only the month (2021-08) "
    "or the year (2021) when that is all that is known",
    "inconsistent_case": "list the events in the order they happened; 'status' is the status "
    "after the last of them (leave it out to derive it from them)",
    "bad_language": "use a BCP 47 code such as en, vi or pt-BR",
    "forbidden_character": "delete it; invisible characters make text look different "
    "from what it is",
    "string_type": "write it as text; quote it if it looks like a number, date or true/false",
    "dict_type": "write it as 'key: value' lines indented under the field",
    "model_type": "write it as 'key: value' lines indented under the field",
    "list_type": "write it as a list: '- item' lines, or [a, b]",
    "empty_text": "give a value, or remove the field if it is optional",
    "detached_accent": "type the accented letter again, or delete the stray accent",
    "finite_number": "write the figure itself, e.g. 288 or 12.5",
}


def problems_from(
    exc: ValidationError,
    source: YamlFile,
    model: type[BaseModel],
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    """One :class:`Problem` per error, each placed at its line and column in ``source``.

    ``prefix`` is where the validated value sits in the file (a record's id).
    """
    found = [_problem(error, source, model, prefix) for error in exc.errors(include_url=False)]
    # A union (a whole or a decimal number) reports the same mistake once per member.
    return list(dict.fromkeys(found))


Model = TypeVar("Model", bound=BaseModel)


def salvage(model: type[Model], raw: Any, exc: ValidationError) -> Model | None:
    """What can still be read of a record that failed validation: a model holding
    only its fields that are valid on their own (a field with an error, or a required
    field left out, is missing from it; the checks of the whole model are not run).

    It is never drafted from: it lets the references of its valid fields be checked in
    the same run, and a broken letter be listed with what can be known of it.
    """
    if not isinstance(raw, dict):
        return None
    bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name in bad or name not in model.model_fields:
            continue
        try:
            values[name] = _adapter(model, name).validate_python(value)
        except ValidationError:
            continue
    return model.model_construct(**values)


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:  # the field's constraints, such as min_length
        annotated: Any = Annotated
        annotation = annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


def _problem(
    error: ErrorDetails, source: YamlFile, model: type[BaseModel], prefix: tuple[str | int, ...]
) -> Problem:
    loc = prefix + tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    path = data_path(loc, source.data, keep_last=kind in ("missing", "extra_forbidden"))
    hint = _HINTS.get(kind)
    if kind == "extra_forbidden":
        line, column = source.locate_key(path)
        name = str(path[-1])
        allowed = _field_names(model, path[len(prefix) : -1])
        message = f"unknown field '{name}'"
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif allowed:
            hint = "allowed here: " + ", ".join(allowed)
        path = path[:-1]
        return Problem(message, source.path, line, column, field_name(path), hint)
    if kind == "missing":
        line, column = source.locate(path[:-1])
        return Problem(
            f"missing required field '{path[-1]}'",
            source.path,
            line,
            column,
            field_name(path[:-1]),
            f"add a '{path[-1]}:' line here",
        )
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(error.get("input")), choices, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
    line, column = source.locate(path, offset=ctx.get("offset"))
    return Problem(_message(error), source.path, line, column, field_name(path), hint)


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "literal_error":
        return f"'{value}' is not one of: {ctx.get('expected', '').replace(' or ', ', ')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^https?"):
            return f"'{value}' is not a web address starting with https:// or http://"
        if "@" in pattern:
            return f"'{value}' is not an email address"
        return f"'{value}' does not have the expected form"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value), got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind == "finite_number":
        return f"expected a number, got '{value}'"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def data_path(
    loc: Sequence[str | int], data: Any, *, keep_last: bool = False
) -> tuple[str | int, ...]:
    """The parts of a validator's ``loc`` that exist in ``data``.

    Validators add parts that are not in the data (union member names, ``root``);
    those are dropped. With ``keep_last``, the final part is kept even if absent
    (the name of a missing or unknown field).
    """
    kept: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and str(part) in node:
            kept.append(str(part))
            node = node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            kept.append(part)
            node = node[part]
        elif keep_last and index == len(loc) - 1:
            kept.append(part)
    return tuple(kept)


def field_name(path: Sequence[str | int]) -> str:
    """``entries[2].org``: a path as it is shown in messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field_names(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """Field names allowed at ``path`` inside ``model`` (for "did you mean")."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if (
        isinstance(current, type)
        and issubclass(current, BaseModel)
        and not issubclass(current, RootModel)
    ):
        return list(current.model_fields)
    return []


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, RootModel):
        annotation = _unwrap(annotation.model_fields["root"].annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is dict:
        return get_args(annotation)[1]
    if origin is list:
        return get_args(annotation)[0]
    return None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``; ``Annotated[X, ...]`` -> ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation
