"""How prose refers to records: ``[@source]`` citations, ``[text](@source)`` links, and
``fact()``/``case()`` calls.

Citation syntax (as in Pandoc): ``[@vnhrn-report]``, ``[@vnhrn-report, p. 12]``, and
several sources in one marker: ``[@a; @b, ch. 3]``. A backslash before the bracket
(``\\[@a]``) keeps it literal. A Markdown link whose address is ``@`` and a source's
id, ``[our report](@vnhrn-report)``, links to that source's ``url``, which is then
written once, in ``sources.yaml``. The cross-checks find the records prose names here;
composing turns the same markers into numbered notes and links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import ID_PATTERN

# Inside a marker, a backslash escapes the next character: a locator that comes from the
# data (a fact's "p. 1]") is written with its brackets, semicolons and backslashes
# escaped, so it can never end the marker or start another.
CITE_GROUP = re.compile(r"(?<!\\)\[(@(?:[^\[\]\n\\]|\\.)*)\]")
_ESCAPED = re.compile(r"\\(.)")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\)((?:\\\\)*);")
_ITEM = re.compile(r"^@(" + ID_PATTERN.strip("^$") + r")(?:\s*,\s*(\S.*?))?\s*$")
# The address of a link to a source: "](@vnhrn-report)" (the id is checked where used).
SOURCE_LINK = re.compile(r"(?<!\\)\]\(\s*@([^()\s]*)\s*\)")
SOURCE_LINK_PREFIX = "@"
HELPER_CALL = re.compile(r"\b(fact|case)\(\s*(['\"])(.*?)\2")
# A whole {{ fact("id") }}, {{ fact("id", cite=false) }} or {{ case("id") }}.
SIMPLE_CALL = re.compile(
    r"\{\{\s*(?P<name>fact|case)\(\s*(?P<q>['\"])(?P<id>[^'\"{}]*)(?P=q)"
    r"(?:\s*,\s*cite\s*=\s*(?P<cite>true|false|True|False))?\s*\)\s*\}\}"
)


def marker(source: str, locator: str | None = None) -> str:
    """``[@source]`` or ``[@source, p. 3]``: a citation as prose writes it, the locator
    (data, not markup) escaped so that it reads back exactly."""
    if not locator:
        return f"[@{source}]"
    escaped = re.sub(r"([\\\[\];])", r"\\\1", locator)
    return f"[@{source}, {escaped}]"


@dataclass(frozen=True)
class Cite:
    """One source cited at one place."""

    source: str
    locator: str | None = None


def parse_group(inner: str) -> list[Cite] | None:
    """``@a, p. 3; @b`` -> cites, or None if the marker is not well formed."""
    cites = []
    for item in _split(inner):
        match = _ITEM.match(item.strip())
        if match is None:
            return None
        locator = _ESCAPED.sub(r"\1", match.group(2)) if match.group(2) else None
        cites.append(Cite(match.group(1), locator))
    return cites


def _split(inner: str) -> list[str]:
    """The items of a marker, split at the semicolons that are not escaped."""
    items, start = [], 0
    for found in _UNESCAPED_SEMICOLON.finditer(inner):
        end = found.end() - 1
        items.append(inner[start:end])
        start = found.end()
    return [*items, inner[start:]]
