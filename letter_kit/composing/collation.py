"""Alphabetical order that is right for Vietnamese names (and plain Latin ones).

Vietnamese orders its letters ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
x y``: ``Đ`` comes after ``D``, ``Ơ`` after ``Ô``. Tone marks are secondary: names are
compared by their letters first, and only names with the same letters are ordered by
tone, in the order of the Unicode CLDR Vietnamese collation (level, grave, hook above,
tilde, acute, dot below). Plain code-point order gets all of this wrong (``Đ`` sorts
after ``Z``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_PRIMARY = {letter: index for index, letter in enumerate(_LETTERS)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _weight(char: str) -> int:
    if char in _PRIMARY:
        return 100 + _PRIMARY[char]
    if char.isspace():
        return 1
    if char.isdigit():
        return 10 + unicodedata.digit(char, 0)
    return 1000 + ord(char)


@lru_cache(maxsize=4096)  # the same signatories are sorted in letter after letter
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key for ``sorted``: letters first (Vietnamese alphabet), then tones, then case."""
    primary: list[int] = []
    tones: list[int] = []
    base = ""
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _TONES and primary:
            tones[-1] = _TONES[char]
        elif char in _LETTER_MARKS and primary:
            base = unicodedata.normalize("NFC", base + char)
            primary[-1] = _weight(base)
        elif unicodedata.combining(char):
            continue  # other accents (é in a French name) do not change the order
        else:
            base = char
            primary.append(_weight(char))
            tones.append(0)
    return tuple(primary), tuple(tones), text
