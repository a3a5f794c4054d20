"""Text hygiene: invisible characters are found, names are cleaned."""

from __future__ import annotations

import pytest

from letter_kit.text import char_label, clean_line, escape_markdown, find_forbidden


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
