"""Text hygiene: Unicode normalisation, invisible characters, Markdown escaping.

Names travel through many formats (Markdown, HTML, Typst, email headers). They are
normalised to NFC once, on the way in, and characters that cannot be seen but change
how text is displayed or compared (controls, bidi overrides, zero-width characters)
are refused with their position, so that a name is exactly what it looks like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

# Bidirectional formatting characters: they can make text display in an order other
# than the one it is stored in ("Trojan Source").
BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Characters with no width. ZWNJ and ZWJ (U+200C, U+200D) are needed to spell words
# in some scripts, so prose may hold them; names may not.
ZERO_WIDTH = frozenset([0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
ZERO_WIDTH_PROSE = ZERO_WIDTH - {0x200C, 0x200D}

_WHITESPACE_RUN = re.compile(r"\s+")
_TIDY_LINE = re.compile(r"\S+(?: \S+)*")  # as clean_line leaves it


def _class(codes: frozenset[int]) -> str:
    return "".join(f"\\u{code:04x}" for code in sorted(codes))


# Controls (Cc), surrogates (Cs), bidi controls and zero-width characters; single lines
# also refuse the line and paragraph separators (Zl, Zp) and tab and newline.
_LINE_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029" + _class(BIDI_CONTROLS | ZERO_WIDTH) + "]"
)
_PROSE_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _class(BIDI_CONTROLS | ZERO_WIDTH_PROSE) + "]"
)
_FIRST = re.compile(r"(?:^|(?<=\s))\S")  # the first character of each word


def char_label(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a character is named in messages."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = {0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN"}.get(code, "CONTROL")
    return f"U+{code:04X} {name}".rstrip()


def find_forbidden(value: str, *, multiline: bool) -> tuple[int, str] | None:
    """The first character that may not appear in this kind of text, and why; or None.

    Single-line text (names, titles, identifiers) refuses every control character,
    line separators, bidi controls and zero-width characters. Multi-line text (prose)
    allows newline and tab, and ZWNJ/ZWJ. Neither may hold an accent (a combining
    mark) with no letter before it: it would sit on a space or on nothing.
    """
    invisible = (_PROSE_INVISIBLE if multiline else _LINE_INVISIBLE).search(value)
    end = invisible.start() if invisible is not None else len(value)
    if not value.isascii() and any(map(unicodedata.combining, _FIRST.findall(value, 0, end))):
        # An accent at the start, or after a space, belongs to no letter.
        for first in _FIRST.finditer(value, 0, end):
            if unicodedata.combining(first.group()):
                return first.start(), "detached"
    return None if invisible is None else (invisible.start(), "invisible")


def clean_line(value: str) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed to one space."""
    if _TIDY_LINE.fullmatch(value) and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value  # most text is typed tidy: nothing to change (checked in C)
    return _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", value)).strip()


def clean_prose(value: str) -> str:
    """NFC, Unicode line separators as newlines, trailing space trimmed."""
    value = unicodedata.normalize("NFC", value).replace("\u2028", "\n").replace("\u2029", "\n\n")
    return value.strip()


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(value: str) -> str:
    """Escape every ASCII punctuation character so the text is literal in CommonMark.

    CommonMark allows a backslash before any ASCII punctuation, and a backslash before
    anything else is itself literal, so this is always safe, whatever the context
    (start of a line, inside emphasis, next to a citation marker).
    """
    return _MD_SPECIAL.sub(r"\\\1", value)


_NOT_WORD = re.compile(r"[^0-9a-z]+")
SLUG_LENGTH = 40  # ids are cut after the last whole word that fits


def words(text: str) -> list[str]:
    """The words of ``text`` in lowercase ASCII letters and digits, transliterated from
    any script: ``Việt Tân!`` -> ``["viet", "tan"]``, ``Łódź`` -> ``["lodz"]``,
    ``Человек`` -> ``["chelovek"]``."""
    normal = unicodedata.normalize("NFC", text)
    ascii_text = normal.translate(_latin())
    if not ascii_text.isascii():
        from anyascii import anyascii  # a table for every script, not a hand-kept list

        ascii_text = anyascii(normal)
    return [word for word in _NOT_WORD.split(ascii_text.lower()) if word]


@cache
def _latin() -> dict[int, str]:
    """anyascii's spelling of each Latin letter with diacritics (U+00A0 to U+024F, U+1E00
    to U+1EFF): names are mostly written in them, and str.translate spells them faster
    than anyascii, which goes character by character in Python. (anyascii spells each
    character on its own, so the two agree.)"""
    from anyascii import anyascii

    return {code: anyascii(chr(code)) for code in (*range(0xA0, 0x250), *range(0x1E00, 0x1F00))}


def slug(name: str, taken: Iterable[str] = ()) -> str:
    """An id made from a name and not in ``taken``: ``Việt Tân`` -> ``viet-tan`` (or -2, -3...).

    A long name keeps the whole words that fit in :data:`SLUG_LENGTH` characters, never
    part of one (the first word is kept whole whatever its length).
    """
    parts = words(name)
    base = parts[0] if parts else "signer"
    for word in parts[1:]:
        if len(base) + 1 + len(word) > SLUG_LENGTH:
            break
        base += "-" + word
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
