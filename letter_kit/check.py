"""``letterkit check``: everything that can be wrong with a workspace, at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compose import compose
from .errors import DataError, Problem
from .workspace import Workspace, load_workspace


@dataclass(frozen=True)
class CheckReport:
    """What was checked in a workspace that has no problems."""

    workspace: Workspace
    documents: int

    def summary(self) -> str:
        """``2 letters in 4 documents, 13 organisations, ...``: what was checked."""
        ws = self.workspace
        counts = [
            _count(len(ws.letters), "letter") + f" in {_count(self.documents, 'document')}",
            _count(len(ws.organizations), "organisation"),
            _count(len(ws.people), "person", "people"),
            _count(len(ws.recipients), "recipient"),
            _count(len(ws.cases), "case"),
            _count(len(ws.demands), "demand"),
            _count(len(ws.sources), "source"),
            _count(len(ws.facts), "fact"),
        ]
        return ", ".join(counts)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def check_workspace(path: Path) -> CheckReport:
    """Load the workspace and compose every letter in each of its languages.

    Raises one :class:`DataError` listing every problem found; loading problems first,
    then problems that only composing reveals (templates, catalogs, prose).
    """
    ws = load_workspace(path)
    problems: list[Problem] = []
    documents = 0
    for letter_id, letter in ws.letters.items():
        for lang in letter.languages:
            try:
                compose(ws, letter_id, lang)
                documents += 1
            except DataError as exc:
                problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise DataError(problems)
    return CheckReport(ws, documents)
