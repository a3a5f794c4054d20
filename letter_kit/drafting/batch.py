"""One file per recipient: ``letterkit draft LETTER --per-recipient -o DIR``.

The letter is composed once per language; each recipient costs only their address
block and salutation, and (for PDF) one compile with a Typst compiler that each worker
keeps. The recipients are shared among worker processes, one per core. A recipient
whose data cannot make a file (an email with no address, say) is reported with its id
and the others are still written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LetterkitError, OutputError
from ..files import atomic_write
from ..parallel import fork_map
from ..workspace.records import Workspace
from .copies import Copies
from .output import DraftOptions, output


@dataclass
class BatchResult:
    """The files written, and the recipients that failed with why."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


class _Batch:
    """What every worker needs; built once, before the workers start."""

    def __init__(self, copies: Copies, folder: Path) -> None:
        self.copies = copies
        self.folder = folder
        options = copies.options
        if options.fmt == "pdf" or "pdf" in options.attach:
            from .output import pdf_options

            pdf_options(copies.ws, copies.letter_id, options)  # a layout refused stops all
        if options.fmt == "eml":
            from ..mail.envelope import envelope

            envelope(copies.ws, copies.letter_id, copies.languages, to=[], day=options.date)
        if options.fmt == "docx" or "docx" in options.attach:
            copies.reference()  # a reference document that cannot be read stops every copy

    def one(self, recipient: str) -> tuple[str, str | None]:
        """Write one recipient's file; return the problem with their data instead of
        raising it (a bug still stops the run)."""
        copies = self.copies
        try:
            docs = copies.documents(recipient)
            content = output(copies.ws, copies.letter_id, docs, copies.options,
                             recipients=[recipient], typeset=copies.pdf,
                             word=copies.docx)  # fmt: skip
            atomic_write(self.folder / f"{recipient}.{copies.options.fmt}", content, durable=False)
        except LetterkitError as exc:
            return recipient, exc.report().removeprefix("error: ")
        return recipient, None


Progress = Callable[[int, int], None]


def draft_each(
    ws: Workspace,
    letter_id: str,
    options: DraftOptions,
    folder: Path,
    *,
    progress: Progress | None = None,
) -> BatchResult:
    """Write one file per recipient of the letter into ``folder`` (created, with its
    parents, if need be).

    Everything that concerns every recipient (the letter, the languages, the sender)
    is checked before anything is written.
    """
    with tempfile.TemporaryDirectory(prefix="letterkit-batch-") as workdir:
        return _draft_each(ws, letter_id, options, folder, Path(workdir), progress)


def _draft_each(
    ws: Workspace,
    letter_id: str,
    options: DraftOptions,
    folder: Path,
    workdir: Path,
    progress: Progress | None,
) -> BatchResult:
    recipients = ws.recipients_of(ws.letter(letter_id))
    batch = _Batch(Copies(ws, letter_id, options, workdir), folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{folder} is not a folder", hint="with --per-recipient, -o names a folder"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create {folder}: {exc.strerror}",
            hint="choose another folder with -o",
        ) from exc
    result = BatchResult()
    try:
        done = fork_map(batch.one, recipients, ordered=False, minimum=8)
        outcomes = list(_progress(done, len(recipients), progress))
    finally:
        batch.copies.close()
    order = {rid: index for index, rid in enumerate(recipients)}
    for recipient, error in sorted(outcomes, key=lambda o: order[o[0]]):
        if error is None:
            result.written.append(folder / f"{recipient}.{options.fmt}")
        else:
            result.failed.append((recipient, error))
    return result


def _progress(
    outcomes: Iterable[tuple[str, str | None]], total: int, progress: Progress | None
) -> Iterable[tuple[str, str | None]]:
    for done, outcome in enumerate(outcomes, start=1):
        if progress is not None:
            progress(done, total)
        yield outcome
