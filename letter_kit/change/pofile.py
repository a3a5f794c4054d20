"""PO files for translators: a letter's translation as gettext messages.

``letterkit translate export`` writes one message per translated block (a paragraph,
a group of paragraphs, or a one-line text such as the subject), in the gettext PO
format that Poedit, Weblate and every other translation tool read:

- ``msgctxt`` is the block's key (``body.3``), ``msgid`` the source text as a
  translator reads it (a paragraph on one line), ``msgstr`` the translation;
- ``#.`` says which block it is and ``#:`` where its source is in the letter file;
- a translation made from a source text that has changed since is ``#, fuzzy``, with
  the old source as its previous ``#| msgid``, which the tools show as a difference.

The file is written and read with Babel. Reading is strict about what a tool may have
broken: a file that is not UTF-8, a line that is not PO syntax, an escape the format
does not have are refused with their line, before anything is read from it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from ..composing.alignment import place
from ..composing.pofile import PO_HINT, check_syntax, po_text
from ..errors import DataError, Problem, UsageError
from ..reports.status import LanguageStatus
from ..workspace.records import Workspace


@dataclass(frozen=True)
class PoMessage:
    """One translated message of a PO file."""

    key: str | None  # msgctxt
    source: str  # msgid
    text: str  # msgstr
    fuzzy: bool
    line: int  # where its msgstr is in the file


@dataclass(frozen=True)
class PoFile:
    """What a PO file holds: its language and its messages."""

    path: Path
    lang: str | None
    messages: list[PoMessage]


def export_po(ws: Workspace, letter_id: str, status: LanguageStatus) -> bytes:
    """The letter's translation into ``status.lang`` as a PO file."""
    from babel.core import UnknownLocaleError
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    letter = ws.letter(letter_id)
    lang, source = status.lang, letter.languages[0]
    stamp = datetime.combine(letter.date, time(), tzinfo=UTC)
    try:
        catalog = Catalog(
            locale=lang.replace("-", "_"), project="letterkit", version=letter_id,
            creation_date=stamp, revision_date=stamp, fuzzy=False,
            header_comment=f"# {letter_id}: its {source} text, and its translation into {lang}.\n"
            f"# Translate each msgstr, then: letterkit translate import {letter_id} FILE\n#",
        )  # fmt: skip
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"Babel does not know the language '{lang}'") from None
    file = ws.files[ws.file_key(letter_id)].path.relative_to(ws.root).as_posix()
    for block in status.blocks:
        unit = block.unit
        if not any(s.translated for s in unit.source):
            continue
        where = place(ws, letter_id, unit.field, source, unit.source[0])
        comments = [unit.label]
        if block.state == "missing":
            comments.append(f"not translated into {lang} yet")
        elif block.state == "stale":
            comments.append(f"the {source} text changed since it was translated")
        catalog.add(
            unit.source_text, unit.target_text or "", [(file, where)],
            flags=["fuzzy"] if block.state == "stale" else [], auto_comments=comments,
            context=unit.key,
        )  # fmt: skip
    out = io.BytesIO()
    write_po(out, catalog, width=76)
    return _with_previous(out.getvalue().decode("utf-8"), status).encode("utf-8")


def _with_previous(text: str, status: LanguageStatus) -> str:
    """The PO text with the source each stale translation was made from, as its
    previous msgid (``#| msgid``), written as GNU gettext writes it.

    Babel's own ``include_previous`` wraps a long previous msgid as comment text,
    breaking its strings across lines, which gettext's tools cannot read.
    """
    from babel.messages.pofile import normalize

    for block in status.blocks:
        if block.was is None:
            continue
        first, *rest = normalize(block.was, width=76).split("\n")
        previous = "".join(f"#| {line}\n" for line in [f"msgid {first}", *rest])
        anchor = f'\nmsgctxt "{block.unit.key}"\n'
        text = text.replace(anchor, f"\n{previous}{anchor[1:]}", 1)
    return text


def read_po(path: Path) -> PoFile:
    """A PO file's language and messages; a located :class:`DataError` if it is not a
    UTF-8 PO file."""
    from babel.messages.pofile import PoFileError
    from babel.messages.pofile import read_po as babel_read

    text = po_text(path)
    lines = text.splitlines()
    check_syntax(path, lines)
    try:
        catalog = babel_read(io.StringIO(text), abort_invalid=True, ignore_obsolete=True)
    except PoFileError as exc:
        message = re.sub(r" on \d+$", "", str(exc))
        problem = Problem(f"not a PO file: {message}", path, exc.lineno, hint=PO_HINT)
        raise DataError([problem]) from None
    charset = (catalog.charset or "utf-8").lower().replace("_", "-")
    if charset not in ("utf-8", "utf8"):
        raise DataError([Problem(
            f"the PO file says it is in {catalog.charset}", path,
            hint="letterkit reads PO files in UTF-8: set 'charset=UTF-8' in its Content-Type "
            "header and save it as UTF-8",
        )])  # fmt: skip
    messages = []
    for entry in catalog:
        if not entry.id or not isinstance(entry.id, str):
            continue  # the header, or a plural message (which no letter has)
        string = entry.string if isinstance(entry.string, str) else ""
        msgstr = _msgstr_line(lines, entry.lineno or 1)
        messages.append(PoMessage(entry.context, entry.id, string, entry.fuzzy, msgstr))
    lang = str(catalog.locale).replace("_", "-") if catalog.locale else None
    return PoFile(path, lang, messages)


def _msgstr_line(lines: list[str], start: int) -> int:
    for number in range(start, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return start
