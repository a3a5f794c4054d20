"""What a template sees: the workspace data resolved for one letter in one language.

Templates get plain values (strings, lists, small frozen objects) in the letter's
language, never the records themselves: a template cannot reach data the letter does
not use, and every value has already been put in the right language and form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..workspace.events import CaseStatus
from ..workspace.fields import first_day
from ..workspace.models import Case, Letter, Signatories, Signatory, Tier
from ..workspace.records import Workspace
from .collation import sort_key
from .i18n import Language
from .markdown import key_mark
from .templating import Md

TIERS: tuple[Tier, ...] = ("lead", "organization", "individual")

# How each case status reads in English; catalogs translate these (context "case status").
STATUS_PHRASES: dict[CaseStatus, str] = {
    "detained": "detained",
    "imprisoned": "imprisoned",
    "released": "released",
    "exiled": "exiled",
    "deceased": "deceased",
    "awaiting-trial": "awaiting trial",
    "wanted": "wanted",
}


@dataclass(frozen=True)
class RecipientView:
    """An addressee: the lines of the address block and the salutation."""

    id: str
    name: str
    title: str
    lines: list[str]
    salutation: str
    email: str | None


@dataclass(frozen=True)
class Signer:
    """One signature: a name in bold, then the lines under it.

    ``mark``, printed at the start of the signature, tells letterkit which signatory
    it is, so that a layout with two languages side by side pairs it with its
    translation (``signer.N``: the N-th entry of the letter's list, from 0).
    """

    name: str
    lines: list[str]
    joined: date | None
    key: str = ""

    @property
    def mark(self) -> Md:
        """The invisible mark of :attr:`key` (see :func:`.markdown.key_mark`)."""
        return Md(key_mark(self.key)) if self.key else Md("")


@dataclass(frozen=True)
class SignatureGroup:
    """The signers of one tier, in the letter's order."""

    tier: Tier
    signers: list[Signer]


@dataclass(frozen=True)
class CaseView:
    """A named case as the letter describes it; ``mark`` as for :class:`Signer`."""

    id: str
    name: str
    description: str | None
    charges: list[str]
    sentence: str | None
    status: str  # on the letter's date; empty before the case's first recorded event
    summary: str

    @property
    def mark(self) -> Md:
        """The invisible mark of the case (``case:ID``)."""
        return Md(key_mark(f"case:{self.id}"))


class Views:
    """Builds the values of one letter in one language."""

    def __init__(self, ws: Workspace, letter: Letter, language: Language) -> None:
        self.ws = ws
        self.letter = letter
        self.lang = language
        self.code = language.code
        self.signatories = ws.signatories_of(letter)

    def recipient(self, rid: str) -> RecipientView:
        """The address block and salutation of one recipient."""
        r = self.ws.recipients[rid]
        name = r.name.get(self.code)
        full = f"{r.honorific.get(self.code)} {name}" if r.honorific else name
        first = self.lang.pgettext("address block", "%(name)s") % {"name": full}
        lines = [first, r.title.get(self.code)]
        if r.address is not None:
            lines += r.address.get(self.code)
        return RecipientView(
            rid, name, r.title.get(self.code), lines, r.salutation.get(self.code), r.email
        )

    def cc(self, rid: str) -> str:
        """One entry of the cc list: ``Antony J. Blinken, Secretary of State``."""
        r = self.ws.recipients[rid]
        return f"{r.name.get(self.code)}, {r.title.get(self.code)}"

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

    def signer(self, entry: Signatory) -> Signer:
        """The signature of one signatory entry."""
        ws, code = self.ws, self.code
        if entry.person is None:
            assert entry.org is not None
            return Signer(self.org_name(entry.org), [], entry.joined)
        person = ws.people[entry.person]
        name = person.name.get(code)
        lines: list[str] = []
        org = entry.org or person.organization
        title = person.title.get(code) if person.title else None
        if entry.org is not None:
            if title:
                lines.append(
                    self.lang.pgettext("signature", "%(title)s of %(organization)s")
                    % {"title": title, "organization": self.org_name(entry.org)}
                )
            else:
                lines.append(self.org_name(entry.org))
        else:
            # In personal capacity: the title (of their organisation), then the affiliation.
            if person.honorific:
                name = f"{person.honorific.get(code)} {name}"
            if title and org:
                lines.append(
                    self.lang.pgettext("signature", "%(title)s of %(organization)s")
                    % {"title": title, "organization": self.org_name(org)}
                )
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

    def letterhead(self) -> list[str]:
        """Names at the top: the letter's own list, else its lead organisations.

        With no lead tier, a letter of up to three organisations shows them all.
        """
        if self.letter.letterhead is not None:
            return [self.org_name(oid) for oid in self.letter.letterhead]
        entries = [e for e in self.signatories.entries if e.org and e.listed]
        leads = [e for e in entries if e.effective_tier == "lead"]
        chosen = leads or (entries if len(entries) <= 3 else [])
        return list(dict.fromkeys(self.org_name(e.org) for e in chosen if e.org))

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
        """A case with its charges, sentence and status described in this language, as
        they were on ``day`` (the letter's date by default): the status derived from the
        case's events up to then, the sentence if it had been passed."""
        case: Case = self.ws.cases[cid]
        code, lang = self.code, self.lang
        day = day or self.letter.date
        charges = []
        for charge in case.charges:
            law = self.ws.laws[charge.law]
            text = lang.pgettext("charge", "Article %(article)s of the %(law)s") % {
                "article": charge.article,
                "law": law.name.get(code),
            }
            title = law.articles.get(charge.article)
            if title is not None:
                text += f" ({title.get(code)})"
            charges.append(text)
        sentence = None
        sentenced = case.sentenced or (str(case.sentence.year) if case.sentence else None)
        if case.sentence is not None and (sentenced is None or first_day(sentenced) <= day):
            s = case.sentence
            parts = []
            if s.years:
                parts.append(
                    lang.ngettext("%(num)d year", "%(num)d years", s.years) % {"num": s.years}
                )
            if s.months:
                parts.append(
                    lang.ngettext("%(num)d month", "%(num)d months", s.months) % {"num": s.months}
                )
            sentence = lang.gettext("sentenced to %(term)s in prison") % {"term": lang.join(parts)}
            if s.year is not None:
                sentence += f" ({s.year})"
        now = case.status_on(day)
        status = lang.pgettext("case status", STATUS_PHRASES[now]) if now else ""
        facts = []
        if sentence:
            facts.append(sentence)
        if charges:
            phrase = (
                lang.pgettext("charges", "under %(charges)s")
                if sentence
                else lang.pgettext("charges", "charged under %(charges)s")
            )
            facts.append(phrase % {"charges": lang.join(charges)})
        summary = " ".join(facts)
        summary = "; ".join(part for part in (summary, status) if part)
        return CaseView(
            cid,
            case.name.get(code),
            case.description.get(code) if case.description else None,
            charges,
            sentence,
            status,
            summary,
        )

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
