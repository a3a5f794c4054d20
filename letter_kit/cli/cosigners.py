"""``letterkit cosign``: a letter's cosigners."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .main import LetterArg, OutputOpt, app, emit, load, parse_date, workspace_root

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
    from ..change.cosign import AddRequest, add, new_signer

    signer = new_signer(
        ids=tuple(ids or ()),
        name=name,
        name_vi=name_vi,
        person=person,
        title=title,
        affiliation=affiliation,
    )
    request = AddRequest(
        ids=tuple(ids or ()),
        new=signer,
        tier=tier.value if tier else None,
        listed=not unlisted,
        joined=parse_date(joined, "--joined"),
        late=late,
        force_new=new,
    )
    report = add(workspace_root(), letter, request, today=date.today())
    _say(report.lines)


@cosign_app.command("remove")
def cosign_remove(
    letter: LetterArg,
    signer: Annotated[
        str, typer.Argument(metavar="ID", help="Id of the organisation or person to take off.")
    ],
) -> None:
    """Take an organisation or person off a letter (their record stays in data/)."""
    from ..change.cosign import remove

    _say(remove(workspace_root(), letter, signer).lines)


@cosign_app.command("list")
def cosign_list(letter: LetterArg) -> None:
    """List a letter's signatories in signature-block order, with counts."""
    from ..reports.signatories import list_signatories

    typer.echo(list_signatories(load(), letter), nl=False)


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
    from ..change.sheets import parse_map, read_sheet
    from ..change.signon import ImportRequest, import_sheet

    parsed = read_sheet(sheet, encoding=encoding, mapping=parse_map(mapping or []))
    request = ImportRequest(accept=set(accept or ()), dry_run=dry_run, late=late)
    report = import_sheet(workspace_root(), letter, parsed, request, today=date.today())
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
    from ..reports.signatories import export_signatories

    emit(export_signatories(load(), letter, fmt.value).encode("utf-8"), output)
