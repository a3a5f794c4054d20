"""The workspace data model: one pydantic model per kind of record.

Each ``data/*.yaml`` file is a mapping from id to record; each letter is its own file
``data/letters/<id>.yaml``. Unknown fields are refused (``extra="forbid"``) so that a
typo is an error, not a silently ignored key. References between records (a letter's
recipients, a signer's organisation) are plain ids here; the workspace loader checks
that they exist.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..formats import CcPosition, HeadingStyle, Layout, LetterheadStyle, Paper
from .collections import Collection
from .events import EVENT_KINDS, CaseStatus, Event, EventKind, contradiction, status_on
from .fields import (
    AssetPath,
    Email,
    Id,
    IsoDate,
    Lang,
    Line,
    Lines,
    PartialDate,
    Prose,
    Text,
    Url,
)

# The parts of a letter, and the base of every model, are named here too: records are
# imported from this module.
from .letterparts import Addressing as Addressing
from .letterparts import AlignmentEntry as AlignmentEntry
from .letterparts import ConventionsField, LetterheadChoice
from .letterparts import DemandList as DemandList
from .letterparts import Letterhead as Letterhead
from .letterparts import Signatories as Signatories
from .letterparts import Signatory as Signatory
from .letterparts import Tier as Tier
from .record import Record as Record


class Organization(Record):
    """A signatory organisation."""

    name: Text
    name_in_sentence: Text | None = Field(
        default=None,
        description="the name as running text reads it, with its article: "
        "'the Vietnam Human Rights Network', 'la FIDH' (default: the name)",
    )
    short: Text | None = None
    country: Line | None = None
    website: Url | None = None
    email: Email | None = None
    phone: Line | None = None
    address: Text | None = Field(
        default=None, description="the postal address, on one line, for the letterhead"
    )
    logo: AssetPath | None = Field(
        default=None, description="the logo, a PNG, JPEG or SVG file: assets/vnhrn.svg"
    )
    about: Prose | None = None
    contact: Id | None = Field(default=None, description="person id of the press contact")


class Person(Record):
    """An individual: a signer for an organisation, a cosigner in personal capacity, a contact."""

    name: Text
    honorific: Text | None = None
    title: Text | None = None
    organization: Id | None = None
    affiliation: Text | None = None
    email: Email | None = None
    phone: Line | None = None
    signature: AssetPath | None = Field(
        default=None, description="their signature, a PNG, JPEG or SVG file in assets/"
    )


class Recipient(Record):
    """An official a letter is addressed to."""

    name: Text
    honorific: Text | None = None
    title: Text | None = None
    address: Lines | None = None
    salutation: Text
    reference: Text | None = Field(
        default=None, description="how running text names them: 'Vice President Kamala D. Harris'"
    )
    email: Email | None = None
    groups: list[Id] = Field(default_factory=list, description="e.g. [vietnam-caucus]")


class Visit(Record):
    """An official visit, or a recurring occasion, that letters are written for."""

    visitor: Id | None = None
    destination: Text
    start: IsoDate
    end: IsoDate | None = None
    occasion: Text
    lead_days: int = Field(
        default=14, ge=0, le=365, description="send letters this many days ahead"
    )
    recurs: Literal["yearly"] | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Visit:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Law(Record):
    """A law whose articles are cited in charges and prose."""

    name: Text
    articles: dict[Line, Text] = Field(default_factory=dict)


class Charge(Record):
    """One charge: an article of a law."""

    law: Id
    article: Line


class Sentence(Record):
    """A prison sentence."""

    years: int = Field(ge=0, le=100)
    months: int = Field(default=0, ge=0, le=11)
    year: int | None = Field(default=None, ge=1900, le=2100, description="year of sentencing")


class CaseEvent(Record):
    """One dated event of a case, written ``- released: 2023-04-01`` (or a month,
    ``2023-04``, or a year, ``2023``, when that is all that is known)."""

    arrested: PartialDate | None = None
    tried: PartialDate | None = None
    sentenced: PartialDate | None = None
    released: PartialDate | None = None
    exiled: PartialDate | None = None
    died: PartialDate | None = None

    @model_validator(mode="after")
    def _one_event(self) -> CaseEvent:
        given = [kind for kind in EVENT_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise ValueError(
                "give one event per entry, e.g. '- released: 2023-04-01' "
                f"(events: {', '.join(EVENT_KINDS)})"
            )
        return self

    @property
    def kind(self) -> EventKind:
        """What happened."""
        return next(kind for kind in EVENT_KINDS if getattr(self, kind) is not None)

    @property
    def date(self) -> str:
        """When, as written (a day, a month or a year)."""
        value: str = getattr(self, self.kind)
        return value


class Case(Record):
    """A named prisoner of conscience or defendant.

    Its status on a day is derived from its dated ``events`` (see :mod:`.events`);
    ``status`` is the status after the last of them, or the only one known.
    """

    name: Text
    description: Text | None = None
    charges: list[Charge] = Field(default_factory=list)
    sentence: Sentence | None = None
    events: list[CaseEvent] = Field(default_factory=list, description="in the order they happened")
    status: CaseStatus | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        if self.status is None and not self.events:
            raise ValueError("needs a 'status', or dated 'events' to derive it from")
        year = self.sentence.year if self.sentence is not None else None
        wrong = contradiction(self.timeline, self.status, year)
        if wrong is not None:
            loc, message, value = wrong
            error = PydanticCustomError("inconsistent_case", message)
            raise ValidationError.from_exception_data(  # placed inside the record
                "Case", [InitErrorDetails(type=error, loc=loc, input=value)]
            )
        return self

    @property
    def timeline(self) -> list[Event]:
        """The events as (what, when) pairs, in order."""
        return [(event.kind, event.date) for event in self.events]

    @property
    def sentenced(self) -> str | None:
        """When the (last) sentence was passed, if an event says so."""
        dates = [when for kind, when in self.timeline if kind == "sentenced"]
        return dates[-1] if dates else None

    def status_on(self, day: datetime.date) -> CaseStatus | None:
        """The status on ``day`` (see :func:`.events.status_on`)."""
        return status_on(self.timeline, self.status, day)


class Demand(Record):
    """A reusable ask; cases listed here are named after its text."""

    text: Prose
    summary: Prose | None = Field(default=None, description="the short form press releases list")
    tags: list[Id] = Field(default_factory=list)
    cases: list[Id] = Field(default_factory=list)


SourceKind = Literal["report", "article", "statement", "law", "book", "web", "index"]


class Source(Record):
    """A citable source."""

    kind: SourceKind = "web"
    title: Text
    publisher: Text | None = None
    author: Text | list[Line] | None = Field(default=None, description="a name, or a list of names")
    container: Text | None = Field(
        default=None, description="the journal, newspaper, website or book it is part of"
    )
    date: PartialDate | None = Field(default=None, description="a day, or a month or year")
    url: Url | None = None
    accessed: IsoDate | None = None

    def authors(self, lang: str) -> list[str]:
        """The names of its authors, in ``lang``."""
        if self.author is None:
            return []
        return list(self.author) if isinstance(self.author, list) else [self.author.get(lang)]


class Fact(Record):
    """A figure with the date it holds for and its source."""

    value: int | Annotated[float, Field(allow_inf_nan=False)]
    label: Text | None = None
    as_of: IsoDate
    source: Id
    locator: Line | None = Field(default=None, description="page or section, e.g. 'p. 12'")


# Text that a person still has to write; a letter marked final may not hold it.
TODO_MARK = "TODO"


class Letter(Record):
    """One letter (``data/letters/<id>.yaml``)."""

    kind: Id = "open-letter"
    status: Literal["draft", "final", "sent"] = "draft"
    visit: Id | None = None
    date: IsoDate
    place: Text | None = None
    languages: list[Lang] = Field(min_length=1)
    about: Id | None = Field(default=None, description="the letter a press release announces")
    recipients: list[Id] = Field(default_factory=list)
    groups: list[Id] = Field(
        default_factory=list, description="address every recipient in these groups too"
    )
    cc: list[Id] = Field(default_factory=list)
    cc_position: CcPosition = Field(
        default="after-signatures",
        description="the cc list after the signature block, or under the address block",
    )
    addressing: dict[Id, Addressing] = Field(
        default_factory=dict,
        description="for this letter only, a recipient's honorific, title, address or "
        "salutation: {biden: {salutation: {en: Dear Mr. President}}}",
    )
    title: Text | None = None
    subtitle: Text | None = None
    subject: Text | None = None
    short_title: Text | None = Field(
        default=None, description="what the footer of each page carries beside its number"
    )
    salutation: Text | None = None
    body: Prose
    headings: HeadingStyle = Field(
        default="run-in",
        description="headings in the prose: run into their paragraph, on a line of their "
        "own, or on a line of their own and numbered",
    )
    demands: DemandList | None = None
    cases: list[Id] = Field(default_factory=list)
    conclusion: Prose | None = None
    closing: Text | None = None
    letterhead: LetterheadChoice | None = Field(
        default=None,
        description="leads (the default), logos, none, or the organisations' ids",
    )
    conventions: ConventionsField | None = Field(
        default=None,
        description="the layout of the head and signatures, where it differs from each "
        "language's own: fr, or {address: right, date: right, order: [address, date, title]}",
    )
    sender: Id | None = Field(
        default=None,
        description="organisation whose contact sends the email (default: the first lead)",
    )
    signatories: Signatories | None = None
    signon_deadline: IsoDate | None = Field(
        default=None, description="after this day, cosign add/import need --late"
    )
    layout: Layout = Field(
        default="sequential", description="PDF: languages one after the other, or side by side"
    )
    paper: Paper = "letter"
    alignment: dict[Lang, dict[str, list[AlignmentEntry]]] | None = Field(
        default=None,
        description="where a translation joins or splits paragraphs: "
        "{vi: {body: [1, 2, 3-4, 5]}} says vi paragraph 3 translates en paragraphs 3 and 4",
    )

    @model_validator(mode="after")
    def _check(self) -> Letter:
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages: a language is listed twice")
        if self.about is not None and self.title is None:
            raise ValueError("a press release needs a 'title' (its headline)")
        if self.about is None and not self.recipients and not self.groups:
            raise ValueError(
                "needs 'recipients' or 'groups' (or 'about', for a press release about a letter)"
            )
        if self.about is not None and self.signatories is not None:
            raise ValueError("a press release signs with its letter's signatories: remove them")
        return self

    @property
    def headline(self) -> Text | None:
        """The subject, or the title when there is no subject: the email's Subject and
        the file's title (a letter with neither gets one from the catalog, see
        :meth:`letter_kit.composing.composer.Composer.headline`)."""
        return self.subject or self.title

    @property
    def letterhead_organizations(self) -> list[str] | None:
        """The organisations its letterhead names, if the letter says."""
        if isinstance(self.letterhead, Letterhead):
            return self.letterhead.organizations
        return self.letterhead

    @property
    def letterhead_style(self) -> LetterheadStyle | None:
        """Its letterhead style, if the letter says (else the workspace's default)."""
        if isinstance(self.letterhead, Letterhead):
            return self.letterhead.style
        return "leads" if self.letterhead is not None else None

    def date_or(self, override: datetime.date | None) -> datetime.date:
        """The letter's date, unless the user gave another one."""
        return override or self.date


def model_of(collection: Collection) -> type[Record]:
    """The model of one record of ``collection``."""
    model: type[Record] = globals()[collection.model]
    return model
