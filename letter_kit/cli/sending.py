"""``letterkit send``: the letter by email."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode, UsageError, display_path
from .main import (
    Attachable,
    AttachPdfOpt,
    LangOpt,
    LetterArg,
    NoDraftMarkOpt,
    app,
    attach_option,
    load,
    parse_attach,
    parse_languages,
    reference_option,
    workspace_root,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from ..mail.plan import Plan
    from ..mail.settings import SmtpSettings


@app.command()
def send(
    letter: LetterArg,
    to_recipients: Annotated[
        bool,
        typer.Option(
            "--to-recipients",
            help="One message to each of the letter's recipients (and members of its groups, "
            "each addressed to them alone).",
        ),
    ] = False,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="ADDR",
            help="One message to this address (repeatable).",
            show_default=False,
        ),
    ] = None,
    really: Annotated[
        bool, typer.Option("--send", help="Really send. Without it nothing leaves the machine.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Send only the messages not yet accepted.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Send although the journal shows messages sent already, "
            "or the letter changed since.",
        ),
    ] = False,
    resend_unknown: Annotated[
        bool,
        typer.Option(
            "--resend-unknown",
            help="With --resume: send again the messages that went out but got no answer "
            "(they may have been delivered).",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", metavar="N", help="Send at most N messages in this run.", show_default=False
        ),
    ] = None,
    per_minute: Annotated[
        float | None,
        typer.Option(
            "--per-minute",
            metavar="N",
            help="Send at most N messages a minute.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    attach: Annotated[list[Attachable] | None, attach_option()] = None,
    attach_pdf: AttachPdfOpt = False,
    reference_docx: Annotated[Path | None, reference_option("With --attach docx")] = None,
    no_draft_mark: NoDraftMarkOpt = False,
    show: Annotated[
        bool,
        typer.Option(
            "--show",
            help="Dry run: show each message in full, as its recipient will read it "
            "(without it, the headers and first lines).",
        ),
    ] = False,
    outbox: Annotated[
        Path | None,
        typer.Option(
            "--outbox",
            metavar="DIR",
            help="Where the messages and the journal go (default: outbox/ in the workspace).",
        ),
    ] = None,
) -> None:
    """Email a letter: a dry run that fills the outbox, unless --send.

    SMTP settings come from [smtp] in letterkit.toml and LETTERKIT_SMTP_HOST, _PORT,
    _SECURITY (starttls, tls or none), _USER, _CAFILE; the password only from
    LETTERKIT_SMTP_PASSWORD or a prompt. Each message sent is recorded in the journal;
    after a temporary failure (exit 75) run again with --resume.
    """
    import os

    from ..mail.plan import describe, make_plan
    from ..mail.settings import load_settings
    from ..mail.smtp import check_limits
    from ..mail.smtp import send as send_plan

    if to_recipients == bool(to):
        raise UsageError("say who to send to: --to-recipients, or --to ADDR (not both)")
    check_limits(limit, per_minute)
    root = workspace_root()
    settings = load_settings(root, dict(os.environ)) if really else None
    kinds = parse_attach(attach, attach_pdf)
    if reference_docx is not None and "docx" not in kinds:
        raise UsageError("--reference-docx goes with --attach docx")
    plan = make_plan(load(letter), letter, languages=parse_languages(lang), to=to,
                     attach=kinds, reference_docx=reference_docx, outbox=outbox,
                     draft_mark=not no_draft_mark)  # fmt: skip
    plan.write_outbox()
    if settings is None:
        for line in _shown(plan) if show else describe(plan):
            typer.echo(line)
        count = len(plan.messages)
        typer.echo(f"dry run: {count} message{'s' if count != 1 else ''} written to "
                   f"{plan.folder}; nothing was sent (add --send to send)")  # fmt: skip
        return
    settings = _with_password(settings, os.environ)
    outcome = send_plan(plan, settings, resume=resume, force=force, limit=limit,
                        resend_unknown=resend_unknown, per_minute=per_minute,
                        echo=typer.echo)  # fmt: skip
    for key in outcome.unknown:
        typer.echo(f"unknown: {key}: went out earlier and no answer came; not sent again "
                   "(--resend-unknown sends it)")  # fmt: skip
    summary = f"{len(outcome.sent)} sent, {len(outcome.skipped)} already sent"
    summary += f", {len(outcome.unknown)} unknown" if outcome.unknown else ""
    summary += f", {len(outcome.failed)} refused" if outcome.failed else ""
    summary += f"; {outcome.left} left: run again with --resume" if outcome.left else ""
    typer.echo(summary)
    if outcome.failed:
        raise typer.Exit(int(ExitCode.SOME_FAILED))


def _shown(plan: Plan) -> Iterator[str]:
    """Each message of a dry run in full: headers, the text its recipient reads, and
    the files attached to it."""
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    for number, item in enumerate(plan.messages, start=1):
        yield f"--- {number}/{len(plan.messages)} {display_path(plan.folder / item.filename)}"
        message = item.message
        for name, value in message.headers:
            if name in ("From", "To", "Cc", "Subject"):
                yield f"{name}: {value}"
        parsed = message_from_bytes(message.to_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        for part in parsed.iter_attachments():
            size = len(part.get_content())
            yield f"Attached: {part.get_filename()} ({size:,} bytes)"
        yield ""
        yield from message.text().rstrip("\n").splitlines()


def _with_password(settings: SmtpSettings, environ: Mapping[str, str]) -> SmtpSettings:
    import dataclasses
    import getpass

    from ..errors import ConfigError
    from ..mail.settings import PASSWORD_ENV

    if not settings.user:
        return settings
    password = environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise ConfigError(
                f"no password for {settings.user}",
                hint=f"set {PASSWORD_ENV}, or run in a terminal to be asked",
            )
        password = getpass.getpass(f"SMTP password for {settings.user}@{settings.host}: ")
    return dataclasses.replace(settings, password=password)
