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

CITE_GROUP = re.compile(r"(?<!\\)\[(@[^\[\]\n]*)\]")
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
    """``[@source]`` or ``[@source, p. 3]``: a citation as prose writes it."""
    return f"[@{source}, {locator}]" if locator else f"[@{source}]"


@dataclass(frozen=True)
class Cite:
    """One source cited at one place."""

    source: str
    locator: str | None = None


def parse_group(inner: str) -> list[Cite] | None:
    """``@a, p. 3; @b`` -> cites, or None if the marker is not well formed."""
    cites = []
    for item in inner.split(";"):
        match = _ITEM.match(item.strip())
        if match is None:
            return None
        cites.append(Cite(match.group(1), match.group(2)))
    return cites
