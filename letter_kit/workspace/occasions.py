"""When visits and occasions happen: a yearly occasion comes round again every year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Visit
from .records import Workspace


@dataclass(frozen=True)
class Occurrence:
    """A visit on its dates (for a yearly occasion: the next time it comes round)."""

    id: str
    visit: Visit
    start: date
    end: date

    @property
    def send_by(self) -> date:
        """The day letters for it should go out."""
        return self.start - timedelta(days=self.visit.lead_days)


def _in_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def occurrence(visit_id: str, visit: Visit, today: date) -> Occurrence:
    """The visit's dates; a yearly occasion's next dates that have not ended before ``today``."""
    end = visit.end or visit.start
    if visit.recurs != "yearly":
        return Occurrence(visit_id, visit, visit.start, end)
    length = end - visit.start
    start = _in_year(visit.start, today.year)
    if start + length < today:
        start = _in_year(visit.start, today.year + 1)
    return Occurrence(visit_id, visit, start, start + length)


def upcoming(ws: Workspace, today: date, *, include_past: bool = False) -> list[Occurrence]:
    """The visits that have not ended (or all of them), in date order."""
    found = [occurrence(vid, visit, today) for vid, visit in ws.visits.items()]
    return sorted((o for o in found if include_past or o.end >= today), key=lambda o: o.start)
