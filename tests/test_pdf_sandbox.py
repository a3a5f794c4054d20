"""The PDF template is untrusted: it reads only its own folder, never the network, and
cannot run forever; 'check' compiles it, so its mistakes show before 'draft'."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from letter_kit import DraftOptions, load_workspace
from letter_kit.drafting.output import pdf_template
from letter_kit.errors import TemplateError
from letter_kit.writers.pdf import PdfOptions, PdfRenderer

from .conftest import ROOT, Cli, snapshot

SEALED = sys.platform == "linux" and platform.machine().lower() in ("x86_64", "aarch64")


def _own_template(root: Path, source: str) -> Path:
    folder = root / "templates" / "open-letter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.typ").write_text(source, encoding="utf-8")
    return folder


def test_a_render_opens_no_connection(minimal: Path, tmp_path: Path) -> None:
    """A package named at run time makes Typst try to fetch it: under a syscall trace,
    the attempt ends at socket(), refused, and no connect() is ever made."""
    _own_template(minimal, '#let p = "@" + "preview/cetz:0.2.2"\n#import p: *\nHello\n')
    trace = tmp_path / "trace"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
         sys.executable, "-m", "letter_kit", "draft", "test-letter", "-f", "pdf",
         "-o", str(tmp_path / "out.pdf")],
        cwd=minimal, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 65, result.stderr
    assert result.stderr.startswith(
        "templates/open-letter/letter.typ:2:8: the template imports a Typst package, "
        "and letterkit fetches none\n"
    )
    calls = trace.read_text().splitlines()
    assert not [c for c in calls if "connect(" in c]
    sockets = [c for c in calls if "socket(" in c]
    assert sockets, "Typst did not even try: the test proves nothing"
    assert all(c.endswith("= -1 EACCES (Permission denied)") for c in sockets), sockets
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.skipif(not SEALED, reason="seccomp is on Linux x86-64 and ARM64 only")
def test_the_typst_process_is_sealed() -> None:
    with PdfRenderer(ROOT / "templates" / "open-letter" / "letter.typ") as renderer:
        assert renderer.offline


def test_a_link_out_of_the_template_folder_is_refused(
    minimal: Path, tmp_path: Path, cli: Cli
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("THE SECRET HOSTNAME\n", encoding="utf-8")
    folder = _own_template(minimal, '#read("leak.typ")\n')
    (folder / "leak.typ").symlink_to(secret)
    before = snapshot(minimal)
    for args in (["check"], ["draft", "test-letter", "-f", "pdf", "-o", "x.pdf"]):
        result = cli(*args, cwd=minimal)
        assert result.code == 65
        assert result.err == (
            "templates/open-letter/leak.typ: PDF template file is a link to a file outside "
            "templates/open-letter\n"
            "  hint: a PDF template may only use the UTF-8 .typ files of its own folder\n"
        )
        assert "SECRET" not in result.out + result.err
    assert snapshot(minimal) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda f: (f / "extra.typ").mkdir(), "templates/open-letter/extra.typ: PDF template file is not a file"),
        (lambda f: (f / "extra.typ").write_bytes(b"// caf\xe9\n"), "templates/open-letter/extra.typ:1: PDF template file is not valid UTF-8 (byte 0xE9)"),
        (lambda f: (f / "extra.typ").symlink_to(f / "nowhere.typ"), "templates/open-letter/extra.typ: PDF template file is a broken link or a loop of links"),
        (lambda f: (f / "letter.typ").write_text("#let x = (\n", "utf-8"), "templates/open-letter/letter.typ:1:9: PDF template error: unclosed delimiter"),
        (lambda f: (f / "letter.typ").write_text("#let input = json(\"/letterkit.json\")\n#input.nothing\n", "utf-8"), "templates/open-letter/letter.typ:2:7: PDF template error: dictionary does not contain key \"nothing\""),
        (lambda f: (f / "letter.typ").write_text("#while true {}\n", "utf-8"), "templates/open-letter/letter.typ:1:7: PDF template error: condition is always true"),
    ],
    ids=["folder named .typ", "not UTF-8", "broken link", "syntax error", "missing input field", "endless loop"],
)  # fmt: skip
def test_check_compiles_the_pdf_template(
    make: object, message: str, minimal: Path, cli: Cli
) -> None:
    folder = _own_template(minimal, (ROOT / "templates/open-letter/letter.typ").read_text("utf-8"))
    make(folder)  # type: ignore[operator]
    for args in (["check"], ["draft", "test-letter", "-f", "pdf", "-o", "x.pdf"]):
        result = cli(*args, cwd=minimal)
        assert result.code == 65, result.err
        assert result.err.splitlines()[0] == message
    assert not (minimal / "x.pdf").exists()


def test_a_template_that_runs_too_long_is_stopped(
    minimal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _own_template(minimal, "#for i in range(200000000) {}\nHello\n")
    monkeypatch.setenv("LETTERKIT_TYPST_SECONDS", "1")
    start = time.monotonic()
    result = cli("check", cwd=minimal)
    assert time.monotonic() - start < 5
    assert result.code == 65
    assert result.err.startswith(
        "templates/open-letter/letter.typ: PDF template error: Typst took longer than 1 seconds\n"
    )


def test_a_typst_process_that_dies_is_reported(minimal: Path) -> None:
    ws = load_workspace(minimal)
    from letter_kit import compose

    docs = [compose(ws, "test-letter", "en")]
    with PdfRenderer(pdf_template(ws, "test-letter")) as renderer:
        assert renderer.render(docs, PdfOptions()).startswith(b"%PDF")
        os.kill(renderer.worker_pid, 9)
        with pytest.raises(TemplateError, match="PDF template error: Typst stopped unexpectedly"):
            renderer.render(docs, PdfOptions())


def test_no_typst_process_or_folder_is_left_behind(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = load_workspace(minimal)
    from letter_kit import draft

    # Temporary folders of this test's own: other tests draft PDFs meanwhile.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    draft(ws, "test-letter", DraftOptions(fmt="pdf"))
    assert list(temporary.iterdir()) == []
    children = subprocess.run(
        ["ps", "--ppid", str(os.getpid()), "-o", "args="], capture_output=True, text=True,
        check=False,
    ).stdout  # fmt: skip
    assert "typst_worker" not in children
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_letter_that_does_not_compose_leaves_no_typst_behind(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst starts while the letter is composed: a letter that does not compose leaves
    no process or folder behind, and with a broken PDF template as well, the letter's
    problem is the one reported (as when Typst started after composing)."""
    from letter_kit import draft
    from letter_kit.errors import DataError

    letter = minimal / "data" / "letters" / "test-letter.yaml"
    text = letter.read_text("utf-8").replace("in prison.[@report]", 'in prison {{ fact("none") }}.')
    letter.write_text(text, "utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for broken_template in (False, True):
        if broken_template:
            folder = _own_template(minimal, "#let x = (\n")
            (folder / "leak.typ").symlink_to(tmp_path / "nowhere")
        with pytest.raises(DataError) as caught:
            draft(load_workspace(minimal), "test-letter", DraftOptions(fmt="pdf"))
        assert "unknown fact 'none'" in caught.value.report()
        assert "leak.typ" not in caught.value.report()
        assert list(temporary.iterdir()) == []
        children = subprocess.run(
            ["ps", "--ppid", str(os.getpid()), "-o", "args="], capture_output=True, text=True,
            check=False,
        ).stdout  # fmt: skip
        assert "typst_worker" not in children
