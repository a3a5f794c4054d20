"""Small pieces of layout that every writer shares."""

from __future__ import annotations

from ..document import Inline, Text, plain_text

_FINAL = (".", ":", "!", "?", "…")


def run_in_heading(inlines: list[Inline]) -> list[Inline]:
    """A run-in heading ends with a full stop, unless it has its own punctuation."""
    if plain_text(inlines).rstrip().endswith(_FINAL):
        return inlines
    return [*inlines, Text(".")]
