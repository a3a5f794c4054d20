"""``letterkit status`` and ``letterkit translate``: where a letter's translations
stand, and bringing them up to date (recorded after a review, or through PO files)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .main import (
    LetterArg,
    OutputOpt,
    app,
    emit,
    load,
    parse_date,
    today,
    warn_set_aside,
    workspace_root,
)

translate_app = typer.Typer(
    help="Keep a letter's translations up to date. Record what they were made from, or "
    "exchange them "
    "with translators as PO files (Poedit, Weblate).",
    no_args_is_help=True,
)
app.add_typer(translate_app, name="translate")

OneLangOpt = Annotated[
    str,
    typer.Option(
        "--lang", "-l", metavar="LANG", help="The language of the translation, e.g. vi.",
        show_default=False,
    ),
]  # fmt: skip


@app.command()
def status(
    letter: LetterArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON.")] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD",
            help="Count the days to the sign-on deadline from this day, not today.",
            show_default=False,
        ),
    ] = None,
) -> None:  # fmt: skip
    """Show where a letter stands: translations, TODOs, cosigners.

    Each translated block in each language is up to date, stale (with what changed
    in the original), missing, or untracked.
    """
    from ..reports.status import letter_status, render_status, status_json

    ws = load(letter)
    report = letter_status(ws, letter, today=parse_date(on) or today())
    if as_json:
        import json

        typer.echo(json.dumps(status_json(ws, report), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_status(ws, report), nl=False)


@translate_app.command("mark")
def translate_mark(
    letter: LetterArg,
    lang: OneLangOpt,
    keys: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="BLOCK",
            help="Only these blocks (as 'letterkit status' names them: body.3, subject).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record that a translation is made from the original as it is now.

    After a review: every block of the translation into LANG, or the BLOCKs given.
    """
    from ..change.translate import mark

    report = mark(workspace_root(), letter, lang, tuple(keys or ()))
    warn_set_aside(report.set_aside)
    count = len(report.recorded)
    typer.echo(
        f"recorded {count} block{'s' if count != 1 else ''} of {letter} in {lang} as "
        "translated from the original as it is now"
    )
    if report.not_translated:
        typer.echo("not translated yet: " + "; ".join(report.not_translated))


@translate_app.command("export")
def translate_export(letter: LetterArg, lang: OneLangOpt, output: OutputOpt = None) -> None:
    """Write a letter's translation as a PO file for translators.

    One message per block of the translation into LANG, fuzzy where the original
    changed since it was translated.
    """
    from ..change.translate import export

    emit(export(load(letter), letter, lang), output)


@translate_app.command("import")
def translate_import(
    letter: LetterArg,
    po_file: Annotated[
        Path, typer.Argument(metavar="PO_FILE", help="The PO file translated.", show_default=False)
    ],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", "-l", metavar="LANG",
            help="The language of the translation (default: the PO file's).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Import translations made from an older original too (they are then "
            "shown stale).",
        ),
    ] = False,
) -> None:  # fmt: skip
    """Write the translations of a PO file into the letter.

    Comments and layout of the letter file are kept; fuzzy and empty messages are
    left out. What each translation was made from is recorded.
    """
    from ..change.pofile import read_po
    from ..change.translate import import_po

    report = import_po(workspace_root(), letter, read_po(po_file), lang=lang, force=force)
    warn_set_aside(report.set_aside)
    for label in report.changed:
        typer.echo(f"changed: {label}")
    count = len(report.recorded)
    summary = (
        f"{count} translation{'s' if count != 1 else ''} recorded, {len(report.changed)} changed"
    )
    if report.skipped_fuzzy:
        summary += f"; {report.skipped_fuzzy} fuzzy left out"
    typer.echo(summary)
