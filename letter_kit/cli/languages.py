"""``letterkit lang``: the languages letters can be written in, and their catalogs."""

from __future__ import annotations

from typing import Annotated

import typer

from .main import app, workspace_root

lang_app = typer.Typer(
    help="Add a language letters can be written in. Each has a catalog of phrases.",
    no_args_is_help=True,
)
app.add_typer(lang_app, name="lang")


@lang_app.command("add")
def add(
    code: Annotated[
        str,
        typer.Argument(
            metavar="LANG",
            help="The language: a BCP 47 code such as fr, or fr-CA for a regional variant.",
            show_default=False,
        ),
    ],
) -> None:
    """Start the catalog of phrases of a new language.

    It is written to templates/locale/LANG/LC_MESSAGES/letterkit.po: every phrase of
    the letter templates to translate, with its Vietnamese beside the English, and the
    language's plural forms. 'letterkit check' then lists the phrases not translated
    yet.
    """
    from ..change.language import add_language

    path = add_language(workspace_root(), code)
    typer.echo(f"created {path}")
    typer.echo(f"next: translate each msgstr, then 'letterkit check' and 'languages: [{code}]'")
