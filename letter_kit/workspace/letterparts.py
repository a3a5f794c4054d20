"""The parts of a letter record that are records of their own: its signatories and how
they are shown, its demands, how it addresses a recipient, and how its translations
pair paragraphs. (:class:`letter_kit.workspace.models.Letter` holds them.)"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..formats import SignatureShape
from .fields import Id, IsoDate, Lines, Prose, Text
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
