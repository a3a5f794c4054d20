"""Commands about the workspace as a whole: list, check, visits, init."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode
from ..reports.listing import KINDS
from .main import (
    JsonOpt,
    app,
    default_language,
    parse_date,
    print_json,
    read,
    screen,
    today,
    warn,
    warn_set_aside,
    workspace_root,
)

Kind = StrEnum("Kind", [(kind, kind) for kind in KINDS])  # type: ignore[misc]


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
    bare: Annotated[
        bool,
        typer.Option(
            "--bare",
            help="An empty workspace: data files and letterkit.toml holding only comments "
            "that say what goes in them.",
        ),
    ] = False,
) -> None:
    """Create a workspace: a copy of the example letters, or --bare.

    A copy holds the example's data and templates; a bare workspace uses letterkit's
    own templates until it has some of its own.
    """
    from ..workspace.creation import init_workspace

    init_workspace(folder, bare=bare)
    typer.echo(f"created workspace {folder}" + (" (empty)" if bare else ""))
    if bare:
        typer.echo(f"next: cd {folder}, add records to data/*.yaml, then 'letterkit new'")
    else:
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

    day = parse_date(on) or today()
    loaded = read()
    warn_set_aside(loaded.problems, other=False)
    ws = loaded.workspace
    language = load_language(lang or default_language(ws), ws.template_dirs())
    if as_json:
        print_json(visit_rows(loaded, day, language, include_past=show_all))
        return
    table = visits_table(loaded, day, language, include_past=show_all, screen=screen())
    typer.echo(table, nl=False)
