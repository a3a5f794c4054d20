"""Small pieces of layout that every writer shares."""

from __future__ import annotations

from ..document import Heading, Inline, Part, Text
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
