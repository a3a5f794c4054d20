"""Every console example of the README is what the commands print (see readme.py).

``pytest --update-golden tests/test_readme.py`` rewrites the output of each block that
has no ``...`` from a run; review the diff of README.md before committing.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .readme import README, Runner, blocks, matches, rewritten


def test_the_readme_examples_are_what_the_commands_print(
    tmp_path: Path, update_golden: bool
) -> None:
    text = README.read_text(encoding="utf-8")
    found = blocks(text)
    assert len(found) > 20
    # every block is read, and has its commands (a block read wrongly would be empty)
    assert len(re.findall(r"^ *```console$", text, re.M)) == len(found)
    assert all(block.steps for block in found)
    runner = Runner(tmp_path)
    wrong = []
    for block in found:
        block.actual = runner.run(block)
        for step, actual in zip(block.steps, block.actual, strict=True):
            if matches(step.expected, actual) or (update_golden and not block.elided):
                continue
            diff = difflib.unified_diff(step.expected, actual, "README", "printed", lineterm="")
            wrong.append(f"{block.name}\n$ {step.command}\n" + "\n".join(diff))
    if update_golden:  # blocks with lines left out ('...') are edited by hand
        README.write_text(rewritten(text, found), encoding="utf-8")
    assert not wrong, "\n\n".join(wrong)


def test_the_console_blocks_are_read_as_they_are_written() -> None:
    text = (
        '<!-- readme-test\ncontinue\nedit a.yaml "x" "y\\n"\n-->\n```console\n'
        "$ letterkit check\nok: 1\n...\n$ echo $?\n0\n```\n"
    )
    (block,) = blocks(text)
    assert block.setup == ["continue", 'edit a.yaml "x" "y\\n"']
    assert [(s.command, s.expected) for s in block.steps] == [
        ("letterkit check", ["ok: 1", "..."]),
        ("echo $?", ["0"]),
    ]
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "..."], ["a"])
    assert not matches(["a", "...", "d"], ["a", "b"])
    assert not matches(["a"], ["a", "b"])
