"""``letterkit.toml``, the workspace's settings: one model, validated as a whole.

    [defaults]                 # what a command does unless told otherwise
    languages = ["en", "vi"]   # of a new letter; the first one names things in tables
    paper = "a4"               # of a letter that does not say (letter, a4)
    layout = "parallel"        # of a letter that does not say (sequential, parallel)
    date_style = "long"        # dates in letters: long, full (with the weekday), medium
    letterhead = "logos"       # of a letter that does not say (leads, logos, none)
    conventions = "fr"         # the head of a letter that does not say: a language's
    locales = { en = "en-GB" } # English letters date and punctuate lists as in Britain

    [docx]
    reference = "templates/reference.docx"   # relative to the workspace

    [lint]                     # read by letterkit lint (and check)
    figure_months = 12         # a figure older than this before the letter's date is stale
    accessed_months = 24       # a source last read longer than this before the letter

    [smtp]                     # read by mail/settings.py
    host = "smtp.example.org"

Each section is a model below and a field of :class:`Settings`: a new section is a
new model and one line. An unknown section or setting is an error with the nearest
known name, and every problem is placed at its line in the file (exit 78).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem, SettingsError
from ..formats import Layout, LetterheadStyle, Paper
from .fields import Lang
from .filetext import YamlLoadError, read_text
from .letterparts import ConventionsField

CONFIG_FILE = "letterkit.toml"

DateWidth = Literal["long", "full", "medium"]
"""How dates are written in letters (CLDR widths): ``August 4, 2021``, ``Wednesday,
August 4, 2021``, ``Aug 4, 2021``. Vietnamese dates follow administrative style."""


class Section(BaseModel):
    """A section of ``letterkit.toml``: unknown settings are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Defaults(Section):
    """``[defaults]``: what commands do when neither the command line nor the letter says."""

    languages: list[Lang] | None = Field(
        default=None,
        min_length=1,
        description="of a new letter (else en, vi); the first names things in tables",
        examples=[["en", "vi"]],
    )
    paper: Paper | None = Field(
        default=None, description="of a letter that does not say", examples=["a4"]
    )
    layout: Layout | None = Field(
        default=None, description="of a letter that does not say", examples=["parallel"]
    )
    date_style: DateWidth = Field(
        default="long", description="of dates in letters (full adds the weekday)"
    )  # its example is its default
    locales: dict[Lang, str] = Field(
        default_factory=dict,
        description="for a language, the regional variant whose dates, numbers and lists "
        "its letters follow",
        examples=[{"en": "en-GB"}],
    )
    letterhead: LetterheadStyle | None = Field(
        default=None,
        description="of a letter that does not say: leads, logos (a row of the signing "
        "organisations' logos) or none",
        examples=["logos"],
    )
    conventions: ConventionsField | None = Field(
        default=None,
        description="the layout of the head of a letter that does not say: a language's "
        "(fr: the address on the right, then the date, then the title), or what differs",
        examples=["fr"],
    )

    @field_validator("locales")
    @classmethod
    def _variants(cls, value: dict[str, str]) -> dict[str, str]:
        for language, tag in value.items():
            if tag.replace("_", "-").split("-")[0] != language:
                raise ValueError(
                    f"'{language}' must name a variant of '{language}', such as '{language}-GB'"
                )
        return value


class Docx(Section):
    """``[docx]``: Word output."""

    reference: str | None = Field(
        default=None,
        min_length=1,
        description="a Word document whose styles letters take (relative to the workspace)",
        examples=["templates/reference.docx"],
    )


class Lint(Section):
    """``[lint]``: how old, in months before a letter's date, a figure's ``as_of`` and a
    source's ``accessed`` day may be before ``letterkit lint`` calls them stale."""

    figure_months: int = Field(default=12, description="a figure older than this before the letter")
    accessed_months: int = Field(default=24, description="a source last read longer ago than this")

    @field_validator("figure_months", "accessed_months", mode="before")
    @classmethod
    def _months(cls, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 600:
            raise ValueError("must be a whole number of months, from 1 to 600")
        return value


LintSettings = Lint  # the name lint.py knows it by


class Smtp(Section):
    """``[smtp]``: the mail server (the environment may override each setting)."""

    host: str | None = Field(
        default=None, min_length=1, description="the mail server", examples=["smtp.example.org"]
    )
    port: int | None = Field(
        default=None, ge=1, le=65535, description="default 587, or 465 with security tls",
        examples=[587],
    )  # fmt: skip
    security: Literal["starttls", "tls", "none"] | None = Field(
        default=None, description="default starttls; tls is implicit TLS", examples=["starttls"]
    )
    user: str | None = Field(
        default=None, description="to log in as (the password is never kept here)",
        examples=["campaign@example.org"],
    )  # fmt: skip
    cafile: str | None = Field(
        default=None, description="a private certificate authority", examples=["ca.pem"]
    )
    timeout: float | None = Field(
        default=None, gt=0, description="seconds (default 30)", examples=[30]
    )
    password: None = None  # never kept in a file: refused with its own message

    @field_validator("password", mode="before")
    @classmethod
    def _no_password(cls, value: Any) -> None:
        raise ValueError("a password may not be kept in the workspace")


class Settings(Section):
    """Every section of ``letterkit.toml``."""

    defaults: Defaults = Defaults()
    docx: Docx = Docx()
    lint: Lint = Lint()
    smtp: Smtp = Smtp()


_HINTS = {
    ("smtp", "password"): "remove it; set LETTERKIT_SMTP_PASSWORD or type it when asked",
}


@dataclass(frozen=True)
class Config:
    """The workspace's settings, and where each was written (for messages)."""

    settings: Settings = field(default_factory=Settings)
    path: Path | None = None
    text: str = field(default="", repr=False)

    def problem(self, section: str, key: str | None, message: str, hint: str | None) -> Problem:
        """A problem placed at a setting (or at its section) in the file."""
        line, column = _locate(self.text, section, key)
        return Problem(message, self.path, line, column, hint=hint)


def read_config(root: Path) -> Config:
    """The settings of the workspace at ``root``: its ``letterkit.toml`` validated as a
    whole (the defaults if it has none). Raises one :class:`SettingsError` with every
    problem, each at its line."""
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        return Config()
    try:
        text = read_text(path, expected=f"{CONFIG_FILE} is an ordinary text file of TOML")
    except YamlLoadError as exc:
        raise SettingsError([exc.problem]) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        raise SettingsError(
            [Problem(f"invalid TOML: {message}", path, line, column, hint="fix the TOML syntax")]
        ) from None
    config = Config(path=path, text=text)
    try:
        return Config(Settings.model_validate(document), path, text)
    except ValidationError as exc:
        problems = [_problem(config, error) for error in exc.errors()]
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise SettingsError(problems) from None


def _problem(config: Config, error: Any) -> Problem:
    loc = [str(part) for part in error["loc"]]
    section, key = loc[0], loc[1] if len(loc) > 1 else None
    known = Settings.model_fields
    if error["type"] == "extra_forbidden" and key is None:
        close = difflib.get_close_matches(section, list(known), n=1, cutoff=0.6)
        hint = f"did you mean [{close[0]}]? " if close else ""
        hint += "the sections are " + ", ".join(f"[{name}]" for name in known)
        return config.problem(section, None, f"unknown section [{section}]", hint)
    if section not in known:  # a section written as a value: 'smtp = 1'
        return config.problem(section, None, f"[{section}] must be a section", None)
    model = known[section].annotation
    fields = list(model.model_fields) if isinstance(model, type) else []
    fields = [name for name in fields if name != "password"]
    if error["type"] == "extra_forbidden" and len(loc) > 2:  # inside a setting's table
        inner = (
            _model_in(model.model_fields[loc[1]].annotation) if isinstance(model, type) else None
        )
        names = list(inner.model_fields) if inner else []
        close = difflib.get_close_matches(loc[-1], names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(names)
        where = ".".join(loc[1:-1])
        return config.problem(
            section, key, f"[{section}] {where}: unknown setting '{loc[-1]}'", hint
        )
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(key or "", fields, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(fields)
        return config.problem(section, key, f"unknown [{section}] setting '{key}'", hint)
    if key is None:
        return config.problem(section, None, f"[{section}] must be a section", None)
    key_path = ".".join(part for part in loc[1:] if not part.isdigit())
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "literal_error":
        message = f"'{error['input']}' is not one of: {error['ctx']['expected']}"
    elif error["type"] in ("int_parsing", "int_type", "float_parsing", "float_type"):
        message = f"expected a number, got {error['input']!r}"
    advice = _HINTS.get((section, key))
    if (section, key) == ("smtp", "password"):
        return config.problem(section, key, message, advice)
    return config.problem(section, key, f"[{section}] {key_path}: {message}", advice)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a setting's type holds (``Conventions | None``: Conventions), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _locate(text: str, section: str, key: str | None) -> tuple[int | None, int | None]:
    """1-based line and column of ``[section]`` or of ``key`` in it (tomllib keeps no
    positions; the simple layout of a settings file is enough to find them)."""
    current: str | None = None
    header: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        found = _HEADER.match(line)
        if found:
            current = found[1]
            if current == section:
                header = header or number
            continue
        found = _KEY.match(line)
        if found and key is not None and current == section and found[1] == key:
            return number, found.start(1) + 1
        if found and current is None and found[1] == section:  # 'smtp = ...' at the top
            return number, found.start(1) + 1
    return (header, 1) if header else (None, None)


def lint_settings(root: Path) -> Lint:
    """The ``[lint]`` settings of the workspace at ``root`` (the defaults without one)."""
    return read_config(root).settings.lint


def default_locales(root: Path) -> dict[str, str]:
    """``[defaults] locales``: for a language, the regional variant whose conventions
    (date order, numbers, lists) its letters follow: ``{"en": "en-GB"}``."""
    return dict(read_config(root).settings.defaults.locales)
