"""The phrases letterkit asks a catalog for, and those a catalog leaves untranslated.

The phrases are found where they are used, as gettext's own tools find them (Babel's
extractors): in letterkit's code (``gettext``, ``ngettext``, ``pgettext`` and
:meth:`Language.phrase <letter_kit.composing.i18n.Language.phrase>` with string
arguments) and in the workspace's letter templates and the built-in ones (``_``,
``gettext``, ``ngettext``, ``pgettext``). A phrase added to a template is thus a
phrase to translate, with nothing to list by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog

from ..errors import Problem
from .i18n import SOURCE_LANGUAGE, catalog_candidates, language_locale
from .pofile import read_catalog

PACKAGE = Path(__file__).resolve().parent.parent
# Calls whose string arguments are phrases: (context, singular, plural) positions.
PYTHON_KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "phrase": ((1, "c"), 2),
}
TEMPLATE_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


@dataclass(frozen=True)
class Phrase:
    """A phrase to translate: its context, its English (and English plural)."""

    context: str | None
    id: str
    plural: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        """What a catalog finds it by."""
        return (self.context, self.id)

    @property
    def shown(self) -> str:
        """The phrase as messages quote it: ``'Re:'``, ``'%(name)s' (address block)``."""
        return f"'{self.id}'" + (f" ({self.context})" if self.context else "")


def letterkit_phrases(template_dirs: Sequence[Path]) -> list[Phrase]:
    """Every phrase the code and the letter templates ask for, each once, in the order
    they are first met (the templates, then the code)."""
    found: dict[tuple[str | None, str], Phrase] = {}
    for phrase in [*_template_phrases(tuple(template_dirs)), *_code_phrases()]:
        found.setdefault(phrase.key, phrase)
    return list(found.values())


def _template_phrases(template_dirs: tuple[Path, ...]) -> list[Phrase]:
    from jinja2 import TemplateSyntaxError
    from jinja2.ext import babel_extract

    options = {"extensions": "jinja2.ext.i18n"}
    out: list[Phrase] = []
    for folder in template_dirs:
        for path in sorted(folder.rglob("*.j2")):
            try:
                out += _extracted(path, babel_extract, TEMPLATE_KEYWORDS, options)
            except (OSError, UnicodeDecodeError, TemplateSyntaxError):
                continue  # a template that cannot be read: composing names it
    return out


@lru_cache(maxsize=1)
def _code_phrases() -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "gettext(" in text or ".phrase(" in text:
            out += _extracted(path, "python", PYTHON_KEYWORDS, {})
    return tuple(out)


def _extracted(
    path: Path, method: object, keywords: object, options: dict[str, str]
) -> list[Phrase]:
    from babel.messages.extract import extract

    out = []
    with path.open("rb") as handle:
        for _line, message, _comments, context in extract(
            method,  # type: ignore[arg-type]
            handle,
            keywords=keywords,  # type: ignore[arg-type]
            options=options,
        ):
            singular = message[0] if isinstance(message, tuple) else message
            plural = message[1] if isinstance(message, tuple) and len(message) > 1 else None
            if singular:
                out.append(Phrase(context, singular, plural or None))
    return out


def untranslated(languages: Iterable[str], template_dirs: Sequence[Path]) -> list[Problem]:
    """A warning for each phrase that the catalog of each language leaves untranslated
    (no entry, an empty or a fuzzy one), at its line; English needs no catalog."""
    phrases = letterkit_phrases(template_dirs)
    problems: list[Problem] = []
    seen: set[Path] = set()
    for code in dict.fromkeys(languages):
        if language_locale(code).language == SOURCE_LANGUAGE:
            continue
        path = next((p for p in catalog_candidates(code, template_dirs) if p.is_file()), None)
        if path is None or path in seen:
            continue  # no catalog: composing the letter says so
        seen.add(path)
        catalog = read_catalog(path, locale=code.replace("-", "_"))
        problems += [
            _problem(path, code, catalog, phrase)
            for phrase in phrases
            if not _translates(catalog, phrase)
        ]
    return problems


def _translates(catalog: Catalog, phrase: Phrase) -> bool:
    message = catalog.get(phrase.id, context=phrase.context)
    if message is None or message.fuzzy:
        return False
    strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
    return bool(strings) and all(strings)


def _problem(path: Path, code: str, catalog: Catalog, phrase: Phrase) -> Problem:
    message = catalog.get(phrase.id, context=phrase.context)
    if message is None:
        return Problem(
            f"no translation of {phrase.shown} into '{code}': letters print it in English",
            path,
            hint="add its msgid and translate it ('letterkit lang add' lists every phrase "
            "in a new catalog)",
        ).warning()
    return Problem(
        f"{phrase.shown} is not translated into '{code}'"
        + (" (fuzzy)" if message.fuzzy else "")
        + ": letters print it in English",
        path,
        message.lineno,
        hint="write its msgstr" + (" and clear the fuzzy mark" if message.fuzzy else ""),
    ).warning()
