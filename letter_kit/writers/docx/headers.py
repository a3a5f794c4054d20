"""The headers of each section in Word: the draft mark on every page, the letterhead at
the top of each language's first page, as on paper printed with a letterhead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...document import Document, Role
from ..common import draft_mark
from .letterhead import draft_paragraph, fill_header, letterhead
from .story import Parts, Story

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


def headers(
    word: WordDocument,
    documents: Sequence[Document],
    parts: Parts,
    width: int,
    *,
    parallel: bool,
) -> None:
    """The draft mark in the header of every page (each language's), and each
    language's letterhead in the header of its section's first page (side by side: the
    first language's, with the second's names)."""
    mark = draft_mark(documents)
    sections = list(word.sections)
    if mark:
        default = sections[0].header
        default.is_linked_to_previous = False
        fill_header(
            default._element, [draft_paragraph(Story(documents[0], parts, footnotes=False), mark)]
        )
    docs = documents[:1] if parallel else documents
    for section, doc in zip(sections, docs, strict=False):
        story = Story(doc, parts, footnotes=False)
        items = [draft_paragraph(story, mark)] if mark else []
        head = doc.parts_with(Role.LETTERHEAD)
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        if head:
            images = {src: image for d in documents for src, image in d.images.items()}
            second = None
            if parallel and len(documents) > 1:
                theirs = documents[1].parts_with(Role.LETTERHEAD)
                second = (
                    Story(documents[1], parts, footnotes=False),
                    theirs[0] if theirs else None,
                )
            items += letterhead(story, head[0], images, header.part, width, second)
        fill_header(header._element, items)
