"""Prose whose only template syntax is ``fact()`` and ``case()`` calls, filled in without
the sandbox: the same text, without compiling a template for every paragraph."""

from __future__ import annotations

from collections.abc import Callable

from ..workspace.records import Workspace
from ..workspace.references import SIMPLE_CALL
from .templating import Md


def helpers_only(
    text: str, ws: Workspace, fact: Callable[..., Md], case: Callable[[str], Md]
) -> str | None:
    """Prose whose only template syntax is fact() and case() calls, filled in directly.

    This gives exactly what the sandbox renders, without compiling a template for
    every text. Anything else (or an unknown id, for its message) returns None and
    goes through the sandbox.
    """
    rest = SIMPLE_CALL.sub("", text)
    if "{{" in rest or "{%" in rest or "{#" in rest:
        return None
    out: list[str] = []
    start = 0
    for call in SIMPLE_CALL.finditer(text):
        if text[call.start() - 1 : call.start()] == "{":
            return None  # "{{{": the sandbox reads the braces differently
        name, record, cite = call.group("name"), call.group("id"), call.group("cite")
        if record not in (ws.facts if name == "fact" else ws.cases):
            return None
        if name == "fact":
            value = fact(record, cite=cite is None or cite.lower() == "true")
        elif cite is not None:
            return None
        else:
            value = case(record)
        out += [text[start : call.start()], value]
        start = call.end()
    return "".join([*out, text[start:]])
