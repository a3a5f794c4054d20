"""A named case as a letter describes it: its charges, its sentence and its status on
the letter's date, in the letter's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..workspace.events import CaseStatus
from ..workspace.fields import first_day
from ..workspace.models import Case, Letter
from ..workspace.records import Workspace
from .i18n import Language
from .markdown import key_mark
from .templating import Md


def status_phrase(lang: Language, status: CaseStatus) -> str:
    """How a case status reads in the language (each a phrase of context "case status")."""
    phrases: dict[CaseStatus, str] = {
        "detained": lang.pgettext("case status", "detained"),
        "imprisoned": lang.pgettext("case status", "imprisoned"),
        "released": lang.pgettext("case status", "released"),
        "exiled": lang.pgettext("case status", "exiled"),
        "deceased": lang.pgettext("case status", "deceased"),
        "awaiting-trial": lang.pgettext("case status", "awaiting trial"),
        "wanted": lang.pgettext("case status", "wanted"),
    }
    return phrases[status]


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


def case_view(ws: Workspace, letter: Letter, lang: Language, cid: str, day: date) -> CaseView:
    """A case with its charges, sentence and status described in this language, as
    they were on ``day`` (the letter's date by default): the status derived from the
    case's events up to then, the sentence if it had been passed."""
    case: Case = ws.cases[cid]
    code = lang.code
    charges = []
    for charge in case.charges:
        law = ws.laws[charge.law]
        text = lang.phrase(
            "charge",
            "Article %(article)s of the %(law)s",
            article=charge.article,
            law=law.name.get(code),
        )
        title = law.articles.get(charge.article)
        if title is not None:
            text = lang.phrase(
                "charge", "%(charge)s (%(title)s)", charge=text, title=title.get(code)
            )
        charges.append(text)
    sentence = None
    sentenced = case.sentenced or (str(case.sentence.year) if case.sentence else None)
    if case.sentence is not None and (sentenced is None or first_day(sentenced) <= day):
        s = case.sentence
        parts = []
        if s.years:
            parts.append(
                lang.fill(lang.ngettext("%(num)d year", "%(num)d years", s.years), {"num": s.years})
            )
        if s.months:
            parts.append(
                lang.fill(
                    lang.ngettext("%(num)d month", "%(num)d months", s.months),
                    {"num": s.months},
                )
            )
        sentence = lang.fill(
            lang.gettext("sentenced to %(term)s in prison"), {"term": lang.join(parts)}
        )
        if s.year is not None:
            sentence = lang.phrase(
                "sentence", "%(sentence)s (%(year)s)", sentence=sentence, year=str(s.year)
            )
    now = case.status_on(day)
    status = status_phrase(lang, now) if now else ""
    in_charges = None
    if charges:
        in_charges = (
            lang.phrase("charges", "under %(charges)s", charges=lang.join(charges))
            if sentence
            else lang.phrase("charges", "charged under %(charges)s", charges=lang.join(charges))
        )
    facts = sentence or in_charges
    if sentence and in_charges:
        facts = lang.phrase(
            "case", "%(sentence)s %(charges)s", sentence=sentence, charges=in_charges
        )
    if facts and status:
        summary = lang.phrase("case", "%(facts)s; %(status)s", facts=facts, status=status)
    else:
        summary = facts or status
    return CaseView(
        cid,
        case.name.get(code),
        case.description.get(code) if case.description else None,
        charges,
        sentence,
        status,
        summary,
    )
