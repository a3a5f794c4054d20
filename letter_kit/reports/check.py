"""``letterkit check``: everything that can be wrong with a workspace, at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..composing.composer import verify
from ..errors import DataError, Problem, raise_errors
from ..parallel import fork_map
from ..workspace.collections import BY_NAME, COLLECTIONS, LETTERS
from ..workspace.loading import load_workspace
from ..workspace.models import TODO_MARK
from ..workspace.records import Workspace
from .status import todo_places, translation_problems


@dataclass(frozen=True)
class CheckReport:
    """What was checked in a workspace that has no errors, and what it warns about."""

    workspace: Workspace
    documents: int
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """``2 letters in 4 documents, 13 organisations, ...``: what was checked."""
        ws = self.workspace
        letters = BY_NAME[LETTERS].count(len(ws.letters))
        documents = "document" if self.documents == 1 else "documents"
        counts = [f"{letters} in {self.documents} {documents}"]
        counts += [
            c.count(len(ws.records(c.name))) for c in COLLECTIONS if c.counted and c.name != LETTERS
        ]
        return ", ".join(counts)


def check_workspace(path: Path) -> CheckReport:
    """Load the workspace and verify that every letter composes in each of its languages.

    Raises one :class:`DataError` listing every error found; loading problems first,
    then problems that only composing reveals (templates, catalogs, prose). Warnings
    (which do not make the workspace invalid) are in the report, or in the error.
    """
    ws = load_workspace(path)
    problems: list[Problem] = final_problems(ws)
    documents = 0
    work = [
        (letter_id, lang) for letter_id, letter in ws.letters.items() for lang in letter.languages
    ]

    def attempt(item: tuple[str, str]) -> list[Problem]:
        try:
            verify(ws, *item)
        except DataError as exc:
            return exc.problems
        return []

    # The first document, composed here, warms up what every worker then shares (the
    # template environment, the catalogs, the locale data).
    results = [attempt(work[0])] if work else []
    results += fork_map(attempt, work[1:])
    for found in results:
        documents += not found
        problems += [p for p in found if p not in problems]
    problems += translation_problems(ws)
    warnings = raise_errors(problems)
    return CheckReport(ws, documents, warnings)


def final_problems(ws: Workspace) -> list[Problem]:
    """What a letter whose status is final may not have: TODOs left, or no signatories."""
    problems = []
    for letter_id, letter in ws.letters.items():
        if letter.status != "final":
            continue
        key = ws.file_key(letter_id)
        if letter.about is None and letter.signatories is None:
            problems.append(
                ws.problem(key, ("status",), "a letter marked final has no signatories",
                           hint=f"add them with 'letterkit cosign add {letter_id} ...'")
            )  # fmt: skip
        for loc, offset in todo_places(ws, letter_id):
            problems.append(
                ws.problem(key, loc, f"{TODO_MARK} left in a letter marked final",
                           hint="write this text, or set the letter back to status: draft",
                           offset=offset)
            )  # fmt: skip
    return problems
