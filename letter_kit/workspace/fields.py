"""Field types shared by the models: identifiers, clean text, text per language, dates.

Each type checks and normalises its value on the way in, so the rest of letterkit
only ever sees NFC text without invisible characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, RootModel, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ..errors import ExitCode, LetterkitError
from ..text import char_label, clean_line, clean_prose, find_forbidden

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
ALL_LANGUAGES = "*"  # key under which a plain string (same in every language) is kept

_ID = re.compile(ID_PATTERN)
_LANG = re.compile(LANG_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")


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


MAX_ID_LENGTH = 80  # an id names files (one per recipient): keep it well under 255 bytes


def _identifier(value: Any) -> Any:
    if isinstance(value, str) and not _ID.match(value):
        raise PydanticCustomError("bad_id", "'{value}' is not a valid id", {"value": value})
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "long_id",
            "an id of {length} characters is too long (at most {limit})",
            {"length": len(value), "limit": MAX_ID_LENGTH},
        )
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


def _partial_date(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _PARTIAL_DATE.match(value):
        year, _, month = value.partition("-")
        if int(year) >= 1000 and (not month or 1 <= int(month) <= 12):
            return value
        raise PydanticCustomError(
            "bad_partial_date", "'{value}' is not a year or a month", {"value": value}
        )
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise PydanticCustomError("bad_partial_date", "'{value}' is not a date", {"value": value})
    day: date = _iso_date(value)
    return day.isoformat()


Line = Annotated[str, BeforeValidator(_line)]
"""One line of text: a name, a title. NFC, trimmed, no invisible characters."""

ProseStr = Annotated[str, BeforeValidator(_prose)]
"""Markdown prose written by the user; may span lines."""

Id = Annotated[str, BeforeValidator(_identifier)]
"""An identifier: lowercase letters, digits and inner hyphens (``vnhrn``, ``harris-2021``)."""

Lang = Annotated[str, BeforeValidator(_language)]
"""A BCP 47 language code (``en``, ``vi``, ``pt-BR``)."""

IsoDate = Annotated[date, BeforeValidator(_iso_date)]

PartialDate = Annotated[str, BeforeValidator(_partial_date)]
"""A day (``2021-01-20``), or only a month (``2021-04``) or a year (``2021``) when that
is all that is known; kept as that text (see :func:`first_day`, :func:`last_day`)."""


def first_day(value: str) -> date:
    """The earliest day a :data:`PartialDate` may be: ``2021-04`` -> 1 April 2021."""
    year, month, day = ([int(part) for part in value.split("-")] + [1, 1])[:3]
    return date(year, month, day)


def last_day(value: str) -> date:
    """The latest day a :data:`PartialDate` may be: ``2021-04`` -> 30 April 2021."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$")]
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[A-Za-z]{2,}$")
]


ASSETS_DIR = "assets"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
_ASSET = re.compile(r"^assets/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*$")


def _asset_path(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # pydantic reports the wrong type
    if not _ASSET.match(value) or "/../" in f"/{value}/" or "/./" in f"/{value}/":
        raise PydanticCustomError(
            "asset_path",
            "'{value}' is not a file in the workspace's assets folder "
            "(a path such as assets/logo.svg: letters, digits, '.', '-', '_')",
            {"value": value},
        )
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise PydanticCustomError(
            "asset_type",
            "'{value}' is not a PNG, JPEG or SVG image (.png, .jpg, .jpeg, .svg)",
            {"value": value},
        )
    return value


AssetPath = Annotated[str, BeforeValidator(_asset_path)]
"""An image in the workspace's ``assets/`` folder, written from the workspace:
``assets/vnhrn.svg``. What the file holds is checked when it is used
(:mod:`letter_kit.workspace.assets`)."""


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
        """Whether there is a value for ``lang`` (see :meth:`key_for`)."""
        return self.key_for(lang) is not None

    def key_for(self, lang: str) -> str | None:
        """The key whose value serves ``lang``: the language itself, else the language
        a regional tag belongs to (``en-GB`` reads ``en``), else the value for every
        language; None if there is none."""
        for key in (lang, base_language(lang), ALL_LANGUAGES):
            if key in self.root:
                return key
        return None

    def text_or_any(self, lang: str) -> str:
        """The value in ``lang`` or else in the first language given, as one line: for
        tables and messages, which show something rather than fail."""
        value = self.root.get(lang, self.root.get(ALL_LANGUAGES))
        if value is None:
            value = next(iter(self.root.values()))
        return " ".join(value) if isinstance(value, list) else str(value)


class Text(_PerLanguage):
    """A line of text per language. A plain string is the same in every language."""

    root: dict[Lang, Line]

    def get(self, lang: str) -> str:
        """The text in ``lang`` (see :func:`gaps_collected` for a text that has none)."""
        return _in(self, lang, f"[no {lang} text]")


class Prose(_PerLanguage):
    """Markdown prose per language."""

    root: dict[Lang, ProseStr]

    def get(self, lang: str) -> str:
        """The prose in ``lang`` (see :func:`gaps_collected`)."""
        return _in(self, lang, f"[no {lang} text]")


class Lines(_PerLanguage):
    """Several lines per language (an address), or one list for every language."""

    root: dict[Lang, list[Line]]

    def get(self, lang: str) -> list[str]:
        """The lines in ``lang`` (see :func:`gaps_collected`)."""
        return _in(self, lang, [f"[no {lang} text]"])


# Missing translations -------------------------------------------------------------

Value = TypeVar("Value")
Gap = tuple[_PerLanguage, str]  # a text, and the language it has no version in
_GAPS: ContextVar[list[Gap] | None] = ContextVar("letterkit_gaps", default=None)


class MissingText(LetterkitError):
    """A text is needed in a language it has no version in, outside :func:`gaps_collected`
    (where it would have been collected with its place)."""

    exit_code = ExitCode.DATA

    def __init__(self, text: _PerLanguage, lang: str) -> None:
        given = ", ".join(sorted(text.languages())) or "none"
        super().__init__(
            f"a text has no '{lang}' version (it has: {given})",
            hint=f"add a '{lang}:' entry to it, or use a language it is written in",
        )
        self.text = text
        self.lang = lang


def base_language(lang: str) -> str:
    """The language of a tag: ``en-GB`` -> ``en``, ``vi`` -> ``vi``."""
    return lang.replace("_", "-").split("-", 1)[0]


def _in(text: _PerLanguage, lang: str, placeholder: Value) -> Value:
    key = text.key_for(lang)
    if key is not None:
        return text.root[key]  # type: ignore[no-any-return]
    gaps = _GAPS.get()
    if gaps is None:
        raise MissingText(text, lang)
    if not any(t is text and code == lang for t, code in gaps):
        gaps.append((text, lang))
    return placeholder


@contextmanager
def gaps_collected() -> Iterator[list[Gap]]:
    """Inside, a text read in a language it lacks is noted (and a placeholder returned)
    rather than raised, so that every missing translation of a document is found in
    one go; the caller turns the list into located problems."""
    gaps: list[Gap] = []
    token = _GAPS.set(gaps)
    try:
        yield gaps
    finally:
        _GAPS.reset(token)
