"""How letterkit's time grows with the workspace: a table from 0.25x to 4x the
benchmark workspace (make_workspace.py --scale), for the commands that read or change
the whole of it.

A command scales linearly if its time at 4x is no more than what the growth from
0.25x to 1x predicts (the same extra time for each extra record), with a margin for
noise: ``t(4) <= t(1) + 1.25 * 4 * (t(1) - t(0.25)) + 0.1 s``. A term quadratic in
the size would add about 16 times that growth, and fail.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from make_workspace import write
from ratios import sample

SCALES = (0.25, 0.5, 1.0, 2.0, 4.0)
# A sign-on sheet of 40 new organisations and people, the same at every scale.
SHEET = "Organization,Your full name,Can we publish your name?\n" + "".join(
    f"Hội Mới Số {n},Người Ký {n},Yes\n" for n in range(40)
)
CHANGED = ("data/letters/coalition-500.yaml", "data/organizations.yaml", "data/people.yaml")


@dataclass
class Growth:
    name: str
    seconds: dict[float, float] = field(default_factory=dict)

    @property
    def limit(self) -> float:
        t = self.seconds
        return t[1.0] + 1.25 * 4 * max(0.0, t[1.0] - t[0.25]) + 0.1

    @property
    def verdict(self) -> str:
        return "linear" if self.seconds[4.0] <= self.limit else "SUPERLINEAR"


def commands(folder: Path, out: Path, letterkit: str) -> list[tuple[str, list[str], bool]]:
    """Each command: its name, its arguments, and whether it changes the workspace."""
    return [
        ("check", [letterkit, "check"], False),
        ("draft congress-2026 -f md (the whole group)",
         [letterkit, "draft", "congress-2026", "-f", "md", "-o", str(out / "group.md")], False),
        ("draft congress-2026 --per-recipient -f md",
         [letterkit, "draft", "congress-2026", "--per-recipient", "-f", "md", "-o",
          str(out / "each")], False),
        ("cosign add coalition-500 (a new organisation)",
         [letterkit, "cosign", "add", "coalition-500", "--name", "Nhóm Tình nguyện Phượng Hoàng",
          "--joined", "2026-11-20"], True),
        ("cosign import coalition-500 (a 40-row sheet)",
         [letterkit, "cosign", "import", "coalition-500", str(out / "sheet.csv")], True),
    ]  # fmt: skip


def scaling(tmp: Path, env: dict[str, str], runs: int, letterkit: str,
            progress: Callable[[str], None]) -> list[Growth]:  # fmt: skip
    """The time of each command at each scale: the fastest of ``runs``, after one
    warm-up run that fills the YAML cache as any earlier run would. How a command grows
    is a property of its code; the slower runs measure what else the machine was doing
    (on a shared machine, a third of a second here or there, which bends a line)."""
    growths: dict[str, Growth] = {}
    for scale in SCALES:
        root = tmp / f"scale-{scale}"
        if not root.exists():
            write(root, scale=scale)
            for name in CHANGED:
                (root / "pristine" / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(root / name, root / "pristine" / name)
        out = tmp / f"scale-{scale}-out"
        out.mkdir(exist_ok=True)
        (out / "sheet.csv").write_text(SHEET, encoding="utf-8")
        for name, args, changes in commands(root, out, letterkit):
            progress(f"{name} at {scale}x")
            times = []
            for index in range(runs + 1):
                if changes:
                    for changed in CHANGED:
                        shutil.copy(root / "pristine" / changed, root / changed)
                shutil.rmtree(out / "each", ignore_errors=True)
                result = sample(args, root, env)
                if index:
                    times.append(result.wall)
            growths.setdefault(name, Growth(name)).seconds[scale] = min(times)
    return list(growths.values())


def table(growths: list[Growth]) -> list[str]:
    head = "".join(f"{s:>8}x" for s in SCALES)
    lines = [f"{'command':<46}{head}  {'4x limit':>9}"]
    for g in growths:
        cells = "".join(f"{g.seconds[s]:8.2f}s" for s in SCALES)
        lines.append(f"{g.name:<46}{cells}  {g.limit:8.2f}s {g.verdict}")
    return lines
