"""HTML: one self-contained page (inline CSS, print styles), every value escaped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from ..document import Document
from ..templating import html_environment
from .common import run_in_heading

ASSETS = Path(__file__).parent / "assets"
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _safe_url(url: str) -> bool:
    return url.lower().startswith(SAFE_SCHEMES)


def write(documents: Sequence[Document]) -> str:
    """A complete HTML page holding the documents, one article per language."""
    env = html_environment(ASSETS)
    template = env.get_template("letter.html.j2")
    first = documents[0].meta
    css = (ASSETS / "letter.css").read_text(encoding="utf-8")
    return template.render(
        documents=documents,
        title=" / ".join(dict.fromkeys(d.meta.title for d in documents)),
        lang=first.lang,
        authors=", ".join(first.authors),
        date=first.date.isoformat(),
        css=Markup(css),
        run_in_heading=run_in_heading,
        safe_url=_safe_url,
    )
