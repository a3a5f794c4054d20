"""letterkit's benchmark: real commands against targets, in four tables.

    python bench/run.py [--runs N] [--only NAME ...]    (or: make bench)

- times: wall time and peak memory of each case, a whole process (start-up included)
  run N times after one warm-up run: the median, the slowest run, the peak resident
  memory of the biggest process (workers included), and the target;
- ratios: letterkit against the floor of the same work (ratios.py, floors.py);
- scaling: each command from 0.25x to 4x the benchmark workspace (scaling.py);
- memory: the peaks of very large letters against Typst alone (memory.py).

The large cases run on a synthetic workspace that bench/make_workspace.py builds, the
same every time. The warm-up run fills letterkit's cache of parsed YAML, as any
earlier run would; one case shows check without it. ``--only`` takes the name of a
table or of a case of the first one. Results are also written to bench/results.json.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERKIT = Path(sys.executable).parent / "letterkit"
MEMORY_TARGET_MIB = 250.0

sys.path.insert(0, str(ROOT / "bench"))
from make_workspace import RECIPIENTS, write  # noqa: E402
from memory import measure  # noqa: E402
from memory import table as memory_table  # noqa: E402
from ratios import cosign_ratio, ratio_cases, sample  # noqa: E402
from ratios import table as ratio_table  # noqa: E402
from scaling import scaling  # noqa: E402
from scaling import table as scaling_table  # noqa: E402

from letter_kit.workspace.cache import CACHE_ENV  # noqa: E402


@dataclass
class Result:
    name: str
    runs: int
    median_s: float
    max_s: float
    peak_mib: float | None
    target_s: float | None = None
    items: int | None = None  # letters made per run, for a rate

    @property
    def per_second(self) -> float | None:
        return self.items / self.median_s if self.items else None

    @property
    def verdict(self) -> str:
        if self.target_s is None:
            return ""
        fast = self.median_s <= self.target_s
        small = self.peak_mib is None or self.peak_mib <= MEMORY_TARGET_MIB
        return "ok" if fast and small else "SLOW" if small else "MEMORY"


# Commands run as on an ordinary installation, where Python keeps the compiled bytecode
# of letterkit's modules (an environment may have turned that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_process(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak MiB of one run of a command."""
    result = sample(args, cwd, env)
    return result.wall, result.peak_mib


def process_case(
    name: str,
    args: list[str],
    cwd: Path,
    runs: int,
    target: float | None,
    items: int | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    env = {**ENV, **(env or {})}
    run_process(args, cwd, env)  # warm the file cache (and letterkit's YAML cache)
    samples = [run_process(args, cwd, env) for _ in range(runs)]
    times = [s for s, _ in samples]
    peak = max(m for _, m in samples)
    return Result(name, runs, statistics.median(times), max(times), peak, target, items)


def step_case(name: str, step: Callable[[], object], runs: int) -> Result:
    step()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return Result(name, runs, statistics.median(times), max(times), None)


def pdf_compile_step(*, reuse: bool) -> Callable[[], object]:
    """Typst compilation alone, on composed documents: with a new compiler each time (as
    one draft does) or with one compiler reused (as a batch of letters does)."""
    from letter_kit.composing.composer import compose
    from letter_kit.workspace.loading import load_workspace
    from letter_kit.writers.pdf import PdfOptions, PdfRenderer, write_pdf

    ws = load_workspace(ROOT)
    docs = [compose(ws, "harris-2021", lang) for lang in ("en", "vi")]
    template = ROOT / "templates" / "open-letter" / "letter.typ"
    if not reuse:
        return lambda: write_pdf(docs, template=template, options=PdfOptions())
    renderer = PdfRenderer(template)
    atexit.register(renderer.close)
    return lambda: renderer.render(docs, PdfOptions())


def cases(runs: int, tmp: Path) -> list[tuple[str, Callable[[], Result]]]:
    lk = str(LETTERKIT)
    big = tmp / "workspace"
    if not big.exists():
        write(big)
    ENV[CACHE_ENV] = str(tmp / "cache")  # the runs share a YAML cache, not the user's
    return [
        ("help", lambda: process_case("letterkit --help", [lk, "--help"], ROOT, runs, 0.15)),
        ("help-draft", lambda: process_case(
            "letterkit draft --help", [lk, "draft", "--help"], ROOT, runs, 0.3)),
        ("complete", lambda: process_case(
            "completion of a letter id (Tab)", [lk], ROOT, runs, 0.3,
            env={"_LETTERKIT_COMPLETE": "complete_bash", "COMP_WORDS": "letterkit draft ha",
                 "COMP_CWORD": "2"})),
        ("md", lambda: process_case(
            "draft harris-2021 -f md", [lk, "draft", "harris-2021", "-f", "md"], ROOT, runs, 0.3)),
        ("pdf", lambda: process_case(
            "draft harris-2021 -l en,vi -f pdf",
            [lk, "draft", "harris-2021", "-l", "en,vi", "-f", "pdf", "-o", str(tmp / "h.pdf")],
            ROOT, runs, 0.5)),
        ("check", lambda: process_case(
            "check (large workspace)", [lk, "check"], big, runs, 1.0)),
        ("check-cold", lambda: process_case(
            "  the same, YAML cache off", [lk, "check"], big, runs, None,
            env={CACHE_ENV: ""})),
        ("signatories", lambda: process_case(
            "draft coalition-500 -f pdf (500 signers)",
            [lk, "draft", "coalition-500", "-f", "pdf", "-o", str(tmp / "c.pdf")], big, runs, 1.0)),
        ("per-recipient", lambda: process_case(
            f"draft congress-2026 --per-recipient -f pdf ({RECIPIENTS})",
            [lk, "draft", "congress-2026", "--per-recipient", "-f", "pdf", "-o", str(tmp / "each")],
            big, runs, RECIPIENTS / 50, items=RECIPIENTS)),
        ("compile", lambda: step_case(
            "  step: compile harris-2021, new compiler", pdf_compile_step(reuse=False), runs)),
        ("recompile", lambda: step_case(
            "  step: compile harris-2021, reused compiler", pdf_compile_step(reuse=True), runs)),
    ]  # fmt: skip


def table(results: list[Result]) -> list[str]:
    lines = [f"{'case':<52} {'median':>8} {'slowest':>8} {'peak MiB':>9} {'target':>7}"]
    for r in results:
        peak = f"{r.peak_mib:9.1f}" if r.peak_mib is not None else " " * 9
        target = f"{r.target_s:6.2f}s" if r.target_s is not None else ""
        line = f"{r.name:<52} {r.median_s:7.3f}s {r.max_s:7.3f}s {peak} {target:>7} {r.verdict}"
        if r.per_second is not None:
            line += f"  ({r.per_second:.0f} letters/s; target 50)"
        lines.append(line)
    return lines


TABLES = ("times", "ratios", "scaling", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--only", nargs="*", help="run only these tables or cases")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    only = set(args.only or ())
    report: dict[str, object] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform()},
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="letterkit-bench-") as folder:
        tmp = Path(folder)
        chosen = cases(args.runs, tmp)
        keys = {key for key, _ in chosen}
        unknown = only - keys - set(TABLES)
        if unknown:
            parser.error(f"no table or case {', '.join(sorted(unknown))}; the tables: "
                         f"{', '.join(TABLES)}; the cases: {', '.join(sorted(keys))}")  # fmt: skip
        wanted = [(key, make) for key, make in chosen if not only or "times" in only or key in only]
        if wanted:
            results = [make() for _, make in wanted]
            print("\n".join(table(results)))
            print(f"memory target: {MEMORY_TARGET_MIB:.0f} MiB per process\n")
            report["memory_target_mib"] = MEMORY_TARGET_MIB
            report["times"] = [{**asdict(r), "per_second": r.per_second, "verdict": r.verdict}
                               for r in results]  # fmt: skip
        if not only or "ratios" in only:
            found = ratio_cases(ROOT, tmp / "workspace", tmp, ENV, args.runs, str(LETTERKIT))
            found.append(cosign_ratio(ENV, args.runs, str(LETTERKIT)))
            print("\n".join(ratio_table(found)) + "\n")
            report["ratios"] = [{**asdict(r), "ratio": r.ratio, "verdict": r.verdict}
                                for r in found]  # fmt: skip
        if not only or "scaling" in only:
            growths = scaling(tmp, ENV, min(args.runs, 3), str(LETTERKIT), _progress)
            print("\n".join(scaling_table(growths)) + "\n")
            report["scaling"] = [{"command": g.name, "seconds": g.seconds, "limit_4x": g.limit,
                                  "verdict": g.verdict} for g in growths]  # fmt: skip
        if not only or "memory" in only:
            peaks = measure(tmp)
            print("\n".join(memory_table(peaks)))
            report["memory"] = peaks
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=2) + "\n")


def _progress(what: str) -> None:
    print(f"  ({what})", file=sys.stderr, end="\r" if sys.stderr.isatty() else "\n")


if __name__ == "__main__":
    main()
