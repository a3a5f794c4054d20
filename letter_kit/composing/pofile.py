"""Reading PO files strictly, every problem at its line: the catalogs of phrases, and
(through :mod:`letter_kit.change.pofile`) the translations translators send back.

Babel reads a ``.po`` file leniently: a ``msgstr`` written without quotes, or a string
whose closing quote is missing, is read with its first and last characters cut off,
and nothing is said. PO files are untrusted input whose text ends up in published
letters, so before Babel reads one, its text must be UTF-8 and each line a comment, a
blank line, a keyword with a quoted string, or a quoted string continuing the one above,
with only the escapes the format has. In a catalog, a translation may only use the
``%(name)s`` placeholders of the phrase it translates, in a form that can be filled in.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from ..errors import DataError, MissingInputError, Problem
from ..files import Unreadable, read_bytes

_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+(\".*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"[ \t]*$')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = set('\\"ntrabfv')
CATALOG_HINT = 'each string is in double quotes, as in msgstr "Xin chào"'
PO_HINT = "save it again with a translation tool such as Poedit or Weblate, or export it afresh"
PO_BYTES = 16 * 1024 * 1024  # the translation of a long letter is a few hundred KB
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """The catalog in ``path``; raises :class:`DataError` naming the line of the first
    problem."""
    return catalog_from_text(po_text(path), path, locale)


def catalog_from_text(text: str, path: Path, locale: str | None = None) -> Catalog:
    """The catalog whose text is ``text`` (to be written to ``path``), read as strictly
    as :func:`read_catalog` reads a file."""
    check_syntax(path, text.splitlines(), hint=CATALOG_HINT)
    try:
        catalog = read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise _problem(path, getattr(exc, "lineno", None), f"invalid catalog: {exc}") from None
    check_placeholders(path, catalog)
    return catalog


def po_text(path: Path) -> str:
    """The text of a PO file, which must be UTF-8 (a byte that is not is named)."""
    if not os.path.lexists(path):
        raise MissingInputError(f"no file {path}")
    try:
        raw = read_bytes(path, max_bytes=PO_BYTES, expected="a PO file is an ordinary text file")
    except Unreadable as exc:
        raise MissingInputError(f"cannot read {path}: {exc.problem.message}",
                                hint=exc.problem.hint) from None  # fmt: skip
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02X})", path, line, column,
            hint="save the PO file as UTF-8 (Poedit and Weblate do)",
        )]) from None  # fmt: skip


def check_syntax(path: Path, lines: list[str], *, hint: str = PO_HINT) -> None:
    """Every line is a comment, a keyword with a string, or a string that continues it."""
    continues = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if continues and stripped.startswith("#~"):
            # Babel reads "#~" lines as message lines: one right after an entry would
            # continue its msgstr, text hidden in what reads as a comment
            raise DataError([Problem(
                "not a PO file: an obsolete line (#~) continues the entry above", path, number,
                hint="put a blank line before obsolete entries, or delete them",
            )])  # fmt: skip
        if not stripped or stripped.startswith("#"):
            continues = False
            continue
        keyword = _KEYWORD.match(stripped)
        string = keyword.group(2) if keyword else stripped if continues else None
        found = _STRING.match(string) if string is not None else None
        if found is None:
            what = "a string in double quotes" if keyword or continues else "a PO keyword"
            raise DataError([Problem(
                f"not a PO file: expected {what}", path, number, hint=hint,
            )])  # fmt: skip
        for escape in _ESCAPE.finditer(found.group(1)):
            if escape.group(1) not in _ESCAPES:
                raise DataError([Problem(
                    f"not a PO file: unknown escape '\\{escape.group(1)}'", path, number,
                    hint="write a backslash as \\\\",
                )])  # fmt: skip
        continues = True


def check_placeholders(path: Path, catalog: Catalog) -> None:
    """Every translation uses only the placeholders of its phrase, and can be filled."""
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        allowed = {name for text in ids for name in PLACEHOLDER.findall(text)}
        uses_format = any("%(" in text for text in ids)
        for translation in strings:
            if not translation:
                continue
            unknown = sorted(set(PLACEHOLDER.findall(translation)) - allowed)
            if unknown:
                raise _problem(
                    path, message.lineno,
                    f"the translation of '{ids[0]}' uses %({unknown[0]})s, which the phrase "
                    "does not have",
                    hint="use only: " + (", ".join(f"%({n})s" for n in sorted(allowed)) or "none"),
                )  # fmt: skip
            if uses_format:
                try:
                    translation % dict.fromkeys(allowed, 1)
                except (ValueError, TypeError, KeyError) as exc:
                    raise _problem(
                        path, message.lineno,
                        f"the translation of '{ids[0]}' cannot be filled in: {exc}",
                        hint="write a placeholder as %(name)s, and a percent sign as %%",
                    ) from None  # fmt: skip


def _problem(path: Path, line: int | None, message: str, *, hint: str | None = None) -> DataError:
    return DataError([Problem(message, path, line, hint=hint)])
