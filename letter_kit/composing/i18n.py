"""Languages: fixed phrases from gettext catalogs, dates, numbers and lists.

English is the language the templates are written in, so it needs no catalog (a
workspace may give it one, to change a phrase). Every other language needs
``templates/locale/<lang>/LC_MESSAGES/letterkit.po``; it is compiled when first used
(no build step). The workspace's catalog wins over the built-in one, and a regional
tag (``fr-CA``) reads its own catalog if there is one, else its language's (``fr``).

Dates, numbers and lists follow each language's conventions through Babel (CLDR), or
those of a regional variant (``en-GB``: 4 August 2021), except where letters are
written otherwise: Vietnamese formal date lines follow administrative style
(``ngày 04 tháng 8 năm 2021``, a leading zero on days below 10 and months below 3),
and French writes the first of the month ``1er``. The words that join a list
(``and``, ``và``) are phrases of the catalog, and CLDR's where it does not translate
them.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from ..errors import LanguageUnavailable
from . import pofile
from .compiled import compiled_catalog
from .pofile import catalog_from_text, po_text

DOMAIN = "letterkit"
SOURCE_LANGUAGE = "en"

DateStyle = Literal["text", "line"]
_CONTEXT_SEPARATOR = "\x04"  # between a message's context and its id, as gettext keys them
# French contracts "de le" and "à le" where a name follows a preposition of a phrase.
_FRENCH_CONTRACTIONS = {
    ("de", "le"): "du",
    ("de", "les"): "des",
    ("à", "le"): "au",
    ("à", "les"): "aux",
}
_PREPOSITION = re.compile(r"(?:^|(?<=\s))(de|à|De|À) $")
_ARTICLE = re.compile(r"^(le|les|Le|Les) ")


@dataclass(frozen=True)
class Language:
    """Everything language-specific that composing a document needs.

    ``locale`` gives the conventions of dates, numbers and lists (``en-GB`` for an
    ``en`` letter that writes British dates); ``translated`` the (context, id) keys of
    the phrases the catalog translates.
    """

    code: str
    locale: Locale
    translations: NullTranslations
    translated: frozenset[str] = field(default=frozenset())
    date_width: Literal["long", "full", "medium"] = "long"  # [defaults] date_style

    def gettext(self, message: str) -> str:
        """The translation of a fixed phrase."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The translation of a phrase that depends on a count."""
        return self.translations.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of a phrase in a context (same English, different meanings)."""
        return str(self.translations.pgettext(context, message))

    def phrase(self, context: str, message: str, **values: Any) -> str:
        """The phrase in a context, its ``%(name)s`` placeholders filled (see :meth:`fill`)."""
        return self.fill(self.pgettext(context, message), values)

    def fill(self, phrase: str, values: dict[str, Any]) -> str:
        """``phrase % values``, with the grammar of joining them: in French, a preposition
        of the phrase and the article of the value contract (``Président de`` +
        ``le Comité`` -> ``Président du Comité``)."""
        if self.locale.language == "fr" and "%(" in phrase:
            phrase = _contracted(phrase, values)
        return phrase % values if values else phrase

    def translates(self, context: str | None, message: str) -> bool:
        """Whether the catalog has a translation of this phrase."""
        key = f"{context}{_CONTEXT_SEPARATOR}{message}" if context else message
        return key in self.translated

    @property
    def is_vietnamese(self) -> bool:
        """Whether the Vietnamese date rules apply."""
        return self.locale.language == "vi"

    def date(self, value: datetime.date, style: DateStyle = "text") -> str:
        """A date in running text (``style="text"``) or in a letter's date line."""
        if self.is_vietnamese:
            if style == "line":
                day = f"{value.day:02d}"
                month = f"{value.month:02d}" if value.month < 3 else str(value.month)
            else:
                day, month = str(value.day), str(value.month)
            return f"ngày {day} tháng {month} năm {value.year}"
        if self.locale.language == "fr" and value.day == 1:
            # "1er août 2021": the day alone, set apart with quotes, in the pattern
            pattern = self.locale.date_formats[self.date_width].pattern
            return format_date(value, re.sub(r"(?<!d)d(?!d)", "'1er'", pattern), self.locale)
        return format_date(value, self.date_width, locale=self.locale)

    def partial_date(self, value: str) -> str:
        """A day, month (``2021-04``) or year (``2021``) as written in running text:
        ``April 2021``, ``tháng 4 năm 2021``; a year is the year in every language."""
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 3:
            return self.date(datetime.date(*parts))
        if len(parts) == 1:
            return str(parts[0])
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=self.locale)

    def dateline(self, value: datetime.date, place: str | None) -> str:
        """The place and date line: ``Hà Nội, ngày 04 tháng 8 năm 2021``."""
        when = self.date(value, "line")
        if place:
            return self.pgettext("dateline", "%(place)s, %(date)s") % {"place": place, "date": when}
        return when[:1].upper() + when[1:]

    def number(self, value: float) -> str:
        """A number with the language's separators (1,000 or 1.000)."""
        return format_decimal(value, locale=self.locale)

    def join(self, items: Sequence[str]) -> str:
        """``A, B, and C`` in English, ``A, B và C`` in Vietnamese: the catalog's
        phrases of context ``list``, or CLDR's patterns where it does not translate them."""
        items = list(items)
        if len(items) <= 1:
            return items[0] if items else ""
        pairs = ("%(first)s and %(second)s", "%(items)s, %(item)s", "%(items)s, and %(last)s")
        if not any(self.translates("list", p) for p in pairs):
            return format_list(items, locale=self.locale)
        if len(items) == 2:
            return self.phrase("list", "%(first)s and %(second)s", first=items[0], second=items[1])
        head = items[0]
        for item in items[1:-1]:
            head = self.phrase("list", "%(items)s, %(item)s", items=head, item=item)
        return self.phrase("list", "%(items)s, and %(last)s", items=head, last=items[-1])


def _contracted(phrase: str, values: dict[str, Any]) -> str:
    """The phrase with "de %(name)s" written "du %(name)s" where the value starts with
    "le " (and so on), the value's article then left out."""
    out, start = [], 0
    for found in re.finditer(r"%\((\w+)\)s", phrase):
        before = phrase[start : found.start()]
        value = values.get(found.group(1))
        preposition = _PREPOSITION.search(before)
        article = _ARTICLE.match(value) if isinstance(value, str) else None
        if preposition and article and isinstance(value, str):
            key = (preposition.group(1).lower(), article.group(1).lower())
            joined = _FRENCH_CONTRACTIONS[key]
            if preposition.group(1)[0].isupper():
                joined = joined.capitalize()
            rest = value[article.end() :].replace("%", "%%")  # filled in here, not by %
            out += [before[: preposition.start()], joined, " ", rest]
        else:
            out += [before, found.group(0)]
        start = found.end()
    return "".join([*out, phrase[start:]])


def language_locale(code: str) -> Locale:
    """The Babel locale of a language tag; :class:`LanguageUnavailable` if it knows none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise LanguageUnavailable(
            f"unknown language '{code}'",
            hint="use a BCP 47 code that Babel knows, such as en, vi, fr or pt-BR",
        ) from None


def catalog_candidates(code: str, template_dirs: Sequence[Path]) -> list[Path]:
    """Where the catalog of ``code`` may be, in the order they are tried: each folder's
    catalog of the tag itself, then of its language (``fr-CA``, ``fr_CA``, ``fr``)."""
    language = language_locale(code).language
    return [
        folder / "locale" / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        for folder in template_dirs
        for name in dict.fromkeys([code, code.replace("-", "_"), language])
    ]


def load_language(
    code: str,
    template_dirs: Sequence[Path],
    *,
    conventions: str | None = None,
    date_width: Literal["long", "full", "medium"] = "long",
) -> Language:
    """The :class:`Language` for ``code``; its catalog comes from the first folder that has one.

    ``conventions`` is the regional variant whose dates, numbers and lists it follows
    (``en-GB`` for ``en``; default: the tag's own); dates are written ``date_width``
    (CLDR's widths: long, full, medium), except Vietnamese ones, which follow
    administrative style.
    Raises :class:`LanguageUnavailable` if Babel does not know the language or no
    catalog exists, and :class:`DataError` if the catalog is broken.
    """
    locale = language_locale(code)
    if conventions is not None:
        locale = language_locale(conventions)
    candidates = catalog_candidates(code, template_dirs)
    for po in candidates:
        if po.is_file():
            translations, translated = _compiled(po, po.stat().st_mtime_ns, code)
            return Language(code, locale, translations, translated, date_width)
    if locale.language == SOURCE_LANGUAGE:
        return Language(code, locale, NullTranslations(), date_width=date_width)
    raise LanguageUnavailable(
        f"no catalog of phrases for language '{code}'",
        hint=f"run 'letterkit lang add {code}' to create {candidates[0]}, then translate "
        "each msgstr",
    )


@lru_cache(maxsize=32)
def _compiled(po: Path, mtime_ns: int, code: str) -> tuple[Translations, frozenset[str]]:
    """A .po file compiled (in memory, and kept in the cache for the next run); with the
    keys of the phrases it translates."""
    text = po_text(po)
    locale = code.replace("-", "_")

    def make() -> tuple[bytes, list[str]]:
        catalog = catalog_from_text(text, po, locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        translated = frozenset(
            f"{m.context}{_CONTEXT_SEPARATOR}{_first(m.id)}" if m.context else _first(m.id)
            for m in catalog
            if m.id and m.string and not m.fuzzy and all(_strings(m.string))
        )
        return buffer.getvalue(), sorted(translated)

    mo, translated = compiled_catalog(po, text, locale, _COMPILERS, make)
    return Translations(io.BytesIO(mo), domain=DOMAIN), frozenset(translated)


def _first(value: str | Sequence[str]) -> str:
    return value if isinstance(value, str) else value[0]


def _strings(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


_COMPILERS = (sys.modules[__name__], pofile)  # their code decides a compiled catalog
