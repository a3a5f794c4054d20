"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), with ways to misbehave."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """Stores what it receives; can drop the connection, defer or refuse."""

    received: list[Received] = field(default_factory=list)
    sessions: int = 0
    drop_after: int | None = None  # take message N+1, then close without answering
    drop_at_rcpt: int | None = None  # close the connection at RCPT of message N+1
    refuse_data: str | None = None  # the answer to the DATA command itself, e.g. "554 ..."
    slow_reply: float = 0.0  # take the message, then wait this long before answering
    refuse: set[str] = field(default_factory=set)  # 550 for these recipients
    defer: set[str] = field(default_factory=set)  # 451 for these recipients
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:  # fmt: skip
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        if self.drop_at_rcpt is not None and len(self.received) >= self.drop_at_rcpt:
            server.transport.close()
            return "421 closing"
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        if address in self.defer:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop_after is not None and len(self.received) >= self.drop_after:
            server.transport.close()
            return "421 closing"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content))  # fmt: skip
        if self.slow_reply:
            await asyncio.sleep(self.slow_reply)
        return f"250 2.0.0 Ok: queued as {len(self.received)}"


class _Server(SMTP):
    """aiosmtpd's server, able to refuse the DATA command itself."""

    async def smtp_DATA(self, arg: str) -> None:
        handler = self.event_handler
        if isinstance(handler, Handler) and handler.refuse_data is not None:
            await self.push(handler.refuse_data)
            return
        await super().smtp_DATA(arg)


class _Controller(Controller):
    def factory(self) -> SMTP:
        return _Server(self.handler, **self.SMTP_kwargs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    handler: Handler
    port: int
    cafile: Path | None = None


@contextmanager
def smtp_server(
    tmp: Path, *, tls: str | None = None, password: str | None = None
) -> Iterator[Server]:
    """A server on 127.0.0.1. ``tls``: None, "starttls" or "tls" (a self-signed CA in ``tmp``)."""
    handler = Handler()
    port = _free_port()
    kwargs: dict[str, Any] = {}
    cafile = None
    if tls is not None:
        ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        cafile = tmp / "ca.pem"
        ca.cert_pem.write_to_path(str(cafile))
        if tls == "tls":
            kwargs["ssl_context"] = context
        else:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
    if password is not None:

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                         data: Any) -> AuthResult:  # fmt: skip
            assert isinstance(data, LoginPassword)
            user, given = data.login.decode(), data.password.decode()
            handler.logins.append((user, given))
            # handled=False: let aiosmtpd answer 235 or 535 itself
            return AuthResult(success=given == password, handled=False)

        kwargs["authenticator"] = authenticate
        kwargs["auth_require_tls"] = tls is not None
    controller = _Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield Server(handler, port, cafile)
    finally:
        controller.stop()


def configure(workspace: Path, server: Server, **extra: str) -> None:
    """Point the workspace's letterkit.toml at ``server`` (no TLS unless ``extra`` says)."""
    lines = ["[smtp]", 'host = "127.0.0.1"', f"port = {server.port}"]
    lines += [f'{key} = "{value}"' for key, value in {"security": "none", **extra}.items()]
    (workspace / "letterkit.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def journal(workspace: Path, letter: str) -> list[dict[str, str]]:
    """The entries of the letter's send journal."""
    path = workspace / "outbox" / letter / "journal.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def to(*addresses: str) -> list[str]:
    """``--to`` options for each address."""
    return [arg for address in addresses for arg in ("--to", address)]
