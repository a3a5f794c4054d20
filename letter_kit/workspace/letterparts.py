"""The parts of a letter record that are records of their own: its signatories and how
they are shown, its demands, how it addresses a recipient, and how its translations
pair paragraphs. (:class:`letter_kit.workspace.models.Letter` holds them.)"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..formats import (
    HEAD_PARTS,
    LETTERHEAD_STYLES,
    HeadPart,
    LetterheadStyle,
    Side,
    SignatureShape,
)
from .fields import Id, IsoDate, Lang, Lines, Prose, Text
from .record import Record

Tier = Literal["lead", "organization", "individual"]


class Signatory(Record):
    """One entry of a letter's signatory list.

    ``org`` alone: the organisation signs. ``org`` and ``person``: the person signs for
    the organisation. ``person`` alone: an individual in personal capacity.
    """

    org: Id | None = None
    person: Id | None = None
    tier: Tier | None = None
    joined: IsoDate | None = None
    listed: bool = True
    line: Text | None = Field(
        default=None,
        description="the line under the name, as written: 'Chairman, Alliance for Democracy' "
        "(instead of the title and organisation letterkit would write)",
    )

    @model_validator(mode="after")
    def _someone_signs(self) -> Signatory:
        if self.org is None and self.person is None:
            raise ValueError("needs 'org' or 'person' (or both)")
        return self

    @property
    def effective_tier(self) -> Tier:
        """The tier given, or the one implied by who signs."""
        if self.tier is not None:
            return self.tier
        return "organization" if self.org is not None else "individual"


class Signatories(Record):
    """Who signs a letter, and in what order the signature block lists them."""

    order: Literal["as-listed", "alphabetical", "joined"] = "as-listed"
    shape: SignatureShape = Field(
        default="grid", description="signatures in columns (grid) or one under the other (list)"
    )
    handwritten: bool = Field(
        default=False, description="leave room above each name for a handwritten signature"
    )
    entries: list[Signatory] = Field(min_length=1)


def _alignment_entry(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return str(value)
    if isinstance(value, str) and _ALIGNMENT_ENTRY.match(value):
        first, _, last = value.partition("-")
        if not last or int(first) < int(last):
            return value
    raise PydanticCustomError(
        "bad_alignment",
        "'{value}' is not a paragraph number (3) or range (3-4)",
        {"value": value},
    )


_ALIGNMENT_ENTRY = re.compile(r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")
AlignmentEntry = Annotated[str, BeforeValidator(_alignment_entry)]
"""For one paragraph of a translation, the paragraphs of the original it translates."""


class DemandList(Record):
    """The demands of a letter."""

    intro: Prose | None = None
    style: Literal["numbered", "dashed"] = "numbered"
    items: list[Id] = Field(min_length=1)


class Addressing(Record):
    """How one letter addresses one of its recipients, where it differs from the record."""

    honorific: Text | None = None
    title: Text | None = None
    address: Lines | None = None
    salutation: Text | None = None


class Letterhead(Record):
    """The top of a letter: ``style`` (``leads``: each organisation's logo, name and
    contact line; ``logos``: a row of logos; ``none``) and which organisations (default:
    the leads, or every signing organisation for a row of logos).

    A letter may write it as a style alone (``letterhead: logos``) or as a list of
    organisation ids (``letterhead: [vnhrn, dtd]``, in the ``leads`` style).
    """

    style: LetterheadStyle | None = None  # None: the workspace's default, else leads
    organizations: list[Id] | None = None


def _letterhead(value: Any) -> Any:
    if isinstance(value, str):
        if value not in LETTERHEAD_STYLES:
            raise PydanticCustomError(
                "letterhead_style",
                "'{value}' is not a letterhead style: {styles} (or a list of organisation ids)",
                {"value": value, "styles": ", ".join(LETTERHEAD_STYLES)},
            )
        return {"style": value}
    return value


LetterheadChoice = Annotated[list[Id] | Letterhead, BeforeValidator(_letterhead)]
"""``leads``, ``logos``, ``none``, a list of organisation ids, or both in a mapping."""


class Conventions(Record):
    """How the head of a letter is laid out where it differs from its language's
    convention: the date line and the address block on the left or right, the order of
    the title, date and address, the signatures on the left or right."""

    date: Side | None = None
    address: Side | None = None
    order: list[HeadPart] | None = Field(
        default=None, description="the title, the date and the address, in order"
    )
    signatures: Side | None = None

    @model_validator(mode="after")
    def _each_once(self) -> Conventions:
        if self.order is not None and sorted(self.order) != sorted(HEAD_PARTS):
            raise ValueError(
                "order: name each of " + ", ".join(HEAD_PARTS) + " once, e.g. "
                "[address, date, title]"
            )
        return self


def _conventions(value: Any) -> Any:
    if isinstance(value, str):
        return {"like": value}
    return value


class ConventionsChoice(Conventions):
    """A letter's ``conventions:`` a language whose conventions every version follows
    (``conventions: fr``), or what differs from each version's own (a mapping, which may
    start from a language's with ``like: fr``)."""

    like: Lang | None = None


ConventionsField = Annotated[ConventionsChoice, BeforeValidator(_conventions)]
