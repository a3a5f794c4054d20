"""A workspace as read, problems included: which records are valid, every problem
found, and which letters each problem touches.

One colleague's unfinished letter must not stop everyone else's work. Each problem
the loader finds belongs to a record (a letter, or one record of a shared file such
as an organisation), to a whole file (one that could not be read), or, rarely, to the
whole workspace; and each record depends on the records it names, as the cross-check
finds them (a letter on its recipients, signatories, demands, cases, sources; a
demand on its cases; an organisation on its contact...). A letter can be drafted when
no problem belongs to anything it depends on, however broken the rest is.

What a letter depends on is decided cautiously: a letter to a group depends on every
recipient whose groups cannot be read, and on the whole recipients file if that file
cannot be read, so that no member is ever left out of a letter unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import DataError, Problem, display_path
from .collections import LETTERS
from .records import Workspace

Owner = tuple[str, str | None]
"""What a problem belongs to, or a record depends on: ``(collection, id)``; an id of
None is every record of the collection (a file that could not be read)."""


@dataclass(frozen=True)
class Found:
    """A problem and what it belongs to (None: the whole workspace)."""

    problem: Problem
    owner: Owner | None


@dataclass(frozen=True)
class LoadedWorkspace:
    """Everything :func:`~letter_kit.workspace.loading.read_workspace` found.

    :attr:`workspace` holds every record that is valid on its own; records that are
    not are left out of it (what can be read of them is in :attr:`partial`).
    """

    workspace: Workspace
    found: Sequence[Found] = ()
    depends: Mapping[Owner, frozenset[Owner]] = field(default_factory=dict)
    partial: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()  # letter ids whose file could not be read

    @property
    def problems(self) -> list[Problem]:
        """Every problem, shared files first (their effects on letters come after)."""
        return [f.problem for f in self.found]

    def strict(self) -> Workspace:
        """The workspace, or one :class:`DataError` with every problem."""
        if self.found:
            raise DataError(self.problems)
        return self.workspace

    def needs(self, letters: Iterable[str] = (), records: Iterable[Owner] = ()) -> set[Owner]:
        """Everything the letters and records depend on, themselves included."""
        todo = [*((LETTERS, letter) for letter in letters), *records]
        seen: set[Owner] = set()
        while todo:
            owner = todo.pop()
            if owner not in seen:
                seen.add(owner)
                todo.extend(self.depends.get(owner, ()))
        return seen

    def touching(
        self, letters: Iterable[str] = (), records: Iterable[Owner] = ()
    ) -> tuple[list[Problem], list[Problem]]:
        """The problems that touch the letters and records given (those of anything
        they depend on), and the others."""
        needed = self.needs(letters, records)
        collections = {collection for collection, _ in needed}
        wholes = {collection for collection, record in needed if record is None}
        touch: list[Problem] = []
        other: list[Problem] = []
        for item in self.found:
            owner = item.owner
            hit = (
                owner is None
                or owner in needed
                or owner[0] in wholes
                or (owner[1] is None and owner[0] in collections)
            )
            (touch if hit else other).append(item.problem)
        return touch, other

    def for_letters(
        self, letters: Iterable[str] = (), *, records: Iterable[Owner] = ()
    ) -> Workspace:
        """The workspace for work on these letters (and records, such as
        ``("organizations", None)`` for a command that adds organisations): a
        :class:`DataError` if a problem touches them; otherwise the workspace, whose
        :attr:`~Workspace.set_aside` names the problems left aside."""
        touch, other = self.touching(letters, records)
        if touch:
            warning = set_aside_warning(other)
            raise DataError(touch, [warning] if warning else [])
        return replace(self.workspace, set_aside=tuple(other))

    def invalid_letters(self) -> set[str]:
        """The letters that cannot be drafted: a problem touches each."""
        ids = {*self.workspace.letters, *self.partial.get(LETTERS, {}), *self.unreadable}
        return {letter for letter in ids if self.touching([letter])[0]}

    def every_letter_read(self) -> bool:
        """Whether every letter could be read and no problem touches any: only then
        can what no letter uses be told."""
        return not any(f.owner is None for f in self.found) and not self.invalid_letters()

    def clean(self) -> Workspace:
        """The workspace without the letters that a problem touches."""
        invalid = self.invalid_letters()
        letters = {k: v for k, v in self.workspace.letters.items() if k not in invalid}
        return replace(self.workspace, letters=letters)


def set_aside_warning(problems: Sequence[Problem], *, other: bool = True) -> Problem | None:
    """One warning naming the files whose problems were left aside (``other``: by a
    command about some letters), or None."""
    files = list(dict.fromkeys(display_path(p.file) for p in problems if p.file is not None))
    if not files:
        return None
    noun = "file has" if len(files) == 1 else "files have"
    where = (
        f"{len(files)} other {noun} problems, left aside"
        if other
        else f"{len(files)} {noun} problems"
    )
    return Problem(
        f"{where}: {', '.join(files)} ('letterkit check' lists them)", severity="warning"
    )
