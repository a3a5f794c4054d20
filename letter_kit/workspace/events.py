"""What happens to a case, and the status it leaves them in.

A case (``cases.yaml``) may list dated events: ``arrested``, ``tried``, ``sentenced``,
``released``, ``exiled``, ``died``. The status of the case on any day is derived from
the events up to that day, so a letter dated after a release says "released" without
anyone editing the letter. ``status:`` remains for what events cannot say
(``awaiting-trial``, ``wanted``) and for cases recorded without dates; where both are
given, ``status:`` is the status after the last event and must agree with it.

This module is the vocabulary and the rules; :class:`~.models.Case` applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Literal, get_args

from .fields import first_day, last_day

CaseStatus = Literal[
    "detained", "imprisoned", "released", "exiled", "deceased", "awaiting-trial", "wanted"
]
EventKind = Literal["arrested", "tried", "sentenced", "released", "exiled", "died"]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
Event = tuple[EventKind, str]  # what happened, and when (a day, month or year)

# Statuses that can follow the one events lead to, when ``status:`` says more than the
# events can: still held after arrest, awaiting trial; released or in exile, and wanted.
REFINES: dict[CaseStatus, frozenset[CaseStatus]] = {
    "detained": frozenset({"awaiting-trial"}),
    "released": frozenset({"wanted"}),
    "exiled": frozenset({"wanted"}),
}


def after(status: CaseStatus | None, event: EventKind) -> CaseStatus:
    """The status an event leaves a case in, from the status before it.

    A trial does not change where someone is; a sentence passed on someone in exile is
    passed in their absence.
    """
    if event == "arrested":
        return "detained"
    if event == "tried":
        return status or "detained"
    if event == "sentenced":
        return "exiled" if status == "exiled" else "imprisoned"
    if event == "released":
        return "released"
    if event == "exiled":
        return "exiled"
    return "deceased"


def derive(events: Iterable[EventKind]) -> CaseStatus | None:
    """The status after ``events`` (in order); None if there are none."""
    status: CaseStatus | None = None
    for event in events:
        status = after(status, event)
    return status


def agrees(declared: CaseStatus, derived: CaseStatus) -> bool:
    """Whether ``status:`` may stand beside events that lead to ``derived``."""
    return declared == derived or declared in REFINES.get(derived, frozenset())


def happened_by(first_day: date, day: date) -> bool:
    """Whether an event whose earliest possible day is ``first_day`` counts on ``day``.

    An event known only by its month or year counts from the first day of it: events
    are recorded after they happen, so a letter written in that month or year was
    written knowing it.
    """
    return first_day <= day


def status_on(events: Sequence[Event], status: CaseStatus | None, day: date) -> CaseStatus | None:
    """A case's status on ``day``: derived from the events that had happened by then;
    ``status`` once they all had (or when there are none); None before the first."""
    known = known_by(events, day)
    if len(known) == len(events) and status is not None:
        return status
    return derive(kind for kind, _ in known)


def known_by(events: Sequence[Event], day: date) -> list[Event]:
    """The events that had happened by ``day``."""
    return [(kind, when) for kind, when in events if happened_by(first_day(when), day)]


Contradiction = tuple[tuple[str | int, ...], str, object]  # where in the case, why, the value


def contradiction(
    events: Sequence[Event], status: CaseStatus | None, sentence_year: int | None
) -> Contradiction | None:
    """The first thing in a case's events that cannot be true, or None: an event after
    a death, events out of order, a status the last event rules out, a sentence's year
    that is not the year of the ``sentenced`` event."""
    for index, ((kind_before, before), (kind, when)) in enumerate(pairwise(events), start=1):
        if kind_before == "died":
            return ("events", index), f"'{kind}' is listed after 'died'", when
        if last_day(when) < first_day(before):
            return (
                ("events", index),
                f"'{kind}' ({when}) is listed after '{kind_before}' ({before}), which "
                "happened later",
                when,
            )
    derived = derive(kind for kind, _ in events)
    if status is not None and derived is not None and not agrees(status, derived):
        kind, when = events[-1]
        return (
            ("status",),
            f"'{status}' contradicts the last event, '{kind}' ({when}), after which the "
            f"case is '{derived}'",
            status,
        )
    sentenced = [when for kind, when in events if kind == "sentenced"]
    if sentence_year is not None and sentenced:
        when = sentenced[-1]
        if not first_day(when).year <= sentence_year <= last_day(when).year:
            return (
                ("sentence", "year"),
                f"{sentence_year} is not the year of the 'sentenced' event ({when})",
                sentence_year,
            )
    return None
