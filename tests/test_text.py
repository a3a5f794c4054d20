"""Text hygiene: invisible characters are found, names are cleaned."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letter_kit.text import (
    BIDI_CONTROLS,
    ZERO_WIDTH,
    ZERO_WIDTH_PROSE,
    char_label,
    clean_line,
    escape_markdown,
    find_forbidden,
    words,
)


@pytest.mark.parametrize(
    ("value", "index"),
    [
        ("Việt Tân", None),
        ("Viet\u202eTan", 4),  # right-to-left override
        ("Viet\u2066Tan", 4),  # left-to-right isolate
        ("Viet\u200bTan", 4),  # zero width space
        ("Viet\u200dTan", 4),  # zero width joiner
        ("\ufeffViet", 0),  # byte-order mark
        ("Viet\x00", 4),
        ("Viet\nTan", 4),
        ("Viet\tTan", 4),
        ("Viet\x7fTan", 4),
        ("Viet\u2028Tan", 4),  # line separator
    ],
)
def test_names_refuse_invisible_characters(value: str, index: int | None) -> None:
    found = find_forbidden(value, multiline=False)
    assert found == (None if index is None else (index, "invisible"))


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("\u0301An", (0, "detached")),
        ("Nguyễn \u0303Tùng", (7, "detached")),
        ("Nguye\u0302\u0303n", None),  # NFD Vietnamese: the marks follow their letter
        ("x\u0301", None),
        ("\u0301An\x1f", (0, "detached")),  # the first problem, whatever its kind
    ],
)
def test_accents_must_follow_a_letter(value: str, found: tuple[int, str] | None) -> None:
    assert find_forbidden(value, multiline=False) == found
    assert find_forbidden(value, multiline=True) == found


def test_prose_allows_lines_tabs_and_joiners_but_not_bidi() -> None:
    assert find_forbidden("Line one\n\tLine two\u200d", multiline=True) is None
    assert find_forbidden("Line\u202e", multiline=True) == (4, "invisible")
    assert find_forbidden("Line\u200b", multiline=True) == (4, "invisible")


def test_char_label() -> None:
    assert char_label("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert char_label("\x00") == "U+0000 CONTROL"
    assert char_label("\t") == "U+0009 TAB"


def test_clean_line_normalises() -> None:
    assert clean_line("  Nguye\u0302\u0303n   Ba\u0301  ") == "Nguyễn Bá"


def test_escape_markdown_escapes_all_ascii_punctuation() -> None:
    assert escape_markdown("*a* [b](c) #1 <d>") == r"\*a\* \[b\]\(c\) \#1 \<d\>"
    assert escape_markdown("Việt Tân") == "Việt Tân"


# The scan is regular expressions for speed; this is the rule written out plainly.
def _forbidden_by_the_rule(value: str, *, multiline: bool) -> tuple[int, str] | None:
    zero_width = ZERO_WIDTH_PROSE if multiline else ZERO_WIDTH
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        allowed = multiline and (char in "\n\t" or category in ("Zl", "Zp"))
        if category in ("Cc", "Cs", "Zl", "Zp") and not allowed:
            return index, "invisible"
        if ord(char) in BIDI_CONTROLS or ord(char) in zero_width:
            return index, "invisible"
        if unicodedata.combining(char) and (index == 0 or value[index - 1].isspace()):
            return index, "detached"
    return None


_TRICKY = "aẠ ̀̃\u0301\t\n\r\x00\x1f\x7f\x85\xa0\u200b\u200c\u200d\u2028\u2029\u202e\u2066\ufeff\u3000\ud800"


@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=12), st.booleans())
@settings(max_examples=2000)
def test_the_scan_finds_what_the_rule_finds(value: str, multiline: bool) -> None:
    assert find_forbidden(value, multiline=multiline) == _forbidden_by_the_rule(
        value, multiline=multiline
    )


@given(st.text(alphabet=st.sampled_from(_TRICKY + "  e\u0301") | st.characters(), max_size=12))
@settings(max_examples=2000)
def test_clean_line_is_the_rule_written_out(value: str) -> None:
    """A tidy line is returned as it is; any other is made tidy the long way."""
    rule = " ".join(unicodedata.normalize("NFC", value).split())
    assert clean_line(value) == rule


def test_words_spell_every_character_as_anyascii_does() -> None:
    from anyascii import anyascii

    rng = random.Random(5)
    latin = [chr(c) for c in (*range(0x20, 0x250), *range(0x1E00, 0x1F00), *range(0x300, 0x370))]
    others = ["Человек", "中文", "שלום", "Ελλάδα", "ǅ", "ﬁ", "½", "Å"]
    for _ in range(3000):
        text = "".join(rng.choice(latin) for _ in range(rng.randint(0, 15)))
        if rng.random() < 0.2:
            text += rng.choice(others)
        expected = [w for w in re.split(r"[^0-9a-z]+", anyascii(unicodedata.normalize(
            "NFC", text)).lower()) if w]  # fmt: skip
        assert words(text) == expected, text
    assert words("Đặng Thị Huệ, Łódź") == ["dang", "thi", "hue", "lodz"]
