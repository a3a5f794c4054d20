"""Letters of every shape, written in the data: headings, recipients as the letter
addresses them, cc lists, signer lines, signature blocks, letters without title or
subject, and a letter in French. Each drafted in every format (the shapes workspace in
tests/fixtures/shapes/ and the example letters)."""

from __future__ import annotations

import io
import re
import shutil
from email import message_from_bytes, policy
from functools import cache
from pathlib import Path

import docx
import pypdf
import pytest

from letter_kit import DraftOptions, Workspace, compose, draft, load_workspace, write_text
from letter_kit.document import Heading, Paragraph, plain_text
from letter_kit.errors import DataError
from letter_kit.reports.check import check_workspace

from .conftest import FIXTURES, GOLDEN, ROOT, Cli, check_golden
from .docx_reading import W, dump, paragraphs, part
from .test_writers_pdf import pdf_text

SHAPES = FIXTURES / "shapes"
NBSP, NARROW = "\u00a0", "\u202f"
DOCUMENTS = [("sections", "en"), ("sections", "vi"), ("lettre", "fr")]


@cache
def _shapes() -> Workspace:
    return load_workspace(SHAPES)


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "shapes"
    shutil.copytree(SHAPES, target)
    return target


# Every format, against golden files ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize(("letter", "lang"), DOCUMENTS)
def test_golden_shapes(letter: str, lang: str, fmt: str, update_golden: bool) -> None:
    out = write_text([compose(_shapes(), letter, lang)], fmt)
    check_golden(GOLDEN / f"shapes-{letter}.{lang}.{fmt}", out, update_golden)


@pytest.mark.parametrize(("letter", "langs"), [("sections", ("en", "vi")), ("lettre", ("fr",))])
def test_golden_shapes_pdf_and_word(
    letter: str, langs: tuple[str, ...], update_golden: bool
) -> None:
    stem = f"shapes-{letter}.{'-'.join(langs)}"
    pdf = draft(_shapes(), letter, DraftOptions(fmt="pdf", languages=langs))
    check_golden(GOLDEN / f"{stem}.pdf.txt", pdf_text(pdf), update_golden)
    word = draft(_shapes(), letter, DraftOptions(fmt="docx", languages=langs))
    check_golden(GOLDEN / f"{stem}.docx.txt", dump(word), update_golden)


# Headings -----------------------------------------------------------------------------


def test_numbered_headings_carry_their_numbers_in_every_format() -> None:
    ws = _shapes()
    for lang, detention in (("en", "Detention"), ("vi", "Giam giữ")):
        doc = compose(ws, "sections", lang)
        headings = [b for p in doc.parts for b in p.blocks if isinstance(b, Heading)]
        assert [(h.number, h.style) for h in headings] == [
            ("1.", "numbered"), ("1.1.", "numbered"), ("2.", "numbered"),
        ]  # fmt: skip
        assert f"## 1. {detention}\n" in write_text([doc], "md")
        assert f"1. {detention}\n" in write_text([doc], "txt")
        assert (
            f'<h2 class="numbered"><span class="number">1.</span> {detention}</h2>'
            in write_text([doc], "html")
        )
    pdf = pdf_text(draft(ws, "sections", DraftOptions(fmt="pdf")))
    assert "1. Detention" in pdf and "1.1. Far from home" in pdf and "2. Giam giữ" not in pdf
    assert "2. Xét xử" in pdf
    word = docx.Document(io.BytesIO(draft(ws, "sections", DraftOptions(fmt="docx"))))
    numbered = [p for p in word.paragraphs if (p.style.name or "").lower().startswith("heading")]  # type: ignore[union-attr]
    assert [p.text for p in numbered] == [
        "1. Detention", "1.1. Far from home", "2. Trials",
        "1. Giam giữ", "1.1. Xa gia đình", "2. Xét xử",
    ]  # fmt: skip
    # each stays on the page of the paragraph that follows it
    assert all(p._p.find(f"{W}pPr/{W}keepNext") is not None for p in numbered)


def test_a_heading_that_sets_itself_otherwise_runs_into_its_paragraph() -> None:
    doc = compose(_shapes(), "sections", "en")
    run_in = [b for b in doc.parts_with("body")[0].blocks if isinstance(b, Paragraph)][-1]
    assert plain_text(run_in.heading or []) == "What we ask."
    assert "**What we ask.** That every trial be public." in write_text([doc], "md")


@pytest.mark.parametrize(
    ("heading", "printed"),
    [("Press freedom", "Press freedom. Journalists"), ("Press freedom:", "Press freedom: Journalists"),
     ("Why?", "Why? Journalists")],
)  # fmt: skip
def test_a_run_in_heading_keeps_its_own_punctuation(
    heading: str, printed: str, tmp_path: Path
) -> None:
    root = _copy(tmp_path)
    letter = root / "data" / "letters" / "sections.yaml"
    text = letter.read_text(encoding="utf-8").replace("headings: numbered", "headings: run-in")
    text = text.replace("## Detention\n", f"## {heading}\n")
    letter.write_text(text, encoding="utf-8")
    out = write_text([compose(load_workspace(root), "sections", "en")], "txt")
    assert printed in " ".join(out.split())


def test_a_standalone_heading_stays_with_its_paragraph_across_pages(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    letter = root / "data" / "letters" / "sections.yaml"
    text = letter.read_text(encoding="utf-8").replace("headings: numbered", "headings: standalone")
    original = text.replace("    ## Trials\n", "    ## Closed trials\n")
    filler = "    A line of text that fills the page.\n\n"
    moved = set()
    for lines in range(8, 22):  # the heading moves from page 1 to page 2 in this range
        text = original.replace("    ## Closed trials\n", filler * lines + "    ## Closed trials\n")
        letter.write_text(text, encoding="utf-8")
        pdf = draft(load_workspace(root), "sections", DraftOptions(fmt="pdf", languages=["en"]))
        pages = [
            page.extract_text().splitlines() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
        ]
        (page,) = [n for n, rows in enumerate(pages) if "Closed trials" in rows]
        rows = pages[page]
        following = rows[rows.index("Closed trials") + 1]
        assert following.startswith("Trials last a day"), (lines, following)
        moved.add(page)
    assert moved == {0, 1}


def test_a_heading_set_otherwise_in_a_translation_is_an_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    letter = root / "data" / "letters" / "sections.yaml"
    text = letter.read_text(encoding="utf-8").replace("## Giam giữ\n", "## Giam giữ {.run-in}\n")
    letter.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_workspace(root)
    hint = (
        "\n  hint: a heading that ends with {.run-in}, {.standalone} or {.numbered} in one "
        "language must end so in every language"
    )
    where = f"{letter}:35:7: body.vi: the vi heading of body"
    # the headings after it are numbered otherwise too
    assert [p.format() for p in caught.value.problems] == [
        f"{where}, paragraph 2 is set run-in, but the en one numbered 1.{hint}",
        f"{where}, paragraph 4 is set numbered 1., but the en one numbered 1.1.{hint}",
        f"{where}, paragraph 6 is set numbered 1., but the en one numbered 2.{hint}",
    ]


# Recipients and cc ---------------------------------------------------------------------


def test_a_recipient_without_title_addressed_in_the_letters_own_way() -> None:
    doc = compose(_shapes(), "sections", "en")
    (recipient,) = doc.parts_with("recipient")
    assert plain_text(recipient.blocks[0].inlines) == (  # type: ignore[union-attr]
        "Office of the Special Rapporteur Palais Wilson Geneva"
    )
    assert "Dear Madam Special Rapporteur," in write_text([doc], "txt")
    # the record itself is unchanged: another letter addresses it as the record says
    assert _shapes().recipients["office"].salutation.get("en") == "Dear Special Rapporteur"


def test_the_cc_list_goes_where_the_letter_says() -> None:
    ws = _shapes()
    roles = [p.role for p in compose(ws, "sections", "vi").parts]
    assert roles.index("cc") == roles.index("recipient") + 1
    txt = write_text([compose(ws, "sections", "vi")], "txt")
    assert "Đồng kính gửi:\nBà Eva Svoboda, Thứ trưởng\n" in txt
    # by default after the signature block, each entry "Honorific Name, Title"
    example = compose(_example(), "market-economy-2024", "en")
    roles = [p.role for p in example.parts]
    assert roles[roles.index("cc") - 1] == "signatures"
    assert "cc:\nThe Honorable Joseph R. Biden, Jr., President of the United States\n" in (
        write_text([example], "txt")
    )


# Signers and signatures ----------------------------------------------------------------


def test_signer_lines_read_as_written() -> None:
    txt = write_text([compose(_shapes(), "sections", lang) for lang in ("en", "vi")], "txt")
    assert "Trần Thị Lan\nPresident of the Committee for Fair Trials\n" in txt
    assert "Trần Thị Lan\nChủ tịch Ủy ban vì Xét xử Công bằng\n" in txt
    assert "Lê Văn Minh\nDirector, Free Press Group (Prague office)\n" in txt
    assert "Lê Văn Minh\nGiám đốc, Nhóm Báo chí Tự do (văn phòng Praha)\n" in txt
    # the signer's own line keeps the organisation: it heads the letter (a draft)
    assert txt.startswith(
        "DRAFT · BẢN NHÁP\n\nCommittee for Fair Trials\n12 Rue du Rhône, Geneva\n\n"
        "Free Press Group\noffice@free.example\n"
    )
    harris = write_text([compose(_example(), "harris-2021", "en")], "txt")
    assert "Tung B Nguyen\nPresident of the Vietnam Human Rights Network\n" in harris


def test_signatures_in_a_list_with_room_to_sign_in_every_format() -> None:
    ws = _shapes()
    doc = compose(ws, "sections", "en")
    (signatures,) = doc.parts_with("signatures")
    assert signatures.attrs == {
        "tier": "organization", "shape": "list", "handwritten": "yes", "align": "left"
    }  # fmt: skip
    html = write_text([doc], "html")
    assert 'data-shape="list" data-handwritten="yes" data-align="left">' in html
    data = draft(ws, "sections", DraftOptions(fmt="docx", languages=["en"]))
    paras, _ = paragraphs(data)
    signers = [p for p in paras if p.style == "Signature"]
    # not in a table: one under the other; Lan signs with the image of her signature
    assert [(p.column, p.text.split("\n")[0]) for p in signers] == [
        (None, ""), (None, "Trần Thị Lan"), (None, "Lê Văn Minh"),
    ]  # fmt: skip
    body = part(data, "word/document.xml")
    spacing = [s.get(f"{W}before") for s in body.iter(f"{W}spacing")]
    assert spacing == ["240", "1080"]  # above her signature; room above Minh's name
    # a short block is kept on one page: each signer keeps with the next
    keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in body.iter(f"{W}p")
             if p.find(f"{W}pPr/{W}spacing") is not None]  # fmt: skip
    assert keeps == [True, False]


def test_a_grid_of_signatures_is_a_table_in_word() -> None:
    data = draft(_example(), "market-economy-2024", DraftOptions(fmt="docx", languages=["en"]))
    paras, _ = paragraphs(data)
    assert [(p.column, p.text) for p in paras if p.style == "Signature"] == [
        (0, "Viet Tan"), (1, "Vietnam Human Rights Network"),
        (0, "Brotherhood For Democracy"), (1, "Defend the Defenders"),
    ]  # fmt: skip


# Letters without title or subject --------------------------------------------------------


def test_a_letter_without_title_or_subject_is_named_for_its_recipients() -> None:
    ws = _example()
    letter = ws.letters["market-economy-2024"]
    assert letter.title is None and letter.subject is None
    en = "Letter to Secretary of Commerce Gina M. Raimondo"
    vi = "Thư gửi Bộ trưởng Thương mại Gina M. Raimondo"
    assert [compose(ws, "market-economy-2024", lang).meta.title for lang in ("en", "vi")] == [
        en, vi,
    ]  # fmt: skip
    pdf = pypdf.PdfReader(io.BytesIO(draft(ws, "market-economy-2024", DraftOptions(fmt="pdf"))))
    assert pdf.metadata is not None and pdf.metadata.title == f"{en} / {vi}"
    word = docx.Document(io.BytesIO(draft(ws, "market-economy-2024", DraftOptions(fmt="docx"))))
    assert word.core_properties.title == f"{en} / {vi}"
    html = write_text([compose(ws, "market-economy-2024", "en")], "html")
    assert f"<title>{en}</title>" in html
    eml = message_from_bytes(draft(ws, "market-economy-2024", DraftOptions(fmt="eml")),
                             policy=policy.default)  # fmt: skip
    assert eml["Subject"] == f"{en} / {vi}"
    # no title and no subject parts
    assert {p.role for p in compose(ws, "market-economy-2024", "en").parts} & {
        "title", "subject"
    } == set()  # fmt: skip


def test_an_open_letter_may_have_a_subtitle(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    letter = root / "data" / "letters" / "lettre.yaml"
    text = letter.read_text(encoding="utf-8").replace(
        "subject:\n", "title:\n  fr: Lettre ouverte\nsubtitle:\n  fr: Sur les procès\nsubject:\n"
    )
    letter.write_text(text, encoding="utf-8")
    doc = compose(load_workspace(root), "lettre", "fr")
    # a French letter: the address on the right, then the date, then the title
    assert [p.role for p in doc.parts][:5] == [
        "letterhead", "recipient", "dateline", "title", "subtitle"
    ]  # fmt: skip
    assert "# Lettre ouverte\n\n*Sur les procès*\n" in write_text([doc], "md")


# French ----------------------------------------------------------------------------------


def test_french_typography_dates_and_signer_lines_in_every_format() -> None:
    ws = _shapes()
    doc = compose(ws, "lettre", "fr")
    expected = [
        f"Objet{NBSP}: Libérez les journalistes",
        f"des «{NBSP}procès{NBSP}» à huis clos{NBSP}: est-ce la justice{NARROW}?",
        f"l’ont dit{NARROW}; elles le répètent{NARROW}!",
        "1er août 2024",
        "Présidente du Comité pour des procès équitables",
        "Directeur du Groupe pour la presse libre",
    ]
    for fmt in ("md", "txt", "html"):
        out = re.sub(r"<[^>]+>|\*|\\\n", "", write_text([doc], fmt))  # markup, line breaks
        for text in expected:
            assert text in " ".join(out.split(" ")).replace("\n", " "), (fmt, text)
    pdf = pdf_text(draft(ws, "lettre", DraftOptions(fmt="pdf"))).replace("\n", " ")
    word = dump(draft(ws, "lettre", DraftOptions(fmt="docx")))
    for text in expected:
        assert text in word, text
        assert _spaced(text) in _spaced(pdf), text


def _spaced(text: str) -> str:
    """Text as a PDF gives it back: any space a space (no-break ones included)."""
    return " ".join(re.split(r"[\s\u00a0\u202f]+", text))


def test_quotes_are_the_same_in_every_format() -> None:
    ws = _shapes()
    outputs = {
        fmt: write_text([compose(ws, "sections", "en")], fmt) for fmt in ("md", "txt", "html")
    }
    outputs["pdf"] = pdf_text(draft(ws, "sections", DraftOptions(fmt="pdf", languages=["en"])))
    outputs["docx"] = dump(draft(ws, "sections", DraftOptions(fmt="docx", languages=["en"])))
    for fmt, out in outputs.items():
        assert "We write about “trials” that" in " ".join(out.split()), fmt
        assert '"' not in " ".join(re.findall(r"about .trials. that", out)), fmt


def test_check_passes_on_the_shapes_workspace(cli: Cli) -> None:
    result = cli("check", cwd=SHAPES)
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 2 letters in 3 documents")
    # the French catalog translates every phrase (lint's own warnings aside: the
    # letters are written with straight quotes, for letterkit to set)
    assert "letterkit.po" not in result.err


def test_each_copy_of_a_letter_without_title_is_named_for_its_recipient(tmp_path: Path) -> None:
    from letter_kit.drafting.copies import Copies

    root = _copy(tmp_path)
    letter = root / "data" / "letters" / "sections.yaml"
    text = letter.read_text(encoding="utf-8").replace(
        "recipients: [office]", "recipients: [office, deputy]"
    )
    letter.write_text(text.replace("cc: [deputy]\n", ""), encoding="utf-8")
    ws = load_workspace(root)
    assert compose(ws, "sections", "en").meta.title == (
        "Letter to Office of the Special Rapporteur and Eva Svoboda"
    )
    copies = Copies(ws, "sections", DraftOptions(fmt="md"), tmp_path)
    try:
        titles = [[d.meta.title for d in copies.documents(rid)] for rid in ("office", "deputy")]
    finally:
        copies.close()
    assert titles == [
        ["Letter to Office of the Special Rapporteur", "Thư gửi Văn phòng Báo cáo viên Đặc biệt"],
        ["Letter to Eva Svoboda", "Thư gửi Eva Svoboda"],
    ]
