"""One letter, addressed to each of its recipients in turn: one copy each.

The letter is composed once per language. Everything that does not depend on the
recipient (the prose, the notes, the signatures) is kept; for each recipient the
template is rendered again and only the parts that name the recipient are parsed. A
template that mentions the recipient anywhere else gets its whole document composed
again, so a copy is always exactly what drafting the letter to that recipient alone
would give. ``draft --per-recipient`` and ``send`` both make their copies here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composing.citations import NoteNumbers
from ..composing.composer import Composer, composer
from ..composing.markdown import RawPart, parse_part
from ..document import Document, Role
from ..workspace.records import Workspace
from ..writers.shared import sharing
from .output import DraftOptions, Typesetter

if TYPE_CHECKING:
    from ..composing.pieces import Pieces
    from ..writers.docx import Reference

# The parts that name the recipient: composed again for each one.
RECIPIENT_ROLES = frozenset({Role.RECIPIENT, Role.SALUTATION})
# The template values that name the recipient.
RECIPIENT_NAMES = frozenset({"recipients", "salutation"})


class Copies:
    """The letter in each language, ready to be addressed to any one of its recipients.

    PDFs are typeset by one Typst compiler per process, made on first use in
    ``workdir`` (which the caller removes); Word files start from a reference document
    read (and checked) once.
    """

    def __init__(self, ws: Workspace, letter_id: str, options: DraftOptions, workdir: Path) -> None:
        self.ws = ws
        self.letter_id = letter_id
        self.options = options
        self.workdir = workdir
        letter = ws.letter(letter_id)
        self.languages = list(options.languages or letter.languages)
        first = next(iter(ws.recipients_of(letter)), None)
        mark = options.draft_mark
        self.letters = [_Addressed(composer(ws, letter_id, lang, draft_mark=mark), options.date,
                                   first) for lang in self.languages]  # fmt: skip
        self._typesetter = Typesetter(ws, workdir)
        self._reference: Reference | None = None
        self._reference_read = False
        # What the writers make of the blocks every copy shares is made once, until close.
        self._sharing = sharing(obj for letter in self.letters for obj in letter.shared_objects())
        self._sharing.__enter__()

    def documents(self, recipient: str) -> list[Document]:
        """The letter in each language, addressed to ``recipient`` alone."""
        return [letter.to(recipient) for letter in self.letters]

    def pdf(self, docs: Sequence[Document]) -> bytes:
        """The documents as one PDF."""
        return self._typesetter.pdf(self.letter_id, docs, self.options)

    def close(self) -> None:
        """End the PDF compiler (the caller removes ``workdir``) and forget what the
        writers made."""
        self._typesetter.close()
        self._sharing.__exit__(None, None, None)

    def docx(self, docs: Sequence[Document]) -> bytes:
        """The documents as one Word file."""
        from ..writers.docx import write_docx
        from .output import docx_options

        return write_docx(docs, docx_options(self.ws, self.letter_id, self.options,
                                             self.reference()))  # fmt: skip

    def reference(self) -> Reference | None:
        """The reference document of the Word files (read once; None: letterkit's own)."""
        from .output import docx_reference

        if not self._reference_read:
            self._reference = docx_reference(self.ws, self.options)
            self._reference_read = True
        return self._reference


class _Addressed:
    """One letter in one language, ready to be addressed to any of its recipients.

    Everything that does not depend on the recipient (the prose, the notes, the
    signatures) is composed once. For each recipient the template is rendered again
    and only the parts that name the recipient are parsed; a template that mentions
    the recipient anywhere else gets its whole document composed again.
    """

    def __init__(self, composer: Composer, when: date | None, first: str | None) -> None:
        self.composer = composer
        self.day = composer.letter.date_or(when)
        with composer.ws.texts(composer.letter_id):
            # The letter addressed to its first recipient alone is the base of the others.
            self.context = composer.context(self.day)
            self.pieces = None
            if first is not None:
                self.context = self._context(self.context, first)
                self.pieces = _pieces(composer, self.context)
            raw = composer.split(composer.render(self.context))
            # In the template's order, so that a copy takes the parts it shares in turn;
            # each already on its side, so that a copy holds the very same parts.
            base = composer.document(raw, self.day, [first] if first else None, lay_out=False)
            self.base = composer.laid_out(base, order=False)
        self.shared = _shared(raw)

    def _context(self, context: dict[str, Any], recipient: str) -> dict[str, Any]:
        """The template's values for the letter addressed to ``recipient`` alone."""
        views = self.composer.views
        view = views.recipient(recipient)
        return {**context, "recipients": [view], "salutation": views.salutation([view])}

    def shared_objects(self) -> list[object]:
        """The parts, blocks and notes every copy holds as they are."""
        out: list[object] = [self.base.notes, *self.base.notes]
        for part in self.base.parts:
            if part.role not in RECIPIENT_ROLES:
                out += [part, *part.blocks]
        return out

    def to(self, recipient: str) -> Document:
        """The document addressed to ``recipient`` alone."""
        with self.composer.ws.texts(self.composer.letter_id):
            return self._to(recipient)

    def _to(self, recipient: str) -> Document:
        composer = self.composer
        context = self._context(self.context, recipient)
        raw = composer.split(self._render(context))
        if _shared(raw) != self.shared:
            return composer.document(raw, self.day, [recipient])
        reused = iter(p for p in self.base.parts if p.role not in RECIPIENT_ROLES)
        parts = []
        for part in raw:
            if part[0] not in RECIPIENT_ROLES:
                parts.append(next(reused))
                continue
            numbers = NoteNumbers()
            parts.append(composer.typography.part(parse_part(part, numbers)))
            if numbers.order or numbers.linked:  # a citation in the address: compose afresh
                return composer.document(raw, self.day, [recipient])
        meta = replace(self.base.meta, title=composer.title([recipient]))
        return composer.laid_out(Document(meta, parts, self.base.notes, self.base.images))

    def _render(self, context: dict[str, Any]) -> str:
        """The template's text: the pieces that name the recipient set into the rest,
        or (where the template could not be split) the whole template rendered."""
        if self.pieces is not None:
            with contextlib.suppress(Exception):  # the whole template says what is wrong
                text = self.pieces.render(context)
                if text is not None:
                    return text
        return self.composer.render(context)


def _pieces(composer: Composer, context: dict[str, Any]) -> Pieces | None:
    """The letter's template split into what names the recipient and the rest."""
    from ..composing.pieces import split_template

    try:
        return split_template(composer.env, composer.template_name, RECIPIENT_NAMES, context)
    except Exception:  # rendered whole instead, which reports any error at its place
        return None


def _shared(raw: list[RawPart]) -> list[RawPart]:
    """The parts that do not name the recipient, without their line numbers."""
    return [
        (role, attrs, text, 0) for role, attrs, text, _line in raw if role not in RECIPIENT_ROLES
    ]
