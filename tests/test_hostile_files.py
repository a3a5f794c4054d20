"""Workspace files that are not what they seem: pipes, devices, links that lead nowhere
or round in a loop, a file where a folder should be. Each is named, in seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import snapshot

Make = Callable[[Path], None]


def _fifo(root: Path) -> None:
    os.mkfifo(root / "data" / "facts.yaml")


def _zero(root: Path) -> None:
    (root / "data" / "facts.yaml").symlink_to("/dev/zero")


def _loop(root: Path) -> None:
    letters = root / "data" / "letters"
    (letters / "a.yaml").symlink_to("b.yaml")
    (letters / "b.yaml").symlink_to("a.yaml")


def _broken(root: Path) -> None:
    (root / "data" / "letters" / "gone.yaml").symlink_to("nowhere.yaml")


def _letters_file(root: Path) -> None:
    letters = root / "data" / "letters"
    for file in letters.iterdir():
        file.unlink()
    letters.rmdir()
    letters.write_text("not a folder\n", encoding="utf-8")


CASES: list[tuple[Make, str]] = [
    (_fifo, "data/facts.yaml: is not a regular file (a folder, a device or a pipe)\n"
            "  hint: a workspace file must be an ordinary file of YAML\n"),
    (_zero, "data/facts.yaml: is not a regular file (a folder, a device or a pipe)\n"
            "  hint: a workspace file must be an ordinary file of YAML\n"),
    (_loop, "data/letters/a.yaml: is a loop of links\n"
            "  hint: remove the link, or make it point to the file\n"
            "data/letters/b.yaml: is a loop of links\n"
            "  hint: remove the link, or make it point to the file\n"
            "2 problems found\n"),
    (_broken, "data/letters/gone.yaml: is a broken link: it points to nowhere.yaml, which does "
              "not exist\n  hint: remove the link, or make it point to the file\n"),
    (_letters_file, "data/letters: 'letters' is not a folder\n"
                    "  hint: letters live in a folder: data/letters/<id>.yaml, one file each\n"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "expected"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_a_strange_file_is_named_in_seconds(make: Make, expected: str, minimal: Path) -> None:
    make(minimal)
    before = snapshot(minimal) if make not in (_fifo, _zero) else None
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", "check"],
        cwd=minimal, capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert result.returncode == 65, result.stderr
    assert result.stderr == expected
    if before is not None:
        assert snapshot(minimal) == before


@pytest.mark.parametrize("target", ["fifo", "/dev/null"])
def test_output_onto_a_pipe_or_a_device_is_refused(target: str, tmp_path: Path) -> None:
    """-o never replaces what is not a regular file (as root, -o /dev/null would have
    replaced the system's /dev/null with a file)."""
    path = Path(target) if target.startswith("/") else tmp_path / target
    if not path.exists():
        os.mkfifo(path)
    before = path.stat()
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", "draft", "harris-2021", "-o", str(path)],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        timeout=20, check=False,
    )  # fmt: skip
    assert result.returncode == 73, result.stderr
    assert result.stderr.startswith(f"error: will not write {path}: it is not a regular file")
    after = path.stat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (
        before.st_mode,
        before.st_ino,
        before.st_rdev,
    )


INPUTS = [
    (["cosign", "import", "test-letter", "{input}", "--dry-run"], 66,
     "error: cannot read {input}: is not a regular file (a folder, a device or a pipe)\n"
     "  hint: a sheet is an ordinary CSV or tab-separated file\n"),
    (["recipients", "import", "{input}", "--dry-run"], 66,
     "error: cannot read {input}: is not a regular file (a folder, a device or a pipe)\n"
     "  hint: a sheet is an ordinary CSV or tab-separated file\n"),
    (["translate", "import", "test-letter", "{input}"], 66,
     "error: cannot read {input}: is not a regular file (a folder, a device or a pipe)\n"
     "  hint: a PO file is an ordinary text file\n"),
    (["draft", "test-letter", "-o", "x.docx", "--reference-docx", "{input}"], 65,
     "{input}: reference document: is not a regular file (a folder, a device or a pipe)\n"
     "  hint: save it from Word or LibreOffice as a Word document (.docx)\n"),
]  # fmt: skip


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize(("args", "code", "expected"), INPUTS, ids=[i[0][0] for i in INPUTS])
def test_a_named_input_that_is_a_pipe_or_a_device_is_refused_in_seconds(
    args: list[str], code: int, expected: str, kind: str, minimal: Path, tmp_path: Path
) -> None:
    """A sheet, a PO file or a reference document given as a pipe nobody writes to, or as
    /dev/zero, would make the command wait forever or read without end."""
    source = tmp_path / "input"
    if kind == "fifo":
        os.mkfifo(source)
    else:
        source = Path(kind)
    before = snapshot(minimal)
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", *(a.format(input=source) for a in args)],
        cwd=minimal, capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (code, expected.format(input=source))
    assert snapshot(minimal) == before


def test_letterkit_toml_that_is_a_pipe_is_refused_in_seconds(minimal: Path) -> None:
    os.mkfifo(minimal / "letterkit.toml")
    result = subprocess.run(
        [sys.executable, "-m", "letter_kit", "check"],
        cwd=minimal, capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert result.returncode == 78
    assert result.stderr == (
        "error: letterkit.toml: is not a regular file (a folder, a device or "
        "a pipe)\n  hint: letterkit.toml is an ordinary text file of TOML\n"
    )
