"""The layout conventions of a letter's language: where the date line and the address
block stand, in what order the title, the date and the address come, and on which side
the signatures are.

Each language has its own (a language letterkit knows no convention for follows the
English one); the workspace's ``[defaults] conventions`` and a letter's
``conventions:`` change them. The composer applies them to the document: the head
parts in their order, and ``align`` on the parts that stand left or right, which every
writer reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..document import Part, Role
from ..formats import HeadPart, Side
from ..workspace.fields import base_language
from ..workspace.letterparts import Conventions, ConventionsChoice


@dataclass(frozen=True)
class Layout:
    """The conventions of one document."""

    date: Side
    address: Side
    order: tuple[HeadPart, ...]
    signatures: Side


ENGLISH = Layout("right", "left", ("title", "date", "address"), "left")
# French letters put the address on the right, then the date under it, then the title
# (the "objet"); the signature stands on the right.
BUILT_IN: dict[str, Layout] = {
    "en": ENGLISH,
    "vi": ENGLISH,
    "fr": Layout("right", "right", ("address", "date", "title"), "right"),
}
KNOWN = tuple(sorted(BUILT_IN))


def own_layout(lang: str) -> Layout:
    """The conventions of a language (or locale: ``fr-CA`` follows ``fr``)."""
    return BUILT_IN.get(lang, BUILT_IN.get(base_language(lang), ENGLISH))


def changed(layout: Layout, change: Conventions | None) -> Layout:
    """``layout`` with what ``change`` says instead (starting from the language it names,
    ``like: fr``, if it names one)."""
    if change is None:
        return layout
    if isinstance(change, ConventionsChoice) and change.like is not None:
        layout = own_layout(change.like)
    return Layout(
        change.date or layout.date,
        change.address or layout.address,
        tuple(change.order) if change.order else layout.order,
        change.signatures or layout.signatures,
    )


def layout_of(lang: str, *changes: Conventions | None) -> Layout:
    """The conventions of a document in ``lang``, changed by the workspace's defaults
    and then the letter's, in that order."""
    layout = own_layout(lang)
    for change in changes:
        layout = changed(layout, change)
    return layout


# The roles of each group of the head; a cc list under the address goes with it.
_GROUPS: dict[str, HeadPart] = {  # by role
    Role.TITLE: "title",
    Role.SUBTITLE: "title",
    Role.DATELINE: "date",
    Role.RECIPIENT: "address",
    Role.CC: "address",
}
_SIDES: dict[str, str] = {
    Role.DATELINE: "date",
    Role.RECIPIENT: "address",
    Role.CLOSING: "signatures",
    Role.SIGNATURES: "signatures",
    Role.UNLISTED: "signatures",
}


def laid_out(parts: Sequence[Part], layout: Layout, *, order: bool = True) -> list[Part]:
    """The parts with the head in the layout's order (unless not ``order``), and each
    part that stands on one side marked ``align=left|right``. A part marked already is
    kept as it is: the copies of a letter share their parts, and writers remember what
    they made of a part by its identity (:mod:`letter_kit.writers.shared`)."""
    parts = list(parts)
    start = next((i for i, p in enumerate(parts) if p.role in _GROUPS), None)
    if start is not None and order:
        end = start
        while end < len(parts) and parts[end].role in _GROUPS:
            end += 1
        groups: dict[HeadPart, list[Part]] = {}
        for part in parts[start:end]:
            groups.setdefault(_GROUPS[part.role], []).append(part)
        head = [p for name in layout.order for p in groups.get(name, [])]
        parts[start:end] = head
    out = []
    for part in parts:
        side = _SIDES.get(part.role)
        if side is not None and part.attrs.get("align") != getattr(layout, side):
            part = replace(part, attrs={**part.attrs, "align": getattr(layout, side)})
        out.append(part)
    return out
