"""Commands about letters and the workspace: draft, list, check, init, visits, new."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from ..errors import ExitCode, UsageError
from ..formats import BINARY, EXTENSIONS, FORMATS, LAYOUTS, PAPERS, format_of
from ..reports.listing import KINDS

if TYPE_CHECKING:
    from ..drafting.output import DraftOptions
    from ..formats import Format as FormatName
    from ..formats import Layout as LayoutName
    from ..formats import Paper as PaperName
    from ..workspace.records import Workspace
from . import complete
from .main import (
    AttachOpt,
    AttachPdfOpt,
    DateOpt,
    JsonOpt,
    LangOpt,
    LetterArg,
    ReferenceDocxOpt,
    app,
    default_language,
    emit,
    load,
    paint,
    parse_attach,
    parse_date,
    parse_languages,
    print_json,
    read,
    screen,
    warn,
    warn_set_aside,
    workspace_root,
)

Format = StrEnum("Format", [(f, f) for f in FORMATS])  # type: ignore[misc]
Layout = StrEnum("Layout", [(name, name) for name in LAYOUTS])  # type: ignore[misc]
Paper = StrEnum("Paper", [(name, name) for name in PAPERS])  # type: ignore[misc]


Kind = StrEnum("Kind", [(kind, kind) for kind in KINDS])  # type: ignore[misc]


@app.command()
def draft(
    letter: LetterArg,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: md, html, txt, pdf, docx (Word) or eml (an email message). "
            "Default: the ending of -o (letter.pdf is a PDF), else md.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
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
    per_recipient: Annotated[
        bool,
        typer.Option(
            "--per-recipient",
            help="One file per recipient (and member of the letter's groups), each with "
            "its own address block and salutation, named by recipient id, in the folder -o.",
        ),
    ] = False,
) -> None:
    """Draft a letter in one format, in each of its languages.

    The format is -f, else the ending of -o (letter.pdf is a PDF), else Markdown.
    Text formats go to standard output unless -o is given; a PDF or Word file
    needs -o FILE (or a pipe). With --per-recipient, -o names a folder and exit code
    1 says that some recipients failed (each is named).
    """
    from ..drafting.output import DraftOptions, draft_warnings
    from ..drafting.output import draft as draft_letter

    chosen = _format(cast("FormatName | None", fmt.value if fmt else None), output, per_recipient)
    options = DraftOptions(
        fmt=chosen,
        languages=parse_languages(lang),
        date=parse_date(on),
        layout=cast("LayoutName", layout.value) if layout else None,
        paper=cast("PaperName", paper.value) if paper else None,
        pdf_standard=pdf_standard,
        attach=parse_attach(attach, attach_pdf),
        reference_docx=reference_docx,
    )
    if options.attach and chosen != "eml":
        raise UsageError(f"--attach{'-pdf' if attach_pdf else ''} goes with -f eml")
    if reference_docx is not None and chosen != "docx" and "docx" not in options.attach:
        raise UsageError("--reference-docx goes with -f docx (or -f eml --attach docx)")
    if not per_recipient and chosen in BINARY and output is None and sys.stdout.isatty():
        name = "a PDF" if chosen == "pdf" else "a Word file"
        raise UsageError(
            f"will not write {name} to the terminal",
            hint=f"give a file name: -o {letter}.{chosen} (or redirect the output)",
        )
    ws = load(letter)
    content = None if per_recipient else draft_letter(ws, letter, options)
    warn(draft_warnings(ws, letter, options))
    if content is None:
        _draft_each(ws, letter, options, output)
    else:
        emit(content, output)


def _format(given: FormatName | None, output: Path | None, folder: bool) -> FormatName:
    """The format of ``-f``, else the one the ending of ``-o`` names, else Markdown. An
    ending that says another format than ``-f`` is a mistake, and so is one letterkit
    does not write (``.doc``) when ``-f`` does not say what to write into it."""
    if output is None or folder or not output.suffix:
        return given or "md"
    named = format_of(output)
    if named is None and given is None:
        raise UsageError(
            f"cannot tell the format of {output} from its ending '{output.suffix}'",
            hint="end the file name with " + ", ".join(EXTENSIONS) + ", or give -f FORMAT",
        )
    if named is not None and given is not None and named != given:
        raise UsageError(
            f"-f {given} contradicts the file name {output}, which says {named}",
            hint=f"leave out -f (the name gives the format), or name the file "
            f"{output.with_suffix('.' + given)}",
        )
    return given or named or "md"


def _draft_each(ws: Workspace, letter: str, options: DraftOptions, output: Path | None) -> None:
    from ..drafting.batch import draft_each
    from .progress import progress_bar

    if output is None:
        raise UsageError("--per-recipient writes one file per recipient: give a folder with -o")
    with progress_bar(letter, "letters") as progress:
        result = draft_each(ws, letter, options, output, progress=progress)
    for recipient, reason in result.failed:
        typer.echo(paint(f"failed: {recipient}: {reason}"), err=True)
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
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Language of names and titles (default: the first of [defaults] languages "
            "in letterkit.toml, else en).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the records of one kind, as a table.

    Letters that cannot be drafted (a problem touches them) are listed too, marked
    invalid; 'letterkit check' says why.
    """
    from ..reports.listing import list_records, rows

    loaded = read()
    warn_set_aside(loaded.problems, other=False)
    code = lang or default_language(loaded.workspace)
    if as_json:
        print_json({"kind": kind.value, "records": rows(loaded, kind.value, lang=code)})
    else:
        typer.echo(list_records(loaded, kind.value, lang=code, screen=screen()), nl=False)


@app.command()
def check(as_json: JsonOpt = False) -> None:
    """Check everything: files, references, translations, templates.

    Prints every problem found, each with its file, line and column, and exits with
    code 65 if there is any error. Warnings (a translation older than the text it
    translates, in a letter not yet final) are printed too, and the exit code is 0.
    """
    from ..errors import DataError
    from ..reports.check import check_workspace

    try:
        report = check_workspace(workspace_root())
    except DataError as exc:
        if not as_json:
            raise
        print_json({"ok": False, "errors": [p.as_json() for p in exc.problems],
                    "warnings": [p.as_json() for p in exc.warnings], "checked": None})  # fmt: skip
        raise typer.Exit(int(ExitCode.DATA)) from None
    if as_json:
        print_json({"ok": True, "errors": [], "warnings": [p.as_json() for p in report.warnings],
                    "checked": report.counts()})  # fmt: skip
        return
    warn(report.warnings)
    typer.echo(f"ok: {report.summary()}")


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder to create (must not exist, or be empty)."),
    ],
) -> None:
    """Create a workspace: a copy of the example letters, or --bare."""
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
            help="Count the days to each visit's send-by date from this day, not today.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Language of dates and names (default: the first of [defaults] languages "
            "in letterkit.toml, else en).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List coming visits and when their letters must go out.

    Each visit or yearly occasion with the id 'letterkit new --visit' takes, its
    dates, the day letters should go out by, and the letters written for it.
    """
    from ..composing.i18n import load_language
    from ..reports.visits import visit_rows, visits_table

    today = parse_date(on) or date.today()
    loaded = read()
    warn_set_aside(loaded.problems, other=False)
    ws = loaded.workspace
    language = load_language(lang or default_language(ws), ws.template_dirs())
    if as_json:
        print_json(visit_rows(loaded, today, language, include_past=show_all))
        return
    table = visits_table(loaded, today, language, include_past=show_all, screen=screen())
    typer.echo(table, nl=False)


class LetterKind(StrEnum):
    open_letter = "open-letter"
    press_release = "press-release"


@app.command()
def new(
    letter: Annotated[
        str, typer.Argument(metavar="LETTER_ID", help="Id of the new letter (its file name).")
    ],
    visit: Annotated[
        str,
        typer.Option(
            "--visit",
            metavar="VISIT",
            help="The visit the letter is for (see 'letterkit visits --all').",
            autocompletion=complete.visits,
        ),
    ],
    base: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="LETTER",
            autocompletion=complete.letters,
            help="Copy the demands, cases and signatories of this letter "
            "(for a press release: the letter it announces).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        LetterKind, typer.Option("--kind", metavar="KIND", help="open-letter or press-release.")
    ] = LetterKind.open_letter,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANGS",
            help="Languages of the new letter, comma-separated, the one it is written in "
            "first (default: those of --from, else [defaults] languages in letterkit.toml, "
            "else en,vi).",
            show_default=False,
        ),
    ] = None,
    recipients: Annotated[
        list[str] | None,
        typer.Option(
            "--recipient",
            metavar="ID",
            autocompletion=complete.recipients,
            help="Who the letter is to (default: the visitor, else the recipients and "
            "groups of the letter given with --from).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a new letter for a visit.

    What only a person can write is left as TODO text in each language. The visitor
    is its recipient, its date the day letters should go out by; with
    --from, it takes the demands, cases and signatories of an earlier letter.
    """
    from ..change.newletter import new_letter

    path = new_letter(
        load(
            *([base] if base else []),
            records=[("visits", visit), *(("recipients", rid) for rid in recipients or ())],
        ),
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
