"""Mail settings: ``[smtp]`` in ``letterkit.toml`` and the LETTERKIT_SMTP_* variables.

The password is never read from a file: only from LETTERKIT_SMTP_PASSWORD, or asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import ConfigError
from ..workspace.config import CONFIG_FILE, read_config

Security = Literal["starttls", "tls", "none"]
LOCALHOST = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. The password never comes from a file."""

    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    cafile: Path | None = None
    timeout: float = 30.0
    password: str | None = field(default=None, repr=False)


_ENV = {
    "host": "LETTERKIT_SMTP_HOST",
    "port": "LETTERKIT_SMTP_PORT",
    "security": "LETTERKIT_SMTP_SECURITY",
    "user": "LETTERKIT_SMTP_USER",
    "cafile": "LETTERKIT_SMTP_CAFILE",
}
PASSWORD_ENV = "LETTERKIT_SMTP_PASSWORD"


def load_settings(root: Path, environ: dict[str, str]) -> SmtpSettings:
    """SMTP settings from ``letterkit.toml`` ([smtp]), overridden by LETTERKIT_SMTP_* variables."""
    smtp = read_config(root).settings.smtp
    values: dict[str, object] = smtp.model_dump(exclude_none=True, exclude={"password"})
    for key, variable in _ENV.items():
        if environ.get(variable):
            values[key] = environ[variable]
    if not values.get("host"):
        raise ConfigError(
            "no SMTP server to send through",
            hint=f"set host (and port, security, user) under [smtp] in {CONFIG_FILE}, "
            f"or {_ENV['host']}",
        )
    security = str(values.get("security", "starttls"))
    if security not in ("starttls", "tls", "none"):
        raise ConfigError(f"SMTP security '{security}' is not starttls, tls or none")
    try:
        port = int(str(values.get("port", 465 if security == "tls" else 587)))
        timeout = float(str(values.get("timeout", 30)))
    except ValueError as exc:
        raise ConfigError(f"SMTP setting is not a number: {exc}") from None
    cafile = values.get("cafile")
    return SmtpSettings(
        host=str(values["host"]),
        port=port,
        security=security,  # type: ignore[arg-type]
        user=str(values["user"]) if values.get("user") else None,
        cafile=(root / str(cafile)) if cafile else None,
        timeout=timeout,
    )


def check_security(settings: SmtpSettings) -> None:
    """Refuse to send a password over a connection that is not encrypted.

    The one exception is a server on 127.0.0.1 (or ::1) named as such: a local relay.
    """
    if settings.user and settings.security == "none" and settings.host not in LOCALHOST:
        raise ConfigError(
            f"refusing to log in to {settings.host} over an unencrypted connection",
            hint="use security = 'starttls' or 'tls'; only a server named 127.0.0.1 "
            "may be used without encryption",
        )
