"""Pages that look like the organisation's own letter: the letterhead's logos, the
draft mark on every page, each language version numbered on its own, the short title
in the footer, the conventions of French letters, signature images; in the PDF and in
Word."""

from __future__ import annotations

import io
import re
import shutil
from functools import cache
from pathlib import Path

import docx
import pypdf

from letter_kit import DraftOptions, Workspace, draft, load_workspace

from .conftest import FIXTURES, ROOT, Cli
from .docx_reading import W, members, part
from .pages import fill_colours, page_png, page_texts, xobjects

SHAPES = FIXTURES / "shapes"
DRAFT = "DRAFT · BẢN NHÁP"


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


@cache
def _shapes() -> Workspace:
    return load_workspace(SHAPES)


def _pdf(ws: Workspace, letter: str, **options: object) -> bytes:
    return draft(ws, letter, DraftOptions(fmt="pdf", **options))  # type: ignore[arg-type]


def _footer(page: str) -> str:
    """The page number at the end of a page's text ("2 / 3"), or ""."""
    found = re.search(r"(\d+ / \d+)$", page)
    return found.group(1) if found else ""


def test_each_language_version_numbers_its_own_pages_and_a_draft_says_so_on_each() -> None:
    pages = page_texts(_pdf(_example(), "market-economy-2024"))
    assert [p.startswith(DRAFT + " ") for p in pages] == [True] * 4
    assert [_footer(p) for p in pages] == ["1 / 2", "2 / 2", "1 / 2", "2 / 2"]
    assert pages[2].startswith(DRAFT + " Việt Tân")  # the Vietnamese version from page 3


def test_a_one_page_version_has_no_number_and_a_sent_letter_no_mark() -> None:
    pages = page_texts(_pdf(_example(), "harris-2021"))
    assert len(pages) == 2  # one page in each language
    assert [_footer(p) for p in pages] == ["", ""]
    assert not any("DRAFT" in p or "BẢN NHÁP" in p for p in pages)


def test_side_by_side_the_pages_are_numbered_once() -> None:
    pages = page_texts(_pdf(_example(), "biden-2023", layout="parallel"))
    count = len(pages)
    assert [_footer(p) for p in pages] == [f"{n} / {count}" for n in range(1, count + 1)]


def test_the_short_title_is_in_the_footer_of_every_page() -> None:
    pages = page_texts(_pdf(_example(), "human-rights-day-2024"))
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Vietnam Human Rights Day 2024 {number} / 2")


def test_a_proof_of_a_draft_has_no_mark(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "proof.pdf"
    result = cli("draft", "market-economy-2024", "-f", "pdf", "--no-draft-mark", "-o", str(out))
    assert result.code == 0, result.err
    assert not any("DRAFT" in p or "NHÁP" in p for p in page_texts(out.read_bytes()))
    html = cli("draft", "market-economy-2024", "-f", "html", "--no-draft-mark").out
    assert '<div class="draft-mark"' not in html and "@top-center" not in html
    mail = cli("draft", "market-economy-2024", "-f", "eml", "--no-draft-mark").out
    assert "DRAFT" not in mail
    marked = cli("draft", "market-economy-2024", "-f", "txt").out
    assert marked.startswith(f"{DRAFT}\n\nViet Tan\n")


def test_a_final_letter_carries_no_mark(example: Path) -> None:
    letter = example / "data" / "letters" / "market-economy-2024.yaml"
    letter.write_text(letter.read_text("utf-8").replace("status: draft", "status: final"))
    pages = page_texts(_pdf(load_workspace(example), "market-economy-2024"))
    assert not any("DRAFT" in p for p in pages)


VNHRN, DTD, ACAT, VIET_TAN = "#1f4e79", "#8a1c1c", "#5b2a86", "#c62828"  # the logos' colours


def test_the_letterhead_shows_each_lead_organisations_logo() -> None:
    # an SVG logo is drawn on the page: its colours show it
    harris = fill_colours(_pdf(_example(), "harris-2021"))
    assert [{VNHRN, DTD} <= page for page in harris] == [True, True]  # on each version
    row = fill_colours(_pdf(_example(), "biden-2023", layout="parallel"))
    assert {ACAT, VIET_TAN} <= row[0]  # every signing organisation, in a row
    assert not any(ACAT in page for page in row[1:])
    # a PNG logo is a picture of its own (an XObject), at its size in pixels
    assert xobjects(_pdf(_shapes(), "sections", languages=["en"]))[0] == [("/Image", 120, 48)]


def test_the_first_page_looks_like_a_letterhead(tmp_path: Path) -> None:
    """Page 1 as a reader sees it: the VNHRN logo's blue in the top fifth of the page,
    and not below (pdftoppm draws it; the PNG is kept in the test's folder)."""
    image = page_png(_pdf(_example(), "harris-2021"), 1, dpi=40)
    (tmp_path / "harris-2021-1.png").write_bytes(image)
    ppm = page_png(_pdf(_example(), "harris-2021"), 1, dpi=40, fmt="ppm")
    width, height, pixels = _ppm(ppm)
    blue = bytes((0x1F, 0x4E, 0x79))
    rows = [y for y in range(height) if blue in _row(pixels, width, y)]
    assert image.startswith(b"\x89PNG") and rows
    assert max(rows) < height // 5


def _ppm(data: bytes) -> tuple[int, int, bytes]:
    head = data.split(b"\n", 3)
    width, height = (int(n) for n in head[1].split())
    return width, height, head[3]


def _row(pixels: bytes, width: int, y: int) -> list[bytes]:
    start = y * width * 3
    return [pixels[start + x * 3 : start + x * 3 + 3] for x in range(width)]


def test_a_french_letter_puts_the_address_right_then_the_date_then_the_subject() -> None:
    pdf = _pdf(_shapes(), "lettre")
    (text,) = page_texts(pdf)
    assert text.index("Monsieur Jan Novak") < text.index("1er août 2024") < text.index("Objet")
    places = _starts(pdf)
    half = float(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width) / 2
    assert places["Monsieur Jan Novak"] > half - 5  # the address block in the right half
    assert places["Prague"] == places["Monsieur Jan Novak"]  # its lines flush left
    assert places["Objet"] < half / 2  # the subject on the left
    assert places["Trần Thị Lan"] > half - 5  # and the signatures on the right


def _starts(pdf: bytes) -> dict[str, float]:
    """Where each line of the first page starts (its left edge, in points)."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        line = " ".join(text.split())
        if line and line not in found:
            found[line] = cm[4] + tm[4]
            found.setdefault(line.split(" ")[0], cm[4] + tm[4])

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_signature_image_stands_above_the_name() -> None:
    pdf = _pdf(_shapes(), "lettre")
    # the Committee's logo (a PNG of 120 by 48) and Lan's signature (an SVG, in its ink)
    assert xobjects(pdf) == [[("/Image", 120, 48)]]
    assert "#1a237e" in fill_colours(pdf)[0] or "#1a237e" in _strokes(pdf)
    without = _pdf(load_workspace(SHAPES), "sections", languages=["en"])
    assert "#1a237e" in _strokes(without)


def _strokes(pdf: bytes) -> str:
    stream = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    text = stream.get_data().decode("latin-1") if stream is not None else ""
    found = re.findall(r"([0-9.]+) ([0-9.]+) ([0-9.]+) (?:RG|SCN)\b", text)
    return " ".join("#" + "".join(f"{round(float(v) * 255):02x}" for v in rgb) for rgb in found)


# Word ------------------------------------------------------------------------------------


def _docx(ws: Workspace, letter: str, **options: object) -> bytes:
    return draft(ws, letter, DraftOptions(fmt="docx", **options))  # type: ignore[arg-type]


def test_word_has_the_letterhead_and_the_draft_mark_in_its_headers() -> None:
    data = _docx(_example(), "market-economy-2024")
    document = docx.Document(io.BytesIO(data))
    assert len(document.sections) == 2  # one per language
    for section, name in zip(document.sections, ("VIET TAN", "VIỆT TÂN"), strict=True):
        first = section.first_page_header
        assert not first.is_linked_to_previous
        texts = [p.text for p in first._element.iter(f"{W}p")]
        assert texts[0] == DRAFT
        xml = first._element
        pictures = xml.findall(f".//{W}drawing")
        assert len(pictures) == 2  # the two lead organisations' logos
        names = "".join(xml.itertext()).upper()
        assert name in names.replace("\u00a0", " ")
    # every other page: the mark alone, in the header all sections share
    assert [p.text for p in document.sections[0].header.paragraphs] == [DRAFT]
    assert document.sections[1].header.is_linked_to_previous
    media = [m for m in members(data) if m.startswith("word/media/")]
    assert media and all(m.endswith(".png") for m in media)  # SVG logos drawn as PNG


def test_word_numbers_each_version_and_proofs_have_no_mark() -> None:
    data = _docx(_example(), "market-economy-2024", draft_mark=False)
    headers = [m for m in members(data) if m.startswith("word/header")]
    assert not any("DRAFT" in "".join(part(data, m).itertext()) for m in headers)
    footer = docx.Document(io.BytesIO(data)).sections[0].footer._element
    assert [t.text for t in footer.iter(f"{W}instrText")] == [" PAGE ", " SECTIONPAGES "]


def test_word_sets_a_french_letter_the_french_way() -> None:
    data = _docx(_shapes(), "lettre")
    body = part(data, "word/document.xml")
    paragraphs = list(body.iter(f"{W}p"))
    texts = ["".join(p.itertext()) for p in paragraphs]
    address = paragraphs[0]  # the address first, its lines one paragraph
    assert texts[0].startswith("Monsieur Jan Novak") and texts[1] == "1er août 2024"
    indent = address.find(f"{W}pPr/{W}ind")
    assert indent is not None and int(indent.get(f"{W}left") or 0) > 4000  # in the right half
    signed = [p for p in body.iter(f"{W}p") if p.find(f".//{W}drawing") is not None]
    assert len(signed) == 1  # Lan's signature, above her name


def test_a_workspace_without_assets_still_drafts(minimal: Path) -> None:
    shutil.rmtree(minimal / "assets", ignore_errors=True)
    assert _pdf(load_workspace(minimal), "test-letter").startswith(b"%PDF")
