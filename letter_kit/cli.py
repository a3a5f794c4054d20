"""The ``letterkit`` command. Thin: each command resolves its options, calls the library
and prints. :func:`main` is the one place that turns errors into messages and exit codes.

Heavy modules (pydantic, jinja2, ruamel, babel, writers) are imported inside the
commands, so ``letterkit --help`` stays fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import ExitCode, LetterkitError, MissingInputError, UsageError
from .listing import KINDS

if TYPE_CHECKING:
    from .workspace import Workspace

EXIT_CODES = """\
\b
Exit codes:
  0   ok
  2   usage error (unknown option, bad value)
  65  invalid workspace data or template
  66  missing input (workspace, letter or file)
  70  internal error (a bug: run with --debug and report it)
  73  cannot write output
  75  try again: the workspace is busy, or a file changed meanwhile
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


class Format(StrEnum):
    md = "md"
    html = "html"
    txt = "txt"
    pdf = "pdf"


class Layout(StrEnum):
    sequential = "sequential"
    parallel = "parallel"


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


Kind = StrEnum("Kind", [(kind, kind) for kind in KINDS])  # type: ignore[misc]


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


def _root() -> Path:
    """The workspace folder the command works on."""
    from .workspace import find_workspace

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


def _workspace() -> Workspace:
    from .workspace import load_workspace

    return load_workspace(_root())


def _languages(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise UsageError("--lang needs at least one language code, e.g. -l en or -l en,vi")
    return list(dict.fromkeys(codes))


def _date(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} '{value}' is not a date", hint="write it as YYYY-MM-DD"
        ) from None


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .store import atomic_write

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
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date the letter this day instead of its own date.",
        show_default=False,
    ),
]


@app.command()
def draft(
    letter: LetterArg,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: md, html, txt or pdf.",
            case_sensitive=False,
        ),
    ] = Format.md,
    lang: LangOpt = None,
    output: OutputOpt = None,
    on: DateOpt = None,
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--layout",
            metavar="LAYOUT",
            help="PDF: 'sequential' (each language from a new page) or 'parallel' "
            "(two languages side by side). Default: the letter's layout.",
            show_default=False,
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            "--paper",
            metavar="PAPER",
            help="PDF: 'letter' or 'a4'. Default: the letter's paper.",
            show_default=False,
        ),
    ] = None,
    pdf_standard: Annotated[
        str | None,
        typer.Option(
            "--pdf-standard",
            metavar="STANDARD",
            help="PDF: conform to an archival standard: a-2b, a-2u or a-3b.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a letter: compose it in each language and write it in one format.

    Text formats go to standard output unless -o is given; a PDF needs -o FILE
    (or a pipe).
    """
    from .drafting import DraftOptions
    from .drafting import draft as draft_letter

    options = DraftOptions(
        fmt=fmt.value,
        languages=_languages(lang),
        date=_date(on),
        layout=layout.value if layout else None,
        paper=paper.value if paper else None,
        pdf_standard=pdf_standard,
    )
    if fmt is Format.pdf and output is None and sys.stdout.isatty():
        raise UsageError(
            "will not write a PDF to the terminal",
            hint=f"give a file name: -o {letter}.pdf (or redirect the output)",
        )
    _emit(draft_letter(_workspace(), letter, options), output)


@app.command("list")
def list_(
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="KIND",
            help="What to list: " + ", ".join(KINDS) + ".",
            case_sensitive=False,
            show_default=False,
        ),
    ],
    lang: Annotated[
        str, typer.Option("--lang", "-l", metavar="LANG", help="Language of names and titles.")
    ] = "en",
) -> None:
    """List the records of one kind in the workspace, as a table."""
    from .listing import list_records

    typer.echo(list_records(_workspace(), kind.value, lang=lang), nl=False)


@app.command()
def check() -> None:
    """Check the whole workspace: every file, reference, translation and template.

    Prints every problem found, each with its file, line and column, and exits with
    code 65 if there is any.
    """
    from .check import check_workspace

    report = check_workspace(_root())
    typer.echo(f"ok: {report.summary()}")


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder to create (must not exist, or be empty)."),
    ],
) -> None:
    """Create a new workspace from the example letters and templates."""
    from .example import init_workspace

    init_workspace(folder)
    typer.echo(f"created workspace {folder}")
    typer.echo(f"next: cd {folder} && letterkit draft harris-2021")


cosign_app = typer.Typer(
    help="Manage a letter's cosigners: add, remove, list, import a sign-on sheet, export.",
    no_args_is_help=True,
)
app.add_typer(cosign_app, name="cosign")


class Tier(StrEnum):
    lead = "lead"
    organization = "organization"
    individual = "individual"


class ListFormat(StrEnum):
    csv = "csv"
    md = "md"


LateOpt = Annotated[
    bool, typer.Option("--late", help="Add even though the letter's sign-on deadline has passed.")
]


def _say(lines: list[str], summary: str | None = None) -> None:
    for line in lines:
        typer.echo(line)
    if summary:
        typer.echo(summary)


@cosign_app.command("add")
def cosign_add(
    letter: LetterArg,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Ids of organisations or people already in data/ to add.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help="Name of an organisation to add (created if new)."
        ),
    ] = None,
    name_vi: Annotated[
        str | None,
        typer.Option("--name-vi", metavar="NAME", help="Its name in Vietnamese, if different."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--person",
            metavar="NAME",
            help="A person who signs: for the organisation given, or in personal capacity.",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TITLE", help="The person's title.")
    ] = None,
    affiliation: Annotated[
        str | None,
        typer.Option("--affiliation", metavar="TEXT", help="The person's affiliation."),
    ] = None,
    tier: Annotated[
        Tier | None,
        typer.Option(
            "--tier", metavar="TIER", help="lead, organization or individual.", show_default=False
        ),
    ] = None,
    unlisted: Annotated[
        bool, typer.Option("--unlisted", help="Count this signer but do not print the name.")
    ] = False,
    joined: Annotated[
        str | None,
        typer.Option("--joined", metavar="YYYY-MM-DD", help="Date they joined (default: today)."),
    ] = None,
    late: LateOpt = False,
    new: Annotated[
        bool,
        typer.Option("--new", help="Create the signer even if its name looks like a known one."),
    ] = False,
) -> None:
    """Add cosigners to a letter, by id or by name; new ones are created in data/."""
    from .cosign import AddRequest, NewSigner, add, checked_name

    if name_vi is not None and name is None:
        raise UsageError("--name-vi needs --name")
    if not ids and name is None and person is None:
        raise UsageError("name who signs: ids, --name or --person", hint="see --help")
    signer = None
    if name is not None or person is not None:
        signer = NewSigner(
            org=checked_name(name, "--name") if name is not None else None,
            org_vi=checked_name(name_vi, "--name-vi") if name_vi is not None else None,
            person=checked_name(person, "--person") if person is not None else None,
            title=checked_name(title, "--title") if title is not None else None,
            affiliation=checked_name(affiliation, "--affiliation") if affiliation else None,
        )
    elif title or affiliation:
        raise UsageError("--title and --affiliation describe --person")
    request = AddRequest(
        ids=tuple(ids or ()),
        new=signer,
        tier=tier.value if tier else None,
        listed=not unlisted,
        joined=_date(joined, "--joined"),
        late=late,
        force_new=new,
    )
    report = add(_root(), letter, request, today=date.today())
    _say(report.lines)


@cosign_app.command("remove")
def cosign_remove(
    letter: LetterArg,
    signer: Annotated[
        str, typer.Argument(metavar="ID", help="Id of the organisation or person to take off.")
    ],
) -> None:
    """Take an organisation or person off a letter (their record stays in data/)."""
    from .cosign import remove

    _say(remove(_root(), letter, signer).lines)


@cosign_app.command("list")
def cosign_list(letter: LetterArg) -> None:
    """List a letter's signatories in signature-block order, with counts."""
    from .signon import list_signatories

    typer.echo(list_signatories(_workspace(), letter), nl=False)


@cosign_app.command("import")
def cosign_import(
    letter: LetterArg,
    sheet: Annotated[
        Path, typer.Argument(metavar="SHEET.csv", help="The sign-on sheet, exported as CSV.")
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Read a column as a field: org, org_vi, person, first_name, last_name, "
            "title, affiliation, email, country, website, listed, unlisted, joined, ignore.",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENC",
            help="The sheet's encoding if not UTF-8 (e.g. cp1258).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    accept: Annotated[
        list[int] | None,
        typer.Option(
            "--accept",
            metavar="ROW",
            help="Add this held row as a new signatory.",
            show_default=False,
        ),
    ] = None,
    late: LateOpt = False,
) -> None:
    """Import a sign-on sheet (CSV from Google Forms, Microsoft Forms, Action Network...).

    Exact duplicates are skipped; names that look like a known signatory are held for
    review until accepted with --accept ROW. Importing the same sheet twice adds nothing.
    """
    from .sheets import parse_map, read_sheet
    from .signon import ImportRequest, import_sheet

    parsed = read_sheet(sheet, encoding=encoding, mapping=parse_map(mapping or []))
    request = ImportRequest(accept=set(accept or ()), dry_run=dry_run, late=late)
    report = import_sheet(_root(), letter, parsed, request, today=date.today())
    columns = ", ".join(f"{header}={field}" for header, field in parsed.columns.items())
    summary = (
        f"{report.added} added, {report.present} already present, "
        f"{report.held} held for review\ncolumns read: {columns}"
    )
    if parsed.ignored:
        summary += "\nignored columns: " + ", ".join(parsed.ignored)
    if dry_run:
        summary += "\ndry run: nothing was written"
    _say(report.lines, summary)


@cosign_app.command("export")
def cosign_export(
    letter: LetterArg,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="csv or md.", case_sensitive=False),
    ] = ListFormat.csv,
    output: OutputOpt = None,
) -> None:
    """Export a letter's signatories for sharing: CSV (safe in a spreadsheet) or Markdown."""
    from .signon import export_signatories

    _emit(export_signatories(_workspace(), letter, fmt.value).encode("utf-8"), output)


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
