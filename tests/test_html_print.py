"""The HTML page in a real headless browser (Debian's chromium): on screen, and printed
to PDF as a reader's browser prints it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
import pytest

from .conftest import Cli
from .pages import page_texts
from .previewing import browser

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


@pytest.fixture(scope="module")
def chromium() -> Iterator[BrowserContext]:
    with browser() as context:
        yield context


def _open(context: BrowserContext, cli: Cli, folder: Path, *args: str) -> tuple[Page, list[str]]:
    """``letterkit draft ARGS -f html`` opened in a tab; and every address it asked for."""
    path = folder / "letter.html"
    result = cli("draft", *args, "-f", "html", "-o", str(path))
    assert result.code == 0, result.err
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page, asked


def test_the_page_loads_nothing_and_sets_the_pdfs_typeface(
    chromium: BrowserContext, cli: Cli, tmp_path: Path
) -> None:
    page, asked = _open(chromium, cli, tmp_path, "harris-2021")
    page.set_viewport_size({"width": 900, "height": 1000})
    shot = page.screenshot(path=str(tmp_path / "harris-2021.png"))
    assert shot.startswith(b"\x89PNG")
    # nothing from the network: only the page itself (its images and fonts are in it)
    assert [url for url in asked if not url.startswith("data:")] == [page.url]
    # its logos are shown, and the text is set in Libertinus Serif, the PDF's typeface
    logos = page.locator("section.letterhead img.logo")
    assert logos.count() == 4  # two organisations, in each language
    assert all(logos.nth(i).evaluate("img => img.naturalWidth > 0") for i in range(4))
    assert page.evaluate("document.fonts.check('12pt \"Libertinus Serif\"', 'Mạng Lưới')")
    faces = page.evaluate(
        "[...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)"
    )
    assert set(faces) == {"Libertinus Serif"} and len(faces) >= 2


def test_printed_it_follows_the_paper_and_keeps_the_closing_with_the_signatures(
    chromium: BrowserContext, cli: Cli, tmp_path: Path
) -> None:
    page, _ = _open(chromium, cli, tmp_path, "market-economy-2024", "--paper", "a4")
    assert page.locator(".draft-mark").is_visible()  # at the top of the page on screen
    pdf = page.pdf(prefer_css_page_size=True)
    (tmp_path / "printed.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    boxes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert boxes == {(595, 842)}  # A4, as the paper says
    pages = page_texts(pdf)
    assert len(pages) == 4  # each language from a new page, two pages each
    # the draft mark at the top of every printed page, in both languages
    assert all(p.startswith("DRAFT · B") and "NHÁP" in p for p in pages)
    # the closing on the page of the signatures
    closing = next(p for p in pages if "Respectfully," in p)
    assert "Viet Tan" in closing.split("Respectfully,")[1]
    letter_size = _open(chromium, cli, tmp_path, "harris-2021")[0].pdf(prefer_css_page_size=True)
    first = pypdf.PdfReader(io.BytesIO(letter_size)).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (612, 792)  # US Letter
    assert not any("DRAFT" in p for p in page_texts(letter_size))  # a sent letter
