"""Languages: fixed phrases from gettext catalogs, dates, numbers and lists.

English is the language the templates are written in, so it needs no catalog. Every
other language needs ``templates/locale/<lang>/LC_MESSAGES/letterkit.po``; it is
compiled when first used (no build step). The workspace's catalog wins over the
built-in one.

Dates follow each language's conventions through Babel (CLDR), except Vietnamese,
whose formal date line is written as Vietnamese administrative style requires:
``ngày 04 tháng 8 năm 2021``, with a leading zero on days below 10 and months below 3.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from ..errors import LanguageUnavailable
from .pofile import read_catalog

DOMAIN = "letterkit"
SOURCE_LANGUAGE = "en"

DateStyle = Literal["text", "line"]


@dataclass(frozen=True)
class Language:
    """Everything language-specific that composing a document needs."""

    code: str
    locale: Locale
    translations: NullTranslations
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
        """``A, B, and C`` in English, ``A, B và C`` in Vietnamese."""
        return format_list(list(items), locale=self.locale) if items else ""


def load_language(
    code: str,
    template_dirs: Sequence[Path],
    *,
    date_width: Literal["long", "full", "medium"] = "long",
) -> Language:
    """The :class:`Language` for ``code``; its catalog comes from the first folder that has one.
    Dates are written ``date_width`` (CLDR's widths: long, full, medium), except
    Vietnamese ones, which follow administrative style.

    Raises :class:`LanguageUnavailable` if Babel does not know the language or no
    catalog exists, and :class:`DataError` if the catalog is broken.
    """
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise LanguageUnavailable(
            f"unknown language '{code}'",
            hint="use a BCP 47 code that Babel knows, such as en, vi, fr or pt-BR",
        ) from None
    if locale.language == SOURCE_LANGUAGE:
        return Language(code, locale, NullTranslations(), date_width)
    candidates = [
        folder / "locale" / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        for folder in template_dirs
        for name in dict.fromkeys([code, code.replace("-", "_"), locale.language])
    ]
    for po in candidates:
        if po.is_file():
            return Language(code, locale, _compiled(po, po.stat().st_mtime_ns, code), date_width)
    raise LanguageUnavailable(
        f"no catalog of phrases for language '{code}'",
        hint=f"create {candidates[0]}: copy templates/locale/vi/LC_MESSAGES/letterkit.po "
        "there and translate each msgstr",
    )


@lru_cache(maxsize=32)
def _compiled(po: Path, mtime_ns: int, code: str) -> Translations:
    """Compile a .po file in memory (cached until the file changes)."""
    catalog = read_catalog(po, locale=code.replace("-", "_"))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
