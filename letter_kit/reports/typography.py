"""Typography of prose, per language: what ``letterkit lint`` says of how a text is set.

- everywhere: two spaces between words;
- in every language but French (English, Vietnamese...): no space before
  ``, . ; : ! ?``.

Quotation marks, apostrophes and French no-break spaces are not looked for: letterkit
sets them itself in every format (:mod:`letter_kit.composing.typography`).

What is not prose is left alone: template calls (``{{ fact("id") }}``), citations
(``[@source]``), link addresses, code and web addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Spans that are not prose, blanked out (same length) before the rules look: a
# citation as what follows a word (a note mark), the rest as words.
_CITATION = re.compile(r"\[@[^\]\n]*\]")
_NOT_PROSE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # template syntax
    r"|\]\([^)\n]*\)"  # link destinations
    r"|`[^`\n]*`"  # code
    r"|<[a-z]+:[^>\s]*>|\bhttps?://\S+",  # web addresses
    re.S,
)


@dataclass(frozen=True)
class Rule:
    """One typographic rule: what it finds, and how to set it right."""

    name: str
    pattern: re.Pattern[str]
    message: str  # may use {mark}, the character found
    hint: str


_DOUBLE_SPACE = Rule(
    "double-space",
    re.compile(r"(?<=\S)  +(?=\S)"),
    "two spaces between words",
    "write one space",
)
_SPACE_BEFORE = Rule(
    "space-before-punctuation",
    re.compile(r"(?<=\w)[ \u00a0\u202f]+(?P<mark>[,.;:!?])(?!\w)"),
    "space before '{mark}'",
    "put the punctuation mark right after the word",
)
_RULES: dict[str, tuple[Rule, ...]] = {
    "fr": (_DOUBLE_SPACE,),  # French spaces before ; : ! ? (set by letterkit)
}
_DEFAULT = (_DOUBLE_SPACE, _SPACE_BEFORE)


@dataclass(frozen=True)
class Slip:
    """A rule broken in a text: where first, how often, and what to do."""

    rule: str
    offset: int
    count: int
    message: str
    hint: str


def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rules of a language (``fr-CA`` follows ``fr``)."""
    return _RULES.get(lang.split("-")[0].lower(), _DEFAULT)


def slips(text: str, lang: str) -> Iterator[Slip]:
    """Each rule of ``lang`` that ``text`` breaks, once, at its first place."""
    prose = _NOT_PROSE.sub(lambda m: "x" * len(m.group(0)), text)
    prose = _CITATION.sub(lambda m: "*" * len(m.group(0)), prose)
    for rule in rules_for(lang):
        found = list(rule.pattern.finditer(prose))
        if not found:
            continue
        first = found[0]
        groups = first.groupdict()
        mark = groups.get("mark") or first.group(0).strip() or " "
        message = rule.message.format(mark=mark)
        if len(found) > 1:
            message += f" ({len(found)} times in this text)"
        yield Slip(rule.name, first.start(), len(found), message, rule.hint)
