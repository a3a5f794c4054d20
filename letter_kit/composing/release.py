"""What a press release says about its letter, drawn from the letter's own data.

A press release (a letter with ``about: LETTER_ID``) announces a letter. Its lead
sentence, the demands, the figures and the organisations all come from that letter and
the records it uses, so the release cannot drift from what the letter says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..text import escape_markdown
from ..workspace.crosscheck import quoted_facts
from ..workspace.models import Letter
from ..workspace.records import Workspace
from ..workspace.references import marker
from .i18n import Language
from .templating import Md
from .views import Views


class Prose(Protocol):
    """The composer's prose rendering (see :meth:`.composer.Composer.prose`)."""

    def __call__(
        self, file: str, loc: tuple[str | int, ...], text: str, keys: Sequence[str] | str = ()
    ) -> Md: ...


def release_values(ws: Workspace, release: Letter, views: Views, prose: Prose) -> dict[str, Any]:
    """The values the press-release template reads, in the views' language."""
    letter = ws.announced(release)
    assert letter is not None  # checked when the workspace is loaded
    lang: Language = views.lang
    code = lang.code
    recipients = [views.reference(rid) for rid in ws.recipients_of(letter)]
    names = views.letterhead(in_sentence=True)
    count = sum(1 for e in ws.signatories_of(letter).entries if e.org)
    organisations = (
        lang.join(names)
        if names
        else lang.fill(
            lang.ngettext("%(num)d organisations", "%(num)d organisations", count), {"num": count}
        )
    )
    visit = ws.visits.get(letter.visit) if letter.visit else None
    values = {"organisations": organisations, "recipient": lang.join(recipients)}
    if visit is not None:
        values["destination"] = visit.destination.get(code)
        lead = lang.gettext(
            "In an open letter released today, %(organisations)s urge %(recipient)s to put "
            "human rights at the centre of the visit to %(destination)s."
        )
    else:
        lead = lang.gettext(
            "In an open letter released today, %(organisations)s urge %(recipient)s to make "
            "human rights a priority."
        )
    place = release.place.get(code).upper() if release.place else None
    day = lang.date(release.date)
    return {
        "dateline": lang.phrase("dateline", "%(place)s, %(date)s", place=place, date=day)
        if place
        else day,
        "lead": lang.fill(lead, values),
        "demands_intro": lang.fill(lang.gettext("They ask %(recipient)s to:"), values),
        "demands": _demands(ws, letter, code, prose),
        "figures": _figures(ws, letter, lang, prose),
        "abouts": _abouts(ws, letter, views, prose),
        "contact": _contact(ws, letter, views),
    }


def _demands(ws: Workspace, letter: Letter, lang: str, prose: Prose) -> list[Md]:
    if letter.demands is None:
        return []
    out = []
    for did in letter.demands.items:
        demand = ws.demands[did]
        text = demand.summary or demand.text
        field = "summary" if demand.summary else "text"
        out.append(prose("demands", (did, field, lang), text.get(lang), f"demand:{did}"))
    return out


def _figures(ws: Workspace, letter: Letter, lang: Language, prose: Prose) -> list[Md]:
    """Each fact the letter quotes, once, in the order it first appears."""
    out = []
    for fid in quoted_facts(ws, letter):
        fact = ws.facts[fid]
        label = fact.label.get(lang.code) if fact.label else ""
        sentence = lang.pgettext("figure", "%(figure)s %(label)s, as of %(date)s") % {
            "figure": lang.number(fact.value),
            "label": label,
            "date": lang.date(fact.as_of),
        }
        out.append(
            Md(escape_markdown(" ".join(sentence.split())) + marker(fact.source, fact.locator))
        )
    return out


def _abouts(ws: Workspace, letter: Letter, views: Views, prose: Prose) -> list[dict[str, Any]]:
    """An "About" paragraph for each signing organisation that has one."""
    code = views.code
    out = []
    signing = [e.org for e in ws.signatories_of(letter).entries if e.org and e.listed]
    for oid in dict.fromkeys(signing):
        org = ws.organizations[oid]
        if org.about is not None:
            text = prose("organizations", (oid, "about", code), org.about.get(code))
            out.append({"name": org.name.get(code), "text": text})
    return out


def _contact(ws: Workspace, letter: Letter, views: Views) -> dict[str, str] | None:
    """The press contact: the contact person of the first organisation that has one."""
    code = views.code
    entries = sorted(ws.signatories_of(letter).entries, key=lambda e: e.effective_tier != "lead")
    for oid in [letter.sender, *(e.org for e in entries)]:
        org = ws.organizations.get(oid) if oid else None
        person = ws.people.get(org.contact) if org and org.contact else None
        if org is not None and person is not None:
            return {
                "name": person.name.get(code),
                "organization": org.name.get(code),
                "phone": person.phone or org.phone or "",
                "email": person.email or org.email or "",
            }
    return None
