"""``letterkit sources``: import sources from a reference manager, export them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .main import OutputOpt, app, emit, load, warn_set_aside, workspace_root

sources_app = typer.Typer(
    help="Import and export the sources letters cite (CSL JSON). Reference managers such "
    "as Zotero and Mendeley export it, and read it.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


class SourceFormat(StrEnum):
    CSL_JSON = "csl-json"


def _lang_option(help: str) -> object:
    """``-l``, with the help of the command it is for."""
    return typer.Option("--lang", "-l", metavar="LANG", help=help)


ImportLangOpt = Annotated[
    str, _lang_option("The language of the texts (titles, publishers) of items that do not say.")
]
ExportLangOpt = Annotated[
    str, _lang_option("The language to write the texts (titles, publishers) in.")
]


@sources_app.command("import")
def sources_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE.json", help="The library or items, exported as CSL JSON."),
    ],
    update: Annotated[
        bool, typer.Option("--update", help="Change the sources already there that differ.")
    ] = False,
    lang: ImportLangOpt = "en",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added and changed; write nothing.")
    ] = False,
) -> None:
    """Import sources from CSL JSON, as Zotero and Mendeley export it.

    They go into data/sources.yaml. Each item's citation key is its id. New sources
    are added; sources already there with the same fields are left alone, so importing
    the same file again changes nothing; a source whose fields differ is shown as a
    diff of sources.yaml and changed only with --update. Comments and layout of the file are kept.
    """
    from ..change.sources import SourcesRequest, import_sources

    report = import_sources(
        workspace_root(), file, SourcesRequest(lang=lang, update=update, dry_run=dry_run)
    )
    warn_set_aside(report.set_aside)
    for line in report.lines:
        typer.echo(line)
    for line in report.diff:
        typer.echo(line)
    typer.echo(report.summary() + (" (dry run: nothing written)" if dry_run else ""))


@sources_app.command("export")
def sources_export(
    fmt: Annotated[
        SourceFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="The format: csl-json."),
    ] = SourceFormat.CSL_JSON,
    lang: ExportLangOpt = "en",
    output: OutputOpt = None,
) -> None:
    """Export every source as CSL JSON.

    For Zotero, Mendeley or a citation processor; importing it back changes nothing.
    """
    from ..workspace.csl import export_items

    ws = load(records=[("sources", None)])
    emit(export_items(ws.sources, lang).encode("utf-8"), output)
