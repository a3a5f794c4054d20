"""``letterkit.toml``, the workspace's settings file: the sections that are not about mail.

``[smtp]`` is read by ``mail/settings.py``; this module reads ``[docx]``, ``[lint]``
and ``[defaults]``:

    [docx]
    reference = "templates/reference.docx"   # relative to the workspace

    [lint]
    figure_months = 12     # a figure older than this before the letter's date is stale
    accessed_months = 24   # a source last read longer than this before the letter

    [defaults]
    locales = { en = "en-GB" }   # English letters date and punctuate lists as in Britain
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..formats import LetterheadStyle

if TYPE_CHECKING:
    from .letterparts import ConventionsChoice

CONFIG_FILE = "letterkit.toml"
DOCX_KEYS = ("reference",)
DEFAULTS_KEYS = ("locales",)


@dataclass(frozen=True)
class LintSettings:
    """``[lint]``: how old, in months before a letter's date, a figure's ``as_of`` and a
    source's ``accessed`` day may be before ``letterkit lint`` calls them stale."""

    figure_months: int = 12
    accessed_months: int = 24


def read_config(root: Path) -> dict[str, Any]:
    """The settings of the workspace at ``root`` (none if it has no ``letterkit.toml``)."""
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}", hint="save it as UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}", hint="fix the TOML syntax") from None


def docx_reference(root: Path) -> Path | None:
    """The reference document of ``[docx] reference``, if the workspace names one."""
    path = root / CONFIG_FILE
    section = read_config(root).get("docx", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: docx must be a table", hint="write it as [docx]")
    unknown = sorted(set(section) - set(DOCX_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown [docx] setting '{unknown[0]}'", hint="known: " + ", ".join(DOCX_KEYS)
        )
    value = section.get("reference")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f"{path}: [docx] reference must be the path of a .docx file",
            hint='e.g. reference = "templates/reference.docx"',
        )
    reference = root / value
    if not reference.is_file():
        raise ConfigError(
            f"{path}: [docx] reference: no file {reference}",
            hint="put the organisation's Word document there, or remove the setting",
        )
    return reference


def lint_settings(root: Path) -> LintSettings:
    """The ``[lint]`` settings of the workspace at ``root`` (the defaults without one)."""
    path = root / CONFIG_FILE
    section = read_config(root).get("lint", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: lint must be a table", hint="write it as [lint]")
    defaults = LintSettings()
    known = tuple(vars(defaults))
    for key, value in section.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown [lint] setting '{key}'", hint="known: " + ", ".join(known)
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 600:
            raise ConfigError(
                f"{path}: [lint] {key} must be a whole number of months, from 1 to 600",
                hint=f"e.g. {key} = {getattr(defaults, key)}",
            )
    return LintSettings(**section)


def default_locales(root: Path) -> dict[str, str]:
    """``[defaults] locales``: for a language, the regional variant whose conventions
    (date order, numbers, lists) its letters follow: ``{"en": "en-GB"}``."""
    path = root / CONFIG_FILE
    section = read_config(root).get("defaults", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: defaults must be a table", hint="write it as [defaults]")
    unknown = sorted(set(section) - set(DEFAULTS_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown [defaults] setting '{unknown[0]}'",
            hint="known: " + ", ".join(DEFAULTS_KEYS),
        )
    locales = section.get("locales", {})
    example = 'e.g. locales = { en = "en-GB" }'
    if not isinstance(locales, dict):
        raise ConfigError(f"{path}: [defaults] locales must be a table", hint=example)
    for language, tag in locales.items():
        if not isinstance(tag, str) or tag.replace("_", "-").split("-")[0] != language:
            raise ConfigError(
                f"{path}: [defaults] locales: '{language}' must name a variant of "
                f"'{language}', such as '{language}-GB'",
                hint=example,
            )
    return dict(locales)


@dataclass(frozen=True)
class WorkspaceDefaults:
    """``[defaults]``: what a letter that does not say follows."""

    letterhead: LetterheadStyle | None = None
    conventions: ConventionsChoice | None = None


def workspace_defaults(root: Path) -> WorkspaceDefaults:
    """The ``[defaults]`` of the workspace at ``root``."""
    return WorkspaceDefaults()
