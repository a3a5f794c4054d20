"""``letterkit status`` and ``letterkit translate``: where a letter's translations
stand, and bringing them up to date (recorded after a review, or through PO files)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from .main import DateOpt, LetterArg, app, load, parse_date, workspace_root

translate_app = typer.Typer(
    help="A letter's translations: record what they were made from.",
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
    on: DateOpt = None,
) -> None:
    """Show where a letter stands: each translated block in each language (up to date,
    stale with what changed in the original, missing, or untracked), its TODOs, its
    sign-on deadline and its cosigners."""
    from ..reports.status import letter_status, render_status, status_json

    ws = load()
    report = letter_status(ws, letter, today=parse_date(on) or date.today())
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
            metavar="[BLOCK]...",
            help="Only these blocks (as 'letterkit status' names them: body.3, subject).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record, after a review, that the translation into LANG is made from the letter's
    original text as it is now (every block, or the BLOCKs given)."""
    from ..change.translate import mark

    report = mark(workspace_root(), letter, lang, tuple(keys or ()))
    count = len(report.recorded)
    typer.echo(
        f"recorded {count} block{'s' if count != 1 else ''} of {letter} in {lang} as "
        "translated from the original as it is now"
    )
    if report.not_translated:
        typer.echo("not translated yet: " + "; ".join(report.not_translated))
