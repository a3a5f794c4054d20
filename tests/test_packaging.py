"""The built package carries the example workspace: `letterkit init` works from a wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import GOLDEN, ROOT


def test_init_and_draft_from_an_installed_wheel(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = dist.glob("letterkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "letter_kit/example/data/letters/harris-2021.yaml",
        "letter_kit/example/templates/open-letter/letter.md.j2",
        "letter_kit/example/templates/locale/vi/LC_MESSAGES/letterkit.po",
        "letter_kit/example/assets/logos/vnhrn.svg",
        "letter_kit/writers/assets/letter.html.j2",
    ):
        assert required in names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(site)}
    home = tmp_path / "home"
    home.mkdir()

    def run(*args: str, cwd: Path) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "letter_kit", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout.decode("utf-8")

    where = subprocess.run(
        [sys.executable, "-c", "import letter_kit; print(letter_kit.__file__)"],
        cwd=home, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(site))
    run("init", "my-campaign", cwd=home)
    out = run("draft", "harris-2021", "-l", "en,vi", cwd=home / "my-campaign")
    assert out == (GOLDEN / "harris-2021.en-vi.md").read_text(encoding="utf-8")
