"""Who may read the preview: this computer only, through the address it printed.

The preview serves unpublished letters, the names of signatories among them, so:

- it listens on a loopback address only (another one, such as a LAN address, only
  with ``--force-host``);
- every address holds a random token, printed once: another web site open in the
  same browser cannot guess it;
- a request must name the server as the host it asked for (the ``Host`` header):
  a site whose name an attacker points at 127.0.0.1 (DNS rebinding) sends its own
  name, and is refused.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from ..errors import UsageError

LOCALHOST = "localhost"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only: ``localhost``, 127.0.0.0/8 or ::1."""
    if host.lower() == LOCALHOST:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(host: str, *, force: bool) -> str:
    """The address to listen on; one that others can reach only when forced."""
    host = host.strip("[]")
    if not host:
        raise UsageError("--host needs an address, e.g. --host 127.0.0.1")
    if not is_loopback(host) and not force:
        raise UsageError(
            f"will not serve the preview on '{host}': other computers could read the letter",
            hint="leave --host out to serve this computer only (127.0.0.1); to serve "
            "another address anyway, add --force-host",
        )
    return host


def url_host(host: str, port: int) -> str:
    """``host:port`` as a URL and a ``Host`` header write it (an IPv6 address in [])."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass(frozen=True)
class Access:
    """The token of the preview's addresses, and the host names it answers to."""

    token: str
    hosts: frozenset[str]

    @classmethod
    def new(cls, host: str, port: int) -> Access:
        """A fresh token; the bound address and, on loopback, this computer's own names."""
        names = {url_host(host, port)}
        if is_loopback(host):
            names |= {url_host(name, port) for name in (LOCALHOST, "127.0.0.1", "::1")}
        return cls(secrets.token_urlsafe(18), frozenset(name.lower() for name in names))

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server."""
        return header is not None and header.strip().lower() in self.hosts

    def token_matches(self, given: str) -> bool:
        """Whether a request carries the token (compared in constant time)."""
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())
