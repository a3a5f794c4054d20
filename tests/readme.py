"""The README's console examples, run: each ```console block of README.md is a series of
``$ command`` lines, each followed by what it prints.

Every block runs in a fresh workspace made by ``letterkit init`` (with the repository's
``examples/`` beside its data), in a shell, with ``letterkit`` on the PATH, both output
streams in the order they were written, and SOURCE_DATE_EPOCH set to :data:`TODAY`, so
that dates that come from today are the same in every run. Only the workspace's own
path is normalised (it is shown relative, as it is from inside the workspace). A line
``...`` in the README stands for any number of lines left out.

An HTML comment just before a block prepares it, one instruction a line:

    <!-- readme-test
    continue                      run in the workspace of the block before
    bench                         run in the benchmark's large workspace
    fixture NAME                  run in a copy of tests/fixtures/NAME
    edit PATH "old" "new"         replace a text in a file (\\n is a line break)
    cut PATH "from" "to"          delete a text from the first "from" to the "to" after it
    run COMMAND                   run a shell command first, its output not shown
    smtp PASSWORD                 a mail server on 127.0.0.1 that takes this password
    -->
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .smtp import smtp_server

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TODAY = date(2026, 11, 4)
BIN = Path(sys.executable).parent
_FENCE = re.compile(
    r"(?:<!-- readme-test\n(?P<setup>.*?)-->\n)?(?P<indent>[ ]*)```console\n(?P<body>.*?)(?P=indent)```",
    re.S,
)
_MARK = "\x1fLETTERKIT-README\x1f"


@dataclass
class Step:
    command: str
    expected: list[str]


@dataclass
class Block:
    """One console block: where it is in the README, how to prepare it, its steps."""

    start: int  # offset of its body in the README
    end: int
    line: int  # line of the README where it starts
    setup: list[str]
    steps: list[Step]
    indent: str = ""  # a block in a list item is indented
    actual: list[list[str]] = field(default_factory=list)

    @property
    def elided(self) -> bool:
        """Whether the README leaves lines out of what the block prints (``...``)."""
        return any("..." in step.expected for step in self.steps)

    @property
    def name(self) -> str:
        return f"README.md:{self.line}: {self.steps[0].command}"


def blocks(text: str) -> list[Block]:
    """The console blocks of the README."""
    found = []
    for match in _FENCE.finditer(text):
        steps: list[Step] = []
        indent = match["indent"]
        for line in match["body"].splitlines():
            line = line.removeprefix(indent)
            if line.startswith("$ "):
                steps.append(Step(line[2:], []))
            elif steps:
                steps[-1].expected.append(line.rstrip())
        setup = [s.strip() for s in (match["setup"] or "").splitlines() if s.strip()]
        line = text.count("\n", 0, match.start("body"))
        found.append(Block(match.start("body"), match.end("body"), line, setup, steps, indent))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the output is what the README says, ``...`` standing for any lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


class Runner:
    """Runs the blocks in order, each in its workspace."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.workspace: Path | None = None
        self.count = 0
        epoch = int(datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC).timestamp())
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("LETTERKIT_SMTP")},
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "SOURCE_DATE_EPOCH": str(epoch),
            "NO_COLOR": "1",
            "PYTHONUNBUFFERED": "1",  # both streams in the order they are written
        }

    def _fresh(self) -> Path:
        self.count += 1
        place = self.tmp / f"block-{self.count}"
        place.mkdir()
        subprocess.run([str(BIN / "letterkit"), "init", "campaign"], cwd=place, check=True,
                       capture_output=True, env=self.env)  # fmt: skip
        shutil.copytree(ROOT / "examples", place / "campaign" / "examples")
        return place / "campaign"

    def _bench(self) -> Path:
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            from make_workspace import write
        finally:
            sys.path.remove(str(ROOT / "bench"))
        self.count += 1
        place = self.tmp / f"block-{self.count}" / "campaign"
        write(place)
        return place

    def run(self, block: Block) -> list[list[str]]:
        """What each step of the block prints, with the workspace's path normalised."""
        with ExitStack() as stack:
            env = dict(self.env)
            fixture = next((s.split()[1] for s in block.setup if s.startswith("fixture ")), None)
            if fixture is not None:
                self.count += 1
                self.workspace = self.tmp / f"block-{self.count}" / "campaign"
                shutil.copytree(ROOT / "tests" / "fixtures" / fixture, self.workspace)
            elif "continue" not in block.setup or self.workspace is None:
                self.workspace = self._bench() if "bench" in block.setup else self._fresh()
            workspace = self.workspace
            for instruction in block.setup:
                word, _, rest = instruction.partition(" ")
                if word == "edit":
                    path, old, new = (arg.replace("\\n", "\n") for arg in shlex.split(rest))
                    target = workspace / path
                    text = target.read_text(encoding="utf-8")
                    assert old in text, f"{block.name}: no {old!r} in {path}"
                    target.write_text(text.replace(old, new, 1), encoding="utf-8")
                elif word == "cut":
                    path, first, last = (arg.replace("\\n", "\n") for arg in shlex.split(rest))
                    target = workspace / path
                    text = target.read_text(encoding="utf-8")
                    begin = text.index(first)
                    end = text.index(last, begin) + len(last)
                    target.write_text(text[:begin] + text[end:], encoding="utf-8")
                elif word == "run":
                    subprocess.run(["bash", "-c", rest], cwd=workspace, env=env, check=True,
                                   capture_output=True)  # fmt: skip
                elif word == "smtp":
                    server = stack.enter_context(smtp_server(self.tmp, password=rest))
                    env |= {"LETTERKIT_SMTP_HOST": "127.0.0.1",
                            "LETTERKIT_SMTP_PORT": str(server.port),
                            "LETTERKIT_SMTP_SECURITY": "none",
                            "LETTERKIT_SMTP_USER": "campaign@example.org"}  # fmt: skip
                else:
                    assert word in ("continue", "bench", "fixture"), f"{block.name}: {word!r}?"
            return list(self._steps(block, workspace, env))

    def _steps(self, block: Block, workspace: Path, env: dict[str, str]) -> Iterator[list[str]]:
        script = ["exec 2>&1"]
        for step in block.steps:
            # the mark between two commands keeps the exit status for the next ($?)
            script += [f"status=$?; printf '\\n{_MARK}\\n'; (exit $status)", step.command]
        result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=workspace, env=env,
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        output = result.stdout.replace(f"{workspace}/", "").replace(str(workspace), ".")
        for part in output.split(f"\n{_MARK}\n")[1:]:
            yield [line.rstrip() for line in part.splitlines()]


def rewritten(text: str, done: list[Block]) -> str:
    """The README with the output of each block that has no ``...`` as it was printed."""
    for block in reversed(done):
        if block.elided:
            continue
        body = []
        for step, actual in zip(block.steps, block.actual, strict=True):
            body += [f"$ {step.command}", *actual]
        body = [f"{block.indent}{line}" if line else "" for line in body]
        text = text[: block.start] + "\n".join(body) + "\n" + text[block.end :]
    return text
