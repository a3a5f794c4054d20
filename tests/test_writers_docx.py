"""The Word writer, read back with python-docx and as raw XML: text per language,
footnotes, lists, sections, hyperlinks, language tags, properties, same bytes."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
import zipfile
from datetime import date
from functools import cache

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letter_kit import DraftOptions, Workspace, compose, draft, load_workspace
from letter_kit.document import Document, Link, ListBlock, Paragraph, plain_text
from letter_kit.errors import UsageError
from letter_kit.text import clean_line, find_forbidden
from letter_kit.workspace.models import Organization
from letter_kit.writers.docx import DocxOptions, write_docx

from .conftest import FIXTURES, GOLDEN, ROOT, check_golden
from .docx_reading import R, W, dump, footnotes, members, paragraphs, part, rels
from .test_writers import names, typeset

EXAMPLES = [
    ("harris-2021", ("en", "vi"), "sequential"),
    ("harris-2021", ("vi",), "sequential"),
    ("biden-2023", ("en", "vi"), "sequential"),
    ("biden-2023", ("en", "vi"), "parallel"),
    ("harris-2021-press", ("en", "vi"), "sequential"),
    ("market-economy-2024", ("en", "vi"), "sequential"),
    ("market-economy-2024", ("en", "vi"), "parallel"),
    ("human-rights-day-2024", ("en",), "sequential"),
]
TAGS = {"en": "en-US", "vi": "vi-VN"}


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


@cache
def _docx(letter: str, langs: tuple[str, ...], layout: str) -> bytes:
    options = DraftOptions(fmt="docx", languages=langs, layout=layout)  # type: ignore[arg-type]
    return draft(_example(), letter, options)


def _documents(letter: str, langs: tuple[str, ...]) -> list[Document]:
    return [compose(_example(), letter, lang) for lang in langs]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("letter", "langs", "layout"), EXAMPLES)
def test_golden_docx(letter: str, langs: tuple[str, ...], layout: str, update_golden: bool) -> None:
    text = dump(_docx(letter, langs, layout))
    check_golden(GOLDEN / f"{letter}.{'-'.join(langs)}.{layout}.docx.txt", text, update_golden)


@pytest.mark.parametrize(("letter", "langs", "layout"), EXAMPLES)
def test_every_block_is_in_its_language(letter: str, langs: tuple[str, ...], layout: str) -> None:
    data = _docx(letter, langs, layout)
    paras, _ = paragraphs(data)
    for index, doc in enumerate(_documents(letter, langs)):
        tag = TAGS[doc.meta.lang]
        if layout == "sequential":
            own = [p for p in paras if p.section == index]
            assert {lang for p in own for lang in p.langs} == {tag}
        else:
            own = [p for p in paras if tag in p.langs]
        text = _without_marks(" ".join(p.text for p in own))
        everywhere = _without_marks(" ".join(p.text for p in paras))
        for part_ in doc.parts:
            if layout == "parallel" and index and part_.role in ("recipient", "cc", "unlisted"):
                continue  # as in the PDF: across the page, in the first language only
            if part_.role == "letterhead":
                continue  # in the header of the first page (test_docx_pages.py)
            # across the page, a name the second language writes alike is not repeated
            shared = layout == "parallel" and part_.role in ("letterhead", "signatures")
            for block in part_.blocks:
                if isinstance(block, Paragraph):
                    assert _flat(plain_text(block.inlines)) in (everywhere if shared else text)


def _without_marks(text: str) -> str:
    return _flat(re.sub(r"\[\^\d+\]", "", text))


@pytest.mark.parametrize(
    ("letter", "langs"), [(e[0], e[1]) for e in EXAMPLES if e[2] != "parallel"]
)
def test_notes_are_footnotes_numbered_by_word_in_each_language(
    letter: str, langs: tuple[str, ...]
) -> None:
    data = _docx(letter, langs, "sequential")
    _, numbers = paragraphs(data)
    notes = footnotes(data)
    by_section: dict[int, list[tuple[int, str, set[str]]]] = {}
    body = part(data, "word/document.xml")
    section = 0
    for p in body.iter(f"{W}p"):
        for ref in p.iter(f"{W}footnoteReference"):
            note_id = ref.get(f"{W}id")
            langs_, text = notes[note_id]
            by_section.setdefault(section, []).append((numbers[note_id], text, langs_))
        if p.find(f"{W}pPr/{W}sectPr") is not None:
            section += 1
    docs = _documents(letter, langs)
    for index, doc in enumerate(docs):
        expected = [(n.number, plain_text(n.inlines), {TAGS[doc.meta.lang]}) for n in doc.notes]
        assert by_section.get(index, []) == expected
    assert len(notes) == sum(len(d.notes) for d in docs)  # one footnote per note
    # Word numbers them, restarting in each section; the separators are declared.
    for sect in body.iter(f"{W}sectPr"):
        assert sect.find(f"{W}footnotePr/{W}numRestart").get(f"{W}val") == "eachSect"
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}type").get(f"{W}val") == "nextPage"
    assert len(list(body.iter(f"{W}sectPr"))) == len(langs)
    settings_ = part(data, "word/settings.xml")
    declared = [f.get(f"{W}id") for f in settings_.iter(f"{W}footnote")]
    separators = part(data, "word/footnotes.xml").findall(f"{W}footnote")[:2]
    assert declared == [s.get(f"{W}id") for s in separators] == ["-1", "0"]


def test_a_note_cited_twice_is_one_footnote_and_a_cross_reference() -> None:
    data = _docx("biden-2023", ("en", "vi"), "sequential")
    body = part(data, "word/document.xml")
    bookmarks = {b.get(f"{W}name"): b for b in body.iter(f"{W}bookmarkStart")}
    fields = [t.text for t in body.iter(f"{W}instrText")]
    # note 1 (41 journalists) is cited twice in each language
    assert fields == [" NOTEREF _RefNote1 \\f \\h ", " NOTEREF _RefNote2 \\f \\h "]
    for name in ("_RefNote1", "_RefNote2"):
        start = bookmarks[name]
        assert start.getnext().find(f"{W}footnoteReference") is not None
    text = dump(data)
    assert text.count("at least 41[^1] journalists") == 1
    assert text.count("release the 41[^1] journalists") == 1


def test_demand_lists_are_numbered_by_word() -> None:
    data = _docx("biden-2023", ("en", "vi"), "sequential")
    numbering = part(data, "word/numbering.xml")
    formats = {
        a.get(f"{W}abstractNumId"): (
            a.find(f"{W}lvl/{W}numFmt").get(f"{W}val"),
            a.find(f"{W}lvl/{W}lvlText").get(f"{W}val"),
        )
        for a in numbering.findall(f"{W}abstractNum")
    }
    nums = {
        n.get(f"{W}numId"): (
            formats[n.find(f"{W}abstractNumId").get(f"{W}val")],
            n.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val"),
        )
        for n in numbering.findall(f"{W}num")
    }
    document = docx.Document(io.BytesIO(data))
    items = []
    for paragraph in document.paragraphs:
        num = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None:
            items.append((num.get(f"{W}val"), paragraph.text[:20]))
    demands = [(nums[i], t) for i, t in items if nums[i][0][0] == "decimal"]
    assert [t for _, t in demands][:4] == [
        "Press Vietnam’s lead", "Press the Vietnamese", "Raise the cases of a", "Meet the families of"
    ]  # fmt: skip
    assert {n for n, _ in demands} == {(("decimal", "%1."), "1")}
    # each list is a numbering of its own (English, Vietnamese; the named cases)
    assert len({i for i, _ in items}) == 4
    harris = part(_docx("harris-2021", ("en", "vi"), "sequential"), "word/numbering.xml")
    first = next(harris.iter(f"{W}lvlText"))
    assert first.get(f"{W}val") == "\u2013"  # the dashed demands: an en dash


def test_links_are_hyperlinks() -> None:
    data = _docx("harris-2021", ("en", "vi"), "sequential")
    urls = set()
    for doc in _documents("harris-2021", ("en", "vi")):
        for note in doc.notes:
            urls |= {n.url for n in note.inlines if isinstance(n, Link)}
    assert urls == {"https://www.vietnamhumanrights.net"}
    links = rels(data, "word/_rels/footnotes.xml.rels")
    root = part(data, "word/footnotes.xml")
    targets = {links[h.get(f"{R}id")] for h in root.iter(f"{W}hyperlink")}
    assert targets == {("hyperlink", url, "External") for url in urls}


def test_sections_paper_and_page_numbers() -> None:
    ws = _example()
    letter = draft(ws, "harris-2021", DraftOptions(fmt="docx"))
    a4 = draft(ws, "harris-2021", DraftOptions(fmt="docx", paper="a4"))
    for data, size in ((letter, ("12240", "15840")), (a4, ("11906", "16838"))):
        document = docx.Document(io.BytesIO(data))
        assert len(document.sections) == 2
        for section in document.sections:
            page = section._sectPr.find(f"{W}pgSz")
            assert (page.get(f"{W}w"), page.get(f"{W}h")) == size
            assert section.different_first_page_header_footer
        first, second = document.sections
        assert not first.footer.is_linked_to_previous
        assert second.footer.is_linked_to_previous  # the same footer, numbering afresh
        # "2 / 3": the page, and the pages of its section (its language)
        fields = [t.text for t in first.footer._element.iter(f"{W}instrText")]
        assert fields == [" PAGE ", " SECTIONPAGES "]
        assert first.first_page_footer.paragraphs[0].text == ""


def test_the_parallel_layout_is_a_table_of_pairs() -> None:
    data = _docx("biden-2023", ("en", "vi"), "parallel")
    document = docx.Document(io.BytesIO(data))
    assert len(document.sections) == 1
    paras, _ = paragraphs(data)
    pairs = [p for p in paras if p.column is not None and p.style == "Salutation"]
    assert [(p.column, p.text, p.langs) for p in pairs] == [
        (0, "Dear President Biden,", {"en-US"}),
        (1, "Kính thưa Tổng thống Biden,", {"vi-VN"}),
    ]
    # the notes end each column, numbered as in each language; no footnotes
    notes = [p for p in paras if p.style == "FootnoteText"]
    assert [(p.column, p.text[:30]) for p in notes] == [
        (0, "[^1] Reporters Without Borders"),
        (0, "[^2] Reporters Without Borders"),
        (1, "[^1] Phóng viên Không Biên giớ"),
        (1, "[^2] Phóng viên Không Biên giớ"),
    ]
    assert footnotes(data) == {}
    with pytest.raises(UsageError, match="two languages side by side; got 1"):
        write_docx(_documents("biden-2023", ("en",)), DocxOptions(layout="parallel"))


def test_properties_come_from_the_letter() -> None:
    data = _docx("harris-2021", ("en", "vi"), "sequential")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == (
        "Protecting Human Rights Activists in Vietnam / "
        "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam"
    )
    assert props.author == (
        "Vietnam Human Rights Network, Defend the Defenders, Mạng Lưới Nhân Quyền Việt Nam, "
        "Người Bảo Vệ Nhân Quyền"
    )
    assert props.created.isoformat() == "2021-08-04T00:00:00+00:00"
    assert props.language == "en-US"
    core = part(data, "docProps/core.xml")
    assert sorted(child.tag.split("}")[1] for child in core) == [
        "created", "creator", "language", "modified", "title"
    ]  # fmt: skip
    assert not any(m.startswith("docProps/app") or "thumbnail" in m for m in members(data))
    # Word keeps 255 characters of a property: whole names, then an ellipsis
    many = docx.Document(io.BytesIO(_docx("biden-2023", ("en", "vi"), "parallel")))
    assert len(many.core_properties.author) <= 255
    assert many.core_properties.author.startswith("ACAT France (Action by Christians")
    assert many.core_properties.author.endswith(" …")


def test_drafting_twice_gives_the_same_bytes() -> None:
    options = DraftOptions(fmt="docx", languages=("en", "vi"))
    first = draft(_example(), "biden-2023", options)
    second = draft(load_workspace(ROOT), "biden-2023", options)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {(i.date_time, i.create_system) for i in infos} == {((2023, 9, 5, 0, 0, 0), 0)}


def test_vietnamese_keeps_every_diacritic() -> None:
    data = _docx("biden-2023", ("en", "vi"), "sequential")
    text = dump(data)
    assert unicodedata.is_normalized("NFC", text)
    for case in _example().letters["biden-2023"].cases:
        assert text.count(_example().cases[case].name.get("vi")) >= 2


def test_nested_lists_quotes_and_code_keep_their_structure() -> None:
    from letter_kit.document import Code, Heading, Meta, Part, Quote, Rule, Text

    items: list[list[object]] = [
        [Paragraph([Text("one")]), ListBlock("bullet", 1, [[Paragraph([Text("inner")])]])],
        [Paragraph([Text("two")]), Paragraph([Text("more of two")])],
    ]
    meta = Meta("x", "open-letter", "vi", date(2024, 1, 2), "T", ["A"])
    doc = Document(
        meta,
        [
            Part(
                "body",
                [
                    Heading(2, [Text("Đề mục")]),
                    ListBlock("number", 3, items),  # type: ignore[arg-type]
                    Quote([Paragraph([Text("quoted")])]),
                    Rule(),
                    Paragraph([Code("a\tb\nc")], heading=[Text("Lead")]),
                ],
            ),
        ],
        [],
    )
    data = write_docx([doc], DocxOptions())
    paras, _ = paragraphs(data)
    assert [(p.style, p.text) for p in paras] == [
        ("Heading2", "Đề mục"),
        ("BodyText", "one"),
        ("BodyText", "inner"),
        ("BodyText", "two"),
        ("BodyText", "more of two"),
        ("BlockText", "quoted"),
        ("HorizontalRule", ""),
        ("BodyText", "Lead a\tb\nc"),  # its punctuation is the composer's
    ]
    body = part(data, "word/document.xml")
    levels = [
        (n.find(f"{W}ilvl").get(f"{W}val"), n.find(f"{W}numId").get(f"{W}val"))
        for n in body.iter(f"{W}numPr")
    ]
    assert [lvl for lvl, _ in levels] == ["0", "1", "0"]
    indent = body.findall(f".//{W}p")[4].find(f"{W}pPr/{W}ind")
    assert indent.get(f"{W}left") == "425"  # the second paragraph of item two, unnumbered
    starts = [o.get(f"{W}val") for o in part(data, "word/numbering.xml").iter(f"{W}startOverride")]
    assert starts == ["3", "1"]


# Arbitrary names --------------------------------------------------------------------


@cache
def _minimal() -> Workspace:
    return load_workspace(FIXTURES / "minimal")


def _docx_with_name(name: str) -> bytes:
    ws = dataclasses.replace(
        _minimal(), organizations={"free": Organization.model_validate({"name": name})}
    )
    docs = [compose(ws, "test-letter", lang) for lang in ("en", "vi")]
    return write_docx(docs, DocxOptions())


def _tags(data: bytes) -> list[str]:
    return [str(e.tag) for e in part(data, "word/document.xml").iter()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=names, form=st.sampled_from(["NFC", "NFD"]))
def test_any_organisation_name_is_text_in_word(raw: str, form: str) -> None:
    name = clean_line(unicodedata.normalize("NFD" if form == "NFD" else "NFC", raw))
    if not name or find_forbidden(name, multiline=False):
        return
    data = _docx_with_name(name)
    text = dump(data)
    assert text.count(typeset(name)) >= 2  # the signature, in each language
    # the letterhead, in the header of each language's first page, without a line
    # break inside the name (no-break spaces)
    headers = [m for m in members(data) if m.startswith("word/header")]
    shown = "".join("".join(part(data, m).itertext()) for m in headers)
    assert shown.count(typeset(name).replace(" ", "\u00a0")) == 2
    assert _tags(data) == _tags(_docx_with_name("Benign"))  # no element came from the data
    assert docx.Document(io.BytesIO(data)).paragraphs  # python-docx reads it back
