"""``letterkit check``: everything that can be wrong with a workspace, at once."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..composing.composer import compose
from ..document import Document
from ..drafting.output import DraftOptions, Typesetter, pdf_options, pdf_template
from ..errors import DataError, Problem, UsageError, raise_errors
from ..parallel import fork_map
from ..workspace.collections import BY_NAME, COLLECTIONS, LETTERS
from ..workspace.example import is_builtin
from ..workspace.loading import read_workspace
from ..workspace.models import TODO_MARK
from ..workspace.records import Workspace
from ..writers.pdf import payload
from .lint import lint_problems
from .status import todo_places, translation_problems


@dataclass(frozen=True)
class CheckReport:
    """What was checked in a workspace that has no errors, and what it warns about."""

    workspace: Workspace
    documents: int
    warnings: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many of each were checked: ``{"letters": 3, "documents": 6, ...}``."""
        ws = self.workspace
        counts = {LETTERS: len(ws.letters), "documents": self.documents}
        counts |= {c.name: len(ws.records(c.name)) for c in COLLECTIONS if c.counted}
        return counts

    def summary(self) -> str:
        """``2 letters in 4 documents, 13 organisations, ...``: what was checked."""
        ws = self.workspace
        letters = BY_NAME[LETTERS].count(len(ws.letters))
        documents = "document" if self.documents == 1 else "documents"
        counts = [f"{letters} in {self.documents} {documents}"]
        counts += [
            c.count(len(ws.records(c.name))) for c in COLLECTIONS if c.counted and c.name != LETTERS
        ]
        return ", ".join(counts)


def check_workspace(path: Path) -> CheckReport:
    """Load the workspace and verify that every letter composes in each of its languages
    and typesets as a PDF, and that the catalogs of its languages translate every phrase.

    Raises one :class:`DataError` listing every error found; loading problems first,
    then problems that only composing reveals (templates, catalogs, prose), then those
    of the PDF templates. The letters that loading problems touch are not composed
    (what composing them would report follows from those problems); every other
    letter is, so that one run shows everything. Warnings (which do not make the
    workspace invalid), those of ``letterkit lint`` among them, are in the report, or
    in the error.
    """
    loaded = read_workspace(path)
    ws = loaded.clean()
    problems: list[Problem] = loaded.problems + final_problems(ws) + sender_problems(ws)
    problems += header_problems(ws)
    # What no letter uses cannot be told while some letters cannot be read.
    lint_letters = None if loaded.every_letter_read() else list(ws.letters)
    problems += lint_problems(ws, ws.config.settings.lint, lint_letters)
    documents = 0
    with tempfile.TemporaryDirectory(prefix="letterkit-check-") as workdir:
        typesetter = Typesetter(ws, Path(workdir))
        try:
            letters = list(ws.letters)
            # The first letter, checked here, warms up what every worker then shares
            # (the template environment, the catalogs, the locale data).
            results = [_check_letter(ws, letters[0], typesetter)] if letters else []
            results += fork_map(lambda lid: _check_letter(ws, lid, typesetter), letters[1:])
        finally:
            typesetter.close()
    for composed, found in results:
        documents += composed
        problems += [p for p in found if p not in problems]
    problems += translation_problems(ws)
    problems += phrase_problems(ws)
    warnings = raise_errors(problems)
    return CheckReport(ws, documents, warnings)


def _check_letter(
    ws: Workspace, letter_id: str, typesetter: Typesetter
) -> tuple[int, list[Problem]]:
    """How many of the letter's documents composed, and every problem found."""
    letter = ws.letters[letter_id]
    docs, problems = [], []
    for lang in letter.languages:
        try:
            docs.append(compose(ws, letter_id, lang))
        except DataError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        return len(docs), problems
    problems += heading_problems(ws, letter_id, docs)
    try:
        if is_builtin(pdf_template(ws, letter_id)):
            # letterkit's own template typesets any valid letter (its tests see to
            # that): only what the layout needs is checked, without starting Typst.
            payload(docs, pdf_options(ws, letter_id, DraftOptions(fmt="pdf")))
        else:
            typesetter.pdf(letter_id, docs, DraftOptions(fmt="pdf"))
    except DataError as exc:
        problems += exc.problems
    except UsageError as exc:  # a layout the letter's languages do not allow
        problems.append(ws.problem(ws.file_key(letter_id), ("layout",), exc.message, hint=exc.hint))
    return len(docs), problems


def heading_problems(ws: Workspace, letter_id: str, docs: list[Document]) -> list[Problem]:
    """A heading of a translation set otherwise than in the original (numbered in one,
    run in in the other): every format would print a different number."""
    from ..composing.headings import heading_mismatches

    problems = []
    for lang, unit, theirs, ours in heading_mismatches(docs):
        field, _, number = unit.partition(".")
        problems.append(
            ws.problem(
                ws.file_key(letter_id),
                (field, lang),
                f"the {lang} heading of {field}, paragraph {number} is set {_form(ours)}, "
                f"but the {docs[0].meta.lang} one {_form(theirs)}",
                hint="a heading that ends with {.run-in}, {.standalone} or {.numbered} in "
                "one language must end so in every language",
            )
        )
    return problems


def _form(form: str) -> str:
    return form if form in ("run-in", "standalone") else f"numbered {form}"


def phrase_problems(ws: Workspace) -> list[Problem]:
    """A warning for each phrase a catalog of the letters' languages does not translate
    (the letter would print it in English)."""
    from ..composing.phrases import untranslated

    languages = [lang for letter in ws.letters.values() for lang in letter.languages]
    return untranslated(languages, ws.template_dirs())


def final_problems(ws: Workspace) -> list[Problem]:
    """What a letter whose status is final may not have: TODOs left, or no signatories."""
    problems = []
    for letter_id, letter in ws.letters.items():
        if letter.status != "final":
            continue
        key = ws.file_key(letter_id)
        if letter.about is None and letter.signatories is None:
            problems.append(
                ws.problem(key, ("status",), "a letter marked final has no signatories",
                           hint=f"add them with 'letterkit cosign add {letter_id} ...'")
            )  # fmt: skip
        for loc, offset in todo_places(ws, letter_id):
            problems.append(
                ws.problem(key, loc, f"{TODO_MARK} left in a letter marked final",
                           hint="write this text, or set the letter back to status: draft",
                           offset=offset)
            )  # fmt: skip
    return problems


def header_problems(ws: Workspace) -> list[Problem]:
    """Email headers that could not be written: too long, or holding a character a
    header may not (the same check ``draft -f eml`` and ``send`` make)."""
    from ..mail.envelope import header_problems as problems_of

    found: list[Problem] = []
    for letter_id in ws.letters:
        try:
            found += [p for p in problems_of(ws, letter_id) if p not in found]
        except DataError:
            continue  # a text missing in a language: composing the letter reports it
    return found


def sender_problems(ws: Workspace) -> list[Problem]:
    """Letters whose email could not be built for want of a sender address, as
    ``draft -f eml`` and ``send`` would find (a letter nobody signs yet is left out)."""
    from ..mail.envelope import sender

    problems: list[Problem] = []
    for letter_id, letter in ws.letters.items():
        if letter.sender is None and not ws.signatories_of(letter).entries:
            continue
        for lang in letter.languages:  # the From name is checked in each language
            try:
                sender(ws, letter_id, lang)
            except DataError as exc:
                problems += [p for p in exc.problems if p not in problems]
                break
    return problems
