"""Small pieces of layout that every writer shares."""

from __future__ import annotations

from ..document import Inline, Text, plain_text
from ..errors import UsageError
from ..formats import Layout

_FINAL = (".", ":", "!", "?", "…")


def run_in_heading(inlines: list[Inline]) -> list[Inline]:
    """A run-in heading ends with a full stop, unless it has its own punctuation."""
    if plain_text(inlines).rstrip().endswith(_FINAL):
        return inlines
    return [*inlines, Text(".")]


def check_layout(languages: int, layout: Layout) -> None:
    """The parallel layout sets exactly two languages side by side."""
    if layout == "parallel" and languages != 2:
        raise UsageError(
            f"the parallel layout sets two languages side by side; got {languages}",
            hint="give two languages with -l, e.g. -l en,vi, or use --layout sequential",
        )
