"""Reading gettext catalogs (``.po`` files) strictly, every problem at its line.

Babel reads a ``.po`` file leniently: a ``msgstr`` written without quotes, or a string
whose closing quote is missing, is read with its first and last characters cut off,
and nothing is said. A catalog is untrusted input whose phrases end up in published
letters, so before Babel reads it each line is checked to be a comment, a blank line,
a keyword with a quoted string, or a quoted string continuing the one above; the text
must be valid in its declared charset (UTF-8 unless the header says otherwise); and a
translation may only use the ``%(name)s`` placeholders of the phrase it translates,
in a form that can be filled in.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from ..errors import DataError, Problem

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+(".*)$')
_WORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b")
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """The catalog in ``path``; raises :class:`DataError` naming the line of the first
    problem."""
    raw = path.read_bytes()
    text = _decoded(path, raw)
    _check_lines(path, text.splitlines())
    try:
        catalog = read_po(io.BytesIO(raw), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise _problem(path, getattr(exc, "lineno", None), f"invalid catalog: {exc}") from None
    check_placeholders(path, catalog)
    return catalog


def _decoded(path: Path, raw: bytes) -> str:
    declared = _CHARSET.search(raw[:2000])
    charset = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return raw.decode(charset)
    except LookupError:
        raise _problem(
            path, None, f"the catalog declares an unknown charset '{charset}'",
            hint="save it as UTF-8 and say 'charset=UTF-8' in its header",
        ) from None  # fmt: skip
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _problem(
            path, line, f"not valid {charset} (byte 0x{raw[exc.start]:02X})",
            hint="save the catalog as UTF-8 (Poedit and Weblate do)",
        ) from None  # fmt: skip


def _check_lines(path: Path, lines: Iterable[str]) -> None:
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword = _KEYWORD.match(stripped)
        string = keyword.group(3).strip() if keyword else stripped
        if _STRING.match(string):
            continue
        word = _WORD.match(stripped)
        message = (
            f"invalid catalog line: {word.group(1)} must be followed by a string in double quotes"
            if word
            else "invalid catalog line: expected msgid, msgstr... or a string in double quotes"
        )
        raise _problem(
            path, number, message,
            hint='write msgstr "Xin chào"; a quote inside the string is written \\"',
        )  # fmt: skip


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
