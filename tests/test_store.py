"""Atomic writes: a failure never leaves a half-written or temporary file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from letter_kit.errors import OutputError
from letter_kit.files import atomic_write

from .conftest import GOLDEN, ROOT


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    atomic_write(target, b"one")
    atomic_write(target, "hai – Việt".encode())
    assert target.read_text(encoding="utf-8") == "hai – Việt"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failure_at_any_step_leaves_the_old_file_and_no_temporary(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if step == "write":
        monkeypatch.setattr("letter_kit.files.os.fdopen", lambda *a, **k: _FailingFile())
    elif step == "fsync":
        monkeypatch.setattr("letter_kit.files.os.fsync", fail)
    else:
        monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


class _FailingFile:
    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")


def test_refuses_a_folder_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"):
        atomic_write(tmp_path, b"x")
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write(tmp_path / "missing" / "x.md", b"x")


def test_a_folder_it_may_not_write_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("letter_kit.files.tempfile.mkstemp", refuse)
    with pytest.raises(OutputError, match=f"cannot write in {tmp_path}: Permission denied"):
        atomic_write(tmp_path / "x.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_drafting_needs_no_fcntl(tmp_path: Path) -> None:
    """Only commands that change data lock the workspace: drafting works on a Python
    without fcntl (as on Windows)."""
    out = tmp_path / "letter.md"
    code = (
        "import sys\n"
        "sys.modules['fcntl'] = None  # importing it now fails\n"
        "from letter_kit.cli import main\n"
        f"sys.exit(main(['draft', 'harris-2021', '-l', 'en', '-o', {str(out)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8") == (GOLDEN / "harris-2021.en.md").read_text("utf-8")
