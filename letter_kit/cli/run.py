"""Running the command line: the command built from the app, and :func:`main`, the one
place that turns errors into messages and exit codes.

Two things are added to what typer builds. The global options (``-w``, ``--debug``)
are accepted after the command too (``letterkit draft x -w ../campaign``): each
command gets a copy of them. And the help speaks of what a user types, never of
typer's own notation (``{LETTER}``, ``<list[str]>``); each command's summary in
``letterkit --help`` is its first sentence, whole.
"""

from __future__ import annotations

import copy
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument

from ..errors import ExitCode, LetterkitError

# Importing the modules of commands registers them with the app.
from . import (  # noqa: F401
    cosigners,
    languages,
    letters,
    previewing,
    recipients,
    reviewing,
    sending,
    sources,
    translating,
    workspace,
)
from .main import app, paint
from .state import options


def command(argv: Sequence[str] | None = None) -> Any:
    """The ``letterkit`` command, as it runs. Given the command line, only the command it
    names is built: building all of them costs more than most commands take to run."""
    root = typer.main.get_command(_named(app, argv))
    globals_ = [_after(param) for param in root.params if param.name in ("workspace", "debug")]
    _tidy(root, globals_)
    return root


def _named(whole: typer.Typer, argv: Sequence[str] | None) -> typer.Typer:
    """The app with only the command (or group) that ``argv`` names; the whole app when
    it names none it knows (help, a typo the parser suggests a command for) or when the
    shell asks for completions."""
    if argv is None or "_LETTERKIT_COMPLETE" in os.environ:  # click's, for prog "letterkit"
        return whole
    args = iter(argv)
    for arg in args:
        if arg in ("-w", "--workspace"):
            next(args, None)  # the option's value
        elif not arg.startswith("-"):
            break
    else:
        return whole
    part = copy.copy(whole)
    part.registered_commands = [
        info
        for info in whole.registered_commands
        if arg == (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))
    ]
    part.registered_groups = [info for info in whole.registered_groups if info.name == arg]
    return part if part.registered_commands or part.registered_groups else whole


def _after(param: Any) -> Any:
    """A copy of a global option for a command: it sets the option when given there."""
    mine = copy.copy(param)
    mine.expose_value = False
    mine.envvar = None  # the global one reads the environment
    mine.callback = _set_workspace if param.name == "workspace" else _set_debug
    return mine


def _set_workspace(ctx: Any, param: Any, value: str | None) -> None:
    if value is not None:
        options.workspace = Path(value)


def _set_debug(ctx: Any, param: Any, value: bool) -> None:
    if value:
        options.debug = True


class _Argument(TyperArgument):
    """An argument shown as it is typed: ``LETTER``, ``[ID]...``."""

    def _usage_display_name(self) -> str:
        name = str(self.metavar or self.name).upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        return self._usage_display_name(), self.help or ""


_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)


def _tidy(command: Any, globals_: list[Any]) -> None:
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
    if command.help and not command.short_help:
        first = command.help.split("\n\n")[0]
        found = _SENTENCE.match(first.strip())
        command.short_help = " ".join((found[1] if found else first).split())
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        command.params += [copy.copy(param) for param in globals_]
        return
    for sub in subcommands.values():
        _tidy(sub, globals_)


_frozen = False


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (the console script exits with it)."""
    global _frozen
    if not _frozen:  # once per process: a test suite calls main() many times
        gc.freeze()  # what start-up made lives to the end: the collector need not scan it
        _frozen = True
    options.workspace, options.debug = None, False
    try:
        args = sys.argv[1:] if argv is None else argv
        result = command(args).main(args=args, prog_name="letterkit", standalone_mode=False)
    except LetterkitError as exc:
        typer.echo(paint(exc.report()), err=True)
        return int(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except typer.TyperException as exc:
        # Usage errors found by the command-line parser (unknown option, bad choice).
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except Exception as exc:
        if options.debug:
            raise
        typer.echo(
            paint(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "  hint: this is a bug in letterkit; run again with --debug and report the "
                "traceback"
            ),
            err=True,
        )
        return int(ExitCode.INTERNAL)
    return result if isinstance(result, int) else int(ExitCode.OK)
