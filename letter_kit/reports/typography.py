"""Typography of prose, per language: what ``letterkit lint`` says of how a text is set.

- everywhere: straight quotation marks (``"``, and ``'`` opening a quotation; one
  inside or after a word is taken for an apostrophe), and two spaces between words;
- in French: a non-breaking space (U+202F or U+00A0) before ``; : ! ?`` and ``»`` and
  after ``«``;
- in every other language (English, Vietnamese...): no space before ``, . ; : ! ?``.

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
_NBSP = "\u00a0\u202f"


@dataclass(frozen=True)
class Rule:
    """One typographic rule: what it finds, and how to set it right."""

    name: str
    pattern: re.Pattern[str]
    message: str  # may use {mark}, the character found
    hint: str


_STRAIGHT = Rule(
    "straight-quotes",
    # A single quote that opens a word is a quotation mark; one inside or after a word
    # is an apostrophe (it's, the prisoners' families), whatever it looks like.
    re.compile(r"\"|(?<![^\W_])'(?=[^\W_])"),
    "straight quotation mark ({mark})",
    "write typographic quotation marks: “ and ” (‘ and ’ inside a quotation)",
)
_STRAIGHT_FR = Rule(
    "straight-quotes",
    _STRAIGHT.pattern,
    "straight quotation mark ({mark})",
    "write French quotation marks, « and », with a non-breaking space inside",
)
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
_FRENCH_SPACE = Rule(
    "missing-non-breaking-space",
    re.compile(
        rf"(?<=[^\s{_NBSP}]) ?(?P<mark>[;:!?»])(?=\s|$)|(?P<open>«) ?(?=[^\s{_NBSP}])",
        re.M,
    ),
    "no non-breaking space {place} '{mark}'",
    "in French, ; : ! ? and » take a non-breaking space before them (U+202F, or "
    "U+00A0), and « one after it",
)

_RULES: dict[str, tuple[Rule, ...]] = {
    "fr": (_STRAIGHT_FR, _DOUBLE_SPACE, _FRENCH_SPACE),
}
_DEFAULT = (_STRAIGHT, _DOUBLE_SPACE, _SPACE_BEFORE)


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
        mark = groups.get("open") or groups.get("mark") or first.group(0).strip() or " "
        place = "after" if groups.get("open") else "before"
        message = rule.message.format(mark=mark, place=place)
        if len(found) > 1:
            message += f" ({len(found)} times in this text)"
        yield Slip(rule.name, first.start(), len(found), message, rule.hint)
