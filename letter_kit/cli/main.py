"""The ``letterkit`` command: the application, its global options, the arguments that
several commands share, and :func:`main`, the one place that turns errors into messages
and exit codes.

Commands are thin: each resolves its options, calls the library and prints. Heavy
modules (pydantic, jinja2, ruamel, babel, the writers) are imported inside the
commands, so ``letterkit --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from ..errors import MissingInputError, UsageError
from ..formats import BINARY
from . import complete
from .state import options as _options

if TYPE_CHECKING:
    from typing import TextIO

    from ..errors import Problem
    from ..formats import Binary
    from ..reports.table import Screen
    from ..workspace.loaded import LoadedWorkspace, Owner
    from ..workspace.records import Workspace

EXIT_CODES = """\
\b
Exit codes:
  0   ok
  1   send: some recipients were refused (see the journal)
  2   usage error (unknown option, bad value)
  65  invalid workspace data or template
  66  missing input (workspace, letter or file)
  70  internal error (a bug: run with --debug and report it)
  73  cannot write output
  75  try again: the workspace is busy, a file changed meanwhile, or the mail
      server failed for now (send --resume)
  78  configuration: SMTP settings, certificate or login
"""

app = typer.Typer(
    name="letterkit",
    help="Open letters for human-rights advocacy, from structured data to Markdown, "
    "HTML, text, PDF, Word and email, in every language of the letter.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"letterkit {version('letterkit')}")
        raise typer.Exit()


@app.callback()
def _global_options(
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            metavar="DIR",
            envvar="LETTERKIT_WORKSPACE",
            help="Workspace folder (default: the nearest folder at or above the "
            "current one that has a data/ folder).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    # Given after the command too: the command's own copy of these options may
    # set them again (see run.py).
    _options.workspace = workspace
    _options.debug = debug


def workspace_root() -> Path:
    """The workspace folder the command works on."""
    from ..workspace.records import find_workspace

    root = _options.workspace
    if root is None:
        root = find_workspace(Path.cwd())
        if root is None:
            raise MissingInputError(
                "no workspace here: no data/ folder in this folder or any above it",
                hint="run 'letterkit init FOLDER' to create one, or pass --workspace",
            )
    elif not root.is_dir():
        raise MissingInputError(f"workspace {root} does not exist")
    return root


def debugging() -> bool:
    """Whether ``--debug`` was given (an internal error shows its traceback)."""
    return _options.debug


def load(*letters: str, records: Sequence[Owner] = ()) -> Workspace:
    """The workspace for work on these letters (and records): a problem that touches
    them stops the command; those of other files are left aside, and one warning
    names those files."""
    ws = read().for_letters(letters, records=records)
    warn_set_aside(ws.set_aside)
    return ws


def read() -> LoadedWorkspace:
    """The workspace as read, with every problem it has (for commands that show it all)."""
    from ..workspace.loading import read_workspace

    return read_workspace(workspace_root())


def warn_set_aside(problems: Sequence[Problem], *, other: bool = True) -> None:
    """One warning naming the files whose problems were left aside, if any."""
    from ..workspace.loaded import set_aside_warning

    warning = set_aside_warning(problems, other=other)
    if warning is not None:
        warn([warning])


def default_language(ws: Workspace) -> str:
    """The language of names and dates in tables: the first of the workspace's default
    languages ([defaults] in letterkit.toml), else English."""
    return ws.defaults.languages[0] if ws.defaults.languages else "en"


def parse_languages(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UsageError("--lang needs at least one language code, e.g. -l en or -l en,vi")
    return list(dict.fromkeys(codes))


def today() -> date:
    """Today; or, when SOURCE_DATE_EPOCH is set (the convention of reproducible builds),
    the day it names in UTC, so that a run can be repeated with the same output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return date.today()
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds",
            hint="unset it to use today, or give the seconds since 1970-01-01 UTC",
        ) from None


def parse_date(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} '{value}' is not a date", hint="write it as YYYY-MM-DD"
        ) from None


def parse_attach(attach: Sequence[StrEnum] | None, attach_pdf: bool) -> tuple[Binary, ...]:
    """The formats to attach, in the order given, ``--attach-pdf`` as ``--attach pdf``."""
    kinds = [str(kind.value) for kind in attach or []] + (["pdf"] if attach_pdf else [])
    return tuple(cast("Binary", kind) for kind in dict.fromkeys(kinds))


def warn(problems: Iterable[Problem]) -> None:
    """Report warnings on standard error (``warning: file:line:column: ...``), each once;
    the command goes on and its exit code does not change."""
    for text in dict.fromkeys(p.warning().format() for p in problems):
        typer.echo(paint(text), err=True)


def colour(stream: TextIO) -> bool:
    """Whether to write in colour: only to a terminal, and never when NO_COLOR is set
    (https://no-color.org) or the terminal says it cannot."""
    try:
        terminal = stream.isatty()
    except ValueError:  # closed
        return False
    return terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


_MARKS = {"error:": "red", "internal error:": "red", "warning:": "yellow", "  hint:": "cyan"}


def paint(text: str) -> str:
    """A message for standard error, with ``error:``, ``warning:`` and ``hint:`` in
    colour where colour is wanted."""
    if not colour(sys.stderr):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for mark, fg in _MARKS.items():
            if line.startswith(mark):
                lines[index] = typer.style(mark, fg=fg, bold=fg != "cyan") + line[len(mark) :]
                break
    return "\n".join(lines)


def screen() -> Screen:
    """What standard output is, for tables: a terminal's width and colour, or a file."""
    from ..reports.table import Screen

    if not sys.stdout.isatty():
        return Screen()
    import shutil

    return Screen(width=shutil.get_terminal_size().columns, color=colour(sys.stdout))


def print_json(data: object) -> None:
    """``data`` as JSON on standard output: UTF-8, names as written, indented."""
    import json

    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from ..files import atomic_write

    atomic_write(output, data)
    typer.echo(f"wrote {output}", err=True)


# Arguments and options that several commands share.
LetterArg = Annotated[
    str,
    typer.Argument(
        metavar="LETTER",
        help="Id of the letter (its file name in data/letters/, without .yaml).",
        autocompletion=complete.letters,
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANGS",
        help="Languages, comma-separated, in the order to write them "
        "(default: the letter's languages).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file instead of standard output."
    ),
]


def _applies(when: str | None, text: str) -> str:
    """``Email (-f eml): attach ...``: an option's help, saying when it applies."""
    return f"{when}: {text}" if when else text[:1].upper() + text[1:]


def attach_option(when: str | None = None) -> Any:
    """``--attach``, for a command whose output it applies to ``when``."""
    text = "attach the letter as a file: " + " or ".join(BINARY) + " (repeatable)."
    return typer.Option(
        "--attach",
        metavar="FORMAT",
        help=_applies(when, text),
        case_sensitive=False,
        show_default=False,
    )


def reference_option(when: str | None = None) -> Any:
    """``--reference-docx``, for a command whose output it applies to ``when``."""
    text = (
        "take styles, page size, margins, header and footer from this .docx "
        "(default: [docx] reference in letterkit.toml)."
    )
    return typer.Option(
        "--reference-docx", metavar="FILE", help=_applies(when, text), show_default=False
    )


Attachable = StrEnum("Attachable", [(kind, kind) for kind in BINARY])  # type: ignore[misc]
AttachOpt = Annotated[list[Attachable] | None, attach_option("Email (-f eml)")]
AttachPdfOpt = Annotated[
    bool, typer.Option("--attach-pdf", help="The same as --attach pdf.", show_default=False)
]
ReferenceDocxOpt = Annotated[Path | None, reference_option("Word (-f docx, or --attach docx)")]
JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json", help="Print it as JSON, for scripts (its shape is in the README: For scripts)."
    ),
]
NoDraftMarkOpt = Annotated[
    bool,
    typer.Option(
        "--no-draft-mark",
        help="Leave the DRAFT mark off a letter whose status is draft (a proof).",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date the letter this day instead of its own date.",
        show_default=False,
    ),
]
