"""PDF through Typst: the same bytes on any machine, offline, whatever the data says.

The letter kind's Typst template (``templates/<kind>/letter.typ``) reads the documents
as JSON from the file ``/letterkit.json``. It only ever places strings, so no value from
the data is read as Typst markup. The compiler sees a private folder holding only the
template's own ``.typ`` files and that JSON file, Typst's embedded fonts (Libertinus
Serif covers Vietnamese) and no packages, and the PDF's dates come from the letter:
rendering the same data twice gives the same bytes.

The data goes in a file rather than in ``sys.inputs`` for speed: Typst keeps what it
laid out between compilations, but a change to ``sys.inputs`` throws all of it away,
while a changed file only affects what was made from it. A batch of letters that differ
in their address block compiles about four times faster.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from ..document import Document, Part, Role
from ..errors import Problem, TemplateError, UsageError, display_path
from ..formats import Layout, Paper
from .common import draft_mark
from .pairing import pair_blocks, pair_parts, twins
from .shared import made
from .typst_process import CompileFailed, TypstProcess, WorkerFailed

PDF_STANDARDS = ("a-2b", "a-2u", "a-3b")
TYPST_PAPER: dict[Paper, str] = {"letter": "us-letter", "a4": "a4"}
ENTRY = "letter.typ"
INPUT = "letterkit.json"  # the data, beside the template in the compiler's folder
IMAGES = "images"  # the checked images the documents show, in the compiler's folder

_DIAGNOSTIC_PLACE = re.compile(r"┌─ (?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+)")


@dataclass(frozen=True)
class PdfOptions:
    """How the PDF is laid out."""

    layout: Layout = "sequential"
    paper: Paper = "letter"
    standard: str | None = None  # "a-2b" for an archival PDF/A file


class PdfRenderer:
    """One Typst compiler for one template, reused for every document it renders.

    Typst runs in a process of its own that cannot open a network connection
    (:mod:`.typst_worker`), on a private copy of the template's folder.
    """

    def __init__(self, template: Path, *, workdir: Path | None = None) -> None:
        """A compiler for ``template``, in a private folder made in ``workdir`` (by
        default the system's temporary folder) and removed by :meth:`close`."""
        self.template = template
        self._root = Path(tempfile.mkdtemp(prefix="letterkit-typst-", dir=workdir))
        self._process: TypstProcess | None = None
        try:
            for source in template_files(template):
                shutil.copyfile(source, self._root / source.name)
            self._process = TypstProcess(self._root, template.name)
        except WorkerFailed as exc:
            self.close()
            raise self._failed(str(exc)) from None
        except BaseException:
            self.close()
            raise

    @property
    def offline(self) -> bool:
        """Whether the system itself keeps the compiler off the network (seccomp)."""
        return self._process is not None and self._process.sealed

    @property
    def worker_pid(self) -> int:
        """The process id of the compiler."""
        assert self._process is not None
        return self._process.pid

    def render(self, documents: Sequence[Document], options: PdfOptions) -> bytes:
        """The PDF of the documents (one per language)."""
        assert self._process is not None
        data = payload_text(documents, options, place_images(self._root, documents))
        (self._root / INPUT).write_text(data, encoding="utf-8")
        first = documents[0].meta.date
        stamp = int(datetime.combine(first, time(12), tzinfo=UTC).timestamp())
        standards = [options.standard] if options.standard else []
        try:
            return self._process.compile(stamp, standards)
        except CompileFailed as exc:
            raise self._error(exc) from None
        except WorkerFailed as exc:
            raise self._failed(str(exc)) from None

    def _error(self, exc: CompileFailed) -> TemplateError:
        place = _DIAGNOSTIC_PLACE.search(exc.diagnostic)
        # The compiler works on a private copy; point at the user's file of that name.
        file = self.template.parent / Path(place.group("file")).name if place else self.template
        line = int(place.group("line")) if place else None
        column = int(place.group("column")) if place else None
        message = f"PDF template error: {exc.message}"
        hint = "; ".join(exc.hints) or "fix the template, or delete it to use the built-in one"
        if "package" in exc.message:
            message = "the template imports a Typst package, and letterkit fetches none"
            hint = (
                "letterkit typesets offline, from the template's own files only: "
                "copy what you need from the package into the template's folder"
            )
        return TemplateError([Problem(message, file, line, column, hint=hint)])

    def _failed(self, why: str) -> TemplateError:
        return TemplateError(
            [
                Problem(
                    f"PDF template error: {why}",
                    self.template,
                    hint="a template that loops or lays out without end is stopped "
                    "(LETTERKIT_TYPST_SECONDS sets the limit); fix the template, or delete "
                    "it to use the built-in one",
                )
            ]
        )

    def close(self) -> None:
        """End the compiler and remove its private folder."""
        if self._process is not None:
            self._process.close()
        shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self) -> PdfRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def template_files(template: Path) -> list[Path]:
    """The ``.typ`` files of the template's folder, which its compiler may read.

    Each must be a UTF-8 file that is really in that folder: a link that leads out of
    it (to ``/etc/hostname``, to the data) would let the template print that file.
    """
    folder = template.parent.resolve()
    files = []
    for source in sorted(template.parent.glob("*.typ")):
        try:
            real = source.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _refused(source, "is a broken link or a loop of links") from None
        if real.parent != folder:
            raise _refused(source, f"is a link to a file outside {display_path(template.parent)}")
        if not real.is_file():
            raise _refused(source, "is not a file")
        raw = real.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise _refused(
                source, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X})", line
            ) from None
        files.append(source)
    return files


def _refused(source: Path, why: str, line: int | None = None) -> TemplateError:
    return TemplateError(
        [
            Problem(
                f"PDF template file {why}",
                source,
                line,
                hint="a PDF template may only use the UTF-8 .typ files of its own folder",
            )
        ]
    )


def write_pdf(documents: Sequence[Document], *, template: Path, options: PdfOptions) -> bytes:
    """Render the documents to PDF with a one-off compiler."""
    with PdfRenderer(template) as renderer:
        return renderer.render(documents, options)


def place_images(root: Path, documents: Sequence[Document]) -> dict[str, str]:
    """The images the documents show, written into the compiler's folder ``root``
    (named for their content), and the path the template reads each by (by its
    ``src``): the compiler sees the checked bytes of the images of the assets folder,
    and no other file of the workspace."""
    paths = {}
    for document in documents:
        for src, image in document.images.items():
            name = f"{hashlib.sha256(image.data).hexdigest()[:20]}.{image.suffix}"
            target = root / IMAGES / name
            if not target.exists():
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(image.data)
            paths[src] = f"/{IMAGES}/{name}"
    return paths


def payload(
    documents: Sequence[Document], options: PdfOptions, images: dict[str, str] | None = None
) -> dict[str, Any]:
    """What the Typst template reads: the documents, prepared for layout; ``images``
    says where the compiler finds each image (by its ``src``)."""
    data: dict[str, Any] = json.loads(payload_text(documents, options, images))
    return data


def payload_text(
    documents: Sequence[Document], options: PdfOptions, images: dict[str, str] | None = None
) -> str:
    """:func:`payload` as the JSON text the compiler reads. The text of a part that
    many documents share is made once (see :mod:`.shared`)."""
    if options.layout == "parallel" and len(documents) != 2:
        raise UsageError(
            f"the parallel layout sets two languages side by side; got {len(documents)}",
            hint="give two languages with -l, e.g. -l en,vi, or use --layout sequential",
        )
    if options.standard is not None and options.standard not in PDF_STANDARDS:
        raise UsageError(
            f"unknown PDF standard '{options.standard}'",
            hint="use one of " + ", ".join(PDF_STANDARDS),
        )
    first = documents[0].meta
    head: dict[str, Any] = {
        "layout": options.layout,
        "paper": TYPST_PAPER[options.paper],
        "title": " / ".join(dict.fromkeys(d.meta.title for d in documents)),
        "authors": list(dict.fromkeys(a for d in documents for a in d.meta.authors)),
        "lang": first.lang,
        "date": first.date.isoformat(),
        "images": images or {},
        "draft": draft_mark(documents),
    }
    if options.layout == "parallel":
        head["rows"] = _rows(documents[0], documents[1])
    docs = ", ".join(_prepared(d) for d in documents)
    return f'{_dumps(head)[:-1]}, "documents": [{docs}]}}'


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _prepared(doc: Document) -> str:
    """The document as JSON text, the first use of each note marked."""
    seen: set[int] = set()
    parts = []
    for part in doc.parts:
        text, numbers = made("pdf", part, partial(_part, part, frozenset(seen)), frozenset(seen))
        parts.append(text)
        seen |= numbers
    meta = _dumps(doc.meta.to_json())
    notes = made("pdf", doc.notes, lambda: _dumps([n.to_json() for n in doc.notes]))
    parts_text = ", ".join(parts)
    return f'{{"type": "{doc.kind}", "meta": {meta}, "parts": [{parts_text}], "notes": {notes}}}'


def _part(part: Part, seen: frozenset[int]) -> tuple[str, frozenset[int]]:
    """A part as JSON text, each note reference marked ``first`` unless in ``seen``;
    and the notes it refers to."""
    numbers = set(seen)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "noteref":
                node["first"] = node["number"] not in numbers
                numbers.add(node["number"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    data = part.to_json()
    walk(data)
    return _dumps(data), frozenset(numbers - seen)


# Spanning the page: the first language, with the second's wording under each name.
SPANS = frozenset({Role.LETTERHEAD, Role.SIGNATURES})


def _rows(left: Document, right: Document) -> list[dict[str, Any]]:
    """The parallel layout: parts paired by role, blocks by what they stand for
    (:mod:`.pairing`).

    The letterhead and the signatures span the page (the first language, with the
    second language's wording under each name where it differs); everything else is
    a row of two cells that start on the same line, each holding the blocks of one
    language that translate each other.
    """
    rows: list[dict[str, Any]] = []
    for ours, theirs in pair_parts(left, right):
        part = ours or theirs
        assert part is not None
        if part.role in SPANS:
            others = theirs.blocks if ours is not None and theirs is not None else []
            rows.append(
                {
                    "kind": "span",
                    "role": part.role,
                    "attrs": part.attrs,
                    "blocks": [b.to_json() for b in part.blocks],
                    "second": [
                        None if twin is None or twin == block else twin.to_json()
                        for block, twin in zip(part.blocks, twins(part.blocks, others), strict=True)
                    ],
                }
            )
            continue
        pairs = pair_blocks(ours.blocks if ours else [], theirs.blocks if theirs else [])
        for lefts, rights in pairs:
            rows.append(
                {
                    "kind": "pair",
                    "role": part.role,
                    "attrs": {k: v for k, v in part.attrs.items() if k == "align"},
                    "left": [b.to_json() for b in lefts],
                    "right": [b.to_json() for b in rights],
                }
            )
    return rows
