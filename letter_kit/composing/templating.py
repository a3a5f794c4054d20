"""Jinja2, configured in exactly one place.

Letter templates and the prose in letter files are rendered in a sandbox with
``StrictUndefined``: a template can read the values it is given and nothing else, and a
misspelt name is an error, not an empty string.

Everything a ``{{ ... }}`` prints is escaped for Markdown, except values wrapped in
:class:`Md` (prose the user wrote as Markdown, already rendered). So a name such as
``*Free* [VN] #1`` stays literal text in every format.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..text import escape_markdown
from . import sandbox
from .compiled import CompiledTemplates
from .markdown import MARKER_START
from .sandbox import BudgetExceeded, ConfinedLoader, LimitedSandbox


class Md(str):
    """Text that is already Markdown and must not be escaped again."""

    __slots__ = ()


def prose_markdown(text: str) -> Md:
    """User prose as trusted Markdown; a part marker inside it is kept as plain text."""
    # "<!-- \@" reads as "<!-- @" but is no marker; unlike an entity it holds no ";",
    # which would split a citation whose locator holds such text.
    return Md(text.replace(MARKER_START, "<!-- \\@"))


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return escape_markdown(str(value))


def _indent(value: str, width: int = 4, first: bool = False) -> Md:
    """Indent continuation lines (and the first with ``first``): for prose inside list items."""
    pad = " " * width
    first_line, *rest = str(value).split("\n")
    lines = [pad + first_line if first else first_line]
    lines += [pad + line if line else line for line in rest]
    text = "\n".join(lines)
    return Md(text) if isinstance(value, Md) else Md(escape_markdown(text))


def _lines(values: list[str]) -> Md:
    """Several lines of literal text as one Markdown paragraph with hard line breaks."""
    return Md("\\\n".join(escape_markdown(str(v)) for v in values))


def _strong(value: str) -> Md:
    """Text in bold (``**...**``), for a value a phrase places: ``name=case.name|strong``."""
    text = value if isinstance(value, Md) else escape_markdown(str(value))
    return Md(f"**{text}**")


@lru_cache(maxsize=8)
def markdown_environment(template_dirs: tuple[Path, ...]) -> LimitedSandbox:
    """The sandboxed environment for letter templates (``*.md.j2``) and prose."""
    env = LimitedSandbox(
        loader=ConfinedLoader([str(d) for d in template_dirs]),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=CompiledTemplates(sys.modules[__name__], sandbox),
    )
    # The gettext callables are passed with each render (one language per render);
    # newstyle means {% trans %} passes its variables to them as keywords.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.filters["indent"] = _bounded_indent
    env.filters["lines"] = _lines
    env.filters["strong"] = _strong
    return env


def _bounded_indent(value: str, width: int = 4, first: bool = False) -> Md:
    if not 0 <= width <= 64:
        raise BudgetExceeded(f"indent({width}): indent by 0 to 64 spaces")
    return _indent(value, width, first)


Fill = Callable[[str, dict[str, Any]], str]
_PLACEHOLDER_OR_PERCENT = re.compile(r"(%\(\w+\)[sd]|%%)")


def filled(phrase: str, values: dict[str, Any], fill: Fill) -> str:
    """A phrase with its placeholders filled. A value that is Markdown already (a name
    in bold, a demand's prose) is placed as it is, and the phrase's own words escaped
    around it; otherwise the plain text is escaped when it is printed."""
    if not values:
        return phrase
    if not any(isinstance(v, Md) for v in values.values()):
        return fill(phrase, values)
    pieces = _PLACEHOLDER_OR_PERCENT.split(phrase)
    escaped = "".join(p if n % 2 else escape_markdown(p) for n, p in enumerate(pieces))
    marked = {
        k: v if isinstance(v, Md) or not isinstance(v, str) else escape_markdown(v)
        for k, v in values.items()
    }
    return Md(fill(escaped, marked))


def gettext_callables(
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    pgettext: Callable[[str, str], str],
    fill: Fill = lambda phrase, values: phrase % values,
) -> dict[str, Callable[..., str]]:
    """``_``, ``gettext``, ``ngettext`` and ``pgettext`` for templates.

    They fill in ``%(name)s`` placeholders from keyword arguments, as Jinja's
    newstyle gettext does, with the language's ``fill`` (see :func:`filled`).
    """

    def _gettext(message: str, **values: Any) -> str:
        return filled(gettext(message), values, fill)

    def _ngettext(singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return filled(ngettext(singular, plural, num), values, fill)

    def _pgettext(context: str, message: str, **values: Any) -> str:
        return filled(pgettext(context, message), values, fill)

    return {"_": _gettext, "gettext": _gettext, "ngettext": _ngettext, "pgettext": _pgettext}


@lru_cache(maxsize=4)
def html_environment(*folders: Path) -> jinja2.Environment:
    """The environment for letterkit's own HTML templates (the HTML writer's page, the
    preview's), found in ``folders`` in order: HTML autoescaping on."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=CompiledTemplates(sys.modules[__name__]),
    )


def template_line(exc: BaseException, name: str | None = None) -> int | None:
    """The template line an error was raised at, from Jinja's rewritten traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    tb: types.TracebackType | None = exc.__traceback__
    line = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if (name is None and filename == "<template>") or (name and filename.endswith(name)):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def template_source(env: jinja2.Environment, name: str) -> Path | None:
    """The file a template name is loaded from (found without reading it)."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return None
    for folder in loader.searchpath:
        candidate = Path(folder).joinpath(*name.split("/"))
        if candidate.is_symlink() or candidate.exists():
            return candidate
    return None


def render_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "this template or prose is wrong", not "letterkit is broken"
    (a template that includes or calls itself without end ends in RecursionError)."""
    return (
        jinja2.TemplateError,
        jinja2.exceptions.SecurityError,
        TypeError,
        ValueError,
        KeyError,
        RecursionError,
    )


def error_message(exc: BaseException) -> str:
    """What went wrong in a template or prose, in words."""
    if isinstance(exc, RecursionError):
        return "it includes or calls itself without end"
    return getattr(exc, "message", None) or str(exc)
