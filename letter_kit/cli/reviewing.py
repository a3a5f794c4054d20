"""``letterkit lint``: what in the letters may no longer be true, or is not set right."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import ExitCode
from .main import JsonOpt, app, load, print_json, read, warn_set_aside


@app.command()
def lint(
    letters: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LETTER",
            help="Letters to lint (default: every letter, and the sources, demands and "
            "cases no letter uses).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Find what in a letter may no longer be true, or is set wrong.

    Each letter is read against its own date: a figure it quotes that holds as of more
    than 12 months before, a case it lists as a prisoner who was released, exiled or
    had died by then, a source it cites that was last read more than 24 months before
    ([lint] figure_months and accessed_months in letterkit.toml); and the typography
    of its prose in each language (straight quotes, two spaces, a space before
    punctuation; in French, no non-breaking space before ; : ! ?). Of the whole
    workspace: sources no letter cites, and (as info) demands and cases no letter
    uses.

    Findings are warnings, and errors in a letter marked final: the exit code is then
    65. 'letterkit check' reports the same warnings and errors (not the infos). A letter
    that a problem of its data touches is left out, and named ('letterkit check' says
    why).
    """
    from ..reports.lint import lint as lint_workspace

    chosen: list[str] | None = list(letters) if letters else None
    if chosen:
        ws = load(*chosen)
    else:
        loaded = read()
        warn_set_aside(loaded.problems, other=False)
        ws = loaded.workspace
        if not loaded.every_letter_read():
            # every letter that can be read, by name: what no letter uses cannot be
            # told while some letters cannot be read
            chosen = sorted(loaded.clean().letters)
    findings = lint_workspace(ws, ws.config.settings.lint, chosen)
    if as_json:
        print_json([finding.as_json() for finding in findings])
    else:
        for finding in findings:
            typer.echo(finding.problem.format())
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in findings:
            counts[finding.problem.severity] += 1
        summary = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for word, n in counts.items() if n)
        typer.echo(summary or "no findings")
    if any(finding.problem.severity == "error" for finding in findings):
        raise typer.Exit(int(ExitCode.DATA))
