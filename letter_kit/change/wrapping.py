"""Writing translated paragraphs into a letter's YAML text, as a person would.

Only the paragraphs whose words change are rewritten; everything between them (blank
lines, other paragraphs, the text's indentation and quoting) stays as it was. A
rewritten paragraph keeps its block syntax (``- ``, ``## ``) and is wrapped at the
width of the lines around it. A line is never broken before a word that would start
a new block at the beginning of a line (``-``, ``1.``, ``#``, ``>``): the paragraph
reads back as the one paragraph it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composing.alignment import Field, fields
from ..composing.paragraphs import Segment, segments
from ..errors import Problem
from ..workspace.records import Workspace

if TYPE_CHECKING:
    from ..reports.status import Block, LanguageStatus
    from .pofile import PoMessage

# A word, with any template call or citation in it whole: "{{ case("x") }}," is one.
_WORD = re.compile(r"(?:\{\{.*?\}\}|\{%.*?%\}|\[@[^\]]*\]|\S)+", re.S)
_BLOCK_START = re.compile(r"^(?:[-+*]|#{1,6}|>|\d{1,9}[.)]|=+|-+|`{3,}|~{3,}|\|)$")
_HARD_BREAK = re.compile(r"(?:\\|  )$")
_DEFAULT_WIDTH = 84


def rewrite(
    tree: Any, ws: Workspace, letter_id: str, lang: str, name: str,
    pairs: Sequence[tuple[Block, PoMessage]], status: LanguageStatus, po: Path,
) -> list[Problem]:  # fmt: skip
    """Put the translations of ``pairs`` (all of one field) into the letter's tree;
    the problems that keep a message from being written (nothing is written then)."""
    field = next(f for f in fields(ws.letter(letter_id)) if f.name == name)
    holder = tree
    for part in field.loc:
        holder = holder[part]
    if not field.prose:
        (block, message), *_ = pairs
        if "\n" in message.text.strip():
            return [Problem("the msgstr of a one-line text has a line break", po, message.line,
                            hint="write it on one line")]  # fmt: skip
        _assign(holder, lang, " ".join(message.text.split()))
        return []
    raw = holder.get(lang)
    if not any(b.unit.target for b, _ in pairs):
        return _whole(holder, field, lang, pairs, status, po, ws.letter(letter_id).languages[0])
    assert isinstance(raw, str)
    found = segments(raw)
    width = _width(raw)
    text = raw
    problems: list[Problem] = []
    for block, message in sorted(pairs, key=lambda p: -p[0].unit.at):
        unit = block.unit
        olds = found[unit.at : unit.at + len(unit.target)]
        parts = [message.text] if len(olds) == 1 else _paragraphs(message.text)
        if len(parts) != len(olds):
            problems.append(Problem(
                f"the msgstr has {len(parts)} paragraphs where the {lang} text of "
                f"{unit.label} has {len(olds)}", po, message.line,
                hint="keep the paragraphs as they are (a blank line between two); to join or "
                "split paragraphs, change the letter and declare it under 'alignment:'",
            ))  # fmt: skip
            continue
        for old, new in reversed(list(zip(olds, parts, strict=True))):
            if old.words != " ".join(new.split()):
                end = old.start + len(old.text)
                written = _patched(new, old, width) or _paragraph(new, old, width)
                text = text[: old.start] + written + text[end:]
    if not problems and [s.kind for s in segments(text)] != [s.kind for s in found]:
        problems.append(_reshaped(pairs, lang, po))
    if not problems:
        _assign(holder, lang, text)
    return problems


def _whole(
    holder: Any, field: Field, lang: str, pairs: Sequence[tuple[Block, PoMessage]],
    status: LanguageStatus, po: Path, source: str,
) -> list[Problem]:  # fmt: skip
    """A text not translated yet, written whole: every one of its paragraphs is needed."""
    needed = [b for b in status.blocks if b.unit.field.name == field.name]
    given = {b.unit.key: m for b, m in pairs}
    if len(given) != len(needed):
        (_, first), *_ = pairs
        return [Problem(
            f"the PO file translates {len(given)} of the {len(needed)} paragraphs of "
            f"{field.name}, which has no {lang} text yet", po, first.line,
            hint=f"translate all of {field.name}: letterkit writes a new text whole",
        )]  # fmt: skip
    raw_source = holder.get(source)
    width = _width(raw_source) if isinstance(raw_source, str) else _DEFAULT_WIDTH
    paragraphs = []
    for block in needed:
        message = given[block.unit.key]
        parts = _paragraphs(message.text)
        if len(parts) != len(block.unit.source):
            return [Problem(
                f"the msgstr has {len(parts)} paragraphs where the {source} text of "
                f"{block.unit.label} has {len(block.unit.source)}", po, message.line,
                hint="translate each paragraph as one paragraph (a blank line between two)",
            )]  # fmt: skip
        for old, new in zip(block.unit.source, parts, strict=True):
            paragraphs.append(_paragraph(new, old, width))
    text = "\n\n".join(paragraphs)
    if isinstance(raw_source, str) and raw_source.endswith("\n"):
        text += "\n"
    if len(segments(text)) != len(needed):
        return [_reshaped(pairs, lang, po)]
    _assign(holder, lang, text, like=raw_source)
    return []


def _reshaped(pairs: Sequence[tuple[Block, PoMessage]], lang: str, po: Path) -> Problem:
    (_, first), *_ = pairs
    return Problem(
        f"the translations would change how the {lang} text is divided into paragraphs", po,
        first.line, hint="a msgstr may not start a line with '- ', '1. ', '#' or '>'",
    )  # fmt: skip


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


def _width(text: str) -> int:
    """The width a text is wrapped at: its longest line, if any paragraph is wrapped."""
    lines = text.split("\n")
    wrapped = any(a.strip() and b.strip() for a, b in pairwise(lines))
    return max(len(line) for line in lines) if wrapped else 10**6


def _paragraph(text: str, like: Segment, width: int) -> str:
    """``text`` written as ``like`` is: its block syntax, its indentation, wrapped."""
    indent = " " * _continuation(like)
    if not like.simple:
        first, *rest = text.split("\n")
        return "\n".join([like.prefix + first, *(indent + line if line else line for line in rest)])
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        lead = like.prefix if number == 0 else indent
        out += _wrap(line.rstrip() if not _HARD_BREAK.search(line) else line, lead, indent, width)
    return "\n".join(out)


def _patched(text: str, old: Segment, width: int) -> str | None:
    """``text`` written over the lines of ``old``: each word that stays keeps its line,
    new words go where the words they replace were, and only a line that grows past
    the width passes its last words on. A change of one word changes one line. None
    if either has hard line breaks (they are written afresh)."""
    lines = old.text[len(old.prefix) :].split("\n")
    if not old.simple or "\n" in text or any(_HARD_BREAK.search(line) for line in lines):
        return None
    placed = [(number, word) for number, line in enumerate(lines) for word in _words(line)]
    words = _words(text)
    rows: list[list[str]] = [[] for _ in lines]
    matcher = SequenceMatcher(None, [w for _, w in placed], words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                rows[placed[i1 + offset][0]].append(words[j1 + offset])
        elif tag in ("replace", "insert"):
            at = i1 if tag == "replace" else i1 - 1
            rows[placed[at][0] if 0 <= at < len(placed) else 0].extend(words[j1:j2])
    rows = [row for row in rows if row]
    indent = " " * _continuation(old)
    lead = [old.prefix] + [indent] * len(rows)
    number = 0
    while number < len(rows):
        while len(rows[number]) > 1 and len(lead[number] + " ".join(rows[number])) > width:
            if number + 1 == len(rows):
                rows.append([])
                lead.append(indent)
            rows[number + 1].insert(0, rows[number].pop())
        if number and rows[number] and _BLOCK_START.match(rows[number][0]):
            rows[number - 1].append(rows[number].pop(0))
            continue
        number += 1
    return "\n".join(lead[n] + " ".join(row) for n, row in enumerate(rows) if row)


def _continuation(segment: Segment) -> int:
    lines = segment.text.split("\n")
    if len(lines) > 1 and lines[1].strip():
        return len(lines[1]) - len(lines[1].lstrip())
    return len(segment.prefix) if segment.kind == "item" else 0


def _words(text: str) -> list[str]:
    return [" ".join(word.split()) for word in _WORD.findall(text)]


def _wrap(line: str, lead: str, indent: str, width: int) -> list[str]:
    """One line of a paragraph, wrapped; no line starts with what would start a block."""
    end = "  " if line.endswith("  ") else ""
    words = _words(line) or [""]
    out = [lead + words[0]]
    for word in words[1:]:
        if len(out[-1]) + 1 + len(word) <= width or _BLOCK_START.match(word):
            out[-1] += " " + word
        else:
            out.append(indent + word)
    out[-1] += end
    return out


def _assign(holder: Any, lang: str, value: str, like: object = None) -> None:
    """Set a text, written the way the text it replaces (or ``like``) was."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    old = holder.get(lang, like)
    if isinstance(old, str) and type(old) is not str:
        new: str = type(old)(value)
    elif "\n" in value:
        new = LiteralScalarString(value)
    else:
        new = value
    if "\n" in value and getattr(holder, "fa", None) is not None and holder.fa.flow_style():
        holder.fa.set_block_style()
    holder[lang] = new
