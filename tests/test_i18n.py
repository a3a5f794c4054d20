"""Languages: dates, numbers, lists, and the completeness of the catalogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from letter_kit.composing.i18n import load_language
from letter_kit.composing.phrases import letterkit_phrases
from letter_kit.errors import LanguageUnavailable

from .conftest import ROOT, Cli, snapshot

TEMPLATES = [ROOT / "templates"]
VI_CATALOG = ROOT / "templates" / "locale" / "vi" / "LC_MESSAGES" / "letterkit.po"


@pytest.mark.parametrize(
    ("day", "line", "text"),
    [
        (date(2021, 8, 4), "ngày 04 tháng 8 năm 2021", "ngày 4 tháng 8 năm 2021"),
        (date(2022, 1, 9), "ngày 09 tháng 01 năm 2022", "ngày 9 tháng 1 năm 2022"),
        (date(2022, 2, 28), "ngày 28 tháng 02 năm 2022", "ngày 28 tháng 2 năm 2022"),
        (date(2023, 3, 10), "ngày 10 tháng 3 năm 2023", "ngày 10 tháng 3 năm 2023"),
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023", "ngày 31 tháng 12 năm 2023"),
    ],
)
def test_vietnamese_dates(day: date, line: str, text: str) -> None:
    vi = load_language("vi", TEMPLATES)
    assert vi.date(day, "line") == line
    assert vi.date(day) == text


def test_date_lines_with_and_without_place() -> None:
    vi = load_language("vi", TEMPLATES)
    en = load_language("en", TEMPLATES)
    assert vi.dateline(date(2021, 8, 4), None) == "Ngày 04 tháng 8 năm 2021"
    assert vi.dateline(date(2021, 8, 4), "Hà Nội") == "Hà Nội, ngày 04 tháng 8 năm 2021"
    assert en.dateline(date(2021, 8, 4), None) == "August 4, 2021"
    assert en.dateline(date(2021, 8, 4), "Washington, D.C.") == "Washington, D.C., August 4, 2021"


def test_other_languages_use_their_own_conventions() -> None:
    en_gb = load_language("en-GB", TEMPLATES)
    assert en_gb.date(date(2021, 8, 4)) == "4 August 2021"
    assert en_gb.number(1234567) == "1,234,567"


def test_numbers_and_lists() -> None:
    vi = load_language("vi", TEMPLATES)
    en = load_language("en", TEMPLATES)
    assert (en.number(1000), vi.number(1000)) == ("1,000", "1.000")
    assert en.join(["A", "B", "C"]) == "A, B, and C"
    assert vi.join(["A", "B", "C"]) == "A, B và C"


def test_unknown_language_and_missing_catalog() -> None:
    with pytest.raises(LanguageUnavailable, match="unknown language 'xx'"):
        load_language("xx", TEMPLATES)
    with pytest.raises(LanguageUnavailable) as caught:
        load_language("fr", TEMPLATES)
    assert caught.value.message == "no catalog of phrases for language 'fr'"
    assert str(ROOT / "templates/locale/fr/LC_MESSAGES/letterkit.po") in (caught.value.hint or "")


def test_workspace_catalog_wins_and_is_compiled_on_the_fly(tmp_path: Path) -> None:
    po = tmp_path / "locale" / "vi" / "LC_MESSAGES" / "letterkit.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sincerely,"\nmsgstr "Kính thư,"\n',
        encoding="utf-8",
    )
    vi = load_language("vi", [tmp_path, *TEMPLATES])
    assert vi.gettext("Sincerely,") == "Kính thư,"


# gettext's own keywords, and Language.phrase(context, message, **values)
KEYWORDS: dict[str, Any] = {**DEFAULT_KEYWORDS, "phrase": ((1, "c"), 2)}


def _used_messages() -> set[tuple[str | None, str]]:
    """Every (context, msgid) the templates and the code ask a catalog for."""
    found: set[tuple[str | None, str]] = set()
    sources: list[tuple[Path, Any]] = [
        (p, babel_extract) for p in (ROOT / "templates").rglob("*.j2")
    ]
    sources += [(p, "python") for p in (ROOT / "letter_kit").rglob("*.py")]
    for path, method in sources:
        with path.open("rb") as handle:
            options = {"extensions": "jinja2.ext.i18n"} if method is babel_extract else {}
            for _line, message, _comments, context in extract(
                method, handle, keywords=KEYWORDS, options=options
            ):
                msgid = message[0] if isinstance(message, tuple) else message
                if msgid:
                    found.add((context, msgid))
    return found


def test_letterkit_finds_every_phrase_its_code_and_templates_use() -> None:
    # what lang add and check rely on, against an extraction of its own with Babel's defaults
    assert {p.key for p in letterkit_phrases(TEMPLATES)} == _used_messages()


def test_vietnamese_catalog_translates_every_phrase_and_nothing_else() -> None:
    with VI_CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string or ()))
    }
    used = _used_messages()
    assert used - translated == set(), "phrases with no Vietnamese translation"
    assert translated - used == set(), "catalog entries nothing uses"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["new", "fr-letter", "--visit", "biden-hanoi-2023", "-l", "fr"], 65),
        (["visits", "-l", "fr"], 65),
        (["list", "letters", "-l", "fr"], 65),
        (["draft", "harris-2021", "-l", "fr"], 2),
    ],
)
def test_a_language_without_a_catalog_is_named_with_its_remedy(
    args: list[str], code: int, cli: Cli, example: Path
) -> None:
    before = snapshot(example)
    result = cli(*args, cwd=example)
    assert result.code == code, result.err
    if args[0] == "draft":  # a language the letter is not written in
        assert "letter 'harris-2021' is not written in 'fr'" in result.err
    else:
        assert result.err.startswith(
            "error: no catalog of phrases for language 'fr'\n"
            "  hint: run 'letterkit lang add fr' to create "
        )
    assert "internal error" not in result.err
    assert snapshot(example) == before
