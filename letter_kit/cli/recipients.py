"""``letterkit recipients``: the officials letters are addressed to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .main import app, workspace_root

recipients_app = typer.Typer(
    help="Manage the officials letters are addressed to.",
    no_args_is_help=True,
)
app.add_typer(recipients_app, name="recipients")


@recipients_app.command("import")
def recipients_import(
    sheet: Annotated[
        Path,
        typer.Argument(metavar="SHEET.csv", help="The list of officials, exported as CSV."),
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Read a column as a field: name, honorific, title, address, salutation, "
            "reference (each also FIELD_vi, for Vietnamese), email, groups, id, ignore.",
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            metavar="GROUP",
            help="Put every official of the sheet in this group (e.g. congress).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENC",
            help="The sheet's encoding if not UTF-8 or UTF-16 with a byte-order mark.",
            show_default=False,
        ),
    ] = None,
    accept: Annotated[
        list[int] | None,
        typer.Option(
            "--accept",
            metavar="ROW",
            help="Add this held row although its name looks like a known recipient's.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added and held; write nothing.")
    ] = False,
) -> None:
    """Import officials from a sheet (CSV) into data/recipients.yaml.

    Headers in English or Vietnamese are recognised (Name, Title, Address line 1,
    Salutation, Email, Group; "(Vietnamese)" or "(tiếng Việt)" for the Vietnamese
    text). Names already in the data are skipped; importing the same sheet twice adds
    nothing.
    """
    from ..change.recipients import (
        RecipientsRequest,
        import_recipients,
        parse_map,
        read_recipients,
    )
    from ..errors import UsageError
    from ..text import slug

    groups = [slug(g) for g in group or ()]
    if any(g != given for g, given in zip(groups, group or (), strict=True)):
        raise UsageError(
            "--group takes an id: lowercase letters, digits and hyphens", hint="e.g. congress"
        )
    table, columns = read_recipients(sheet, encoding=encoding, mapping=parse_map(mapping or []))
    rows = len(table.rows)
    typer.echo(f"sheet: {rows} row{'' if rows == 1 else 's'}, {table.form}")
    typer.echo(f"columns read: {columns.describe()}")
    if columns.ignored:
        typer.echo("ignored columns: " + ", ".join(c.header for c in columns.ignored))
    request = RecipientsRequest(groups=groups, accept=set(accept or ()), dry_run=dry_run)
    report = import_recipients(workspace_root(), table, columns, request)
    for line in report.lines:
        typer.echo(line)
    for warning in report.warnings:
        typer.echo(warning, err=True)
    added, held = (
        ("would be added", "would be held for review") if dry_run else ("added", "held for review")
    )
    typer.echo(f"{report.added} {added}, {report.present} already present, {report.held} {held}")
    if dry_run:
        typer.echo("dry run: nothing was written")
