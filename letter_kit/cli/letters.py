"""Commands about letters and the workspace: draft, list, check, init, visits, new."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from ..errors import ExitCode, UsageError
from ..formats import BINARY, FORMATS, LAYOUTS, PAPERS
from ..reports.listing import KINDS

if TYPE_CHECKING:
    from ..drafting.output import DraftOptions
    from ..formats import Format as FormatName
    from ..formats import Layout as LayoutName
    from ..formats import Paper as PaperName
    from ..workspace.records import Workspace
from .main import (
    AttachOpt,
    AttachPdfOpt,
    DateOpt,
    LangOpt,
    LetterArg,
    NoDraftMarkOpt,
    ReferenceDocxOpt,
    app,
    emit,
    load,
    parse_attach,
    parse_date,
    parse_languages,
    warn,
    workspace_root,
)

Format = StrEnum("Format", [(f, f) for f in FORMATS])  # type: ignore[misc]
Layout = StrEnum("Layout", [(name, name) for name in LAYOUTS])  # type: ignore[misc]
Paper = StrEnum("Paper", [(name, name) for name in PAPERS])  # type: ignore[misc]
_MARKDOWN = Format("md")


Kind = StrEnum("Kind", [(kind, kind) for kind in KINDS])  # type: ignore[misc]


@app.command()
def draft(
    letter: LetterArg,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: md, html, txt, pdf, docx (Word) or eml (an email message).",
            case_sensitive=False,
        ),
    ] = _MARKDOWN,
    lang: LangOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file instead of standard output; with --per-recipient, "
            "into this folder (created if need be).",
        ),
    ] = None,
    on: DateOpt = None,
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--layout",
            metavar="LAYOUT",
            help="PDF and Word: 'sequential' (each language from a new page) or 'parallel' "
            "(two languages side by side). Default: the letter's layout.",
            show_default=False,
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            "--paper",
            metavar="PAPER",
            help="PDF and Word: 'letter' or 'a4'. Default: the letter's paper (for Word "
            "with a reference document, that document's).",
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
    attach: AttachOpt = None,
    attach_pdf: AttachPdfOpt = False,
    reference_docx: ReferenceDocxOpt = None,
    no_draft_mark: NoDraftMarkOpt = False,
    per_recipient: Annotated[
        bool,
        typer.Option(
            "--per-recipient",
            help="One file per recipient (and member of the letter's groups), each with "
            "its own address block and salutation, named by recipient id, in the folder -o.",
        ),
    ] = False,
) -> None:
    """Draft a letter: compose it in each language and write it in one format.

    Text formats go to standard output unless -o is given; a PDF or Word file
    needs -o FILE (or a pipe). With --per-recipient, -o names a folder and exit code
    1 says that some recipients failed (each is named).
    """
    from ..drafting.output import DraftOptions, draft_warnings
    from ..drafting.output import draft as draft_letter

    options = DraftOptions(
        fmt=cast("FormatName", fmt.value),
        languages=parse_languages(lang),
        date=parse_date(on),
        layout=cast("LayoutName", layout.value) if layout else None,
        paper=cast("PaperName", paper.value) if paper else None,
        pdf_standard=pdf_standard,
        attach=parse_attach(attach, attach_pdf),
        reference_docx=reference_docx,
        draft_mark=not no_draft_mark,
    )
    if options.attach and fmt.value != "eml":
        raise UsageError(f"--attach{'-pdf' if attach_pdf else ''} goes with -f eml")
    if reference_docx is not None and fmt.value != "docx" and "docx" not in options.attach:
        raise UsageError("--reference-docx goes with -f docx (or -f eml --attach docx)")
    if not per_recipient and fmt.value in BINARY and output is None and sys.stdout.isatty():
        name = "a PDF" if fmt.value == "pdf" else "a Word file"
        raise UsageError(
            f"will not write {name} to the terminal",
            hint=f"give a file name: -o {letter}.{fmt.value} (or redirect the output)",
        )
    ws = load()
    content = None if per_recipient else draft_letter(ws, letter, options)
    warn(draft_warnings(ws, letter, options))
    if content is None:
        _draft_each(ws, letter, options, output)
    else:
        emit(content, output)


def _draft_each(ws: Workspace, letter: str, options: DraftOptions, output: Path | None) -> None:
    from ..drafting.batch import draft_each

    if output is None:
        raise UsageError("--per-recipient writes one file per recipient: give a folder with -o")
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            bar = "#" * (done * 30 // total) + "." * (30 - done * 30 // total)
            typer.echo(f"\r{letter}: [{bar}] {done}/{total}", err=True, nl=done == total)

    result = draft_each(ws, letter, options, output, progress=progress)
    for recipient, reason in result.failed:
        typer.echo(f"failed: {recipient}: {reason}", err=True)
    count = len(result.written)
    summary = f"wrote {count} file{'s' if count != 1 else ''} to {output}"
    if result.failed:
        summary += f"; {len(result.failed)} failed"
    typer.echo(summary, err=True)
    if result.failed:
        raise typer.Exit(int(ExitCode.SOME_FAILED))


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
    from ..reports.listing import list_records

    typer.echo(list_records(load(), kind.value, lang=lang), nl=False)


@app.command()
def check() -> None:
    """Check the whole workspace: every file, reference, translation and template.

    Prints every problem found, each with its file, line and column, and exits with
    code 65 if there is any error. Warnings (a translation older than the text it
    translates, in a letter not yet final) are printed too, and the exit code is 0.
    """
    from ..reports.check import check_workspace

    report = check_workspace(workspace_root())
    warn(report.warnings)
    typer.echo(f"ok: {report.summary()}")


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder to create (must not exist, or be empty)."),
    ],
) -> None:
    """Create a new workspace from the example letters and templates."""
    from ..workspace.example import init_workspace

    init_workspace(folder)
    typer.echo(f"created workspace {folder}")
    typer.echo(f"next: cd {folder} && letterkit draft harris-2021")


@app.command()
def visits(
    show_all: Annotated[bool, typer.Option("--all", help="Show past visits too.")] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Count days from this day, not today.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", "-l", metavar="LANG", help="Language of dates and names.")
    ] = "en",
) -> None:
    """List coming visits and occasions: when letters must go out, and the letters for each."""
    from ..composing.i18n import load_language
    from ..reports.visits import visits_table

    today = parse_date(on) or date.today()
    ws = load()
    language = load_language(lang, ws.template_dirs())
    typer.echo(visits_table(ws, today, language, include_past=show_all), nl=False)


class LetterKind(StrEnum):
    open_letter = "open-letter"
    press_release = "press-release"


@app.command()
def new(
    letter: Annotated[
        str, typer.Argument(metavar="LETTER_ID", help="Id of the new letter (its file name).")
    ],
    visit: Annotated[
        str | None,
        typer.Option(
            "--visit",
            metavar="VISIT",
            help="The visit the letter is for (default: none; the letter is dated today).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="LETTER",
            help="Copy the demands, cases and signatories of this letter "
            "(for a press release: the letter it announces).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        LetterKind, typer.Option("--kind", metavar="KIND", help="open-letter or press-release.")
    ] = LetterKind.open_letter,
    lang: LangOpt = None,
    recipients: Annotated[
        list[str] | None,
        typer.Option(
            "--recipient",
            metavar="ID",
            help="Who the letter is to (default: the visitor, else the recipients and "
            "groups of the letter given with --from).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a new letter, for a visit or not; the text to write is left as TODO in each
    language."""
    from ..change.newletter import new_letter

    path = new_letter(
        load(),
        letter,
        visit_id=visit,
        today=date.today(),
        base=base,
        kind=kind.value,
        languages=parse_languages(lang),
        recipients=recipients,
    )
    typer.echo(f"created {path}")
    typer.echo(f"next: write the TODO parts, then 'letterkit draft {letter}'")
