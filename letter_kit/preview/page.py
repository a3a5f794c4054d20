"""The preview's HTML: the page, and the two views it shows and that each save replaces
(the letter, or the problems that keep it from being composed).

The templates are in ``assets/``; the blocks of the letter are rendered by the HTML
writer's macros, so the preview shows a paragraph, a list or a note exactly as
``draft -f html`` writes it. Every value is escaped (autoescaping is on).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, display_path

if TYPE_CHECKING:
    from .view import LetterView

ASSETS = Path(__file__).parent / "assets"

# What the bar offers to download, drafted when asked for (a format, and its name).
DOWNLOADS: tuple[tuple[str, str], ...] = (("pdf", "PDF"), ("docx", "Word"), ("eml", "Email"))


def place(problem: Problem) -> str:
    """Where a problem is: ``file:line:column``, as the command line shows it."""
    if problem.file is None:
        return ""
    text = display_path(problem.file)
    if problem.line is not None:
        text += f":{problem.line}"
        if problem.column is not None:
            text += f":{problem.column}"
    return text


def _render(name: str, **values: Any) -> str:
    from ..composing.templating import html_environment
    from ..writers import html

    env = html_environment(ASSETS, html.ASSETS)
    # The preview shows no image (its page loads nothing but itself): names stand for logos.
    return env.get_template(name).render(
        place=place, safe_url=html.safe_url, image_url=None, **values
    )


def letter_html(view: LetterView) -> str:
    """The letter's view: where its translations stand, and its languages in columns."""
    return _render("preview-letter.html.j2", view=view)


def error_html(heading: str, problems: Sequence[Problem], warnings: Sequence[Problem]) -> str:
    """The errors' view: each problem at its place, with its hint."""
    return _render("preview-error.html.j2", heading=heading, problems=problems, warnings=warnings)


def page_html(
    *, letter_id: str, lang: str, title: str, version: int, view: str, nonce: str, live: bool
) -> str:
    """The whole page around a view. With ``live``, its script follows the server's
    updates; without, it is a page of its own (a download that failed)."""
    from markupsafe import Markup

    from ..writers import html

    css = (html.ASSETS / "letter.css").read_text(encoding="utf-8")
    css += (ASSETS / "preview.css").read_text(encoding="utf-8")
    script = (ASSETS / "preview.js").read_text(encoding="utf-8") if live else ""
    return _render(
        "preview-page.html.j2",
        letter_id=letter_id,
        lang=lang,
        snapshot={"title": title, "version": version, "html": Markup(view)},
        nonce=nonce,
        css=Markup(css),
        script=Markup(script),
        downloads=DOWNLOADS,
    )
