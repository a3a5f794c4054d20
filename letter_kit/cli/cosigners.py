"""``letterkit cosign``: a letter's cosigners."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from ..errors import UsageError
from . import complete
from .main import (
    JsonOpt,
    LetterArg,
    OutputOpt,
    app,
    emit,
    load,
    parse_date,
    print_json,
    screen,
    today,
    workspace_root,
)

cosign_app = typer.Typer(
    help="Manage a letter's cosigners: add, remove, list, import, export.",
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
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Change the signatories of a letter whose status is 'sent'."),
]


def _say(lines: list[str], summary: str | None = None, warnings: list[str] | None = None) -> None:
    for line in lines:
        typer.echo(line)
    if summary:
        typer.echo(summary)
    for warning in warnings or []:
        typer.echo(warning, err=True)


def _rows(values: list[int] | None) -> set[int]:
    return set(values or ())


@cosign_app.command("add")
def cosign_add(
    letter: LetterArg,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help="Ids of organisations or people already in data/ to add.",
            autocompletion=complete.signers,
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
    new_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The id of the new organisation or person (default: made from the name).",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Add cosigners to a letter, by id or by name (new ones are created).

    A person added by id (or --person ID) signs for their organisation. A name that
    looks like a known signer's is refused until you give the known id, or --new.
    """
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
        force=force,
        new_id=new_id,
    )
    report = add(workspace_root(), letter, request, today=today())
    _say(report.lines, warnings=report.warnings)


@cosign_app.command("remove")
def cosign_remove(
    letter: LetterArg,
    signers: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help="Ids of the organisations or people to take off.",
            autocompletion=complete.signers,
            show_default=False,
        ),
    ],
    force: ForceOpt = False,
) -> None:
    """Take signatories off a letter (their records stay in data/)."""
    from ..change.cosign import remove

    _say(remove(workspace_root(), letter, signers, force=force).lines)


@cosign_app.command("list")
def cosign_list(letter: LetterArg, as_json: JsonOpt = False) -> None:
    """List a letter's signatories, in signature-block order.

    Each with the id 'cosign remove' takes, their names in each language, when they
    joined and whether they are named; then the counts.
    """
    from ..reports.signatories import list_signatories, signatories_json

    ws = load(letter)
    if as_json:
        print_json(signatories_json(ws, letter))
    else:
        typer.echo(list_signatories(ws, letter, screen=screen()), nl=False)


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
            help="Read a column as a field: org, org_vi, person, person_vi, first_name, "
            "last_name, title, title_vi, affiliation, affiliation_vi, email, country, website, "
            "listed (yes = name published), unlisted (yes = anonymous), joined, ignore.",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENC",
            help="The sheet's encoding if not UTF-8 or UTF-16 with a byte-order mark "
            "(e.g. cp1258).",
            show_default=False,
        ),
    ] = None,
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Dates such as 03/09/2023 are 3 September.")
    ] = False,
    month_first: Annotated[
        bool, typer.Option("--month-first", help="Dates such as 03/09/2023 are 9 March.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added and held; write nothing.")
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
    link: Annotated[
        list[str] | None,
        typer.Option(
            "--link",
            metavar="ROW=ID",
            help="This held row is the known organisation or person ID.",
            show_default=False,
        ),
    ] = None,
    listed: Annotated[
        list[int] | None,
        typer.Option(
            "--listed",
            metavar="ROW",
            help="This row's signer agreed to be named.",
            show_default=False,
        ),
    ] = None,
    unlisted: Annotated[
        list[int] | None,
        typer.Option(
            "--unlisted",
            metavar="ROW",
            help="This row's signer is counted but not named.",
            show_default=False,
        ),
    ] = None,
    late: LateOpt = False,
    force: ForceOpt = False,
) -> None:
    """Import a sign-on sheet (CSV from Google Forms, Excel and others).

    Sheets exported from Google Forms, Microsoft Forms, Excel and Action Network are
    read; only what is new is added. Exact duplicates are skipped. A row is held for
    review when its answer to a question such as "Can we publish your name?" cannot be
    read (--listed ROW, --unlisted ROW), or when its name looks like a known
    signatory's (--link ROW=ID, --accept ROW). Importing the same sheet twice adds
    nothing.
    """
    from ..change.sheets import parse_map, read_sheet
    from ..change.signon import ImportRequest, import_sheet

    if day_first and month_first:
        raise UsageError("--day-first and --month-first cannot both be given")
    order: Literal["day-first", "month-first"] | None = (
        "day-first" if day_first else "month-first" if month_first else None
    )
    parsed = read_sheet(sheet, encoding=encoding, mapping=parse_map(mapping or []), order=order)
    both = _rows(listed) & _rows(unlisted)
    if both:
        raise UsageError(f"row {min(both)} is given both --listed and --unlisted")
    answers: dict[int, Literal["listed", "unlisted"]] = dict.fromkeys(_rows(listed), "listed")
    answers.update(dict.fromkeys(_rows(unlisted), "unlisted"))
    request = ImportRequest(
        accept=_rows(accept), links=_links(link or []), answers=answers, dry_run=dry_run,
        late=late, force=force,
    )  # fmt: skip
    rows = len(parsed.rows)
    typer.echo(f"sheet: {rows} row{'' if rows == 1 else 's'}, {parsed.table.form}")
    typer.echo(f"columns read: {parsed.mapping.describe()}")
    if parsed.mapping.ignored:
        typer.echo("ignored columns: " + ", ".join(c.header for c in parsed.mapping.ignored))
    report = import_sheet(workspace_root(), letter, parsed, request, today=today())
    added, held = (
        ("would be added", "would be held for review") if dry_run else ("added", "held for review")
    )
    summary = f"{report.added} {added}, {report.present} already present, {report.held} {held}"
    if dry_run:
        summary += "\ndry run: nothing was written"
    _say(report.lines, summary, report.warnings)


def _links(items: list[str]) -> dict[int, tuple[str, ...]]:
    out: dict[int, tuple[str, ...]] = {}
    for item in items:
        row, sep, record = item.partition("=")
        if not sep or not row.strip().isdigit() or not record.strip():
            raise UsageError(f"--link '{item}' is not ROW=ID", hint="e.g. --link 3=viet-tan")
        number = int(row)
        out[number] = (*out.get(number, ()), record.strip())
    return out


@cosign_app.command("export")
def cosign_export(
    letter: LetterArg,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="csv or md.", case_sensitive=False),
    ] = ListFormat.csv,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV: start with a byte-order mark, so that Excel reads it as UTF-8 "
            "and shows Vietnamese names as written.",
        ),
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Export a letter's signatories for sharing: CSV or Markdown.

    Cells that a spreadsheet would run as a formula are written as text; --excel makes
    Excel read the names as written.
    """
    from ..reports.signatories import export_signatories

    if excel and fmt != ListFormat.csv:
        raise UsageError("--excel is for -f csv")
    data = export_signatories(load(letter), letter, fmt.value).encode("utf-8")
    emit(b"\xef\xbb\xbf" + data if excel else data, output)
