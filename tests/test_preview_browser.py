"""``letterkit preview`` in a real headless browser: the letter side by side, following
each save without a reload, errors at their place, and back once fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import Cli
from .previewing import Running, browser, previewing

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

LETTER = Path("data/letters/harris-2021.yaml")
WAIT_MS = 10_000  # a save shows within a second; a busy test machine gets more


@pytest.fixture(scope="module")
def chromium() -> Iterator[BrowserContext]:
    with browser() as context:
        yield context


def _open(context: BrowserContext, running: Running) -> tuple[Page, list[str]]:
    """The preview in a new tab, once it follows the server; and every address the
    tab asks for."""
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(running.url)
    page.wait_for_selector('#live[data-state="live"]', timeout=WAIT_MS)
    page.evaluate("window.notReloaded = true")  # gone if the page were loaded again
    return page, asked


def _shows(page: Page, text: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('view').innerText.includes(text)", arg=text,
        timeout=WAIT_MS,
    )  # fmt: skip


def _edit(root: Path, old: str, new: str, *, rename: bool = False) -> str:
    """Replace text in the letter file, in place or as editors that save by renaming
    a new file over the old one do; the file's text before."""
    path = root / LETTER
    before = path.read_text(encoding="utf-8")
    assert old in before
    _save(path, before.replace(old, new), rename=rename)
    return before


def _save(path: Path, text: str, *, rename: bool = False) -> None:
    if rename:
        new = path.with_name(f".{path.name}.tmp")
        new.write_text(text, encoding="utf-8")
        new.replace(path)
    else:
        path.write_text(text, encoding="utf-8")


def test_both_languages_side_by_side_block_by_block(
    example: Path, chromium: BrowserContext
) -> None:
    with previewing(example, "harris-2021") as running:
        page, asked = _open(chromium, running)
        heads = page.locator(".row.heads .cell")
        assert heads.all_text_contents() == ["English", "Tiếng Việt"]
        # The second paragraph of the body beside its translation, starting level.
        en, vi = page.locator('.row[data-key="body.2"] .cell').all()
        assert (en.get_attribute("lang"), vi.get_attribute("lang")) == ("en", "vi")
        assert en.inner_text().startswith("Our report on human rights in Vietnam for 2020–2021")
        assert "Báo cáo về nhân quyền tại Việt Nam giai đoạn 2020–2021" in vi.inner_text()
        assert en.bounding_box()["y"] == vi.bounding_box()["y"]  # type: ignore[index]
        signer = page.locator('.row[data-key="signer.0"]').inner_text()
        assert "Tung B Nguyen" in signer and "Nguyễn Bá Tùng" in signer
        notes = page.locator(".notes-row").inner_text()
        assert "Notes" in notes and "Chú thích" in notes
        assert page.title() == (
            "Protecting Human Rights Activists in Vietnam / "
            "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam"
        )
        # Nothing was loaded from anywhere but the preview itself.
        origin = running.url.split(running.token)[0]
        assert asked and all(url.startswith(origin) for url in asked), asked


def test_a_save_shows_without_a_reload(example: Path, chromium: BrowserContext) -> None:
    with previewing(example, "harris-2021") as running:
        page, asked = _open(chromium, running)
        _edit(example, "journey to Asia.", "journey to Hanoi.")
        _shows(page, "We wish you a safe and successful journey to Hanoi.")
        _edit(example, "journey to Hanoi.", "journey to Singapore.", rename=True)
        _shows(page, "We wish you a safe and successful journey to Singapore.")
        assert "journey to Asia" not in page.inner_text("#view")
        assert page.evaluate("window.notReloaded") is True
        # One event stream carried both saves: the page does not ask again and again.
        assert [url for url in asked if "/events" in url] == [f"{running.url}events?since=1"]


def test_a_broken_file_shows_where_until_it_is_fixed(
    example: Path, chromium: BrowserContext, cli: Cli
) -> None:
    with previewing(example, "harris-2021") as running:
        page, _ = _open(chromium, running)
        before = _edit(example, "kind: open-letter\n", "kind: open-letter\nstatus sent\n")
        page.wait_for_selector('[data-view="error"]', timeout=WAIT_MS)
        assert page.inner_text(".error-view h1") == "harris-2021 cannot be shown"
        # The problem as every command reports it: where, what, and what to do.
        assert page.locator(".problem").count() == 1
        assert page.inner_text(".problem .place") == "data/letters/harris-2021.yaml:4:1"
        assert page.inner_text(".problem .message") == "invalid YAML: could not find expected ':'"
        assert page.inner_text(".problem .hint") == (
            "hint: check the YAML syntax here; text with special characters (: # [ { ') "
            "needs quotes"
        )
        checked = cli("check", cwd=example)
        assert checked.err.startswith(
            "data/letters/harris-2021.yaml:4:1: invalid YAML: could not find expected ':'\n"
            "  hint: check the YAML syntax here;"
        )
        assert page.title() == "error – harris-2021"
        _save(example / LETTER, before, rename=True)
        page.wait_for_selector('[data-view="letter"]', timeout=WAIT_MS)
        _shows(page, "We wish you a safe and successful journey to Asia.")
        assert page.evaluate("window.notReloaded") is True


def test_a_template_error_shows_where(example: Path, chromium: BrowserContext) -> None:
    template = example / "templates/open-letter/letter.md.j2"
    before = template.read_text(encoding="utf-8")
    with previewing(example, "harris-2021") as running:
        page, _ = _open(chromium, running)
        template.write_text(before.replace("{{ letter.title }}", "{{ letter.tilte }}", 1))
        page.wait_for_selector('[data-view="error"]', timeout=WAIT_MS)
        where = page.inner_text(".problem .where")
        assert where.startswith("templates/open-letter/letter.md.j2:")
        assert "tilte" in page.inner_text(".problem .message")
        template.write_text(before)
        page.wait_for_selector('[data-view="letter"]', timeout=WAIT_MS)


def test_every_tab_follows(example: Path, chromium: BrowserContext) -> None:
    with previewing(example, "harris-2021") as running:
        pages = [_open(chromium, running)[0] for _ in range(3)]
        _edit(example, "journey to Asia.", "journey to Huế.")
        for page in pages:
            _shows(page, "journey to Huế.")


def test_the_state_of_each_translation_is_marked(
    example: Path, chromium: BrowserContext, cli: Cli
) -> None:
    assert cli("translate", "mark", "harris-2021", "-l", "vi", cwd=example).code == 0
    with previewing(example, "harris-2021") as running:
        page, _ = _open(chromium, running)
        assert page.locator(".status .chip").all_inner_texts() == ["6 up to date"]
        assert page.locator('.row[data-key="body.2"] .cell[lang="vi"] summary').inner_text() == (
            "up to date"
        )
        _edit(example, "documents a government that", "shows a government that")
        _edit(example, "vi: Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam", "vi: TODO")
        _shows(page, "1 stale")
        _shows(page, "1 missing")
        stale = page.locator('.row[data-key="body.2"] .cell[lang="vi"]')
        assert stale.get_attribute("class") == "cell state-stale"
        assert stale.locator("summary").inner_text() == "stale"
        missing = page.locator('.row[data-role="title"] .cell[lang="vi"]')
        assert missing.get_attribute("class") == "cell state-missing"
        assert page.locator(".status .chip").all_inner_texts() == [
            "4 up to date", "1 stale", "1 missing",
        ]  # fmt: skip
        pending = page.locator(".status .pending li").all_inner_texts()
        assert pending == [
            "missing title data/letters/harris-2021.yaml:10",
            "stale body, paragraph 2 data/letters/harris-2021.yaml:37",
        ]
        stale.locator("summary").click()
        assert stale.locator(".changed").inner_text() == (
            "en changed: … rights in Vietnam for 2020–2021 [-documents-]{+shows+} a "
            "government that continues to …"
        )


def test_one_language_after_the_other(example: Path, chromium: BrowserContext) -> None:
    with previewing(example, "biden-2023", "--layout", "sequential") as running:
        page, _ = _open(chromium, running)
        sheets = page.locator(".sheet")
        assert [sheets.nth(n).get_attribute("data-langs") for n in range(2)] == ["en", "vi"]
        assert sheets.nth(0).locator(".cell.head").inner_text().lower() == "english"
        # The translation's blocks are marked, the original's are not.
        assert sheets.nth(0).locator(".mark").count() == 0
        marks = sheets.nth(1).locator(".mark summary").all_inner_texts()
        assert marks and set(marks) == {"untracked"}
        english = sheets.nth(0).inner_text()
        assert "Re: A strategic partner of the United States must respect human rights" in english


def test_a_tab_in_the_background_catches_up(example: Path, chromium: BrowserContext) -> None:
    hide = """hidden => {
        Object.defineProperty(document, "hidden", {value: hidden, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    with previewing(example, "harris-2021") as running:
        page, asked = _open(chromium, running)
        page.evaluate(hide, True)  # the tab goes to the background: its connection is closed
        assert page.inner_text("#live") == "paused"
        _edit(example, "journey to Asia.", "journey to Đà Nẵng.")
        page.wait_for_timeout(1500)
        assert "journey to Asia." in page.inner_text("#view")
        page.evaluate(hide, False)  # back: it is sent what it missed
        _shows(page, "journey to Đà Nẵng.")
        assert page.inner_text("#live") == "live"
        assert [url for url in asked if "/events" in url] == [
            f"{running.url}events?since=1", f"{running.url}events?since=1",
        ]  # fmt: skip
        assert page.evaluate("window.notReloaded") is True
