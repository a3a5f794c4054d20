"""Field types shared by the models: identifiers, clean text, text per language, dates.

Each type checks and normalises its value on the way in, so the rest of letterkit
only ever sees NFC text without invisible characters.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, RootModel, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ..text import char_label, clean_line, clean_prose, find_forbidden

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
ALL_LANGUAGES = "*"  # key under which a plain string (same in every language) is kept

_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _checked(value: Any, *, multiline: bool) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value  # pydantic reports the wrong type
    found = find_forbidden(value, multiline=multiline)
    if found is not None:
        index, reason = found
        context = {"char": char_label(value[index]), "position": index + 1, "offset": index}
        if reason == "detached":
            raise PydanticCustomError(
                "detached_accent",
                "has the accent {char} at position {position} with no letter before it",
                context,
            )
        raise PydanticCustomError(
            "forbidden_character",
            "contains the invisible character {char} at position {position}",
            context,
        )
    cleaned = clean_prose(value) if multiline else clean_line(value)
    if not cleaned:
        raise PydanticCustomError("empty_text", "must not be empty")
    return cleaned


def _line(value: Any) -> Any:
    return _checked(value, multiline=False)


def _prose(value: Any) -> Any:
    return _checked(value, multiline=True)


def _identifier(value: Any) -> Any:
    if isinstance(value, str) and not _ID.match(value):
        raise PydanticCustomError("bad_id", "'{value}' is not a valid id", {"value": value})
    return value


def _language(value: Any) -> Any:
    if isinstance(value, str) and value != ALL_LANGUAGES and not _LANG.match(value):
        raise PydanticCustomError(
            "bad_language", "'{value}' is not a language code", {"value": value}
        )
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError(
            "bad_date", "'{value}' is not a date in the form YYYY-MM-DD", {"value": value}
        )
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "bad_date", "'{value}' is not a date: {reason}", {"value": value, "reason": str(exc)}
        ) from None


Line = Annotated[str, BeforeValidator(_line)]
"""One line of text: a name, a title. NFC, trimmed, no invisible characters."""

ProseStr = Annotated[str, BeforeValidator(_prose)]
"""Markdown prose written by the user; may span lines."""

Id = Annotated[str, BeforeValidator(_identifier)]
"""An identifier: lowercase letters, digits and inner hyphens (``vnhrn``, ``harris-2021``)."""

Lang = Annotated[str, BeforeValidator(_language)]
"""A BCP 47 language code (``en``, ``vi``, ``pt-BR``)."""

IsoDate = Annotated[date, BeforeValidator(_iso_date)]

Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[A-Za-z]{2,}$")
]


def _per_language(value: Any) -> Any:
    if isinstance(value, (str, int, list)) and not isinstance(value, bool):
        return {ALL_LANGUAGES: value}
    if isinstance(value, dict) and not value:
        raise PydanticCustomError("empty_text", "needs text in at least one language")
    return value


class _PerLanguage(RootModel[Any]):
    """Base of text that may differ by language: ``{en: ..., vi: ...}`` or one plain value."""

    @model_validator(mode="before")
    @classmethod
    def _wrap(cls, value: Any) -> Any:
        return _per_language(value)

    def languages(self) -> set[str]:
        """The languages given explicitly (empty when one value serves all)."""
        return {lang for lang in self.root if lang != ALL_LANGUAGES}

    def has(self, lang: str) -> bool:
        """Whether there is a value for ``lang``."""
        return lang in self.root or ALL_LANGUAGES in self.root


class Text(_PerLanguage):
    """A line of text per language. A plain string is the same in every language."""

    root: dict[Lang, Line]

    def get(self, lang: str) -> str:
        """The text in ``lang``. Callers check :meth:`has` first (the loader does)."""
        return self.root.get(lang) or self.root[ALL_LANGUAGES]


class Prose(_PerLanguage):
    """Markdown prose per language."""

    root: dict[Lang, ProseStr]

    def get(self, lang: str) -> str:
        """The prose in ``lang``."""
        return self.root.get(lang) or self.root[ALL_LANGUAGES]


class Lines(_PerLanguage):
    """Several lines per language (an address), or one list for every language."""

    root: dict[Lang, list[Line]]

    def get(self, lang: str) -> list[str]:
        """The lines in ``lang``."""
        return self.root.get(lang) or self.root[ALL_LANGUAGES]
