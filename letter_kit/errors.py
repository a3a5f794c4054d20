"""Errors that letterkit reports to its user, and the exit codes they map to.

Every error a user can cause derives from :class:`LetterkitError`. The CLI has one
place that turns them into a message on stderr and an exit code; nothing else
prints tracebacks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from enum import IntEnum
from pathlib import Path
from typing import Literal


class ExitCode(IntEnum):
    """Exit codes of the ``letterkit`` command (the values follow ``sysexits.h``)."""

    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    DATA = 65
    NO_INPUT = 66
    INTERNAL = 70
    CANT_CREATE = 73
    TEMP_FAIL = 75
    CONFIG = 78


Severity = Literal["error", "warning", "info"]
"""How much a problem matters: an ``error`` stops the command; a ``warning`` is shown
and the command goes on; an ``info`` is something a report (``letterkit lint``) lists
but that needs no action (a demand no letter uses), which ``check`` does not show."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's data, and where it is.

    An ``error`` stops the command (exit 65 for data); a ``warning`` is reported and
    the command goes on, so a team can work with a letter that is not finished yet; an
    ``info`` only a report shows (see :data:`Severity`).
    """

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def warning(self) -> Problem:
        """The same problem, reported as a warning."""
        return replace(self, severity="warning")

    def info(self) -> Problem:
        """The same problem, reported as something to know (see :data:`Severity`)."""
        return replace(self, severity="info")

    def as_json(self) -> dict[str, str | int | None]:
        """The problem as data: ``file`` (as :meth:`format` shows it), ``line``,
        ``column``, ``field``, ``message``, ``hint``, ``severity``."""
        return {
            "file": display_path(self.file) if self.file is not None else None,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }

    def format(self) -> str:
        """Render as ``path:line:column: field: message`` plus an indented hint line;
        a warning starts with ``warning: ``, an info with ``info: ``."""
        head: list[str] = [] if self.severity == "error" else [self.severity]
        if self.file is not None:
            place = display_path(self.file)
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            head.append(place)
        if self.field:
            head.append(self.field)
        text = ": ".join([*head, self.message])
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when inside it.

    Only the folder is resolved: a file that is a link is shown where it is, not where
    it leads.
    """
    try:
        here = Path.cwd().resolve()
        place = Path(os.path.abspath(path))  # noqa: PTH100  (resolve() would follow a link)
        place = place.parent.resolve() / place.name
        return os.path.relpath(place, here) if place.is_relative_to(here) else str(path)
    except (OSError, ValueError):
        return str(path)


class LetterkitError(Exception):
    """Root of every error letterkit reports to its user."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def report(self) -> str:
        """The full text shown to the user."""
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(LetterkitError):
    """A command was called with options that cannot work together or do not exist."""

    exit_code = ExitCode.USAGE


class MissingInputError(LetterkitError):
    """A workspace, letter or file the user named does not exist."""

    exit_code = ExitCode.NO_INPUT


class OutputError(LetterkitError):
    """An output file or folder could not be written."""

    exit_code = ExitCode.CANT_CREATE


class ConfigError(LetterkitError):
    """Settings are missing or wrong (``letterkit.toml``, environment, credentials)."""

    exit_code = ExitCode.CONFIG


class SettingsError(ConfigError):
    """``letterkit.toml`` is not valid: every problem in it, each at its line."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("SettingsError needs at least one problem")
        super().__init__(problems[0].message, hint=problems[0].hint)
        self.problems = problems

    def report(self) -> str:
        lines = ["error: " + p.format() for p in self.problems]
        if len(self.problems) > 1:
            lines.append(f"{len(self.problems)} problems found")
        return "\n".join(lines)


class MailError(LetterkitError):
    """Sending stopped on a temporary failure; what was sent is in the journal."""

    exit_code = ExitCode.TEMP_FAIL


class WorkspaceBusy(LetterkitError):
    """Another command holds the workspace, or a file changed while this one worked."""

    exit_code = ExitCode.TEMP_FAIL


class LanguageUnavailable(LetterkitError):
    """A language cannot be used: Babel does not know it, or the workspace has no
    catalog of phrases for it."""

    exit_code = ExitCode.DATA


class DataError(LetterkitError):
    """The workspace data is invalid. Carries every problem found, each with its place.

    :attr:`problems` are the errors; :attr:`warnings` what was found beside them,
    reported too so that one run shows everything.
    """

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = problems
        self.warnings = warnings or []
        super().__init__(problems[0].message)

    def report(self) -> str:
        lines = [p.format() for p in [*self.warnings, *self.problems]]
        count = len(self.problems)
        if count > 1:
            lines.append(f"{count} problems found")
        return "\n".join(lines)


class TemplateError(DataError):
    """A template of the workspace could not be rendered."""


def data_error(
    message: str,
    *,
    file: Path | None = None,
    line: int | None = None,
    column: int | None = None,
    field: str | None = None,
    hint: str | None = None,
) -> DataError:
    """Shorthand for a :class:`DataError` with one problem."""
    return DataError([Problem(message, file, line, column, field, hint)])


def raise_errors(found: list[Problem]) -> list[Problem]:
    """Raise one :class:`DataError` if any of ``found`` is an error (the warnings
    with it); otherwise return the warnings, for the caller to report. Infos are left
    out: only a report that lists them (``letterkit lint``) shows them."""
    errors = [p for p in found if p.severity == "error"]
    warnings = [p for p in found if p.severity == "warning"]
    if errors:
        raise DataError(errors, warnings)
    return warnings
