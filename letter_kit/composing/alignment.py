"""Which paragraphs of a translation translate which paragraphs of the original.

A letter is written in its first language (the *source*) and translated into the
others. Each of its texts (the subject, the body, the conclusion ...) is a *field*;
a prose field is a list of paragraphs (:mod:`.paragraphs`). By default the n-th
paragraph of a translation translates the n-th of the source. A translator who joins
or splits paragraphs says so in the letter, one entry per paragraph of the
translation naming the source paragraphs it translates::

    alignment:
      vi:
        body: [1, 2, 3-4, 5]     # vi paragraph 3 translates en paragraphs 3 and 4
        conclusion: [1, 1, 2]    # en paragraph 1 is two paragraphs in vi

A group of paragraphs that translate each other is a :class:`Unit`: what the side by
side layout sets level, what the translation status tracks and what a PO file holds
one message for. A translation whose paragraphs cannot be paired is a problem, with a
guess at where the two texts part (:mod:`.divergence`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import get_args

from pydantic import BaseModel

from ..errors import Problem
from ..workspace.fields import ALL_LANGUAGES, Prose, Text
from ..workspace.models import TODO_MARK, Letter
from ..workspace.records import Workspace
from .divergence import mismatch
from .paragraphs import Segment, segments

Loc = tuple[str, ...]


@dataclass(frozen=True)
class Field:
    """A text of the letter that is translated: its name and where it is."""

    name: str  # "body", "demands.intro"
    loc: Loc  # its place in the letter file, without the language
    text: Prose | Text

    @property
    def prose(self) -> bool:
        """Whether it is prose, in paragraphs (else one line)."""
        return isinstance(self.text, Prose)


def fields(letter: Letter) -> list[Field]:
    """The letter's own texts that differ by language, in the order of the letter's model
    (a text written once for every language is not translated)."""
    return [f for f in _fields(letter, ()) if f.text.languages()]


def _fields(node: BaseModel, loc: Loc) -> Iterator[Field]:
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, Prose | Text):
            yield Field(".".join((*loc, name)), (*loc, name), value)
        elif isinstance(value, BaseModel) and not isinstance(value, Prose | Text):
            yield from _fields(value, (*loc, name))


def _prose_names(model: type[BaseModel], loc: Loc = ()) -> Iterator[str]:
    for name, info in model.model_fields.items():
        for kind in get_args(info.annotation) or (info.annotation,):
            if kind is Prose:
                yield ".".join((*loc, name))
            elif isinstance(kind, type) and issubclass(kind, BaseModel) and kind is not Text:
                yield from _prose_names(kind, (*loc, name))


PROSE_FIELDS = tuple(_prose_names(Letter))  # the letter's prose, whose paragraphs are paired


@dataclass(frozen=True)
class Unit:
    """A group of paragraphs of one field that translate each other, or a one-line text.

    ``source`` is empty for nothing; ``target`` is empty while the text is not
    translated (absent, or a TODO).
    """

    key: str  # "body.3", "body.3-4", "subject"
    field: Field
    first: int  # the first source paragraph, from 1 (1 for a one-line text)
    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    at: int = 0  # the first target paragraph, from 0

    @property
    def label(self) -> str:
        """``body, paragraph 3``, ``body, paragraphs 3-4`` or ``subject``."""
        if not self.field.prose:
            return self.field.name
        if len(self.source) == 1:
            return f"{self.field.name}, paragraph {self.first}"
        return f"{self.field.name}, paragraphs {self.first}-{self.first + len(self.source) - 1}"

    @property
    def source_text(self) -> str:
        """The source as a translator reads it (paragraphs apart by a blank line)."""
        return "\n\n".join(s.flowing for s in self.source)

    @property
    def target_text(self) -> str | None:
        """The translation as a translator reads it, or None while there is none."""
        return "\n\n".join(s.flowing for s in self.target) if self.target else None

    @property
    def source_words(self) -> str:
        """The source's words, whitespace collapsed: what fingerprints are made of."""
        return " ".join(s.words for s in self.source)

    @property
    def target_words(self) -> str:
        """The translation's words, whitespace collapsed."""
        return " ".join(s.words for s in self.target)


def line_segments(value: str) -> tuple[Segment, ...]:
    """A one-line text as one segment (so it is handled like a paragraph)."""
    return (Segment("paragraph", value, "", 0, 0, simple=True, markable=False),)


def text_segments(field: Field, lang: str) -> tuple[Segment, ...] | None:
    """The paragraphs of a field in a language, or None if it has no text in it."""
    key = field.text.key_for(lang)
    if key is None or key == ALL_LANGUAGES:
        return None
    value = field.text.root[key]
    return segments(value) if field.prose else line_segments(value)


def declared(letter: Letter, lang: str, field: str) -> list[tuple[int, int]] | None:
    """The source paragraphs (first, last, from 1) each paragraph of the translation
    translates, as the letter declares them; None if it declares nothing."""
    entries = (letter.alignment or {}).get(lang, {}).get(field)
    if entries is None:
        return None
    out = []
    for entry in entries:
        first, _, last = entry.partition("-")
        out.append((int(first), int(last or first)))
    return out


def groups(
    declaration: list[tuple[int, int]] | None, sources: int, targets: int
) -> list[tuple[range, range]] | None:
    """Which source paragraphs each group of target paragraphs translates (ranges of
    indices from 0), or None if they cannot be paired so."""
    if declaration is None:
        if sources != targets:
            return None
        return [(range(i, i + 1), range(i, i + 1)) for i in range(sources)]
    if len(declaration) != targets or not _covers(declaration, sources):
        return None
    out: list[tuple[range, range]] = []
    for index, (first, last) in enumerate(declaration):
        span = range(first - 1, last)
        if out and out[-1][0] == span:
            out[-1] = (span, range(out[-1][1].start, index + 1))
        else:
            out.append((span, range(index, index + 1)))
    return out


def _covers(declaration: list[tuple[int, int]], sources: int) -> bool:
    """Each source paragraph translated once, in order: every entry repeats the one
    before (a split) or starts just after it."""
    last = 0
    previous: tuple[int, int] | None = None
    for entry in declaration:
        if entry != previous and entry[0] != last + 1:
            return False
        previous, last = entry, entry[1]
    return last == sources


def target_keys(letter: Letter, field: str, lang: str, targets: int) -> list[str] | None:
    """The keys of a translation's paragraphs when the letter declares how they pair
    (``body.3 body.4`` for one that translates two); None otherwise."""
    declaration = declared(letter, lang, field)
    if declaration is None or len(declaration) != targets:
        return None
    return [" ".join(f"{field}.{n}" for n in range(a, b + 1)) for a, b in declaration]


# Units of a letter --------------------------------------------------------------------


def units(ws: Workspace, letter_id: str, lang: str) -> tuple[list[Unit], list[Problem]]:
    """What there is to translate of the letter into ``lang``, and the problems that
    keep some of its fields from being paired (those fields give no units)."""
    letter = ws.letter(letter_id)
    source = letter.languages[0]
    out: list[Unit] = []
    problems: list[Problem] = []
    for field in fields(letter):
        src = text_segments(field, source)
        if not src:
            continue
        dst = text_segments(field, lang)
        if dst is None or _todo(dst):
            dst = ()
        declaration = declared(letter, lang, field.name)
        if dst and declaration is not None and groups(declaration, len(src), len(dst)) is None:
            problems.append(_misfit(ws, letter_id, field, lang, declaration, len(src), len(dst)))
            continue
        paired = groups(declaration, len(src), len(dst)) if dst else None
        if dst and paired is None and not _todo(src):
            problems.append(_unpaired(ws, letter_id, letter, field, lang, src, dst))
            continue
        if paired is None:
            paired = [(range(i, i + 1), range(0)) for i in range(len(src))]
        made = [
            Unit(_key(field, span), field, span.start + 1, src[span.start : span.stop],
                 dst[targets.start : targets.stop], targets.start)
            for span, targets in paired
        ]  # fmt: skip
        problems += _kinds(ws, letter_id, lang, made)
        out += made
    return out, problems


def pairing_problems(ws: Workspace, letter_id: str, languages: Sequence[str]) -> list[Problem]:
    """What keeps the paragraphs of these languages of the letter from being paired
    with those of its first language (and so from being set side by side)."""
    source = ws.letter(letter_id).languages[0]
    out: list[Problem] = []
    for lang in dict.fromkeys(languages):
        if lang != source:
            out += units(ws, letter_id, lang)[1]
    return out


def _key(field: Field, span: range) -> str:
    if not field.prose:
        return field.name
    if len(span) == 1:
        return f"{field.name}.{span.start + 1}"
    return f"{field.name}.{span.start + 1}-{span.stop}"


def _todo(found: tuple[Segment, ...]) -> bool:
    return any(TODO_MARK in s.text for s in found)


def place(ws: Workspace, letter_id: str, field: Field, lang: str, segment: Segment) -> int:
    """The line of the letter file a paragraph starts on."""
    file = ws.files[ws.file_key(letter_id)]
    return file.locate((*field.loc, lang), offset=_offset(ws, letter_id, field, lang, segment))[0]


def _offset(ws: Workspace, letter_id: str, field: Field, lang: str, segment: Segment) -> int:
    """Where a paragraph starts in the text as the file holds it (before the text was
    trimmed on loading)."""
    raw: object = ws.files[ws.file_key(letter_id)].data
    for part in (*field.loc, lang):
        raw = raw.get(part) if isinstance(raw, dict) else None
    lead = len(raw) - len(raw.lstrip()) if isinstance(raw, str) else 0
    return segment.start + lead


def problem_at(
    ws: Workspace, letter_id: str, field: Field, lang: str, segment: Segment | None,
    message: str, hint: str,
) -> Problem:  # fmt: skip
    """A problem placed at a paragraph of a field (or at the field)."""
    offset = _offset(ws, letter_id, field, lang, segment) if segment is not None else None
    loc = (*field.loc, lang)
    return ws.problem(ws.file_key(letter_id), loc, message, hint=hint, offset=offset)


def _unpaired(
    ws: Workspace, letter_id: str, letter: Letter, field: Field, lang: str,
    src: tuple[Segment, ...], dst: tuple[Segment, ...],
) -> Problem:  # fmt: skip
    source = letter.languages[0]
    guess = mismatch([s.words for s in src], [s.words for s in dst])

    def line(which: str, index: int) -> int:
        segs, code = (src, source) if which == "src" else (dst, lang)
        return place(ws, letter_id, field, code, segs[min(index, len(segs) - 1)])

    message = f"{source} has {_count(len(src))}, {lang} has {len(dst)}; "
    message += guess.sentence(source, lang, line)
    at = dst[min(guess.target, len(dst) - 1)]
    suggestion = guess.suggestion(len(src))
    if suggestion is not None:
        hint = (
            f"if the {lang} text joins or splits paragraphs on purpose, say so in the letter: "
            f"'alignment: {{{lang}: {{{field.name}: [{suggestion}]}}}}'"
        )
    else:
        hint = (
            f"give each {source} paragraph its {lang} translation (a blank line between "
            f"paragraphs), or declare how they pair under 'alignment:'"
        )
    return problem_at(ws, letter_id, field, lang, at, message, hint)


def _misfit(
    ws: Workspace, letter_id: str, field: Field, lang: str,
    declaration: list[tuple[int, int]], sources: int, targets: int,
) -> Problem:  # fmt: skip
    source = ws.letter(letter_id).languages[0]
    if len(declaration) != targets:
        message = (
            f"lists {_count(len(declaration))} of the {lang} {field.name}, which has {targets}"
        )
    else:
        message = (
            f"names the {source} paragraphs each {lang} paragraph translates: "
            f"{source} paragraphs 1 to {sources} in order, each once, or twice in a row "
            "for one split in two"
        )
    return ws.problem(
        ws.file_key(letter_id), ("alignment", lang, field.name), message,
        hint="one entry per paragraph of the translation: 3 (it translates paragraph 3), "
        "3-4 (it translates paragraphs 3 and 4), or 3 twice (paragraph 3 split in two)",
    )  # fmt: skip


def declaration_problems(ws: Workspace, letter_id: str) -> list[Problem]:
    """An alignment declared for a language the letter is not translated into, or for
    a text that is not the letter's prose."""
    letter = ws.letter(letter_id)
    out = []
    for lang, declared_fields in (letter.alignment or {}).items():
        if lang not in letter.languages[1:]:
            out.append(ws.problem(
                ws.file_key(letter_id), ("alignment", lang),
                f"'{lang}' is not a language the letter is translated into",
                hint=f"the letter is written in {letter.languages[0]} and translated into "
                + (", ".join(letter.languages[1:]) or "no other language"),
            ))  # fmt: skip
        for name in declared_fields:
            if name not in PROSE_FIELDS:
                out.append(ws.problem(
                    ws.file_key(letter_id), ("alignment", lang, name),
                    f"'{name}' is not prose of the letter",
                    hint="paragraphs are paired in " + ", ".join(PROSE_FIELDS),
                ))  # fmt: skip
    return out


def _count(number: int) -> str:
    return f"{number} paragraph" if number == 1 else f"{number} paragraphs"


def _kinds(ws: Workspace, letter_id: str, lang: str, made: list[Unit]) -> list[Problem]:
    """A heading translated as a paragraph (or a list item as a paragraph...) changes
    how the letter looks in one language: one problem, at the first such pair."""
    source = ws.letter(letter_id).languages[0]
    for unit in made:
        field = unit.field
        if len(unit.source) != 1 or len(unit.target) != 1:
            continue
        src, dst = unit.source[0], unit.target[0]
        if src.kind != dst.kind:
            where = place(ws, letter_id, field, source, src)
            message = (
                f"{source} paragraph {unit.first} (line {where}) is a {_noun(src)}, "
                f"its {lang} translation is a {_noun(dst)}"
            )
            hint = "write both as the same kind of block: '## ' starts a heading, '- ' a list item"
            return [problem_at(ws, letter_id, field, lang, dst, message, hint)]
    return []


def _noun(segment: Segment) -> str:
    return {"item": "list item", "quote": "quotation", "code": "code block"}.get(
        segment.kind, segment.kind
    )
