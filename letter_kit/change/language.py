"""``letterkit lang add``: a new language's catalog of phrases, ready to translate.

The catalog lists every phrase letterkit and the workspace's templates use (see
:mod:`letter_kit.composing.phrases`), each with its Vietnamese as a comment beside the
English, so that a translator sees how another language put it. Its header gives the
plural forms of the language, from Babel's locale data (CLDR). A phrase that a catalog
of the same language already translates (a built-in one, or ``fr`` for ``fr-CA``) is
filled in; the rest is left for the translator, and ``letterkit check`` lists it.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import write_po

from ..composing.i18n import DOMAIN, catalog_candidates, language_locale
from ..composing.phrases import Phrase, letterkit_phrases
from ..composing.pofile import catalog_from_text, read_catalog
from ..errors import OutputError
from ..files import create_new
from ..workspace.records import TEMPLATES_DIR, Workspace

CONTEXT_LANGUAGE = "vi"  # the other language whose wording each phrase is shown with

HEADER = """\
# {name} phrases of letterkit's templates, written by 'letterkit lang add {code}'.
# Each msgid is the English phrase: write its {name} in msgstr. The comment above each
# gives its Vietnamese. %(name)s marks a value filled in when a letter is drafted: keep
# it. letterkit reads this file when it drafts: edit it and draft again, no build step.
# 'letterkit check' lists the phrases not translated yet.
msgid ""
msgstr ""
"Project-Id-Version: letterkit\\n"
"Language: {code}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"
"""


def catalog_path(root: Path, code: str) -> Path:
    """Where the workspace keeps the catalog of ``code`` (``fr-CA`` in ``fr_CA``)."""
    folder = code.replace("-", "_")
    return root / TEMPLATES_DIR / "locale" / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def add_language(root: Path, code: str) -> Path:
    """Write the catalog of ``code`` into the workspace at ``root``; return its path.

    Refuses an unknown language (exit 65) and a catalog that exists (exit 73), before
    anything is written.
    """
    locale = language_locale(code)
    path = catalog_path(root, code)
    if path.exists():
        raise OutputError(
            f"{path} already exists; nothing was changed",
            hint="translate its msgstr entries; 'letterkit check' lists those left",
        )
    dirs = Workspace(root).template_dirs()
    text = catalog_text(code, dirs, locale.get_display_name("en") or code)
    catalog_from_text(text, path, code.replace("-", "_"))  # read back as any catalog is
    path.parent.mkdir(parents=True, exist_ok=True)
    create_new(path, text.encode("utf-8"))
    return path


def catalog_text(code: str, template_dirs: list[Path], name: str) -> str:
    """The text of a new catalog for ``code``."""
    locale = code.replace("-", "_")
    shown = _existing(CONTEXT_LANGUAGE, template_dirs) if code != CONTEXT_LANGUAGE else None
    known = _existing(code, template_dirs)
    catalog = Catalog(locale=locale, domain=DOMAIN, project="letterkit", fuzzy=False)
    for phrase in letterkit_phrases(template_dirs):
        comments = _comments(phrase, shown)
        string = _string(phrase, known, catalog.num_plurals)
        msgid: str | tuple[str, str] = (phrase.id, phrase.plural) if phrase.plural else phrase.id
        catalog[msgid] = Message(msgid, string, auto_comments=comments, context=phrase.context)
    body = io.BytesIO()
    write_po(body, catalog, omit_header=True, width=88)
    plural_forms = get_plural(locale).plural_forms
    header = HEADER.format(name=name, code=code, plural_forms=plural_forms)
    return header + "\n" + body.getvalue().decode("utf-8").lstrip("\n")


def _existing(code: str, template_dirs: list[Path]) -> Catalog | None:
    """The catalog ``code`` reads now (the workspace's or letterkit's), if there is one."""
    for path in catalog_candidates(code, template_dirs):
        if path.is_file():
            return read_catalog(path, locale=code.replace("-", "_"))
    return None


def _comments(phrase: Phrase, shown: Catalog | None) -> list[str]:
    """The other language's wording of a phrase, and what its catalog says of it."""
    message = shown.get(phrase.id, context=phrase.context) if shown is not None else None
    if message is None:
        return []
    strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
    notes = [line for comment in message.user_comments for line in comment.splitlines()]
    return [*notes, *(f"{CONTEXT_LANGUAGE}: {s}" for s in strings if s)]


def _string(phrase: Phrase, known: Catalog | None, plurals: int) -> str | tuple[str, ...]:
    """The translation a catalog of the same language has already, else none."""
    message = known.get(phrase.id, context=phrase.context) if known is not None else None
    if phrase.plural:
        found = message.string if message is not None and not message.fuzzy else ()
        strings = list(found) if isinstance(found, (list, tuple)) else []
        return tuple(strings[:plurals] + [""] * (plurals - len(strings)))
    if message is None or message.fuzzy or not isinstance(message.string, str):
        return ""
    return message.string
