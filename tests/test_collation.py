"""Vietnamese-aware alphabetical order."""

from __future__ import annotations

from letter_kit.composing.collation import sort_key


def test_vietnamese_letters_follow_their_base_letter() -> None:
    names = ["Zed", "Đặng", "Dương", "Ánh", "Anh", "Ăn", "Âm", "Ơn", "Ôn", "On", "Ưu", "Uy"]
    assert sorted(names, key=sort_key) == [
        "Anh", "Ánh", "Ăn", "Âm", "Dương", "Đặng", "On", "Ôn", "Ơn", "Uy", "Ưu", "Zed",
    ]  # fmt: skip


def test_tones_only_break_ties_between_the_same_letters() -> None:
    # level, grave, hook, tilde, acute, dot below
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    shuffled = ["mạ", "má", "ma", "mã", "mà", "mả"]
    assert sorted(shuffled, key=sort_key) == tones
    # a tone never outweighs a later letter
    assert sorted(["mạc", "mab"], key=sort_key) == ["mab", "mạc"]


def test_nfd_input_sorts_like_nfc() -> None:
    import unicodedata

    nfc = ["Việt Tân", "Viet Tan", "Vietnam"]
    nfd = [unicodedata.normalize("NFD", n) for n in nfc]
    assert [unicodedata.normalize("NFC", n) for n in sorted(nfd, key=sort_key)] == sorted(
        nfc, key=sort_key
    )
    assert sorted(nfc, key=sort_key) == ["Viet Tan", "Vietnam", "Việt Tân"]


def test_case_and_spaces() -> None:
    assert sorted(["b", "A", "a b", "ab"], key=sort_key) == ["A", "a b", "ab", "b"]
