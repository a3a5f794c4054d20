"""Composing one letter in one language into a :class:`~letter_kit.document.Document`.

1. The prose of the letter (body, demands, conclusion) is rendered in the sandbox, so
   it can use ``{{ fact("id") }}`` and ``{{ case("id") }}``.
2. The letter kind's template (``templates/<kind>/letter.md.j2``) is rendered with the
   values of :mod:`letter_kit.views` and the language's phrases.
3. The Markdown that results is parsed into parts; ``[@source]`` markers become note
   references, numbered by first use, and the notes are written from the sources.
4. Headings are numbered and punctuated (:mod:`.headings`), and the language's
   typography applied to every text (:mod:`.typography`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ..document import Document, Meta, Note
from ..errors import DataError, LanguageUnavailable, Problem, TemplateError, UsageError
from ..formats import LetterheadStyle
from ..text import escape_markdown
from ..workspace.models import Letter
from ..workspace.records import Workspace
from ..workspace.references import marker
from .alignment import target_keys
from .citations import NoteNumbers
from .conventions import laid_out, layout_of
from .headings import finish_headings
from .i18n import Language, load_language
from .markdown import MarkupError, RawPart, parse_part, split_parts
from .notes import note_inlines
from .paragraphs import segments, with_keys
from .pictures import document_images
from .prosehelpers import helpers_only
from .sandbox import render_bounded
from .templating import (
    Md,
    error_message,
    gettext_callables,
    markdown_environment,
    prose_markdown,
    render_errors,
    template_line,
    template_source,
)
from .typography import Typography
from .views import Views


def compose(
    ws: Workspace, letter_id: str, lang: str, *, date: date | None = None, draft_mark: bool = True
) -> Document:
    """The letter ``letter_id`` in language ``lang``.

    ``date`` replaces the letter's own date (for a re-dated draft); a letter whose
    status is ``draft`` carries the draft mark unless ``draft_mark`` is false (a proof).
    """
    return composer(ws, letter_id, lang, draft_mark=draft_mark).run(date)


def composer(ws: Workspace, letter_id: str, lang: str, *, draft_mark: bool = True) -> Composer:
    """The composer of the letter in ``lang`` (a language the letter is written in);
    ``draft_mark`` false leaves the draft mark off a draft."""
    letter = ws.letter(letter_id)
    if lang not in letter.languages:
        raise UsageError(
            f"letter '{letter_id}' is not written in '{lang}'",
            hint=f"its languages are {', '.join(letter.languages)}; "
            f"add '{lang}' to its languages and its texts to write it",
        )
    made = Composer(ws, letter_id, letter, _language(ws, letter_id, lang))
    made.draft_mark = draft_mark
    return made


def _language(ws: Workspace, letter_id: str, lang: str) -> Language:
    try:
        defaults = ws.defaults
        return load_language(
            lang,
            ws.template_dirs(),
            conventions=defaults.locales.get(lang),
            date_width=defaults.date_style,
        )
    except LanguageUnavailable as exc:
        index = ws.letters[letter_id].languages.index(lang)
        where = ("languages", index)
        raise DataError(
            [ws.problem(ws.file_key(letter_id), where, exc.message, hint=exc.hint)]
        ) from None


class Composer:
    """Composes one letter in one language: its values, its template, its document."""

    def __init__(self, ws: Workspace, letter_id: str, letter: Letter, language: Language) -> None:
        self.ws = ws
        self.letter_id = letter_id
        self.letter = letter
        self.lang = language
        self.code = language.code
        self.views = Views(ws, letter, language)
        self.env = markdown_environment(tuple(ws.template_dirs()))
        self.gettext = gettext_callables(
            language.gettext, language.ngettext, language.pgettext, language.fill
        )
        self.typography = Typography.of(language)
        self.draft_mark = True
        self.defaults = ws.defaults

    # prose --------------------------------------------------------------------------

    def prose(
        self, file: str, loc: tuple[str | int, ...], text: str, keys: Sequence[str] | str = ()
    ) -> Md:
        """Render one piece of user prose; errors point into the letter file.

        ``keys`` say what each paragraph stands for (one key for all of them), so that
        a side-by-side layout pairs it with its translation (see :mod:`.paragraphs`).
        """
        if keys:
            text = with_keys(text, keys)
        if "{" not in text:
            return prose_markdown(text)
        simple = helpers_only(text, self.ws, self.fact, self.case)
        return prose_markdown(simple if simple is not None else self.sandboxed(file, loc, text))

    def sandboxed(self, file: str, loc: tuple[str | int, ...], text: str) -> str:
        """Prose rendered as a template in the sandbox, with fact() and case()."""
        try:
            template = self.env.from_string(text)
            return render_bounded(template, fact=self.fact, case=self.case)
        except render_errors() as exc:
            line = template_line(exc) or 1
            offset = sum(len(row) + 1 for row in text.split("\n")[: line - 1])
            message = error_message(exc)
            raise DataError(
                [
                    self.ws.problem(
                        file,
                        loc,
                        f"cannot render this text: {message}",
                        hint='{{ fact("id") }} and {{ case("id") }} are available; '
                        "write {{ '{{' }} for a literal brace pair",
                        offset=offset,
                    )
                ]
            ) from None

    def letter_prose(self, name: str, text: str) -> Md:
        """One of the letter's own prose fields (``body``, ``demands.intro``...), each
        paragraph keyed by its number in the letter's first language (``body.3``) or,
        in a translation that joins or splits paragraphs, the numbers it translates."""
        count = len(segments(text))
        keys = None
        if self.code != self.letter.languages[0]:
            keys = target_keys(self.letter, name, self.code, count)
        keys = keys or [f"{name}.{n}" for n in range(1, count + 1)]
        loc = (*name.split("."), self.code)
        return self.prose(self.ws.file_key(self.letter_id), loc, text, keys)

    def fact(self, fact_id: str, cite: bool = True) -> Md:
        """``{{ fact("id") }}``: the figure in this language, with a note citing its source.

        ``cite=false`` prints the figure alone, for prose that cites the source itself.
        """
        fact = self.ws.facts.get(fact_id)
        if fact is None:
            raise ValueError(f"unknown fact '{fact_id}'")
        figure = escape_markdown(self.lang.number(fact.value))
        if not cite:
            return Md(figure)
        return Md(figure + marker(fact.source, fact.locator))

    def case(self, case_id: str) -> Md:
        """``{{ case("id") }}``: a case's name, exactly as the case data spells it."""
        if case_id not in self.ws.cases:
            raise ValueError(f"unknown case '{case_id}'")
        return Md(escape_markdown(self.views.case_name(case_id)))

    # template -----------------------------------------------------------------------

    def context(self, when: date) -> dict[str, Any]:
        letter, code, views = self.letter, self.code, self.views
        recipients = [views.recipient(rid) for rid in self.ws.recipients_of(letter)]
        groups, unlisted = views.signatures()
        demands = None
        if letter.demands is not None:
            intro = letter.demands.intro
            demands = {
                "style": letter.demands.style,
                "intro": self.letter_prose("demands.intro", intro.get(code)) if intro else None,
                "items": [
                    {
                        "id": did,
                        "text": self.prose(
                            "demands",
                            (did, "text", code),
                            self.ws.demands[did].text.get(code),
                            f"demand:{did}",
                        ),
                        "cases": [views.case_name(cid) for cid in self.ws.demands[did].cases],
                    }
                    for did in letter.demands.items
                ],
            }
        place = letter.place.get(code) if letter.place else None
        release = None
        if letter.about is not None:
            from .release import release_values

            release = release_values(self.ws, letter, views, self.prose)
        return {
            "lang": code,
            "letter": {
                "id": self.letter_id,
                "kind": letter.kind,
                "status": letter.status,
                "title": letter.title.get(code) if letter.title else None,
                "subtitle": letter.subtitle.get(code) if letter.subtitle else None,
                "subject": letter.subject.get(code) if letter.subject else None,
                "place": place,
                "date": self.lang.date(when),
                "dateline": self.lang.dateline(when, place),
                "body": self.letter_prose("body", letter.body.get(code)),
                "conclusion": self.letter_prose("conclusion", letter.conclusion.get(code))
                if letter.conclusion
                else None,
                "closing": letter.closing.get(code) if letter.closing else None,
            },
            "letterhead": views.letterhead_orgs(self.letterhead_style),
            "letterhead_style": self.letterhead_style,
            "recipients": recipients,
            "salutation": views.salutation(recipients),
            "cc": [views.cc(rid) for rid in letter.cc],
            "cc_position": letter.cc_position,
            "demands": demands,
            "cases": [views.case(cid, when) for cid in letter.cases],
            "signatures": groups,
            "signature_block": {
                "shape": views.signatories.shape,
                "handwritten": views.signatories.handwritten,
            },
            "unlisted": unlisted,
            "release": release,
            "join": self.lang.join,
            **self.gettext,
        }

    @property
    def letterhead_style(self) -> LetterheadStyle:
        """The letter's letterhead style, else the workspace's default, else leads."""
        return self.views.letterhead_style(self.defaults.letterhead)

    @property
    def template_name(self) -> str:
        return f"{self.letter.kind}/letter.md.j2"

    def render(self, context: dict[str, Any]) -> str:
        """The kind's template rendered with ``context``: Markdown with part markers."""
        name = self.template_name
        try:
            return render_bounded(self.env.get_template(name), context)
        except render_errors() as exc:
            message = error_message(exc)
            raise TemplateError(
                [
                    Problem(
                        f"template error: {message}",
                        template_source(self.env, name),
                        template_line(exc, name),
                        hint="fix the template, or delete it to use the built-in one",
                    )
                ]
            ) from None

    def _markup_error(self, exc: MarkupError) -> TemplateError:
        return TemplateError(
            [
                Problem(
                    str(exc),
                    template_source(self.env, self.template_name),
                    exc.line,
                    hint="each part of the letter starts with a marker line, "
                    "such as <!-- @body -->",
                )
            ]
        )

    def run(self, when: date | None) -> Document:
        """The whole document."""
        day = self.letter.date_or(when)
        with self.ws.texts(self.letter_id):
            return self.document(self.split(self.render(self.context(day))), day)

    def split(self, text: str) -> list[RawPart]:
        """The rendered template's parts that have text, in order."""
        try:
            return [raw for raw in split_parts(text) if raw[2].strip()]
        except MarkupError as exc:
            raise self._markup_error(exc) from None

    def check_sources(self, numbers: NoteNumbers) -> None:
        """Every source cited or linked to (a template may name one that the data never
        does) exists, and has a web address to link to."""
        sources = self.ws.sources
        wrong = [f"unknown source '{s}' cited" for s in numbers.order if s not in sources]
        wrong += [
            f"source '{s}' has no url to link to" if s in sources else f"unknown source '{s}'"
            for s in numbers.linked
            if s not in numbers.urls
        ]
        if wrong:
            raise TemplateError([Problem(wrong[0], template_source(self.env, self.template_name))])

    def note_numbers(self) -> NoteNumbers:
        """Numbers for the notes of one document, and the addresses of the sources."""
        urls = {sid: s.url for sid, s in self.ws.sources.items() if s.url is not None}
        return NoteNumbers(urls=urls)

    def document(
        self,
        raw: list[RawPart],
        day: date,
        recipients: Sequence[str] | None = None,
        *,
        lay_out: bool = True,
    ) -> Document:
        """The document of the rendered parts; ``recipients`` are those it is addressed
        to (default: the letter's), which a letter without subject or title is named for.
        Without ``lay_out``, its parts are in the template's order (see :meth:`laid_out`)."""
        numbers = self.note_numbers()
        parts = [parse_part(part, numbers, headings=self.letter.headings) for part in raw]
        self.check_sources(numbers)
        notes = [
            Note(number, note_inlines(self.ws.sources[source], self.lang, numbers.locators[source]))
            for number, source in enumerate(numbers.order, start=1)
        ]
        meta = Meta(
            letter=self.letter_id,
            letter_kind=self.letter.kind,
            lang=self.code,
            date=day,
            title=self.headline(recipients),  # typeset below with the rest
            authors=self.views.authors(),
            labels={"notes": self.lang.gettext("Notes")},
            draft=self.mark(),
            short_title=self.letter.short_title.get(self.code) if self.letter.short_title else None,
        )
        template = template_source(self.env, self.template_name)
        images = document_images(self.ws.root, self.views.images, parts, template)
        document = self.typography.document(
            Document(meta, finish_headings(parts, self.lang), notes, images)
        )
        return self.laid_out(document) if lay_out else document

    def laid_out(self, document: Document, *, order: bool = True) -> Document:
        """The document with its head in the order of its language's conventions (or the
        workspace's, or the letter's), and its parts on their sides (only on their sides,
        without ``order``)."""
        layout = layout_of(self.code, self.defaults.conventions, self.letter.conventions)
        return replace(document, parts=laid_out(document.parts, layout, order=order))

    def mark(self) -> str | None:
        """The draft mark in this language (``DRAFT``), for a draft that wants it."""
        wanted = self.letter.status == "draft" and self.draft_mark
        return self.lang.pgettext("draft mark", "DRAFT") if wanted else None

    def title(self, recipients: Sequence[str] | None = None) -> str:
        """The :meth:`headline` as the document prints it (with its typography)."""
        return self.typography.text(self.headline(recipients))

    def headline(self, recipients: Sequence[str] | None = None) -> str:
        """What the letter is called in the email's Subject and the file's title: its
        subject, else its title, else ``Letter to Secretary Gina M. Raimondo`` (a
        phrase of the catalog naming whom it is addressed to)."""
        headline = self.letter.headline
        if headline is not None:
            return headline.get(self.code)
        ids = list(recipients) if recipients is not None else self.ws.recipients_of(self.letter)
        if 1 <= len(ids) <= 3:
            names = [self.views.reference(rid) for rid in ids]
            return self.lang.phrase(
                "headline", "Letter to %(recipients)s", recipients=self.lang.join(names)
            )
        return self.lang.fill(
            self.lang.ngettext(
                "Letter to %(num)d recipient", "Letter to %(num)d recipients", len(ids)
            ),
            {"num": len(ids)},
        )
