"""``letterkit preview``: the letter in the browser, updated each time a file is saved."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, cast

import typer

from ..errors import UsageError
from ..formats import LAYOUTS
from .main import LangOpt, LetterArg, app, debugging, parse_languages, today, workspace_root

if TYPE_CHECKING:
    from ..formats import Layout as LayoutName

Layout = StrEnum("Layout", [(name, name) for name in LAYOUTS])  # type: ignore[misc]


@app.command()
def preview(
    letter: LetterArg,
    port: Annotated[
        int,
        typer.Option(
            "--port", metavar="N",
            help="Port to serve on, up to 65535 (default: a free one).", show_default=False,
        ),
    ] = 0,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Do not open the page in the browser.")
    ] = False,
    lang: LangOpt = None,
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--layout", metavar="LAYOUT",
            help="'parallel' (two languages side by side, each block beside its "
            "translation) or 'sequential' (one after the other). Default: side by side for "
            "two languages. The downloads take it too (default: the letter's layout).",
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="ADDRESS",
            help="Address to serve on: this computer only (127.0.0.1, ::1, localhost) "
            "unless --force-host.",
        ),
    ] = "127.0.0.1",
    force_host: Annotated[
        bool,
        typer.Option(
            "--force-host",
            help="Serve on an address other computers can reach (anyone there who has the "
            "printed address can read the letter).",
        ),
    ] = False,
) -> None:  # fmt: skip
    """Show a letter in the browser while you write it.

    Every language side by side, each block beside its translation and marked with its
    state (up to date, stale, missing, untracked), notes and signatories, with links
    to download it as a PDF, Word file or email.

    The page follows each save of the workspace's files within a second; a mistake
    shows the problem at its file and line instead, until it is fixed. It is served
    on this computer only, at an address with a secret token that is printed here.
    Ctrl-C stops it.
    """
    from ..preview.access import bind_address
    from ..preview.build import PreviewOptions
    from ..preview.server import serve
    from ..writers.common import check_layout

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port", hint="give a number from 1 to 65535")
    languages = parse_languages(lang)
    chosen = cast("LayoutName", layout.value) if layout else None
    if chosen is not None and languages is not None:
        check_layout(len(languages), chosen)
    address = bind_address(host, force=force_host)
    options = PreviewOptions(letter, today(), languages=languages, layout=chosen, debug=debugging())
    try:
        serve(
            workspace_root(),
            options,
            host=address,
            port=port,
            open_browser=not no_open,
            say=typer.echo,
            log=lambda line: typer.echo(line, err=True),
        )
    except KeyboardInterrupt:  # Ctrl-C before the page was served: nothing to stop
        raise typer.Exit(130) from None
