"""The public surface of the package: what the README's library example uses."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

import letter_kit

from .conftest import ROOT


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## As a library") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_the_readme_library_example_runs(tmp_path: Path) -> None:
    for name in ("data", "templates", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "-c", _readme_example()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    drafted = subprocess.run(
        [sys.executable, "-m", "letter_kit", "draft", "biden-2023", "-l", "en,vi", "-f", "txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == drafted.stdout + "\n"  # print() adds a line end
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "biden-2023.pdf").pages)
    assert "Phạm Đoan Trang" in text


def test_the_public_names_are_functions_and_types_not_modules() -> None:
    import types

    for name in letter_kit.__all__:
        value = getattr(letter_kit, name)
        assert not isinstance(value, types.ModuleType), name
    assert callable(letter_kit.compose) and callable(letter_kit.draft)
    assert set(letter_kit.__all__) >= {
        "load_workspace", "compose", "draft", "draft_each", "DraftOptions", "check_workspace",
        "Workspace", "Document", "write_text", "LetterkitError", "DataError", "Problem",
    }  # fmt: skip


def test_a_bad_workspace_is_reported_through_the_library(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yaml").write_text("x:\n  nmae: X\n", encoding="utf-8")
    try:
        letter_kit.load_workspace(tmp_path)
    except letter_kit.DataError as error:
        assert error.exit_code == letter_kit.ExitCode.DATA
        found = [(p.file, p.line, p.message) for p in error.problems]
        people = tmp_path / "data" / "people.yaml"
        assert found == [
            (people, 1, "missing required field 'name'"),
            (people, 2, "unknown field 'nmae'"),
        ]
    else:
        raise AssertionError("no DataError")


def test_every_export_is_listed_once() -> None:
    from letter_kit import _EXPORTS

    assert sorted(letter_kit.__all__) == sorted(_EXPORTS)
