"""Commands about letters and the workspace: draft, list, check, init, visits, new."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from ..errors import ExitCode, UsageError
from ..formats import BINARY, EXTENSIONS, FORMATS, LAYOUTS, PAPERS, format_of

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
    LangOpt,
    LetterArg,
    NoDraftMarkOpt,
    ReferenceDocxOpt,
    app,
    emit,
    load,
    paint,
    parse_attach,
    parse_date,
    parse_languages,
    today,
    warn,
)

Format = StrEnum("Format", [(f, f) for f in FORMATS])  # type: ignore[misc]
Layout = StrEnum("Layout", [(name, name) for name in LAYOUTS])  # type: ignore[misc]
Paper = StrEnum("Paper", [(name, name) for name in PAPERS])  # type: ignore[misc]


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
        draft_mark=not no_draft_mark,
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
            help="The visit the letter is for (see 'letterkit visits --all'; default: none, "
            "the letter is dated today).",
            autocompletion=complete.visits,
            show_default=False,
        ),
    ] = None,
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
    """Start a new letter, for a visit or not.

    What only a person can write is left as TODO text in each language. For a visit,
    the visitor is its recipient and its date the day letters should go out by; with
    --from, it takes the demands, cases and signatories of an earlier letter.
    """
    from ..change.newletter import new_letter

    path = new_letter(
        load(
            *([base] if base else []),
            records=[
                *((("visits", visit),) if visit else ()),
                *(("recipients", rid) for rid in recipients or ()),
            ],
        ),
        letter,
        visit_id=visit,
        today=today(),
        base=base,
        kind=kind.value,
        languages=parse_languages(lang),
        recipients=recipients,
    )
    typer.echo(f"created {path}")
    typer.echo(f"next: write the TODO parts, then 'letterkit draft {letter}'")
