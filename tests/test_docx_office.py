"""Word files in a real office suite (LibreOffice converts them to PDF), from an
organisation's reference document, and on the command line."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from email import message_from_bytes, policy
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Cm, Pt

from letter_kit import DraftOptions, compose, draft, load_workspace
from letter_kit.document import Code, Emph, Inline, Link, NoteRef, Strong, Text, plain_text

from .conftest import ROOT, Cli, snapshot
from .docx_reading import W, dump, members
from .test_batch import MEMBERS, _caucus, _member
from .test_writers_docx import EXAMPLES, _docx, _example


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _printed(inlines: list[Inline]) -> re.Pattern[str]:
    """The inlines as LibreOffice prints them, spaces aside: a note mark is a number
    (whatever number it shows)."""
    pieces = [""]
    for node in inlines:
        if isinstance(node, NoteRef):
            pieces.append("")
        elif isinstance(node, Text | Code):
            pieces[-1] += node.text
        elif isinstance(node, Emph | Strong | Link):
            pieces[-1] += plain_text(node.children)
    return re.compile(r"\d*".join(re.escape(_squeezed(p)) for p in pieces))


def _words(inlines: list[Inline]) -> list[re.Pattern[str]]:
    """Each word of the inlines as LibreOffice prints it: a note mark in it is a number."""
    mark = "\x00"
    text = ""
    for node in inlines:
        if isinstance(node, NoteRef):
            text += mark
        elif isinstance(node, Text | Code):
            text += node.text
        elif isinstance(node, Emph | Strong | Link):
            text += plain_text(node.children)
    return [
        re.compile(r"\d*".join(re.escape(piece) for piece in word.split(mark)))
        for word in re.split(r"[\s-]+", text)
        if word.strip(mark)
    ]


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], str]:
    """Each example's Word file converted to PDF by LibreOffice, as text."""
    folder = tmp_path_factory.mktemp("office")
    profile = folder / "profile"  # a profile of its own: runs in parallel do not collide
    names = {}
    for letter, langs, layout in EXAMPLES:
        name = f"{letter}.{'-'.join(langs)}.{layout}"
        (folder / f"{name}.docx").write_bytes(_docx(letter, langs, layout))
        names[(letter, *langs, layout)] = name
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {key: _reading((folder / f"{name}.pdf").read_bytes()) for key, name in names.items()}


def _reading(pdf: bytes) -> str:
    """The text a reader follows, page by page, without the page numbers under them."""
    texts = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        lines = unicodedata.normalize("NFC", page.extract_text()).rstrip().splitlines()
        if lines and lines[-1].strip().isdigit():
            lines.pop()
        texts.append("\n".join(lines))
    return "\n".join(texts)


@pytest.mark.parametrize(("letter", "langs", "layout"), EXAMPLES)
def test_libreoffice_prints_the_letter_and_its_footnotes(
    letter: str, langs: tuple[str, ...], layout: str, office_pdfs: dict[tuple[str, ...], str]
) -> None:
    printed = _squeezed(office_pdfs[(letter, *langs, layout)])
    ws = _example()
    docs = [compose(ws, letter, lang) for lang in langs]
    # A paragraph that runs onto the next page is interrupted by the footnotes
    # of its page: read the body with the notes taken out.
    text = printed
    for note in (n for d in docs for n in d.notes):
        text = re.sub(r"\d*" + re.escape(_squeezed(plain_text(note.inlines))), "", text)
    for index, doc in enumerate(docs):
        for part_ in doc.parts:
            if layout == "parallel" and index and part_.role in ("recipient", "cc", "unlisted"):
                continue
            for block in part_.blocks:
                if hasattr(block, "inlines") and not (
                    layout == "parallel" and index and part_.role in ("letterhead", "signatures")
                ):
                    if part_.attrs.get("style") == "logos":
                        continue  # a row of logos: each name is its picture's description
                    if part_.role == "letterhead":  # in small capitals, side by side
                        for name in plain_text(block.inlines).split():
                            assert name.lower() in printed.lower(), (name, block)
                    elif layout == "parallel":  # the two columns' lines interleave
                        for word in _words(block.inlines):
                            assert word.search(printed), (word, block)
                    else:
                        assert _printed(block.inlines).search(text), block
        for note in doc.notes:
            assert _squeezed(plain_text(note.inlines)) in printed
            if index == 0 or layout == "parallel":
                # the number before the text (LibreOffice cannot restart Word's count in
                # the second section: see README, Word output)
                assert _squeezed(f"{note.number}{plain_text(note.inlines)}") in printed


# A reference document ------------------------------------------------------------------


def _reference(path: Path) -> Path:
    """An organisation's Word document: A4, its own header, Body Text in Arial, a
    heading style with a French id, a page of its own text, properties of its own."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.header.paragraphs[0].text = "FREE PRESS GROUP · 1 Example Street"
    body = document.styles["Body Text"]
    body.font.name = "Arial"
    body.font.size = Pt(10)
    heading = document.styles["Heading 2"]
    heading.element.set(f"{W}styleId", "Titre2")
    document.add_paragraph("TEMPLATE TEXT, never in a letter")
    document.core_properties.author = "Template Author"
    document.core_properties.comments = "internal template"
    document.save(str(path))
    return path


def test_a_reference_document_gives_styles_page_and_header(minimal: Path, tmp_path: Path) -> None:
    reference = _reference(tmp_path / "ref.docx")
    ws = load_workspace(minimal)
    data = draft(ws, "test-letter", DraftOptions(fmt="docx", reference_docx=reference))
    document = docx.Document(io.BytesIO(data))
    first = document.sections[0]
    assert first.page_width is not None and first.left_margin is not None
    assert (round(first.page_width.cm, 1), round(first.left_margin.cm, 1)) == (21.0, 2.0)
    assert first.header.paragraphs[0].text == "FREE PRESS GROUP · 1 Example Street"
    assert document.styles["Body Text"].font.name == "Arial"  # theirs, kept
    assert document.styles["Letterhead"].font.small_caps  # ours, added where they had none
    text = dump(data)
    assert "TEMPLATE TEXT" not in text
    assert "Dear Minister," in text or "Minister" in text
    props = document.core_properties
    assert (props.author, props.comments, props.last_modified_by) == (
        "Free Press Group, Nhóm Báo chí Tự do",
        "",
        "",
    )
    assert not any(m.startswith("docProps/app") for m in members(data))
    # --paper overrides the reference's page
    letter = draft(ws, "test-letter", DraftOptions(fmt="docx", reference_docx=reference,
                                                   paper="letter"))  # fmt: skip
    width = docx.Document(io.BytesIO(letter)).sections[0].page_width
    assert width is not None and round(width.inches, 2) == 8.5


def test_styles_are_found_by_name_whatever_their_id(example: Path, tmp_path: Path) -> None:
    reference = _reference(tmp_path / "ref.docx")
    data = draft(load_workspace(example), "biden-2023",
                 DraftOptions(fmt="docx", reference_docx=reference))  # fmt: skip
    assert re.search(r"^0 Titre2 \[en-US\] Prisoners of conscience", dump(data), re.M)


def test_a_template_dotx_is_a_reference_too(minimal: Path, tmp_path: Path) -> None:
    source = _reference(tmp_path / "ref.docx")
    template = tmp_path / "ref.dotx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(template, "w") as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(info, content)
    data = draft(load_workspace(minimal), "test-letter",
                 DraftOptions(fmt="docx", reference_docx=template))  # fmt: skip
    assert b"document.main+xml" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert (
        "FREE PRESS GROUP" in docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    )


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (
            b"not a zip at all",
            65,
            "ref.docx: reference document: not a Word document (File is not a zip file)",
        ),
        (None, 66, "no reference document"),
        ("macros", 65, "ref.docx: reference document: it holds macros"),
        ("no-body", 65, "ref.docx: reference document: not a Word document that can be read"),
        ("huge", 65, "ref.docx: reference document: it unpacks to more than 64 MiB"),
    ],
    ids=["not a zip", "missing", "macros", "not wordprocessing", "zip bomb"],
)
def test_a_broken_reference_is_a_located_error_and_writes_nothing(
    content: bytes | str | None, code: int, message: str, minimal: Path, cli: Cli, tmp_path: Path
) -> None:
    reference = tmp_path / "ref.docx"
    if isinstance(content, bytes):
        reference.write_bytes(content)
    elif content is not None:
        with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as archive:
            kind = {"macros": "ms-word.document.macroEnabled.main+xml"}.get(content, "x")
            archive.writestr("[Content_Types].xml", f"<Types>{kind}</Types>")
            if content == "huge":
                archive.writestr("word/big.xml", b"\0" * (65 * 2**20))
    before = snapshot(minimal)
    target = tmp_path / "out.docx"
    result = cli("draft", "test-letter", "-f", "docx", "--reference-docx", str(reference),
                 "-o", str(target), cwd=minimal)  # fmt: skip
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert not target.exists()
    assert snapshot(minimal) == before


def test_the_workspace_names_its_reference_in_letterkit_toml(
    minimal: Path, cli: Cli, tmp_path: Path
) -> None:
    (minimal / "templates").mkdir(exist_ok=True)
    _reference(minimal / "templates" / "reference.docx")
    config = minimal / "letterkit.toml"
    config.write_text('[docx]\nreference = "templates/reference.docx"\n', encoding="utf-8")
    target = tmp_path / "out.docx"
    assert cli("draft", "test-letter", "-f", "docx", "-o", str(target), cwd=minimal).code == 0
    header = docx.Document(str(target)).sections[0].header.paragraphs[0].text
    assert header == "FREE PRESS GROUP · 1 Example Street"
    config.write_text('[docx]\nreferense = "x.docx"\n', encoding="utf-8")
    result = cli("draft", "test-letter", "-f", "docx", "-o", str(target), cwd=minimal)
    assert result.code == 78
    assert result.err.splitlines()[0].endswith("unknown [docx] setting 'referense'")
    config.write_text('[docx]\nreference = "missing.docx"\n', encoding="utf-8")
    result = cli("draft", "test-letter", "-f", "docx", "-o", str(target), cwd=minimal)
    assert result.code == 78 and "[docx] reference: no file" in result.err


# The command line -------------------------------------------------------------------------


def test_draft_docx_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "h.docx"
    result = cli("draft", "harris-2021", "-f", "docx", "-o", str(target))
    assert (result.code, result.err) == (0, f"wrote {target}\n")
    assert target.read_bytes() == _docx("harris-2021", ("en", "vi"), "sequential")
    usage = [
        (["-f", "md", "--attach", "docx"], "error: --attach goes with -f eml\n"),
        (["-f", "pdf", "--reference-docx", "x.docx", "-o", str(tmp_path / "x")],
         "error: --reference-docx goes with -f docx (or -f eml --attach docx)\n"),
    ]  # fmt: skip
    for args, err in usage:
        result = cli("draft", "harris-2021", *args)
        assert (result.code, result.err) == (2, err)


def test_a_word_file_is_not_written_to_a_terminal() -> None:
    leader, follower = pty.openpty()
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", "draft", "harris-2021", "-f", "docx"],
        cwd=ROOT, stdout=follower, stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    os.close(follower)
    os.close(leader)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "error: will not write a Word file to the terminal\n"
        "  hint: give a file name: -o harris-2021.docx (or redirect the output)\n"
    )


def test_one_word_file_per_recipient(minimal: Path, cli: Cli, tmp_path: Path) -> None:
    caucus = _caucus(minimal, "".join(_member(*m) for m in MEMBERS))
    out = tmp_path / "docx"
    result = cli("draft", "test-letter", "--per-recipient", "-f", "docx", "-o", str(out),
                 cwd=caucus)  # fmt: skip
    assert (result.code, result.err) == (0, f"wrote 3 files to {out}\n")
    for rid, name, en, vi in MEMBERS:
        text = dump((out / f"{rid}.docx").read_bytes())
        assert text.count(name) == 2 and f"{en}," in text and f"{vi}," in text
        assert not any(m[1] in text for m in MEMBERS if m[0] != rid)
    # a broken reference stops every copy before anything is written
    (caucus / "bad.docx").write_bytes(b"nope")
    again = tmp_path / "again"
    result = cli("draft", "test-letter", "--per-recipient", "-f", "docx", "--reference-docx",
                 str(caucus / "bad.docx"), "-o", str(again), cwd=caucus)  # fmt: skip
    assert result.code == 65 and not again.exists()


def test_email_and_send_attach_the_word_file(cli: Cli, tmp_path: Path, example: Path) -> None:
    target = tmp_path / "h.eml"
    result = cli("draft", "harris-2021", "-f", "eml", "--attach", "docx", "--attach-pdf",
                 "-o", str(target))  # fmt: skip
    assert result.code == 0, result.err
    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    files = [(a.get_content_type(), a.get_filename()) for a in message.iter_attachments()]
    assert files == [
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "harris-2021.docx"),
        ("application/pdf", "harris-2021.pdf"),
    ]  # fmt: skip
    attached = next(message.iter_attachments()).get_content()
    assert attached == _docx("harris-2021", ("en", "vi"), "sequential")
    result = cli("send", "harris-2021", "--to-recipients", "--attach", "docx", cwd=example)
    assert result.code == 0, result.err
    (sent,) = (example / "outbox" / "harris-2021").glob("*.eml")
    outgoing = message_from_bytes(sent.read_bytes(), policy=policy.default)
    assert [a.get_filename() for a in outgoing.iter_attachments()] == ["harris-2021.docx"]
