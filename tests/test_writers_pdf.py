"""The PDF writer: extracted text against golden files, determinism, metadata, safety."""

from __future__ import annotations

import atexit
import dataclasses
import io
import os
import pty
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letter_kit import DraftOptions, Workspace, compose, draft, load_workspace
from letter_kit.document import Code, Emph, Inline, Link, NoteRef, Strong, Text, plain_text
from letter_kit.errors import TemplateError, UsageError
from letter_kit.text import clean_line, find_forbidden
from letter_kit.workspace.models import Organization
from letter_kit.writers.pdf import PdfOptions, PdfRenderer

from .conftest import FIXTURES, GOLDEN, ROOT, Cli, check_golden
from .test_writers import names, typeset

TEMPLATE = ROOT / "templates" / "open-letter" / "letter.typ"


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


def pdf_text(pdf: bytes) -> str:
    """The text of every page, NFC, as a reader would copy it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    return unicodedata.normalize("NFC", "\n".join(pages)) + "\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


EXAMPLES = [
    ("harris-2021", ("en", "vi"), "sequential"),
    ("harris-2021", ("vi",), "sequential"),
    ("biden-2023", ("en", "vi"), "parallel"),
    ("biden-2023", ("en", "vi"), "sequential"),
    ("market-economy-2024", ("en", "vi"), "sequential"),
    ("market-economy-2024", ("en", "vi"), "parallel"),
    ("human-rights-day-2024", ("en",), "sequential"),
]


@pytest.mark.parametrize(("letter", "langs", "layout"), EXAMPLES)
def test_golden_pdf_text(
    letter: str, langs: tuple[str, ...], layout: str, update_golden: bool
) -> None:
    options = DraftOptions(fmt="pdf", languages=langs, layout=layout)  # type: ignore[arg-type]
    text = pdf_text(draft(_example(), letter, options))
    check_golden(GOLDEN / f"{letter}.{'-'.join(langs)}.{layout}.pdf.txt", text, update_golden)


@pytest.mark.parametrize(("letter", "langs", "layout"), EXAMPLES)
def test_pdf_holds_every_name_note_and_demand(
    letter: str, langs: tuple[str, ...], layout: str
) -> None:
    ws = _example()
    options = DraftOptions(fmt="pdf", languages=langs, layout=layout)  # type: ignore[arg-type]
    text = _flat(pdf_text(draft(ws, letter, options)))
    record = ws.letters[letter]
    for lang in langs:
        doc = compose(ws, letter, lang)
        for note in doc.notes:
            # web addresses wrap anywhere in a narrow column: compare without spaces
            squeezed = "".join(f"{note.number} {plain_text(note.inlines)}".split())
            assert squeezed in "".join(text.split())
        for cid in record.cases:
            assert ws.cases[cid].name.get(lang) in text
        assert record.demands is not None
        if layout == "sequential":
            for did in record.demands.items:
                # a demand that runs onto the next page has the footnotes in between
                assert _in_order(_reading(_demand_blocks(doc, did)).split(), text.split()), did
        for entry in ws.signatories_of(record).entries:
            name = (
                ws.organizations[entry.org] if entry.org else ws.people[entry.person or ""]
            ).name
            assert _flat(name.get(lang)) in text


def _in_order(words: list[str], among: list[str]) -> bool:
    """Whether ``words`` come one after the other in ``among``, others perhaps between."""
    found = iter(among)
    return all(word in found for word in words)


def _reading(inlines: list[Inline]) -> str:
    """Inlines as the PDF reads: note markers are the bare number after the word."""
    out = ""
    for node in inlines:
        if isinstance(node, NoteRef):
            out += str(node.number)
        elif isinstance(node, Text | Code):
            out += node.text
        elif isinstance(node, Emph | Strong | Link):
            out += _reading(node.children)
        else:
            out += " "
    return out


def _demand_blocks(doc: object, demand_id: str) -> list[Inline]:
    """The inlines of the list item that holds a demand (found by its first words)."""
    from letter_kit.document import ListBlock, Paragraph

    ws = _example()
    lang = doc.meta.lang  # type: ignore[attr-defined]
    start = typeset(" ".join(ws.demands[demand_id].text.get(lang).split()[:4]))
    for part in doc.parts:  # type: ignore[attr-defined]
        for block in part.blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    first = item[0]
                    if isinstance(first, Paragraph) and plain_text(first.inlines).startswith(start):
                        return first.inlines
    raise AssertionError(f"demand {demand_id} not found")


def test_rendering_twice_gives_identical_bytes() -> None:
    options = DraftOptions(fmt="pdf", languages=("en", "vi"))
    first = draft(_example(), "harris-2021", options)
    second = draft(load_workspace(ROOT), "harris-2021", options)
    assert first == second


def test_metadata_comes_from_the_letter_and_names_no_machine_path() -> None:
    pdf = draft(_example(), "harris-2021", DraftOptions(fmt="pdf", languages=("en", "vi")))
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == (
        "Protecting Human Rights Activists in Vietnam / "
        "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam"
    )
    assert meta.author == (
        "Vietnam Human Rights Network, Defend the Defenders, Mạng Lưới Nhân Quyền Việt Nam, "
        "Người Bảo Vệ Nhân Quyền"
    )
    assert str(meta["/CreationDate"]) == "D:20210804000000Z"
    assert b"/Lang (en)" in pdf or b"<dc:language><rdf:Bag><rdf:li>en</rdf:li>" in pdf
    for path in (str(ROOT), "/tmp", str(Path.home())):
        assert path.encode() not in pdf


def test_archival_pdf_a() -> None:
    options = DraftOptions(fmt="pdf", languages=("vi",), pdf_standard="a-2b")
    pdf = draft(_example(), "harris-2021", options)
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in pdf
    assert "Kính thưa Phó Tổng thống Harris" in pdf_text(pdf)
    with pytest.raises(UsageError, match="unknown PDF standard 'a-1a'"):
        draft(_example(), "harris-2021", dataclasses.replace(options, pdf_standard="a-1a"))


def _page_size(pdf: bytes) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return (round(float(box.width)), round(float(box.height)))


def test_paper_and_layout_come_from_the_letter_unless_overridden(example: Path) -> None:
    path = example / "data" / "letters" / "harris-2021.yaml"
    path.write_text(path.read_text() + "paper: a4\nlayout: parallel\n", encoding="utf-8")
    ws = load_workspace(example)
    from_letter = draft(ws, "harris-2021", DraftOptions(fmt="pdf"))
    assert _page_size(from_letter) == (595, 842)
    # side by side: both date lines are on one line
    assert "August 4, 2021 Ngày 04 tháng 8 năm 2021" in pdf_text(from_letter).splitlines()
    overridden = draft(
        ws, "harris-2021", DraftOptions(fmt="pdf", paper="letter", layout="sequential")
    )
    assert _page_size(overridden) == (612, 792)
    assert "August 4, 2021 Ngày" not in pdf_text(overridden)


def test_parallel_needs_two_languages() -> None:
    with pytest.raises(UsageError, match="sets two languages side by side; got 1"):
        draft(
            _example(), "harris-2021", DraftOptions(fmt="pdf", languages=("en",), layout="parallel")
        )


def test_template_errors_name_the_template_line(minimal: Path) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.typ").write_text("#let x = 1\n#nonsense-here\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        draft(load_workspace(minimal), "test-letter", DraftOptions(fmt="pdf"))
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column) == (own / "letter.typ", 2, 1)
    assert problem.message == "PDF template error: unknown variable: nonsense-here"


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        ('#read("../../data/organizations.yaml")\n', "would escape the project root"),
        ('#import "@preview/cetz:0.3.0": canvas\n', "the template imports a Typst package"),
    ],
    ids=["read outside its folder", "import a package"],
)
def test_what_a_template_may_not_do(source: str, refusal: str, minimal: Path) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.typ").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError, match=refusal):
        draft(load_workspace(minimal), "test-letter", DraftOptions(fmt="pdf"))


def test_pdf_to_a_terminal_is_refused(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", "draft", "harris-2021", "-f", "pdf"],
        cwd=ROOT, stdout=follower, stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    os.close(follower)
    os.close(leader)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "error: will not write a PDF to the terminal\n"
        "  hint: give a file name: -o harris-2021.pdf (or redirect the output)\n"
    )


def test_draft_pdf_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "b.pdf"
    result = cli("draft", "biden-2023", "-l", "en,vi", "--layout", "parallel", "-f", "pdf",
                 "-o", str(target))  # fmt: skip
    assert result.code == 0, result.err
    assert pdf_text(target.read_bytes()) == (
        GOLDEN / "biden-2023.en-vi.parallel.pdf.txt"
    ).read_text(encoding="utf-8")
    assert cli("draft", "biden-2023", "-f", "pdf", "--paper", "a5", "-o", str(target)).code == 2


# Arbitrary names --------------------------------------------------------------------


@cache
def _minimal() -> Workspace:
    return load_workspace(FIXTURES / "minimal")


@cache
def _renderer() -> PdfRenderer:
    renderer = PdfRenderer(TEMPLATE)
    atexit.register(renderer.close)
    return renderer


def _pdf_with_name(name: str) -> bytes:
    ws = dataclasses.replace(
        _minimal(), organizations={"free": Organization.model_validate({"name": name})}
    )
    docs = [compose(ws, "test-letter", lang) for lang in ("en", "vi")]
    return _renderer().render(docs, PdfOptions())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=names, form=st.sampled_from(["NFC", "NFD"]))
def test_any_organisation_name_prints_literally_and_changes_nothing_else(
    raw: str, form: str
) -> None:
    name = clean_line(unicodedata.normalize("NFD" if form == "NFD" else "NFC", raw))
    if not name or find_forbidden(name, multiline=False):
        return
    # pypdf extracts an accent that has no precomposed letter (x́) twice, so only names
    # that NFC fully composes are judged here; every Vietnamese letter is one of them.
    if any(unicodedata.combining(c) for c in unicodedata.normalize("NFC", name)):
        return
    pdf = _pdf_with_name(name)
    text = pdf_text(pdf)
    # Long unspaced names wrap wherever the layout allows (after a "/"): compare the
    # characters, in order, without the line breaks.
    squeezed = "".join(typeset(name).split())
    assert "".join(text.split()).count(squeezed) >= 4  # letterhead and signature, both languages
    assert "sys.inputs" not in text  # the template's own source was not read into the page
    benign = _pdf_with_name("Benign")
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == len(
        pypdf.PdfReader(io.BytesIO(benign)).pages
    )


# Many signatories ---------------------------------------------------------------------


def _large_coalition(root: Path, organisations: int, individuals: int) -> Path:
    """A workspace whose letter has hundreds of Vietnamese-named signatories."""
    import shutil

    shutil.copytree(FIXTURES / "minimal", root)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
    given_names = ["Văn Thắng", "Thị Hồng", "Đình Lượng", "Bá Tùng", "Quốc Ngữ", "Thị Thêu"]
    orgs = ["free:\n  name: Free Press Group\n"]
    people = []
    entries = ["    - {org: free, tier: lead}\n"]
    for i in range(organisations):
        orgs.append(f"org-{i}:\n  name: Hội {families[i % 10]} {given_names[i % 6]} số {i}\n")
        entries.append(f"    - {{org: org-{i}}}\n")
    for i in range(individuals):
        people.append(
            f"person-{i}:\n  name: {families[i % 10]} {given_names[(i + 3) % 6]} {i}\n"
            f"  title: {{en: Coordinator, vi: Điều phối viên}}\n"
            f"  affiliation: {{en: Network {i}, vi: Mạng lưới {i}}}\n"
        )
        entries.append(f"    - {{person: person-{i}}}\n")
    (root / "data" / "organizations.yaml").write_text("".join(orgs), encoding="utf-8")
    (root / "data" / "people.yaml").write_text("".join(people), encoding="utf-8")
    letter = root / "data" / "letters" / "test-letter.yaml"
    head = letter.read_text(encoding="utf-8").split("signatories:")[0]
    letter.write_text(
        head + "signatories:\n  order: alphabetical\n  entries:\n" + "".join(entries),
        encoding="utf-8",
    )
    return root


def test_a_letter_with_500_signatories_keeps_every_name(tmp_path: Path) -> None:
    ws = load_workspace(_large_coalition(tmp_path / "big", 420, 80))
    pdf = draft(ws, "test-letter", DraftOptions(fmt="pdf", languages=("vi",)))
    text = _flat(pdf_text(pdf))
    for org in ws.organizations.values():
        assert org.name.get("vi") in text
    for person in ws.people.values():
        # the title and the affiliation under the name
        assert f"{person.name.get('vi')} Điều phối viên Mạng lưới" in text
    # lead first, then organisations, then individuals
    assert (
        text.index("Free Press Group") < text.index("Hội Đặng") < text.index("Với tư cách cá nhân")
    )
    assert text.index("Với tư cách cá nhân") < text.index("Nguyễn Bá Tùng 0 ")


def test_a_reused_compiler_reads_each_letter_afresh(minimal: Path) -> None:
    recipients = minimal / "data" / "recipients.yaml"
    original = recipients.read_text(encoding="utf-8")
    texts = []
    with PdfRenderer(TEMPLATE) as renderer:
        for i in range(6):  # names of one length: the data file keeps its size
            recipients.write_text(original.replace("Jan Novak", f"Jan Novák {i}"), "utf-8")
            docs = [compose(load_workspace(minimal), "test-letter", "vi")]
            texts.append(_flat(pdf_text(renderer.render(docs, PdfOptions()))))
    for i, text in enumerate(texts):
        assert [n for n in range(6) if f"Jan Novák {n}" in text] == [i]
