"""The text writers: golden files, and names that survive every format literally."""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import cache
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from letter_kit import Workspace, compose, load_workspace, write_text
from letter_kit.composing.i18n import load_language
from letter_kit.composing.typography import Typography
from letter_kit.text import clean_line, find_forbidden
from letter_kit.workspace.models import Organization
from letter_kit.writers.markdown import escape

from .conftest import FIXTURES, GOLDEN, ROOT, check_golden

LETTERS = ("harris-2021", "biden-2023", "harris-2021-press", "market-economy-2024")
# Every example letter in each of its languages.
DOCUMENTS = [(letter, lang) for letter in LETTERS for lang in ("en", "vi")]
DOCUMENTS += [("human-rights-day-2024", "en")]
FORMATS = ("md", "html", "txt")


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("letter", "lang"), DOCUMENTS)
def test_golden(letter: str, lang: str, fmt: str, update_golden: bool) -> None:
    out = write_text([compose(_example(), letter, lang)], fmt)
    check_golden(GOLDEN / f"{letter}.{lang}.{fmt}", out, update_golden)


def test_golden_bilingual_markdown_keeps_notes_apart(update_golden: bool) -> None:
    docs = [compose(_example(), "harris-2021", lang) for lang in ("en", "vi")]
    out = write_text(docs, "md")
    check_golden(GOLDEN / "harris-2021.en-vi.md", out, update_golden)
    assert out.count("[^en-1]") == 3 and out.count("[^vi-1]") == 3


def test_bilingual_text_and_html_hold_each_language_once() -> None:
    docs = [compose(_example(), "biden-2023", lang) for lang in ("en", "vi")]
    txt = write_text(docs, "txt")
    assert txt.count("=" * 72) == 1
    assert txt.index("Dear President Biden,") < txt.index("Kính thưa Tổng thống Biden,")
    page = write_text(docs, "html")
    assert page.count('<article class="letter open-letter" lang="en" id="en">') == 1
    assert page.count('<article class="letter open-letter" lang="vi" id="vi">') == 1
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_text_is_wrapped_at_72_columns() -> None:
    for lang in ("en", "vi"):
        txt = write_text([compose(_example(), "biden-2023", lang)], "txt")
        long_lines = [line for line in txt.splitlines() if len(line) > 72 and "://" not in line]
        assert long_lines == []


def test_every_case_name_keeps_its_diacritics_in_every_format() -> None:
    ws = _example()
    names = [ws.cases[c].name.get("vi") for c in ws.letters["biden-2023"].cases]
    assert "Trần Huỳnh Duy Thức" in names
    for lang in ("en", "vi"):
        for fmt in FORMATS:
            out = " ".join(write_text([compose(ws, "biden-2023", lang)], fmt).split())
            for name in names:
                assert name in out, (lang, fmt, name)


# Property tests ----------------------------------------------------------------------

VIETNAMESE = "ĐđƠơƯưĂăÂâÊêÔôạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
MARKUP = "*_[]()#<>&!`\\{}|~^$%@:;=+-.,'\"/"
# Fragments that mean something in one of the formats, mixed with single characters.
FRAGMENTS = [
    "<b>", "</p>", "<script>", "<!--", "&amp;", "&#65;", "&lt;", "**", "__", "[x](y)",
    "[@report]", "[^1]", "{{ x }}", "{%", "# ", "1. ", "- ", "> ", "`", "\\", "$a$",
    "#read(\"x\")", "//", "\u0301", "Việt Tân", "Nguyễn",
]  # fmt: skip
names = st.lists(
    st.sampled_from(FRAGMENTS) | st.sampled_from(list(VIETNAMESE + MARKUP + "abcXYZ019 ")),
    min_size=1,
    max_size=12,
).map("".join)
forms = st.sampled_from(["NFC", "NFD"])


def typeset(name: str) -> str:
    """A name as every format prints it: straight quotes become the language's quotation
    marks and apostrophe (the same in English and Vietnamese)."""
    return Typography.of(load_language("en", [ROOT / "templates"])).text(name)


@cache
def _minimal() -> Workspace:
    return load_workspace(FIXTURES / "minimal")


def _with_name(name: str) -> Workspace:
    ws = _minimal()
    org = Organization.model_validate({"name": name})
    return dataclasses.replace(ws, organizations={"free": org})


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((k, v) for k, v in attrs if k not in ("content",))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(markup: str) -> _Page:
    page = _Page()
    page.feed(markup)
    page.close()
    return page


def _flat(text: str) -> str:
    return " ".join(text.split())


_COMMONMARK = MarkdownIt("commonmark")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=names, form=forms)
def test_any_organisation_name_appears_literally_in_every_format(raw: str, form: str) -> None:
    name = clean_line(unicodedata.normalize("NFD" if form == "NFD" else "NFC", raw))
    if not name or find_forbidden(name, multiline=False):
        return  # refused when the workspace is loaded (tests/test_text.py)
    ws = _with_name(name)
    docs = [compose(ws, "test-letter", lang) for lang in ("en", "vi")]
    expected = _flat(typeset(name))
    assert unicodedata.is_normalized("NFC", expected)

    txt = write_text(docs, "txt")
    assert _flat(txt).count(expected) >= 4  # letterhead and signature, in each language

    md = write_text(docs, "md")
    rendered = _flat("".join(_page(_COMMONMARK.render(md)).text))
    assert rendered.count(expected) >= 4

    page = write_text(docs, "html")
    parsed = _page(page)
    assert _flat("".join(parsed.text)).count(expected) >= 4
    benign = _page(
        write_text(
            [compose(_with_name("Benign"), "test-letter", lang) for lang in ("en", "vi")], "html"
        )
    )
    assert parsed.tags == benign.tags  # no element or attribute came from the data


@given(text=st.text(alphabet=st.sampled_from(list(MARKUP + "ab1 .")), min_size=1, max_size=20))
def test_markdown_escape_round_trips_at_a_line_start(text: str) -> None:
    literal = text.strip()
    if not literal:
        return
    rendered = _COMMONMARK.render(escape(literal, line_start=True))
    # The parser decodes character references once, as a browser does.
    assert "".join(_page(rendered).text).strip() == literal
