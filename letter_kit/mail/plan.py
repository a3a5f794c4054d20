"""The messages of one send: one per recipient (or per address), and the outbox they
are written to before anything goes out."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..files import atomic_write
from ..formats import Binary
from ..text import slug
from ..workspace.records import Workspace
from ..writers.eml import Attachment, Message
from .journal import Journal

if TYPE_CHECKING:
    from ..document import Document
    from ..drafting.output import Typeset
    from .envelope import Envelope

OUTBOX = "outbox"


@dataclass
class Outgoing:
    """One message to send: its recipients, content and outbox file."""

    key: str  # what the journal knows it by: the recipient's id, or the --to address
    message: Message
    recipients: list[str]
    sender: str
    filename: str


@dataclass
class Plan:
    """The messages of one send, where their files go, and what the journal says."""

    letter: str
    folder: Path
    messages: list[Outgoing]

    @property
    def journal(self) -> Journal:
        return Journal(self.folder / "journal.jsonl")

    def write_outbox(self) -> None:
        """Write each message to the outbox folder (as drafted: derived Date and ID)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {self.folder}: {exc.strerror}") from exc
        for item in self.messages:
            atomic_write(self.folder / item.filename, item.message.to_bytes())
        self.journal.entries()  # a journal that is a link is refused before anything goes


def outbox_name(index: int, address: str) -> str:
    """``01-president-whitehouse-example.eml``."""
    return f"{index:02d}-{slug(address)}.eml"


def make_plan(
    ws: Workspace,
    letter_id: str,
    *,
    languages: Sequence[str] | None = None,
    to: Sequence[str] | None = None,
    attach: Sequence[Binary] = (),
    reference_docx: Path | None = None,
    outbox: Path | None = None,
    draft_mark: bool = True,
) -> Plan:
    """One message per recipient of the letter (or per address in ``to``), with the
    letter attached in each format of ``attach`` (``pdf``, ``docx``); a draft carries its
    mark unless ``draft_mark`` is false."""
    from ..drafting.copies import Copies
    from ..drafting.output import DraftOptions, documents, render_docx, render_pdf
    from .envelope import envelope

    letter = ws.letter(letter_id)
    options = DraftOptions(fmt="eml", languages=languages, attach=attach,
                           reference_docx=reference_docx, draft_mark=draft_mark)  # fmt: skip
    messages: list[tuple[Envelope, Sequence[Document], list[Attachment]]] = []
    # Each message's key: the recipient (two recipients may share an address), or the
    # address given with --to (each given once).
    keys: list[str] = list(dict.fromkeys(to)) if to is not None else ws.recipients_of(letter)

    def attached(docs: Sequence[Document], makers: dict[str, Typeset]) -> list[Attachment]:
        return [(f"{letter_id}.{kind}", makers[kind](docs)) for kind in attach]

    if to is None and letter.groups:
        # A letter to groups goes to each member addressed to them alone.
        with tempfile.TemporaryDirectory(prefix="letterkit-send-") as workdir:
            copies = Copies(ws, letter_id, options, Path(workdir))
            makers: dict[str, Typeset] = {"pdf": copies.pdf, "docx": copies.docx}
            try:
                for rid in ws.recipients_of(letter):
                    own = copies.documents(rid)
                    env = envelope(ws, letter_id, copies.languages, recipients=[rid])
                    messages.append((env, own, attached(own, makers)))
                outgoing = _outgoing(keys, messages)  # while the copies share their blocks
            finally:
                copies.close()
    else:
        docs = documents(ws, letter_id, options)
        langs = [d.meta.lang for d in docs]
        shared = attached(docs, {
            "pdf": lambda docs: render_pdf(ws, letter_id, docs, options),
            "docx": lambda docs: render_docx(ws, letter_id, docs, options),
        })  # fmt: skip
        envelopes = (
            [envelope(ws, letter_id, langs, to=[address]) for address in keys]
            if to is not None
            else [envelope(ws, letter_id, langs, recipients=[r]) for r in ws.recipients_of(letter)]
        )
        outgoing = _outgoing(keys, [(env, docs, shared) for env in envelopes])
    return Plan(letter_id, _outbox(ws, outbox) / letter_id, outgoing)


def _outgoing(
    keys: Sequence[str], messages: Sequence[tuple[Envelope, Sequence[Document], list[Attachment]]]
) -> list[Outgoing]:
    from ..writers.eml import build

    return [
        Outgoing(key, build(content, env, attachments=files), env.recipients,
                 env.sender.address, outbox_name(index, env.to[0].address))
        for index, (key, (env, content, files)) in enumerate(zip(keys, messages, strict=True), 1)
    ]  # fmt: skip


def _outbox(ws: Workspace, chosen: Path | None) -> Path:
    """The outbox folder: the one given, else ``outbox/`` in the workspace, which may
    not lead (through a link) out of the workspace."""
    if chosen is not None:
        return chosen
    folder = ws.root / OUTBOX
    if not folder.resolve().is_relative_to(ws.root.resolve()):
        raise OutputError(
            f"{folder} leads outside the workspace (it is a link)",
            hint="remove the link, or name the outbox you mean with --outbox",
        )
    return folder


def describe(plan: Plan, *, lines: int = 4) -> Iterator[str]:
    """The headers and first lines of each message, for a dry run."""
    for number, item in enumerate(plan.messages, start=1):
        yield f"--- {number}/{len(plan.messages)} {plan.folder / item.filename}"
        for name, value in item.message.headers:
            if name in ("From", "To", "Cc", "Subject"):
                yield f"{name}: {value}"
        shown = [line for line in item.message.text().splitlines() if line.strip()][:lines]
        yield from (f"    {line}" for line in shown)
