"""Drafting: one letter, in the languages asked for, as the bytes of one output file."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..composing.alignment import pairing_problems
from ..composing.composer import compose
from ..document import Document
from ..errors import DataError, LetterkitError, Problem, SettingsError, TemplateError
from ..formats import Binary, Format, Layout, Paper
from ..workspace.models import Letter
from ..workspace.records import Workspace

if TYPE_CHECKING:
    from ..writers.docx import DocxOptions, Reference
    from ..writers.pdf import PdfOptions, PdfRenderer


@dataclass(frozen=True)
class DraftOptions:
    """What to draft. ``None`` means the letter's own setting."""

    fmt: Format = "md"
    languages: Sequence[str] | None = None
    date: date | None = None
    layout: Layout | None = None
    paper: Paper | None = None
    pdf_standard: str | None = None
    attach: Sequence[Binary] = ()  # eml: attach the letter in these formats
    reference_docx: Path | None = None  # docx: styles and page setup (default: letterkit.toml)
    draft_mark: bool = True  # a draft carries its mark; False for a proof without it


def documents(ws: Workspace, letter_id: str, options: DraftOptions) -> list[Document]:
    """The letter composed in each language asked for (default: the letter's own)."""
    letter = ws.letter(letter_id)
    return [
        compose(ws, letter_id, lang, date=options.date, draft_mark=options.draft_mark)
        for lang in options.languages or letter.languages
    ]


def draft(ws: Workspace, letter_id: str, options: DraftOptions) -> bytes:
    """The content of the output file."""
    if options.fmt != "pdf":
        return output(ws, letter_id, documents(ws, letter_id, options), options)
    from ..writers.pdf import PdfRenderer

    # Typst's process starts (about 50 ms) while the letter is composed; a problem of
    # the template is still told after those of the letter, as render_pdf tells them.
    try:
        renderer: PdfRenderer | LetterkitError = PdfRenderer(pdf_template(ws, letter_id))
    except LetterkitError as exc:
        renderer = exc
    try:
        docs = documents(ws, letter_id, options)
        if isinstance(renderer, LetterkitError):
            raise renderer
        return renderer.render(docs, pdf_options(ws, letter_id, options))
    finally:
        if isinstance(renderer, PdfRenderer):
            renderer.close()


def draft_warnings(ws: Workspace, letter_id: str, options: DraftOptions) -> list[Problem]:
    """What a draft of only some of the letter's languages leaves out: the problems
    (a text not translated yet, say) of each language not drafted, as warnings. A team
    can circulate the English before the Vietnamese is written, and be told so."""
    letter = ws.letter(letter_id)
    drafted = options.languages or letter.languages
    found: list[Problem] = []
    for lang in letter.languages:
        if lang not in drafted:
            try:
                compose(ws, letter_id, lang)
            except DataError as exc:
                found += [p.warning() for p in exc.problems]
    return found


Typeset = Callable[[Sequence[Document]], bytes]


def output(
    ws: Workspace,
    letter_id: str,
    docs: Sequence[Document],
    options: DraftOptions,
    *,
    recipients: Sequence[str] | None = None,
    typeset: Typeset | None = None,
    word: Typeset | None = None,
) -> bytes:
    """The documents as the bytes of one file in ``options.fmt``.

    ``recipients`` addresses an email to some of the letter's recipients only;
    ``typeset`` makes the PDF (by default with a compiler of its own), ``word`` the
    Word file (by default reading the reference document afresh).
    """
    makers: dict[Binary, Typeset] = {
        "pdf": typeset or (lambda docs: render_pdf(ws, letter_id, docs, options)),
        "docx": word or (lambda docs: render_docx(ws, letter_id, docs, options)),
    }
    if options.fmt == "pdf" or options.fmt == "docx":
        return makers[options.fmt](docs)
    if options.fmt == "eml":
        from ..mail.envelope import envelope
        from ..writers import eml

        attachments = [(f"{letter_id}.{kind}", makers[kind](docs)) for kind in options.attach]
        langs = [d.meta.lang for d in docs]
        env = envelope(ws, letter_id, langs, recipients=recipients, day=options.date)
        return eml.write(docs, env, attachments=attachments)
    from ..writers import write_text

    paper = options.paper or ws.letter(letter_id).paper
    return write_text(docs, options.fmt, paper=paper).encode("utf-8")


def pdf_template(ws: Workspace, letter_id: str) -> Path:
    """The PDF layout of the letter's kind (the open letter's, if the kind has none)."""
    name = f"{ws.letter(letter_id).kind}/letter.typ"
    template = ws.template(name) or ws.template("open-letter/letter.typ")
    if template is None:
        raise TemplateError(
            [
                Problem(
                    f"no PDF template '{name}'",
                    ws.root / "templates" / name,
                    hint="copy templates/open-letter/letter.typ there and adapt it",
                )
            ]
        )
    return template


def pdf_options(ws: Workspace, letter_id: str, options: DraftOptions) -> PdfOptions:
    """The PDF layout asked for: the command line's choices, else the letter's.

    Side by side, each paragraph is set beside its translation: a letter whose
    translation has paragraphs that cannot be paired with the original is refused
    with the problems ``letterkit check`` reports.
    """
    from ..writers.pdf import PdfOptions

    letter = ws.letter(letter_id)
    layout = options.layout or letter_layout(ws, letter)
    if layout == "parallel":
        problems = pairing_problems(ws, letter_id, options.languages or letter.languages)
        if problems:
            raise DataError(problems)
    return PdfOptions(
        layout=layout,
        paper=options.paper or letter_paper(ws, letter),
        standard=options.pdf_standard,
    )


def letter_layout(ws: Workspace, letter: Letter) -> Layout:
    """The letter's own layout, else the workspace's default ([defaults] in
    letterkit.toml), else letterkit's."""
    if "layout" in letter.model_fields_set or ws.defaults.layout is None:
        return letter.layout
    return ws.defaults.layout


def letter_paper(ws: Workspace, letter: Letter) -> Paper:
    """The letter's own paper, else the workspace's default, else letterkit's."""
    if "paper" in letter.model_fields_set or ws.defaults.paper is None:
        return letter.paper
    return ws.defaults.paper


def render_pdf(
    ws: Workspace, letter_id: str, docs: Sequence[Document], options: DraftOptions
) -> bytes:
    """The documents as one PDF, laid out as the options or the letter say."""
    from ..writers.pdf import write_pdf

    template = pdf_template(ws, letter_id)
    return write_pdf(docs, template=template, options=pdf_options(ws, letter_id, options))


def docx_reference(ws: Workspace, options: DraftOptions) -> Reference | None:
    """The organisation's reference document: ``--reference-docx``, else the one
    ``letterkit.toml`` names (``[docx] reference``), else none."""
    from ..writers.docx import Reference

    path = options.reference_docx or configured_reference(ws)
    return Reference.read(path) if path is not None else None


def configured_reference(ws: Workspace) -> Path | None:
    """The reference document ``[docx] reference`` names, if any (a missing file is a
    mistake in the settings)."""
    name = ws.config.settings.docx.reference
    if name is None:
        return None
    reference = ws.root / name
    if not reference.is_file():
        raise SettingsError(
            [
                ws.config.problem(
                    "docx",
                    "reference",
                    f"[docx] reference: no file {reference}",
                    "put the organisation's Word document there, or remove the setting",
                )
            ]
        )
    return reference


def docx_options(
    ws: Workspace, letter_id: str, options: DraftOptions, reference: Reference | None
) -> DocxOptions:
    """The Word layout asked for. The paper is the command line's, else the reference
    document's own, else the letter's."""
    from ..writers.docx import DocxOptions

    letter = ws.letter(letter_id)
    paper = options.paper or (None if reference is not None else letter_paper(ws, letter))
    layout = options.layout or letter_layout(ws, letter)
    return DocxOptions(layout=layout, paper=paper, reference=reference)


def render_docx(
    ws: Workspace, letter_id: str, docs: Sequence[Document], options: DraftOptions
) -> bytes:
    """The documents as one Word file, laid out as the options or the letter say."""
    from ..writers.docx import write_docx

    reference = docx_reference(ws, options)
    return write_docx(docs, docx_options(ws, letter_id, options, reference))


class Typesetter:
    """PDF compilers for a workspace's letters, one per template, each made on first use
    in ``workdir`` (which the caller removes) and kept for the next letter.

    Compilers belong to the process that made them: a forked worker makes its own.
    """

    def __init__(self, ws: Workspace, workdir: Path) -> None:
        self.ws = ws
        self.workdir = workdir
        self._pid = os.getpid()
        self._renderers: dict[Path, PdfRenderer] = {}

    def pdf(self, letter_id: str, docs: Sequence[Document], options: DraftOptions) -> bytes:
        """The documents of ``letter_id`` as one PDF, laid out as the options or the
        letter say."""
        from ..writers.pdf import PdfRenderer

        if os.getpid() != self._pid:  # a forked worker: its parent's compilers are not its own
            self._pid, self._renderers = os.getpid(), {}
        template = pdf_template(self.ws, letter_id)
        renderer = self._renderers.get(template)
        if renderer is None:
            renderer = self._renderers[template] = PdfRenderer(template, workdir=self.workdir)
        return renderer.render(docs, pdf_options(self.ws, letter_id, options))

    def close(self) -> None:
        """End this process's compilers."""
        if os.getpid() == self._pid:
            for renderer in self._renderers.values():
                renderer.close()
        self._renderers = {}
