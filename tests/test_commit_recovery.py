"""A change to several files survives a kill at any step: the next command finds the
workspace as it was before or as it is after, never a mixture, and nothing left over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import snapshot

# Kill the process right after the Nth of these calls, in a change that adds a new
# organisation to a letter (two files): stage, stage, [intent: stage, replace],
# replace, replace, then the intent is removed.
PROGRAM = """
import os, sys
import letter_kit.files as files
import letter_kit.workspace.commit as commit

count = [0]
stop_at = int(sys.argv[1])

def step():
    count[0] += 1
    if count[0] == stop_at:
        os.kill(os.getpid(), 9)

real_stage = files.stage
def stage(*args, **kwargs):
    result = real_stage(*args, **kwargs)
    step()
    return result
files.stage = stage
commit.stage = stage

real_replace = os.replace
here = os.getcwd()
def replace(*args, **kwargs):
    result = real_replace(*args, **kwargs)
    if str(args[1]).startswith(here):  # not the cache of parsed YAML
        step()
    return result
os.replace = replace

from letter_kit.cli import main
sys.exit(main(["cosign", "add", "biden-2023", "--name", "Human Rights Foundation",
               "--joined", "2023-09-04", "--force"]))
"""
STEPS = {
    1: "before",  # the organisations file staged
    2: "before",  # the letter staged
    3: "before",  # the intent staged, not yet in place
    4: "after",  # the intent in place: the change is completed by the next command
    5: "after",  # one file replaced
    6: "after",  # both replaced, the intent still there
}


def _run(example: Path, stop_at: int) -> int:
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(stop_at)], cwd=example,
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode


@pytest.fixture
def states(example: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The data before and after the change, made once without a kill."""
    before = snapshot(example / "data")
    reference = tmp_path / "reference"
    subprocess.run(["cp", "-r", str(example), str(reference)], check=True)
    assert _run(reference, 0) == 0
    return before, snapshot(reference / "data")


@pytest.mark.parametrize("stop_at", sorted(STEPS))
def test_a_kill_at_any_step_leaves_before_or_after(
    stop_at: int, example: Path, states: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    before, after = states
    assert before != after
    assert _run(example, stop_at) == -9  # killed
    check = subprocess.run([sys.executable, "-m", "letter_kit", "check"], cwd=example,
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert check.returncode == 0, check.stderr
    expected = before if STEPS[stop_at] == "before" else after
    assert snapshot(example / "data") == expected


def test_a_file_edited_after_the_kill_is_not_written_over(
    example: Path, states: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    assert _run(example, 4) == -9  # the intent in place, no file replaced yet
    letter = example / "data" / "letters" / "biden-2023.yaml"
    letter.write_text(letter.read_text("utf-8") + "# edited by hand\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "letter_kit", "check"], cwd=example,
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert check.returncode == 75
    assert "biden-2023.yaml was edited since: letterkit will not write over it" in check.stderr
    assert letter.read_text("utf-8").endswith("# edited by hand\n")
