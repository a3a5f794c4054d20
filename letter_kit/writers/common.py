"""Small pieces of layout that every writer shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document, Heading, Image, Inline, LineBreak, Paragraph, Part, Text
from ..errors import UsageError
from ..formats import Layout

# A signature block of up to this many signers is kept on one page with the closing.
KEPT_TOGETHER = 8


def heading_inlines(heading: Heading) -> list[Inline]:
    """A heading's text as printed: after its number (``2. Detention``), if it has one."""
    if heading.number is None:
        return heading.inlines
    return [Text(heading.number + " "), *heading.inlines]


def handwritten(part: Part) -> bool:
    """Whether a signature part leaves room above each name for a handwritten signature."""
    return part.attrs.get("handwritten") == "yes"


def listed_signatures(part: Part) -> bool:
    """Whether a signature part lists its signers one under the other (else in columns)."""
    return part.attrs.get("shape") == "list"


def check_layout(languages: int, layout: Layout) -> None:
    """The parallel layout sets exactly two languages side by side."""
    if layout == "parallel" and languages != 2:
        raise UsageError(
            f"the parallel layout sets two languages side by side; got {languages}",
            hint="give two languages with -l, e.g. -l en,vi, or use --layout sequential",
        )


def draft_mark(documents: Sequence[Document]) -> str | None:
    """The draft mark of the documents, in each of their languages (``DRAFT · BẢN
    NHÁP``), or None for a letter that is not a draft (or a proof)."""
    marks = dict.fromkeys(d.meta.draft for d in documents if d.meta.draft)
    return " · ".join(marks) or None


@dataclass(frozen=True)
class Entry:
    """An organisation of the letterhead, or a signature: its image (logo, signature),
    its name, and the lines under the name."""

    image: Image | None
    name: Sequence[Inline]
    rest: Sequence[Inline]


def entry(paragraph: Paragraph) -> Entry:
    """A paragraph of the letterhead or the signatures read as an :class:`Entry`: the
    image it starts with, the inlines up to its first line break (the name) and after."""
    images = [node for node in paragraph.inlines if isinstance(node, Image)]
    inlines = [node for node in paragraph.inlines if not isinstance(node, Image)]
    cut = next((i for i, node in enumerate(inlines) if isinstance(node, LineBreak)), None)
    name = inlines if cut is None else inlines[:cut]
    rest = [] if cut is None else inlines[cut + 1 :]
    return Entry(images[0] if images else None, name, rest)


def aligned_right(part: Part) -> bool:
    """Whether a part stands on the right of the page (its language's conventions)."""
    return part.attrs.get("align") == "right"
