"""HTML: one self-contained page (a style sheet with print styles), or the HTML part of an
email (inline styles only). Every value is escaped."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from markupsafe import Markup

from ..composing.templating import html_environment
from ..document import Document, Role
from ..formats import Paper
from .common import KEPT_TOGETHER, draft_mark, entry
from .fonts import font_faces
from .shared import made

ASSETS = Path(__file__).parent / "assets"
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(url: str) -> bool:
    """Whether a link of the letter may be a link of the page (web and mail addresses)."""
    return url.lower().startswith(SAFE_SCHEMES)


ImageUrl = Callable[[str], str]
# CSS page sizes of the papers, for printing.
PAGE_SIZES: dict[Paper, str] = {"letter": "letter", "a4": "A4"}


def _once(obj: object, kind: str, render: Callable[..., Markup], *args: object) -> Markup:
    """``render(*args)`` (a macro of the templates) for a part or notes that many
    documents share: made once (see :mod:`.shared`). An image in it has the same
    address in every copy (its content's), so what was made holds for all."""
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
            draft=draft_mark(documents),
            entry=entry,
            kept=KEPT_TOGETHER,
            once=_once,
            **values,
        )
    )


def css_string(text: str) -> str:
    """``text`` as a CSS string, which can end neither the string nor the style sheet."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n\r' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def data_urls(documents: Sequence[Document]) -> ImageUrl:
    """Each image of the documents as a ``data:`` URL: the page loads nothing."""
    images = {src: image for d in documents for src, image in d.images.items()}

    def url(src: str) -> str:
        image = images[src]
        return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"

    return url


def write(documents: Sequence[Document], *, paper: Paper = "letter") -> str:
    """A complete HTML page holding the documents, one article per language: its images
    and its fonts (the PDF's) inside it, printed on ``paper``."""
    page = _render("letter.html.j2", documents, css=Markup(""), image_url=data_urls(documents))
    css = (ASSETS / "letter.css").read_text(encoding="utf-8")
    css += f"@page {{ size: {PAGE_SIZES[paper]}; margin: 2cm 2.5cm; }}\n"
    mark = draft_mark(documents)
    if mark:
        css += (
            f"@page {{ @top-center {{ content: {css_string(mark)}; color: #b3261e; "
            "font: bold 9.5pt 'Libertinus Serif', serif; } }\n"
        )
    css = font_faces(page) + css
    return page.replace("<style>\n</style>", f"<style>\n{css}</style>", 1)


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
_EMAIL_PARTS: dict[str, str] = {
    Role.LETTERHEAD: "border-bottom:1px solid #999999;padding-bottom:8px;margin-bottom:16px;"
}
# What a part that stands on one side of the page changes (the language's conventions).
_EMAIL_SIDES: dict[tuple[str, str], dict[str, str]] = {
    (Role.DATELINE, "left"): {"p": "margin:16px 0 16px 0;text-align:left;"},
    (Role.RECIPIENT, "right"): {"part": "margin-left:50%;"},
    (Role.CLOSING, "right"): {"part": "margin-left:50%;"},
    (Role.SIGNATURES, "right"): {"part": "margin-left:50%;"},
    (Role.UNLISTED, "right"): {"part": "margin-left:50%;"},
}
_EMAIL_IMAGES = {
    "img": "display:block;height:56px;width:auto;margin:0 0 4px 0;",
    "logo": "display:inline-block;height:48px;width:auto;margin:4px 8px;",
    "org": "display:inline-block;vertical-align:top;margin:0 12px 8px 12px;text-align:center;",
    "name": "margin:0;font-weight:bold;letter-spacing:0.03em;white-space:nowrap;",
    "contact": "margin:0;font-size:13px;color:#555555;",
}


def _email_css(role: str, side: str | None) -> dict[str, str]:
    part = {"part": _EMAIL_PARTS[role]} if role in _EMAIL_PARTS else {}
    side_css = _EMAIL_SIDES.get((role, side or ""), {})
    return {**_EMAIL_BASE, **_EMAIL_IMAGES, **_EMAIL_ROLES.get(role, {}), **part, **side_css}


def write_email(documents: Sequence[Document], *, image_url: ImageUrl | None = None) -> str:
    """The HTML part of an email: one column, inline styles, every language in turn;
    ``image_url`` gives the address of each image (the message's own parts)."""
    return _render("letter.email.html.j2", documents, css_for=_email_css,
                   image_url=image_url or data_urls(documents))  # fmt: skip
