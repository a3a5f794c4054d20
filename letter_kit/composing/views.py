"""What a template sees: the workspace data resolved for one letter in one language.

Templates get plain values (strings, lists, small frozen objects) in the letter's
language, never the records themselves: a template cannot reach data the letter does
not use, and every value has already been put in the right language and form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..document import ImageFile
from ..errors import DataError
from ..formats import LetterheadStyle
from ..workspace.assets import HINT, AssetRefused, read_image
from ..workspace.models import Letter, Signatories, Signatory, Tier
from ..workspace.records import Workspace
from .cases import CaseView, case_view
from .collation import sort_key
from .i18n import Language
from .markdown import key_mark
from .pictures import NO_IMAGE, LetterheadOrg, image_markdown, website
from .templating import Md

TIERS: tuple[Tier, ...] = ("lead", "organization", "individual")


@dataclass(frozen=True)
class RecipientView:
    """An addressee as this letter addresses them: the lines of the address block, the
    salutation, the name after its honorific."""

    id: str
    name: str
    title: str | None
    lines: list[str]
    salutation: str
    email: str | None
    full_name: str = ""


@dataclass(frozen=True)
class Signer:
    """One signature: a name in bold, then the lines under it.

    ``mark``, printed at the start of the signature, tells letterkit which signatory
    it is, so that a layout with two languages side by side pairs it with its
    translation (``signer.N``: the N-th entry of the letter's list, from 0).
    ``signature`` is the image of the signer's signature (Markdown), or empty.
    """

    name: str
    lines: list[str]
    joined: date | None
    key: str = ""
    signature: Md = NO_IMAGE

    @property
    def mark(self) -> Md:
        """The invisible mark of :attr:`key` (see :func:`.markdown.key_mark`)."""
        return Md(key_mark(self.key)) if self.key else Md("")


@dataclass(frozen=True)
class SignatureGroup:
    """The signers of one tier, in the letter's order."""

    tier: Tier
    signers: list[Signer]


class Views:
    """Builds the values of one letter in one language."""

    def __init__(self, ws: Workspace, letter: Letter, language: Language) -> None:
        self.ws = ws
        self.letter = letter
        self.lang = language
        self.code = language.code
        self.signatories = ws.signatories_of(letter)
        self.images: dict[str, ImageFile] = {}  # every image the letter shows, checked

    def image(self, file: str, loc: tuple[str | int, ...], src: str) -> None:
        """Check the image ``src`` that the record at ``loc`` of ``file`` names, and keep
        it for the document; an image that may not be used is an error at that place."""
        if src in self.images:
            return
        try:
            self.images[src] = read_image(self.ws.root, src)
        except AssetRefused as exc:
            where = f"{src}:{exc.line}" if exc.line else src
            problem = self.ws.problem(file, loc, f"{where} {exc.message}", hint=HINT)
            raise DataError([problem]) from None

    def recipient(self, rid: str) -> RecipientView:
        """The address block and salutation of one recipient, with what the letter's
        ``addressing`` says of them in place of their record's."""
        r, code = self.ws.recipients[rid], self.code
        own = self.letter.addressing.get(rid)  # None: as the record says
        honorific = getattr(own, "honorific", None) or r.honorific
        title = getattr(own, "title", None) or r.title
        address = getattr(own, "address", None) or r.address
        salutation = getattr(own, "salutation", None) or r.salutation
        name = r.name.get(code)
        full = self.with_honorific(honorific.get(code) if honorific else None, name)
        lines = [self.lang.phrase("address block", "%(name)s", name=full)]
        if title is not None:
            lines.append(title.get(code))
        if address is not None:
            lines += address.get(code)
        return RecipientView(
            rid,
            name,
            title.get(code) if title else None,
            lines,
            salutation.get(code),
            r.email,
            full,
        )

    def reference(self, rid: str) -> str:
        """How running text names a recipient: ``Vice President Kamala D. Harris`` (its
        ``reference``, else its name)."""
        r = self.ws.recipients[rid]
        return (r.reference or r.name).get(self.code)

    def with_honorific(self, honorific: str | None, name: str) -> str:
        """``The Honorable Kamala D. Harris``: a name after its honorific."""
        if not honorific:
            return name
        return self.lang.phrase("name", "%(honorific)s %(name)s", honorific=honorific, name=name)

    def cc(self, rid: str) -> str:
        """One entry of the cc list: ``The Honorable Antony J. Blinken, Secretary of State``."""
        view = self.recipient(rid)
        if view.title is None:
            return view.full_name
        return self.lang.phrase("cc", "%(name)s, %(title)s", name=view.full_name, title=view.title)

    def salutation(self, recipients: list[RecipientView]) -> str:
        """The letter's own salutation, the recipient's, or a general one for several."""
        if self.letter.salutation is not None:
            return self.letter.salutation.get(self.code)
        if len(recipients) == 1:
            return recipients[0].salutation
        return self.lang.gettext("Dear Sir or Madam")

    def org_name(self, oid: str) -> str:
        """An organisation's name in this language."""
        return self.ws.organizations[oid].name.get(self.code)

    def org_in_sentence(self, oid: str) -> str:
        """An organisation's name as running text reads it (``the Vietnam Human Rights
        Network``): its ``name_in_sentence`` in this language, else its name."""
        org = self.ws.organizations[oid]
        if org.name_in_sentence is not None and org.name_in_sentence.has(self.code):
            return org.name_in_sentence.get(self.code)
        return org.name.get(self.code)

    def title_of(self, title: str, oid: str) -> str:
        """``President of the Vietnam Human Rights Network``."""
        return self.lang.phrase(
            "signature",
            "%(title)s of %(organization)s",
            title=title,
            organization=self.org_in_sentence(oid),
        )

    def signer(self, entry: Signatory) -> Signer:
        """The signature of one signatory entry: the name, then the signer's own
        ``line`` if the entry gives one, else the lines letterkit writes."""
        ws, code = self.ws, self.code
        lines: list[str] = [entry.line.get(code)] if entry.line else []
        if entry.person is None:
            assert entry.org is not None
            return Signer(self.org_name(entry.org), lines, entry.joined)
        person = ws.people[entry.person]
        name = person.name.get(code)
        if person.signature is not None:
            self.image("people", (entry.person, "signature"), person.signature)
            drawn = image_markdown(person.signature, name)
            return replace(self._signer(entry, name, lines), signature=drawn)
        return self._signer(entry, name, lines)

    def _signer(self, entry: Signatory, name: str, lines: list[str]) -> Signer:
        assert entry.person is not None
        ws, code = self.ws, self.code
        person = ws.people[entry.person]
        org = entry.org or person.organization
        title = person.title.get(code) if person.title else None
        if entry.org is None and person.honorific:  # in personal capacity
            name = self.with_honorific(person.honorific.get(code), name)
        if entry.line is not None:
            return Signer(name, lines, entry.joined)  # the signer's own line, as written
        if entry.org is not None:
            lines.append(self.title_of(title, entry.org) if title else self.org_name(entry.org))
        else:
            # In personal capacity: the title (of their organisation), then the affiliation.
            if title and org:
                lines.append(self.title_of(title, org))
            elif title:
                lines.append(title)
            if person.affiliation:
                lines.append(person.affiliation.get(code))
        return Signer(name, lines, entry.joined)

    def signatures(self) -> tuple[list[SignatureGroup], dict[Tier, int]]:
        """Listed signers grouped by tier in the letter's order, and unlisted counts by tier.

        The order is the same in every language (see :func:`signature_order`).
        """
        groups = []
        unlisted: dict[Tier, int] = {}
        index = {id(e): n for n, e in enumerate(self.signatories.entries)}
        ordered = signature_order(self.ws, self.letter)
        for tier in TIERS:
            entries = [e for e in ordered if e.effective_tier == tier]
            unlisted[tier] = sum(1 for e in entries if not e.listed)
            signers = [
                replace(self.signer(e), key=f"signer.{index[id(e)]}") for e in entries if e.listed
            ]
            if signers:
                groups.append(SignatureGroup(tier, signers))
        return groups, unlisted

    def letterhead(self, *, in_sentence: bool = False) -> list[str]:
        """Names at the top: the letter's own list, else its lead organisations
        (``in_sentence``: as running text names them).

        With no lead tier, a letter of up to three organisations shows them all.
        """
        name = self.org_in_sentence if in_sentence else self.org_name
        return [name(oid) for oid in self.lead_organizations()]

    def lead_organizations(self) -> list[str]:
        """The ids of the organisations the letter is from: its ``letterhead`` list,
        else its lead organisations, else all of them if there are at most three."""
        own = self.letter.letterhead_organizations
        if own is not None:
            return list(own)
        entries = [e for e in self.signatories.entries if e.org and e.listed]
        leads = [e for e in entries if e.effective_tier == "lead"]
        chosen = leads or (entries if len(entries) <= 3 else [])
        return list(dict.fromkeys(e.org for e in chosen if e.org))

    def letterhead_style(self, default: LetterheadStyle | None) -> LetterheadStyle:
        """The letter's letterhead style, else the workspace's, else ``leads``."""
        return self.letter.letterhead_style or default or "leads"

    def letterhead_orgs(self, style: LetterheadStyle) -> list[LetterheadOrg]:
        """The organisations at the top of the letter in ``style``: the leads (or the
        letter's own list), or for a row of logos every listed signing organisation in
        the order of the signatures; none for ``none``."""
        if style == "none":
            return []
        ids = self.lead_organizations()
        if style == "logos" and self.letter.letterhead_organizations is None:
            ordered = signature_order(self.ws, self.letter)
            ids = list(dict.fromkeys(e.org for e in ordered if e.org and e.listed))
        return [self.letterhead_org(oid) for oid in ids]

    def letterhead_org(self, oid: str) -> LetterheadOrg:
        """One organisation of the letterhead, its logo checked."""
        org, code = self.ws.organizations[oid], self.code
        name = self.org_name(oid)
        logo = NO_IMAGE
        if org.logo is not None:
            self.image("organizations", (oid, "logo"), org.logo)
            logo = image_markdown(org.logo, name)
        items = [org.address.get(code)] if org.address is not None else []
        items += [website(org.website)] if org.website else []
        items += [org.email] if org.email else []
        return LetterheadOrg(oid, name, logo, " · ".join(items) or None)

    def authors(self) -> list[str]:
        """Who the document is by, for file metadata: listed signing organisations or people."""
        names = []
        for entry in self.signatories.entries:
            if not entry.listed:
                continue
            if entry.org:
                names.append(self.org_name(entry.org))
            elif entry.person:
                names.append(self.ws.people[entry.person].name.get(self.code))
        return list(dict.fromkeys(names))

    def case(self, cid: str, day: date | None = None) -> CaseView:
        """A case as the letter describes it on ``day`` (see :func:`.cases.case_view`)."""
        return case_view(self.ws, self.letter, self.lang, cid, day or self.letter.date)

    def case_name(self, cid: str) -> str:
        """Just the name of a case."""
        return self.ws.cases[cid].name.get(self.code)


def signature_order(ws: Workspace, letter: Letter) -> list[Signatory]:
    """The letter's signatories in signature-block order, decided once for the letter:
    alphabetical order compares their names in the letter's first language, so that
    every language lists them alike and a translation sits beside its original."""
    first = letter.languages[0]
    return ordered_entries(ws.signatories_of(letter), lambda e: sort_name(ws, e, first))


def sort_name(ws: Workspace, entry: Signatory, lang: str) -> str:
    """The name a signatory is sorted by: the person's (without honorific) or the
    organisation's, in ``lang`` or, lacking it, in another language."""
    if entry.person is not None:
        return ws.people[entry.person].name.text_or_any(lang)
    assert entry.org is not None
    return ws.organizations[entry.org].name.text_or_any(lang)


def ordered_entries(signatories: Signatories, name: Callable[[Signatory], str]) -> list[Signatory]:
    """Signatories in signature-block order: lead signers, organisations, individuals,
    each group as-listed, alphabetically (Vietnamese-aware, by ``name``) or by the date
    they joined (those without one first: they were there from the start)."""
    order = signatories.order
    entries = list(signatories.entries)
    if order == "alphabetical":
        entries.sort(key=lambda e: sort_key(name(e)))
    elif order == "joined":
        entries.sort(key=lambda e: e.joined or date.min)
    return sorted(entries, key=lambda e: TIERS.index(e.effective_tier))  # stable
