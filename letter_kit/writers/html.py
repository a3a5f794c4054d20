"""HTML: one self-contained page (a style sheet with print styles), or the HTML part of an
email (inline styles only). Every value is escaped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from markupsafe import Markup

from ..composing.templating import html_environment
from ..document import Document, Role
from .shared import made

ASSETS = Path(__file__).parent / "assets"
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(url: str) -> bool:
    """Whether a link of the letter may be a link of the page (web and mail addresses)."""
    return url.lower().startswith(SAFE_SCHEMES)


def _once(obj: object, kind: str, render: Callable[..., Markup], *args: object) -> Markup:
    """``render(*args)`` (a macro of the templates) for a part or notes that many
    documents share: made once (see :mod:`.shared`)."""
    return made(f"html-{kind}", obj, partial(render, *args))


def _render(name: str, documents: Sequence[Document], **values: object) -> str:
    first = documents[0].meta
    return (
        html_environment(ASSETS)
        .get_template(name)
        .render(
            documents=documents,
            title=" / ".join(dict.fromkeys(d.meta.title for d in documents)),
            lang=first.lang,
            authors=", ".join(first.authors),
            date=first.date.isoformat(),
            safe_url=safe_url,
            once=_once,
            **values,
        )
    )


def write(documents: Sequence[Document]) -> str:
    """A complete HTML page holding the documents, one article per language."""
    css = (ASSETS / "letter.css").read_text(encoding="utf-8")
    return _render("letter.html.j2", documents, css=Markup(css))


# Inline styles of the email: for each element, then what each part's role changes.
_EMAIL_BASE = {
    "p": "margin:0 0 14px 0;",
    "a": "color:#1f3a5f;",
    "h1": "font-size:20px;text-align:center;margin:0 0 18px 0;",
    "h2": "font-size:16px;margin:20px 0 10px 0;",
    "h3": "font-size:16px;font-style:italic;font-weight:normal;margin:14px 0 6px 0;",
    "ol": "margin:0 0 14px 0;padding-left:28px;",
    "ul-dash": "margin:0 0 14px 0;padding-left:28px;list-style-type:square;",
    "ul-bullet": "margin:0 0 14px 0;padding-left:28px;",
    "li": "margin:0 0 8px 0;",
    "blockquote": "margin:0 0 14px 0;padding-left:14px;border-left:3px solid #cccccc;",
    "hr": "border:0;border-top:1px solid #999999;",
    "sup": "line-height:0;",
}
_EMAIL_ROLES = {
    Role.LETTERHEAD: {"p": "margin:0;text-align:center;font-weight:bold;letter-spacing:0.03em;"},
    Role.DATELINE: {"p": "margin:16px 0 16px 0;text-align:right;"},
    Role.RECIPIENT: {"p": "margin:0 0 16px 0;"},
    Role.SUBJECT: {"p": "margin:0 0 16px 0;font-weight:bold;"},
    Role.SIGNATURES: {"p": "margin:0 0 10px 0;"},
    Role.UNLISTED: {"p": "margin:0 0 10px 0;font-style:italic;"},
    "notes": {"p": "margin:0;"},  # the notes are not a part: the template passes "notes"
    Role.SUBTITLE: {"p": "margin:0 0 20px 0;text-align:center;font-size:18px;"},
    Role.ABOUT: {
        "p": "margin:0 0 10px 0;font-size:15px;",
        "h3": "font-size:15px;margin:16px 0 4px 0;",
    },
    Role.ENDMARK: {"p": "margin:20px 0;text-align:center;"},
    Role.CONTACT: {"p": "margin:0;font-size:15px;"},
}
_EMAIL_PARTS = {Role.LETTERHEAD: "border-bottom:1px solid #999999;padding-bottom:8px;"}


def _email_css(role: str) -> dict[str, str]:
    return {**_EMAIL_BASE, **_EMAIL_ROLES.get(role, {})}


def write_email(documents: Sequence[Document]) -> str:
    """The HTML part of an email: one column, inline styles, every language in turn."""
    return _render("letter.email.html.j2", documents, css_for=_email_css, part_css=_EMAIL_PARTS)
