"""Prose and templates are untrusted: they cannot exhaust the machine or read outside
the workspace. The corpus of payloads is tests/fixtures/hostile/sandbox.yaml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .conftest import FIXTURES, ROOT, Cli, snapshot

CORPUS: list[dict[str, Any]] = YAML(typ="safe").load(
    (FIXTURES / "hostile" / "sandbox.yaml").read_text("utf-8")
)
MAX_SECONDS = 15.0  # whole command, start-up included, on a busy machine
MAX_MIB = 400  # peak memory of the command


def _seconds(case: dict[str, Any]) -> str:
    """The render budget for a case: short for the case about it, the usual otherwise
    (so that a busy machine does not turn another limit into the time limit)."""
    return "1" if "took longer" in case["expect"] else "10"


def _run(args: list[str], cwd: Path, seconds: str = "10") -> tuple[int, str, float, float]:
    """Run letterkit as a process: exit code, stderr, seconds, peak MiB."""
    env = {**os.environ, "LETTERKIT_RENDER_SECONDS": seconds}
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "letter_kit", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, err, time.monotonic() - start, usage.ru_maxrss / 1024


def _workspace(tmp_path: Path, case: dict[str, Any]) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "minimal", root)
    if "prose" in case:
        letter = root / "data" / "letters" / "test-letter.yaml"
        text = letter.read_text("utf-8")
        payload = case["prose"]
        text = text.replace(
            "    We write about the journalists in prison.[@report]\n",
            f"    We write about the journalists in prison.[@report]\n\n    {payload}\n",
        )
        letter.write_text(text, "utf-8")
    if "template" in case:
        folder = root / "templates" / "open-letter"
        folder.mkdir(parents=True)
        builtin = (ROOT / "templates" / "open-letter" / "letter.md.j2").read_text("utf-8")
        (folder / "letter.md.j2").write_text(builtin + case["template"] + "\n", "utf-8")
    return root


@pytest.mark.parametrize("case", CORPUS, ids=[c["name"] for c in CORPUS])
def test_a_hostile_text_is_refused_in_seconds_with_its_place(
    case: dict[str, Any], tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'check' runs as a process, timed and its memory measured; 'draft' in this one."""
    root = _workspace(tmp_path, case)
    before = snapshot(root)
    where = "data/letters/test-letter.yaml:" if "prose" in case else "letter.md.j2:"
    code, err, seconds, mib = _run(["check"], root, _seconds(case))
    assert code == 65, err
    assert case["expect"] in err, err
    assert where in err.splitlines()[0], err
    assert seconds < MAX_SECONDS, seconds
    assert mib < MAX_MIB, mib
    monkeypatch.setenv("LETTERKIT_RENDER_SECONDS", _seconds(case))
    result = cli("draft", "test-letter", "-l", "en", cwd=root)
    assert result.code == 65, result.err
    assert case["expect"] in result.err
    assert where in result.err.splitlines()[0]
    assert snapshot(root) == before


def _leak(root: Path) -> None:
    folder = root / "templates" / "open-letter"
    folder.mkdir(parents=True, exist_ok=True)
    secret = root.parent / "secret.txt"
    secret.write_text("THE SECRET\n", "utf-8")
    (folder / "leak.j2").symlink_to(secret)


def test_prose_cannot_include_a_template_that_links_out_of_the_workspace(
    tmp_path: Path,
) -> None:
    root = _workspace(tmp_path, {"prose": "{% include 'open-letter/leak.j2' %}"})
    _leak(root)
    code, err, _, _ = _run(["draft", "test-letter", "-l", "en"], root)
    assert code == 65
    assert "THE SECRET" not in err
    assert err.startswith("data/letters/test-letter.yaml:")
    assert "is a link to a file outside" in err


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    root = _workspace(tmp_path, {"template": "{# Vi\u1ec7t #}"})
    template = root / "templates" / "open-letter" / "letter.md.j2"
    template.write_bytes(template.read_bytes().replace("Việt".encode(), b"Vi\xe9t"))
    code, err, _, _ = _run(["check"], root)
    assert code == 65
    assert "is not valid UTF-8 (byte 0xE9 on line" in err


def test_rendering_leaves_no_timer_behind() -> None:
    """The time budget is a timer signal: once a render is over, none is left running."""
    import signal

    from letter_kit import compose, load_workspace

    before = signal.getsignal(signal.SIGALRM)
    compose(load_workspace(ROOT), "harris-2021", "vi")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == before
