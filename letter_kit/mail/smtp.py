"""Sending a plan over SMTP, one message at a time, each journaled: never twice.

Without ``--send`` nothing is sent: every message is written to the outbox folder and
its headers are shown. With ``--send`` each message goes over SMTP and its fate (the
server's answer) is appended to a journal beside the outbox files, flushed to disk
before the next one goes. ``--resume`` sends only what the journal does not show as
accepted, and refuses if the letter changed since (``--force`` overrides). A temporary
failure (a 4xx answer, a dropped connection) stops the run: resume it later.
"""

from __future__ import annotations

import hmac
import re
import secrets
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from ..errors import ConfigError, MailError, OutputError, UsageError
from .journal import MAYBE_DELIVERED, Entry, Journal, Status
from .plan import Outgoing, Plan
from .settings import PASSWORD_ENV, SmtpSettings, check_security


@dataclass
class Outcome:
    """What a run did."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # key, server answer
    unknown: list[str] = field(default_factory=list)  # may have been delivered: not resent
    left: int = 0  # not attempted because of --limit


class _Utf8(str):
    """An answer to the server's AUTH, sent as UTF-8 (RFC 4616), where smtplib would
    encode it as ASCII and fail on a password such as "mật-khẩu"."""

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        return str.encode(self, "utf-8", errors)


class _Auth:
    """smtplib's login, with user names and passwords in any language."""

    def auth(self, mechanism: str, authobject: Any, *, initial_response_ok: bool = True) -> Any:
        def answer(challenge: bytes | None = None) -> str | None:
            response = authobject(challenge)
            return None if response is None else _Utf8(response)

        return super().auth(  # type: ignore[misc]
            mechanism, answer, initial_response_ok=initial_response_ok
        )

    def auth_cram_md5(self, challenge: Any = None) -> Any:
        if challenge is None:
            return None
        key = (getattr(self, "password", "") or "").encode("utf-8")
        digest = hmac.HMAC(key, challenge, "md5").hexdigest()
        return f"{getattr(self, 'user', '')} {digest}"


class _SMTP(_Auth, smtplib.SMTP):
    pass


class _SMTPS(_Auth, smtplib.SMTP_SSL):
    pass


@contextmanager
def connect(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """An open, authenticated SMTP connection with verified TLS (unless security is none)."""
    check_security(settings)
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = _SMTPS(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = _SMTP(settings.host, settings.port, timeout=settings.timeout)
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
    except socket.gaierror:
        raise ConfigError(
            f"cannot find the SMTP server '{settings.host}': no such host",
            hint="check the host name in letterkit.toml (or LETTERKIT_SMTP_HOST)",
        ) from None
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
    resend_unknown: bool = False,
    limit: int | None = None,
    per_minute: float | None = None,
    echo: Callable[[str], None] = print,
    clock: Callable[[], float] = time.monotonic,
    sleep: Sleep = time.sleep,
) -> Outcome:
    """Send the plan's messages, journaling each; see the module's description."""
    journal = plan.journal
    latest = journal.latest()
    pending = _pending(plan, latest, resume=resume, force=force, resend_unknown=resend_unknown)
    outcome = Outcome()
    for m in plan.messages:
        if m in pending:
            continue
        maybe = m.key in latest and latest[m.key].status in MAYBE_DELIVERED
        (outcome.unknown if maybe else outcome.skipped).append(m.key)
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
            _Attempt(client, item, journal, outcome, plan.letter, echo).run()
    return outcome


def _pending(
    plan: Plan, latest: dict[str, Entry], *, resume: bool, force: bool, resend_unknown: bool
) -> list[Outgoing]:
    """The messages this run sends; what the journal says refuses the rest.

    Accepted messages are sent again only with ``--force`` (without ``--resume``);
    messages that may have been delivered (no answer came) only with
    ``--resend-unknown``.
    """
    status = {m.key: latest[m.key].status for m in plan.messages if m.key in latest}
    done = [m for m in plan.messages if status.get(m.key) == "accepted"]
    maybe = [m for m in plan.messages if status.get(m.key) in MAYBE_DELIVERED]
    if (done or maybe) and not resume and not force:
        raise UsageError(
            f"{len(done) + len(maybe)} message(s) of {plan.letter} were already sent "
            f"(journal {plan.journal.path})",
            hint="--resume sends the rest; --force sends every message again",
        )
    changed = [m for m in done + maybe if latest[m.key].content_hash != m.message.content_hash]
    if changed and not force:
        raise UsageError(
            f"{plan.letter} changed since {len(changed)} message(s) of it were sent "
            f"(to {changed[0].key} first)",
            hint="--resume --force sends the rest as the letter is now; "
            "the recipients already served keep the old text",
        )
    if force and not resume:
        return list(plan.messages)
    return [m for m in plan.messages if m not in done and (m not in maybe or resend_unknown)]


_DOT = re.compile(rb"(?m)^\.")


class _Attempt:
    """Sending one message: its journal lines, then the SMTP dialogue, each failure
    placed where it happened (before the message went: deferred; after: unknown)."""

    def __init__(self, client: smtplib.SMTP, item: Outgoing, journal: Journal,
                 outcome: Outcome, letter: str, echo: Callable[[str], None]) -> None:  # fmt: skip
        self.client, self.item, self.journal = client, item, journal
        self.outcome, self.letter, self.echo = outcome, letter, echo
        now = datetime.now(UTC)
        self.time = now.isoformat(timespec="seconds")
        # Short enough never to be folded: the time and 48 random bits.
        domain = item.sender.rpartition("@")[2]
        self.message_id = f"<{int(now.timestamp())}.{secrets.token_hex(6)}@{domain}>"
        item.message.stamp(format_datetime(now), self.message_id)
        self.data = item.message.to_bytes()

    def record(self, status: Status, reply: str) -> None:
        item = self.item
        address = ", ".join(item.recipients)
        self.journal.append(Entry(item.key, item.message.content_hash, self.message_id,
                                  status, reply, self.time, address))  # fmt: skip

    def run(self) -> None:
        item = self.item
        try:
            self.record("sending", "")
        except OutputError as exc:
            raise OutputError(
                f"nothing was sent to {item.key}: {exc.message}",
                hint=self._sent_so_far() + "free some space or fix the folder, then run "
                f"'letterkit send {self.letter} --send --resume'",
            ) from None
        try:
            reply, refused = self._dialogue()
        except _Deferred as deferred:
            self._outcome("deferred", str(deferred))
            raise MailError(
                f"the server deferred the message to {item.key}: {deferred}",
                hint=f"nothing else was sent; run 'letterkit send {self.letter} --send "
                "--resume' later",
            ) from None
        except _Refused as refused_answer:
            self._outcome("failed", str(refused_answer))
            self.outcome.failed.append((item.key, str(refused_answer)))
            self.echo(f"refused: {item.key}: {refused_answer}")
            return
        except _Unknown as lost:
            self._outcome("unknown", str(lost))
            self.outcome.unknown.append(item.key)
            raise MailError(
                f"the message to {item.key} was sent, but no answer came ({lost}): "
                "it may have been delivered",
                hint=self._sent_so_far() + f"'letterkit send {self.letter} --send --resume' "
                "sends the rest and not this one; ask the recipient, and add "
                "--resend-unknown to send it again",
            ) from None
        if refused:
            reply += " (refused: " + ", ".join(a for a, _, _ in refused) + ")"
            self.outcome.failed += [(a, f"{c} {_text(t)}") for a, c, t in refused]
        try:
            self.record("accepted", reply)
        except OutputError as exc:
            raise OutputError(
                f"the message to {item.key} was accepted ({reply}), but the journal could "
                f"not record it: {exc.message}",
                hint=self._sent_so_far(also=item.key) + "the journal shows it as being "
                f"sent, so 'letterkit send {self.letter} --send --resume' will not send it "
                "again",
            ) from None
        self.outcome.sent.append(item.key)
        self.echo(f"sent: {item.key}: {reply}")

    def _outcome(self, status: Status, reply: str) -> None:
        try:
            self.record(status, reply)
        except OutputError as exc:
            raise OutputError(
                f"the journal could not record what happened to the message to "
                f"{self.item.key} ({status}: {reply}): {exc.message}",
                hint=self._sent_so_far() + "the journal shows that message as being sent: "
                "it will not be sent again without --resend-unknown",
            ) from None

    def _sent_so_far(self, also: str | None = None) -> str:
        sent = [*self.outcome.sent, *([also] if also else [])]
        return (
            f"sent in this run: {', '.join(sent)}; " if sent else "nothing was sent in this run; "
        )

    def _dialogue(self) -> tuple[str, list[tuple[str, int, bytes]]]:
        """MAIL, RCPT, DATA; the reply and the recipients refused among others."""
        client, item = self.client, self.item
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
                raise _Refused("; ".join(f"{a}: {c} {_text(t)}" for a, c, t in refused))
            client.putcmd("data")
            code, answer = client.getreply()
            if code != 354:
                _check(code, answer, "DATA")
                raise _Deferred(f"{code} {_text(answer)} (DATA)")
            body = _DOT.sub(b"..", self.data)
            client.send(body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Deferred(f"connection lost before the message was sent: {exc}") from None
        try:
            code, answer = client.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Unknown(str(exc) or type(exc).__name__) from None
        _check(code, answer, "end of DATA")
        return f"{code} {_text(answer)}", refused


def _text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else answer


class _Deferred(Exception):
    pass


class _Refused(Exception):
    pass


class _Unknown(Exception):
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
