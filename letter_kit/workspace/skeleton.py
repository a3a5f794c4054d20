"""An empty workspace (``letterkit init --bare``): each data file a comment that says
what its records hold, derived from the models, so it never lags behind them.

``letterkit check`` accepts the result as it is: a file of comments is an empty file.
"""

from __future__ import annotations

import datetime
import types
import typing
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ..files import atomic_write
from .collections import DATA_FILES, Collection
from .config import CONFIG_FILE, Section, Settings
from .fields import Email, Id, IsoDate, Lang, Line, Lines, Prose, ProseStr, Text, Url
from .models import Letter, model_of
from .records import DATA_DIR, LETTERS_DIR

_ALIASES: list[tuple[Any, str]] = [
    (Id, "an id"),
    (Lang, "a language code (en, vi)"),
    (IsoDate, "a date (YYYY-MM-DD)"),
    (Url, "a web address"),
    (Email, "an email address"),
    (Line, "text"),
    (ProseStr, "text"),
]
_TEXTS: list[tuple[type, str]] = [
    (Text, "text, or one per language: {en: ..., vi: ...}"),
    (Prose, "Markdown paragraphs, or one text per language: {en: |, vi: |}"),
    (Lines, "lines, or one list per language"),
]


def words(annotation: Any) -> str:
    """What a value of this type is, as the comment of a data file says it."""
    for alias, said in _ALIASES:
        if annotation == alias:
            return said
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        kinds = [words(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(kinds))
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is typing.Annotated:
        return words(args[0])
    if origin is list:
        return f"a list, each {words(args[0])}"
    if origin is dict:
        return "a mapping"
    for model, said in _TEXTS:
        if annotation is model:
            return said
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a mapping of " + ", ".join(annotation.model_fields)
    names = {bool: "true or false", int: "a whole number", float: "a number",
             str: "text", datetime.date: "a date (YYYY-MM-DD)"}  # fmt: skip
    return names.get(annotation, "a value")


def fields_comment(model: type[BaseModel], indent: str = "#   ") -> list[str]:
    """One comment line per field of ``model``: its name, whether it is required, what
    it holds and what it is for."""
    width = max(len(name) for name in model.model_fields) + 2
    out = []
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        validators = [m for m in info.metadata if type(m).__name__ == "BeforeValidator"]
        if validators:  # Id, Lang, IsoDate: pydantic keeps their validator beside the type
            annotated: Any = typing.Annotated
            annotation = annotated[(annotation, *validators)]
        said = words(annotation)
        said = f"required; {said}" if info.is_required() else said
        if info.description:
            said += f": {info.description}"
        out.append(f"{indent}{name + ':':<{width}}{said}")
    return out


def data_file(collection: Collection) -> str:
    """The commented skeleton of one data file."""
    return "\n".join(
        [
            f"# {collection.plural.capitalize()}, each under its id at the left margin "
            "(lowercase letters, digits and hyphens):",
            "#",
            "# some-id:",
            *fields_comment(model_of(collection)),
            "",
        ]
    )


def letters_readme() -> str:
    """What ``data/letters/`` is for, and the fields of a letter."""
    return "\n".join(
        [
            "One letter per file: data/letters/<id>.yaml, the file name is its id.",
            "Start one with 'letterkit new ID --visit VISIT' (visits are in data/visits.yaml).",
            "",
            "The fields of a letter:",
            "",
            *fields_comment(Letter, indent="  "),
            "",
        ]
    )


def settings_file() -> str:
    """``letterkit.toml`` with every section and setting, commented out, each with an
    example value and what it is for."""
    lines = ["# letterkit.toml: the workspace's settings. Every setting is optional;",
             "# take the # off a section's line and a setting's to use it."]  # fmt: skip
    for name, info in Settings.model_fields.items():
        section = info.annotation
        assert isinstance(section, type) and issubclass(section, Section)
        lines += ["#", f"# [{name}]"]
        entries = []
        for key, field in section.model_fields.items():
            example = field.examples[0] if field.examples else field.default
            if example is None:  # nothing to show (the password, never kept here)
                continue
            kind = words(field.annotation)
            said = field.description or ""
            if kind.startswith("one of"):  # the choices
                said = f"{kind}: {said}"
            entries.append((f"{key} = {_toml(example)}", said))
        width = max(len(entry) for entry, _ in entries) + 2
        lines += [f"# {entry:<{width}}# {said}" for entry, said in entries]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    """A value as TOML writes it."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def write_skeleton(root: Path) -> None:
    """Write an empty workspace's files into ``root`` (a new, empty folder)."""
    data = root / DATA_DIR
    (data / LETTERS_DIR).mkdir(parents=True)
    for collection in DATA_FILES:
        atomic_write(data / f"{collection.name}.yaml", data_file(collection).encode("utf-8"))
    atomic_write(data / LETTERS_DIR / "README.txt", letters_readme().encode("utf-8"))
    atomic_write(root / CONFIG_FILE, settings_file().encode("utf-8"))
