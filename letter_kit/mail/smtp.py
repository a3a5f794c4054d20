"""Sending a plan over SMTP, one message at a time, each journaled: never twice.

Without ``--send`` nothing is sent: every message is written to the outbox folder and
its headers are shown. With ``--send`` each message goes over SMTP and its fate (the
server's answer) is appended to a journal beside the outbox files, flushed to disk
before the next one goes. ``--resume`` sends only what the journal does not show as
accepted, and refuses if the letter changed since (``--force`` overrides). A temporary
failure (a 4xx answer, a dropped connection) stops the run: resume it later.
"""

from __future__ import annotations

import secrets
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal

from ..errors import ConfigError, MailError, UsageError
from .journal import Entry, Journal
from .plan import Outgoing, Plan
from .settings import PASSWORD_ENV, SmtpSettings, check_security


@dataclass
class Outcome:
    """What a run did."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # address, server answer
    left: int = 0  # not attempted because of --limit


@contextmanager
def connect(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """An open, authenticated SMTP connection with verified TLS (unless security is none)."""
    check_security(settings)
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.starttls(context=context)
        client.ehlo_or_helo_if_needed()
        if settings.user:
            client.login(settings.user, settings.password or "")
    except ssl.SSLCertVerificationError as exc:
        raise ConfigError(
            f"the certificate of {settings.host} cannot be verified: {exc.verify_message}",
            hint="if the server uses a private certificate authority, give its certificate "
            "with cafile in letterkit.toml (or LETTERKIT_SMTP_CAFILE)",
        ) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise ConfigError(
            f"{settings.host} refused the login for {settings.user}: {exc.smtp_code} "
            f"{_text(exc.smtp_error)}",
            hint=f"check LETTERKIT_SMTP_USER and {PASSWORD_ENV}",
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise ConfigError(f"{settings.host}: {exc}", hint="check the security setting") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"cannot connect to {settings.host}:{settings.port}: {exc}",
            hint="check the server settings and the network, then run again",
        ) from None
    try:
        yield client
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


Sleep = Callable[[float], None]


def send(
    plan: Plan,
    settings: SmtpSettings,
    *,
    resume: bool = False,
    force: bool = False,
    limit: int | None = None,
    per_minute: float | None = None,
    echo: Callable[[str], None] = print,
    clock: Callable[[], float] = time.monotonic,
    sleep: Sleep = time.sleep,
) -> Outcome:
    """Send the plan's messages, journaling each; see the module's description."""
    journal = plan.journal
    accepted = journal.accepted()
    pending = _pending(plan, accepted, resume=resume, force=force)
    outcome = Outcome(skipped=[m.key for m in plan.messages if m not in pending])
    if limit is not None:
        outcome.left = max(0, len(pending) - limit)
        pending = pending[:limit]
    if not pending:
        return outcome
    gap = 60.0 / per_minute if per_minute else 0.0
    last = None
    with connect(settings) as client:
        for item in pending:
            if last is not None and gap:
                wait = last + gap - clock()
                if wait > 0:
                    sleep(wait)
            last = clock()
            _send_one(client, item, journal, outcome, plan.letter, echo)
    return outcome


def _pending(
    plan: Plan, accepted: dict[str, Entry], *, resume: bool, force: bool
) -> list[Outgoing]:
    done = [m for m in plan.messages if m.key in accepted]
    if done and not resume and not force:
        raise UsageError(
            f"{len(done)} message(s) of {plan.letter} were already sent "
            f"(journal {plan.journal.path})",
            hint="--resume sends the rest; --force sends every message again",
        )
    changed = [m for m in done if accepted[m.key].content_hash != m.message.content_hash]
    if changed and not force:
        raise UsageError(
            f"{plan.letter} changed since {len(changed)} message(s) of it were sent "
            f"(to {changed[0].key} first)",
            hint="--resume --force sends the rest as the letter is now; "
            "the recipients already served keep the old text",
        )
    if force and not resume:
        return list(plan.messages)
    return [m for m in plan.messages if m.key not in accepted]


def _send_one(client: smtplib.SMTP, item: Outgoing, journal: Journal, outcome: Outcome,
              letter: str, echo: Callable[[str], None]) -> None:  # fmt: skip
    now = datetime.now(UTC)
    # Short enough never to be folded: the time and 48 random bits.
    message_id = f"<{int(now.timestamp())}.{secrets.token_hex(6)}@{item.sender.rpartition('@')[2]}>"
    item.message.stamp(format_datetime(now), message_id)
    data = item.message.to_bytes()

    def record(status: Literal["accepted", "failed", "deferred"], reply: str) -> None:
        journal.append(Entry(item.key, item.message.content_hash, message_id, status, reply,
                             now.isoformat(timespec="seconds")))  # fmt: skip

    try:
        code, answer = client.mail(item.sender)
        _check(code, answer, "MAIL FROM")
        refused = []
        for address in item.recipients:
            code, answer = client.rcpt(address)
            if code >= 400:
                refused.append((address, code, answer))
        temporary = [r for r in refused if r[1] < 500]
        if temporary:
            client.rset()
            address, code, answer = temporary[0]
            raise _Deferred(f"{code} {_text(answer)} (RCPT TO {address})")
        if len(refused) == len(item.recipients):
            client.rset()
            reply = "; ".join(f"{a}: {c} {_text(t)}" for a, c, t in refused)
            record("failed", reply)
            outcome.failed.append((item.key, reply))
            echo(f"refused: {item.key}: {reply}")
            return
        code, answer = client.data(data)
        _check(code, answer, "DATA")
    except _Deferred as deferred:
        record("deferred", str(deferred))
        raise MailError(
            f"the server deferred the message to {item.key}: {deferred}",
            hint=f"nothing else was sent; run 'letterkit send {letter} --send --resume' later",
        ) from None
    except _Refused as refused_answer:
        record("failed", str(refused_answer))
        outcome.failed.append((item.key, str(refused_answer)))
        echo(f"refused: {item.key}: {refused_answer}")
        return
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        record("deferred", f"connection lost: {exc}")
        raise MailError(
            f"the connection was lost while sending to {item.key}",
            hint=f"{len(outcome.sent)} sent before it; run 'letterkit send {letter} --send "
            "--resume' to send the rest",
        ) from None
    reply = f"{code} {_text(answer)}"
    if refused:
        reply += " (refused: " + ", ".join(a for a, _, _ in refused) + ")"
        outcome.failed += [(a, f"{c} {_text(t)}") for a, c, t in refused]
    record("accepted", reply)
    outcome.sent.append(item.key)
    echo(f"sent: {item.key}: {reply}")


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else answer


class _Deferred(Exception):
    pass


class _Refused(Exception):
    pass


def _check(code: int, answer: bytes, step: str) -> None:
    text = f"{code} {_text(answer)} ({step})"
    if 400 <= code < 500:
        raise _Deferred(text)
    if code >= 500:
        raise _Refused(text)


def check_limits(limit: int | None, per_minute: float | None) -> None:
    """Refuse a limit or rate that makes no sense."""
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1")
    if per_minute is not None and per_minute <= 0:
        raise UsageError("--per-minute must be more than 0")
