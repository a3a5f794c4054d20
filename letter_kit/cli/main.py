"""The ``letterkit`` command: the application, its global options, the arguments that
several commands share, and :func:`main`, the one place that turns errors into messages
and exit codes.

Commands are thin: each resolves its options, calls the library and prints. Heavy
modules (pydantic, jinja2, ruamel, babel, the writers) are imported inside the
commands, so ``letterkit --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from ..errors import ExitCode, LetterkitError, MissingInputError, UsageError
from ..formats import BINARY

if TYPE_CHECKING:
    from ..errors import Problem
    from ..formats import Binary
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
    help="Open letters for human-rights advocacy, from structured data to "
    "Markdown, HTML and text, in every language of the letter.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class _Options:
    workspace: Path | None = None
    debug: bool = False


_options = _Options()


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
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
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


def load() -> Workspace:
    from ..workspace.loading import load_workspace

    return load_workspace(workspace_root())


def parse_languages(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UsageError("--lang needs at least one language code, e.g. -l en or -l en,vi")
    return list(dict.fromkeys(codes))


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
        typer.echo(text, err=True)


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
        metavar="LETTER", help="Id of the letter (its file name in data/letters/, without .yaml)."
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANGS",
        help="Languages, comma-separated, in the order to print them "
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
Attachable = StrEnum("Attachable", [(kind, kind) for kind in BINARY])  # type: ignore[misc]
AttachOpt = Annotated[
    list[Attachable] | None,
    typer.Option(
        "--attach",
        metavar="FORMAT",
        help="Email: attach the letter as a file: " + " or ".join(BINARY) + " (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
AttachPdfOpt = Annotated[
    bool, typer.Option("--attach-pdf", help="Email: attach the letter as a PDF (--attach pdf).")
]
ReferenceDocxOpt = Annotated[
    Path | None,
    typer.Option(
        "--reference-docx",
        metavar="FILE",
        help="Word: take styles, page size, margins, header and footer from this .docx "
        "(default: [docx] reference in letterkit.toml).",
        show_default=False,
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (the console script exits with it)."""
    try:
        result = app(args=argv, prog_name="letterkit", standalone_mode=False)
    except LetterkitError as exc:
        typer.echo(exc.report(), err=True)
        return int(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except typer.TyperException as exc:
        # Usage errors found by the command-line parser (unknown option, bad choice).
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except Exception as exc:
        if _options.debug:
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "  hint: this is a bug in letterkit; run again with --debug and report the traceback",
            err=True,
        )
        return int(ExitCode.INTERNAL)
    return result if isinstance(result, int) else int(ExitCode.OK)
