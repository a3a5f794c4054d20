"""Two languages side by side: everything paired by what it is, never by position."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letter_kit import DraftOptions, compose, draft, load_workspace
from letter_kit.document import Emph, Paragraph, Text
from letter_kit.writers.pairing import pair_blocks

from .conftest import Cli, snapshot
from .test_writers_pdf import pdf_text

BIDEN = Path("data/letters/biden-2023.yaml")
PARALLEL = DraftOptions(fmt="pdf", languages=("en", "vi"), layout="parallel")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Signatories in alphabetical order ----------------------------------------------------

# biden-2023's signatories alphabetically by their English names, each with its
# Vietnamese name. Alphabetically by their Vietnamese names they would come in another
# order (ACAT Bỉ, ACAT Đức, ACAT Hoa Kỳ, ACAT Pháp ...).
ALPHABETICAL = [
    ("ACAT Belgium (Action by Christians for the Abolition of Torture)",
     "ACAT Bỉ (Hành động của các Kitô hữu vì việc Bãi bỏ Tra tấn)"),
    ("ACAT France (Action by Christians for the Abolition of Torture)",
     "ACAT Pháp (Hành động của các Kitô hữu vì việc Bãi bỏ Tra tấn)"),
    ("ACAT Germany (Action by Christians for the Abolition of Torture)",
     "ACAT Đức (Hành động của các Kitô hữu vì việc Bãi bỏ Tra tấn)"),
    ("ACAT Spain-Catalonia (Action by Christians for the Abolition of Torture)",
     "ACAT Tây Ban Nha – Catalonia (Hành động của các Kitô hữu vì việc Bãi bỏ Tra tấn)"),
    ("ACAT USA (Action by Christians for the Abolition of Torture)",
     "ACAT Hoa Kỳ (Hành động của các Kitô hữu vì việc Bãi bỏ Tra tấn)"),
    ("Brotherhood For Democracy", "Hội Anh Em Dân Chủ"),
    ("COSUNAM – Swiss Vietnam Committee", "COSUNAM – Ủy ban Việt Nam tại Thụy Sĩ"),
    ("Destination Justice", None),  # the same name in Vietnamese: not repeated
    ("Reporters Without Borders (RSF)", "Phóng viên Không Biên giới (RSF)"),
    ("Transitional Justice Working Group (TJWG)", "Nhóm Công tác Công lý Chuyển tiếp (TJWG)"),
    ("Viet Tan", "Việt Tân"),
    ("In personal capacity", None),
    ("Ms Claire Doran member of the International Board of FIACAT",
     "Bà Claire Doran thành viên Ban Điều hành Quốc tế của FIACAT"),
    ("Mr. Jean-Daniel Vigny member of the International Board of FIACAT",
     "Ông Jean-Daniel Vigny thành viên Ban Điều hành Quốc tế của FIACAT"),
]  # fmt: skip


def test_alphabetical_signatories_each_sit_above_their_own_translation(example: Path) -> None:
    _edit(example / BIDEN, "  order: as-listed\n", "  order: alphabetical\n")
    text = _flat(pdf_text(draft(load_workspace(example), "biden-2023", PARALLEL)))
    text = _flat(re.sub(r"\b\d+ / \d+\b", "", text))  # the page numbers between pages
    signatures = text[text.index("Yours sincerely, Trân trọng,") :]
    expected = " ".join(" ".join(n for n in pair if n) for pair in ALPHABETICAL)
    assert expected in signatures


def test_every_language_lists_the_signatories_in_the_order_of_the_first(example: Path) -> None:
    _edit(example / BIDEN, "  order: as-listed\n", "  order: alphabetical\n")
    ws = load_workspace(example)
    signers = [pair for pair in ALPHABETICAL if pair[0] != "In personal capacity"]
    for lang, names in (("en", [en for en, _ in signers]),
                        ("vi", [vi or en for en, vi in signers])):  # fmt: skip
        doc = compose(ws, "biden-2023", lang)
        signed = [
            _flat(" ".join(t.text for t in _texts(b)))
            for part in doc.parts_with("signatures")
            for b in part.blocks
            if isinstance(b, Paragraph)
        ]
        assert signed == names


def _texts(block: Paragraph) -> list[Text]:
    out: list[Text] = []

    def walk(nodes: list[object]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                out.append(node)
            elif hasattr(node, "children"):
                walk(node.children)
            elif node.__class__.__name__ == "LineBreak":
                out.append(Text(" "))

    walk(list(block.inlines))
    return out


# Paragraphs that do not pair ----------------------------------------------------------

DROPPED = (
    "data/letters/biden-2023.yaml:91:5: body.vi: en has 9 paragraphs, vi has 8; en paragraph 4 "
    "(line 33) has no vi translation: vi paragraph 4 (line 91) pairs with en paragraph 5 "
    "(line 41)?\n"
    "  hint: give each en paragraph its vi translation (a blank line between paragraphs), "
    "or declare how they pair under 'alignment:'\n"
)


def _drop_vi_paragraph_4(example: Path) -> None:
    path = example / BIDEN
    text = path.read_text(encoding="utf-8")
    start = text.index("    Quyền bào chữa")
    path.write_text(text[:start] + text[text.index("    Điều kiện giam giữ") :], "utf-8")


def test_a_dropped_paragraph_is_named_in_both_languages(example: Path, cli: Cli) -> None:
    _drop_vi_paragraph_4(example)
    result = cli("check", cwd=example)
    assert (result.code, result.out, result.err) == (65, "", DROPPED)


def test_the_parallel_layout_refuses_paragraphs_that_do_not_pair(example: Path, cli: Cli) -> None:
    _drop_vi_paragraph_4(example)
    before = snapshot(example)
    target = example / "out.pdf"
    result = cli("draft", "biden-2023", "--layout", "parallel", "-f", "pdf", "-o", str(target),
                 cwd=example)  # fmt: skip
    assert (result.code, result.err) == (65, DROPPED)
    assert snapshot(example) == before
    # one language after the other, each paragraph in its own column: still fine
    assert cli("draft", "biden-2023", "-f", "pdf", "-o", str(target), cwd=example).code == 0


def _join_vi_paragraphs_5_and_6(example: Path) -> None:
    path = example / BIDEN
    text = path.read_text(encoding="utf-8")
    at = text.index("    Trên mạng, nhà cầm quyền")
    path.write_text(text[: at - 1] + text[at:], encoding="utf-8")


def test_joined_paragraphs_are_refused_with_the_alignment_that_declares_them(
    example: Path, cli: Cli
) -> None:
    _join_vi_paragraphs_5_and_6(example)
    result = cli("check", cwd=example)
    assert result.code == 65
    assert result.err == (
        "data/letters/biden-2023.yaml:98:5: body.vi: en has 9 paragraphs, vi has 8; vi "
        "paragraph 5 (line 98) translates en paragraphs 5 and 6 (lines 41 and 46)?\n"
        "  hint: if the vi text joins or splits paragraphs on purpose, say so in the letter: "
        "'alignment: {vi: {body: [1, 2, 3, 4, 5-6, 7, 8, 9]}}'\n"
    )


def test_declared_joined_paragraphs_sit_beside_the_paragraph_that_joins_them(
    example: Path, cli: Cli
) -> None:
    _join_vi_paragraphs_5_and_6(example)
    with (example / BIDEN).open("a", encoding="utf-8") as out:
        out.write("\nalignment:\n  vi:\n    body: [1, 2, 3, 4, 5-6, 7, 8, 9]\n")
    assert cli("check", cwd=example).code == 0
    text = _flat(pdf_text(draft(load_workspace(example), "biden-2023", PARALLEL)))
    # The row holds en 5 and en 6 on the left, the one vi paragraph on the right;
    # the next row starts with en 7 and its translation.
    en5, en6 = text.index("Conditions of detention"), text.index("Online, the authorities")
    vi56, en7 = text.index("Điều kiện giam giữ"), text.index("Article 25 of Vietnam")
    assert en5 < en6 < vi56 < en7 < text.index("Dù Điều 25 Hiến pháp")


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ("[1, 2, 3, 4, 5-6, 7, 8]",
         "alignment.vi.body: lists 7 paragraphs of the vi body, which has 8"),
        ("[1, 2, 3, 4, 5-6, 7, 9, 8]",
         "alignment.vi.body: names the en paragraphs each vi paragraph translates: en "
         "paragraphs 1 to 9 in order, each once, or twice in a row for one split in two"),
    ],
    ids=["too few", "out of order"],
)  # fmt: skip
def test_an_alignment_that_does_not_fit_is_located(
    declared: str, message: str, example: Path, cli: Cli
) -> None:
    _join_vi_paragraphs_5_and_6(example)
    with (example / BIDEN).open("a", encoding="utf-8") as out:
        out.write(f"\nalignment:\n  vi:\n    body: {declared}\n")
    result = cli("check", cwd=example)
    assert result.code == 65
    assert re.fullmatch(r"data/letters/biden-2023\.yaml:178:5: " + re.escape(message)
                        + r"\n  hint: .*\n", result.err)  # fmt: skip


def test_a_heading_translated_as_a_paragraph_is_named(example: Path, cli: Cli) -> None:
    _edit(
        example / BIDEN,
        "    As you prepare to visit",
        "    ## A visit\n\n    As you prepare to visit",
    )
    _edit(
        example / BIDEN,
        "    Nhân dịp Ngài chuẩn bị",
        "    Chuyến thăm\n\n    Nhân dịp Ngài chuẩn bị",
    )
    result = cli("check", cwd=example)
    assert result.code == 65
    assert result.err.startswith(
        "data/letters/biden-2023.yaml:75:5: body.vi: en paragraph 1 (line 16) is a heading, "
        "its vi translation is a paragraph\n"
    )


# Pairing by key -----------------------------------------------------------------------


def _p(text: str, key: str | None = None) -> Paragraph:
    return Paragraph([Text(text)], key=key)


def _texts_of(rows: list[tuple[list[object], list[object]]]) -> list[tuple[list[str], list[str]]]:
    def text(block: object) -> str:
        assert isinstance(block, Paragraph)
        return "".join(t.text for t in block.inlines if isinstance(t, Text))

    return [([text(b) for b in ours], [text(b) for b in theirs]) for ours, theirs in rows]


def test_blocks_pair_by_key_whatever_their_order_and_number() -> None:
    left = [_p("Heading"), _p("A", "s.0"), _p("B", "s.1"), _p("C", "s.2"), _p("D", "b.3")]
    right = [_p("Titre"), _p("b'", "s.1"), _p("a'", "s.0"), _p("cd'", "s.2 b.3")]
    rows = pair_blocks(left, right)
    assert _texts_of(rows) == [  # type: ignore[arg-type]
        (["Heading"], ["Titre"]),
        (["A"], ["a'"]),
        (["B"], ["b'"]),
        (["C", "D"], ["cd'"]),
    ]


def test_a_split_paragraph_is_one_row() -> None:
    rows = pair_blocks(
        [_p("A", "x.1"), _p("B", "x.2")], [_p("a1", "x.1"), _p("a2", "x.1"), _p("b", "x.2")]
    )
    assert _texts_of(rows) == [(["A"], ["a1", "a2"]), (["B"], ["b"])]  # type: ignore[arg-type]


def test_emphasis_at_the_start_of_a_paragraph_survives_its_key(minimal: Path) -> None:
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    _edit(letter, "We write about", "*(Urgent)* We write about")
    body = compose(load_workspace(minimal), "test-letter", "en").parts_with("body")[0]
    first = body.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.key == "body.1"
    assert first.inlines[0] == Emph([Text("(Urgent)")])
