"""A translation missing anywhere is a located problem, never a crash.

Which texts a letter needs in each of its languages is whatever composing it reads:
this deletes each Vietnamese text of the example workspace in turn and drafts and
checks every letter.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .conftest import ROOT, Cli

Loc = tuple[str | int, ...]
LOCATED = re.compile(r"^data/[^:]+\.yaml:\d+:\d+: ")


def _vi_places(node: Any, loc: Loc = ()) -> Iterator[Loc]:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if key == "vi":
                yield (*loc, key)
            else:
                yield from _vi_places(value, (*loc, key))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            yield from _vi_places(value, (*loc, index))


def _mutants() -> list[tuple[str, Loc]]:
    yaml = YAML(typ="rt")
    files = sorted((ROOT / "data").glob("*.yaml")) + sorted((ROOT / "data/letters").glob("*.yaml"))
    return [
        (str(file.relative_to(ROOT)), loc)
        for file in files
        for loc in _vi_places(yaml.load(file.read_text("utf-8")))
    ]


MUTANTS = _mutants()


def test_there_are_texts_to_delete() -> None:
    assert len(MUTANTS) > 100


@pytest.mark.parametrize(
    ("file", "loc"), MUTANTS, ids=[f"{f}:{'.'.join(map(str, loc))}" for f, loc in MUTANTS]
)
def test_a_missing_vietnamese_text_is_located_or_not_needed(
    file: str, loc: Loc, cli: Cli, tmp_path: Path
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "data", workspace / "data")
    shutil.copytree(ROOT / "assets", workspace / "assets")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    path = workspace / file
    tree = yaml.load(path.read_text("utf-8"))
    node = tree
    for part in loc[:-1]:
        node = node[part]
    del node[loc[-1]]
    out = io.StringIO()
    yaml.dump(tree, out)
    path.write_text(out.getvalue(), "utf-8")

    letters = sorted(p.stem for p in (workspace / "data/letters").glob("*.yaml"))
    for args in [["check"], *(["draft", letter] for letter in letters)]:
        result = cli(*args, cwd=workspace)
        assert result.code in (0, 65), (args, result.err)
        if result.code == 65:
            lines = [line for line in result.err.splitlines() if not line.startswith("  hint: ")]
            lines = [line for line in lines if not re.fullmatch(r"\d+ problems found", line)]
            assert lines and all(LOCATED.match(line) for line in lines), (args, result.err)
