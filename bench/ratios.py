"""letterkit against the floor of the same work (see floors.py): ratios, not seconds.

Each case runs letterkit's command and the floor's alternately, as whole processes, so
that both see the same machine; the ratio is of their medians. Seconds are wall time,
except where the floor is mailmerge, whose throughput is compared in CPU time (it uses
one core, letterkit every core).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import floors
from make_workspace import reset_signed, write_signed


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mib: float


@dataclass
class Ratio:
    name: str
    ours: str  # what letterkit does
    floor: str  # what it is measured against
    target: float
    ours_s: float
    floor_s: float
    metric: str = "wall"  # or "cpu"
    higher_is_better: bool = False  # a throughput ratio (floor / ours)

    @property
    def ratio(self) -> float:
        if self.higher_is_better:
            return self.floor_s / self.ours_s
        return self.ours_s / self.floor_s

    @property
    def verdict(self) -> str:
        ok = self.ratio >= self.target if self.higher_is_better else self.ratio <= self.target
        return "ok" if ok else "SLOW"


def sample(args: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """One run of a command: wall seconds, CPU seconds and peak MiB of its processes (its
    own rusage, via wait4; on Linux the peak is that of the biggest process among it and
    the workers it waited for). Its messages go to a file: a pipe nobody reads while it
    runs would stop a command that writes many warnings."""
    with tempfile.TemporaryFile() as messages:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=messages)  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            messages.seek(0)
            error = messages.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(args)[:200]} failed:\n{error}")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / scale)


Setup = Callable[[], None]


def alternate(
    ours: list[str], floor: list[str], cwd: Path, env: dict[str, str], runs: int,
    before: Setup | None = None,
) -> tuple[list[Sample], list[Sample]]:  # fmt: skip
    """Each command ``runs`` times (after one warm-up run each), one after the other."""
    mine: list[Sample] = []
    theirs: list[Sample] = []
    for index in range(runs + 1):
        for command, out in ((ours, mine), (floor, theirs)):
            if before is not None:
                before()
            result = sample(command, cwd, env)
            if index:
                out.append(result)
    return mine, theirs


def median(samples: list[Sample], metric: str) -> float:
    return float(statistics.median(float(getattr(s, metric)) for s in samples))


def ratio_cases(root: Path, big: Path, tmp: Path, env: dict[str, str], runs: int,
                letterkit: str) -> list[Ratio]:  # fmt: skip
    """Every ratio of the benchmark."""
    out: list[Ratio] = []
    work = tmp / "floors"
    work.mkdir(exist_ok=True)
    for fmt in ("md", "txt", "html"):
        args = ["draft", "harris-2021", "-f", fmt]
        modules = floors.command_modules(args, root, env)
        mine, theirs = alternate([letterkit, *args], floors.import_floor(modules), root, env, runs)
        out.append(Ratio(f"draft harris-2021 -f {fmt}", "one draft", "importing its modules",
                         1.3, median(mine, "wall"), median(theirs, "wall")))  # fmt: skip
    pdf = tmp / "harris.pdf"
    args = ["draft", "harris-2021", "-l", "en,vi", "-f", "pdf", "-o", str(pdf)]
    modules = floors.command_modules(args, root, env)
    folder, entry = floors.prepare_typst(root, "harris-2021", work / "typst")
    (work / "typst-out").mkdir(exist_ok=True)
    floor = floors.floor_with_typst(modules, folder, entry, work / "typst-out")
    mine, theirs = alternate([letterkit, *args], floor, root, env, runs)
    out.append(Ratio("draft harris-2021 -l en,vi -f pdf", "one PDF",
                     "importing its modules, then Typst compiling it", 1.3,
                     median(mine, "wall"), median(theirs, "wall")))  # fmt: skip
    out += _copies(big, work, env, runs, letterkit)
    return out


def _copies(big: Path, work: Path, env: dict[str, str], runs: int, letterkit: str) -> list[Ratio]:
    letter = "congress-2026"
    folder, entry = floors.prepare_typst(big, letter, work / "copies-typst")
    count = len(floors.prepare_copies(big, letter, work / "copies", folder))
    inputs = sorted((work / "copies").glob("*.json"))
    out_dir = work / "copies-out"
    ours_dir = work / "ours"

    def fresh() -> None:
        for path in (out_dir, ours_dir):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir()

    per_core = [floors.typst_alone(_private(folder, n, work), entry, out_dir, share)
                for n, share in enumerate(floors.shares(inputs, _cores()))]  # fmt: skip
    together = [sys.executable, "-c", _TOGETHER, *map(repr, per_core)]
    pdf = [letterkit, "draft", letter, "--per-recipient", "-f", "pdf", "-o", str(ours_dir)]
    mine, theirs = alternate(pdf, together, big, env, runs, fresh)
    results = [Ratio(f"draft {letter} --per-recipient -f pdf ({count})", "PDF copies",
                     "Typst alone, one process per core", 1.25,
                     median(mine, "wall"), median(theirs, "wall"))]  # fmt: skip
    values = floors.prepare_merge(big, letter, work / "merge")
    md = [letterkit, "draft", letter, "--per-recipient", "-f", "md", "-o", str(ours_dir)]
    mine, theirs = alternate(md, floors.plain_merge(values, out_dir), big, env, runs, fresh)
    results.append(Ratio(f"draft {letter} --per-recipient -f md ({count})", "Markdown copies",
                         "a plain Jinja merge of its template", 2.0,
                         median(mine, "wall"), median(theirs, "wall")))  # fmt: skip
    mailmerge = floors.prepare_mailmerge(big, letter, work / "mailmerge")
    eml = [letterkit, "draft", letter, "--per-recipient", "-f", "eml", "-o", str(ours_dir)]
    mine, theirs = alternate(eml, mailmerge, big, env, runs, fresh)
    results.append(Ratio(f"draft {letter} --per-recipient -f eml ({count})", "email copies",
                         "mailmerge --dry-run, the same text and HTML", 2.5,
                         median(mine, "cpu"), median(theirs, "cpu"), "cpu",
                         higher_is_better=True))  # fmt: skip
    return results


_TOGETHER = """
import ast, subprocess, sys
processes = [subprocess.Popen(ast.literal_eval(a)) for a in sys.argv[1:]]
sys.exit(max(p.wait() for p in processes))
"""


def _private(folder: Path, number: int, work: Path) -> Path:
    """A copy of the compiler's folder for one process (each writes its own input)."""
    copy = work / f"typst-{number}"
    if not copy.exists():
        shutil.copytree(folder, copy)
    return copy


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cosign_ratio(env: dict[str, str], runs: int, letterkit: str) -> Ratio:
    """``cosign add`` on a letter of 10,000 signatories against one of 100, as a team
    adds cosigners one after another: each run adds a new one to the files as the run
    before left them (which letterkit's cache knows already)."""
    times = {}
    with tempfile.TemporaryDirectory(prefix="letterkit-cosign-") as folder:
        for count in (100, 10_000):
            root = Path(folder) / str(count)
            write_signed(root, count)
            samples = []
            reset_signed(root)
            for index in range(runs + 1):
                args = [letterkit, "cosign", "add", "signed", "--name", f"New Group {index}",
                        "--joined", "2024-02-02"]  # fmt: skip
                result = sample(args, root, env)
                if index:
                    samples.append(result)
            times[count] = median(samples, "wall")
    return Ratio("cosign add, 10,000 signatories", "10,000 signatories", "100 signatories",
                 2.5, times[10_000], times[100])  # fmt: skip


def table(ratios: list[Ratio]) -> list[str]:
    lines = [f"{'case':<48} {'letterkit':>9} {'floor':>9} {'ratio':>6} {'target':>7}"]
    for r in ratios:
        unit = "s CPU" if r.metric == "cpu" else "s"
        sign = ">=" if r.higher_is_better else "<="
        lines.append(f"{r.name:<48} {r.ours_s:8.3f}s {r.floor_s:8.3f}s {r.ratio:5.2f}x "
                     f"{sign}{r.target:4.2f}x {r.verdict}")  # fmt: skip
        lines.append(f"  {r.ours} against {r.floor} ({unit})")
    return lines
