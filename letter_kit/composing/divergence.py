"""Where a translation parts from its original: a guess for the message that says so.

When a translation has more or fewer paragraphs than the original, the paragraphs are
paired as sentence aligners pair sentences (Gale and Church): a pairing costs more the
more the lengths of the two sides differ from the usual ratio between the languages,
and the more the names, figures and citations of one side are missing from the other
(``{{ case("x") }}``, ``[@source]``, numbers are written alike in every language). A
paragraph left out or added, two joined into one or one split in two cost extra. The
cheapest pairing names the first place where the texts part, and, when they only join
or split paragraphs, the alignment that says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

# Steps of a pairing: source paragraphs and target paragraphs taken together.
STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
_SKIP = 3.0  # a paragraph with no counterpart
_JOIN = 1.5  # two paragraphs paired with one
_ANCHOR = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|(?<!\\)\[@[^\]]*\]|\d+")
_SPACE = re.compile(r"\s+")

Line = Callable[[str, int], int]  # ("src" or "dst", index from 0) -> line in the file


def anchors(text: str) -> frozenset[str]:
    """What a text names that reads the same in every language: template calls,
    cited sources and numbers."""
    found = set()
    for match in _ANCHOR.finditer(text):
        token = match.group()
        if token.startswith("[@"):
            found |= {part.split(",")[0].strip() for part in token[1:-1].split(";")}
        else:
            found.add(_SPACE.sub("", token))
    return frozenset(found)


@dataclass(frozen=True)
class Mismatch:
    """The cheapest pairing of two lists of paragraphs, and its first irregular step."""

    steps: tuple[tuple[int, int], ...]
    step: tuple[int, int]  # the first step that is not one paragraph for one
    source: int  # where it starts in the source, from 0
    target: int  # where it starts in the target, from 0

    def sentence(self, source: str, target: str, line: Line) -> str:
        """What the first irregular step says, with the lines of both texts."""
        i, j = self.source, self.target
        if self.step == (1, 0):
            said = f"{source} paragraph {i + 1} (line {line('src', i)}) has no {target} translation"
            if j < self.targets and i + 1 < self.sources:
                said += (
                    f": {target} paragraph {j + 1} (line {line('dst', j)}) pairs with "
                    f"{source} paragraph {i + 2} (line {line('src', i + 1)})?"
                )
            return said
        if self.step == (0, 1):
            return (
                f"{target} paragraph {j + 1} (line {line('dst', j)}) has no {source} original"
                + (f": it follows {source} paragraph {i} (line {line('src', i - 1)})?" if i else "")
            )
        if self.step == (2, 1):
            return (
                f"{target} paragraph {j + 1} (line {line('dst', j)}) translates {source} "
                f"paragraphs {i + 1} and {i + 2} (lines {line('src', i)} and "
                f"{line('src', i + 1)})?"
            )
        if self.step == (1, 2):
            return (
                f"{target} paragraphs {j + 1} and {j + 2} (lines {line('dst', j)} and "
                f"{line('dst', j + 1)}) translate {source} paragraph {i + 1} "
                f"(line {line('src', i)})?"
            )
        return f"{target} paragraph {j + 1} (line {line('dst', j)}) pairs with {source} {i + 1}"

    @property
    def sources(self) -> int:
        return sum(s for s, _ in self.steps)

    @property
    def targets(self) -> int:
        return sum(t for _, t in self.steps)

    def suggestion(self, sources: int) -> str | None:
        """The alignment that declares this pairing (``1, 2, 3-4, 5``), or None if it
        leaves a paragraph out."""
        if any(step in ((1, 0), (0, 1)) for step in self.steps):
            return None
        out: list[str] = []
        i = 0
        for taken, given in self.steps:
            entry = str(i + 1) if taken == 1 else f"{i + 1}-{i + taken}"
            out += [entry] * given
            i += taken
        return ", ".join(out) if i == sources else None


def mismatch(source: list[str], target: list[str]) -> Mismatch:
    """The cheapest pairing of the paragraphs (their words) of a text and its translation."""
    n, m = len(source), len(target)
    ratio = (sum(map(len, target)) + 1) / (sum(map(len, source)) + 1)
    src_anchors = [anchors(t) for t in source]
    dst_anchors = [anchors(t) for t in target]

    def pair_cost(i: int, di: int, j: int, dj: int) -> float:
        if di == 0 or dj == 0:
            return _SKIP * (di + dj)
        lengths = sum(len(t) for t in source[i : i + di]), sum(len(t) for t in target[j : j + dj])
        cost = abs(math.log((lengths[1] + 30) / (ratio * lengths[0] + 30))) * 3
        ours: frozenset[str] = frozenset().union(*src_anchors[i : i + di])
        theirs: frozenset[str] = frozenset().union(*dst_anchors[j : j + dj])
        if ours or theirs:
            cost += 2 * (1 - len(ours & theirs) / len(ours | theirs))
        return cost + (_JOIN if di + dj > 2 else 0)

    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = [
                (best[(i - di, j - dj)][0] + pair_cost(i - di, di, j - dj, dj), (di, dj))
                for di, dj in STEPS
                if i >= di and j >= dj and (i - di, j - dj) in best
            ]
            best[(i, j)] = min(options)
    steps: list[tuple[int, int]] = []
    at = (n, m)
    while at != (0, 0):
        step = best[at][1]
        assert step is not None
        steps.append(step)
        at = (at[0] - step[0], at[1] - step[1])
    steps.reverse()
    i = j = 0
    for step in steps:
        if step != (1, 1):
            return Mismatch(tuple(steps), step, i, j)
        i, j = i + 1, j + 1
    return Mismatch(tuple(steps), (1, 1), 0, 0)
