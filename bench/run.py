"""letterkit's benchmark: wall time and peak memory of real commands.

    python bench/run.py [--runs N] [--only NAME ...]

Each case runs as a whole process (start-up included), N times; the table shows the
median and the slowest run, and the peak resident memory of the process. The
in-process cases time one step alone. Results are also written to bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERKIT = Path(sys.executable).parent / "letterkit"


@dataclass
class Result:
    name: str
    runs: int
    median_s: float
    max_s: float
    peak_mib: float | None
    target_s: float | None = None

    @property
    def verdict(self) -> str:
        if self.target_s is None:
            return ""
        return "ok" if self.median_s <= self.target_s else "SLOW"


def run_process(args: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one run of a command (its own rusage, via wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(args)} failed:\n{process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def process_case(name: str, args: list[str], cwd: Path, runs: int, target: float | None) -> Result:
    run_process(args, cwd)  # warm the file cache
    samples = [run_process(args, cwd) for _ in range(runs)]
    times = [s for s, _ in samples]
    return Result(
        name, runs, statistics.median(times), max(times), max(m for _, m in samples), target
    )


def step_case(name: str, step: Callable[[], object], runs: int, target: float | None) -> Result:
    step()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return Result(name, runs, statistics.median(times), max(times), None, target)


def pdf_compile_step(*, reuse: bool) -> Callable[[], object]:
    """Typst compilation alone, on composed documents: with a new compiler each time (as
    one draft does) or with one compiler reused (as a batch of letters does)."""
    from letter_kit.compose import compose
    from letter_kit.workspace import load_workspace
    from letter_kit.writers.pdf import PdfOptions, PdfRenderer, write_pdf

    ws = load_workspace(ROOT)
    docs = [compose(ws, "harris-2021", lang) for lang in ("en", "vi")]
    template = ROOT / "templates" / "open-letter" / "letter.typ"
    if not reuse:
        return lambda: write_pdf(docs, template=template, options=PdfOptions())
    renderer = PdfRenderer(template)
    return lambda: renderer.render(docs, PdfOptions())


def cases(runs: int, out: Path) -> list[tuple[str, Callable[[], Result]]]:
    lk = str(LETTERKIT)
    pdf = str(out / "harris.pdf")
    return [
        ("help", lambda: process_case("letterkit --help", [lk, "--help"], ROOT, runs, 0.15)),
        ("md", lambda: process_case(
            "draft harris-2021 -f md", [lk, "draft", "harris-2021", "-f", "md"], ROOT, runs, 0.3)),
        ("pdf", lambda: process_case(
            "draft harris-2021 -l en,vi -f pdf",
            [lk, "draft", "harris-2021", "-l", "en,vi", "-f", "pdf", "-o", pdf], ROOT, runs, 0.5)),
        ("compile", lambda: step_case(
            "  compile step alone, new compiler", pdf_compile_step(reuse=False), runs, None)),
        ("recompile", lambda: step_case(
            "  compile step alone, reused compiler", pdf_compile_step(reuse=True), runs, None)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per case (default 7)")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="letterkit-bench-") as tmp:
        results = [
            make() for key, make in cases(args.runs, Path(tmp)) if not args.only or key in args.only
        ]
    print(f"{'case':<44} {'median':>8} {'slowest':>8} {'peak MiB':>9} {'target':>7}")
    for r in results:
        peak = f"{r.peak_mib:9.1f}" if r.peak_mib is not None else " " * 9
        target = f"{r.target_s:6.2f}s" if r.target_s is not None else ""
        print(f"{r.name:<44} {r.median_s:7.3f}s {r.max_s:7.3f}s {peak} {target:>7} {r.verdict}")
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform()},
        "results": [{**asdict(r), "verdict": r.verdict} for r in results],
    }  # fmt: skip
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
