"""Peak memory of typesetting a very large letter, letterkit and Typst apart, and
against Typst alone.

    python bench/memory.py

Builds two workspaces in a temporary folder: a letter signed by 10,000 organisations,
and a letter with 1 MB of prose (500 paragraphs in each language), both in English and
Vietnamese, and drafts each as a PDF. letterkit and Typst run in separate processes
(Typst in a worker without network), so each has its own peak: the letterkit
process's is read from the kernel when the draft is done, the worker's from /proc just
before it ends. Typst alone is a process that only compiles what letterkit prepared
for it (floors.py); the target is letterkit's biggest process within 60 MiB of it.
Writes the figures to bench/memory.json.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ"]

MEASURE = """
import json, resource, sys
from pathlib import Path
from letter_kit import compose, load_workspace
from letter_kit.drafting.output import DraftOptions, pdf_options, pdf_template
from letter_kit.writers.pdf import PdfRenderer

def high_water(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0

ws = load_workspace(Path(sys.argv[1]))
letter = sys.argv[2]
docs = [compose(ws, letter, lang) for lang in ws.letter(letter).languages]
with PdfRenderer(pdf_template(ws, letter)) as renderer:
    pdf = renderer.render(docs, pdf_options(ws, letter, DraftOptions(fmt="pdf")))
    typst = high_water(renderer.worker_pid)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result = {"letterkit_mib": round(own), "typst_mib": round(typst)}
print(json.dumps({**result, "pdf_mb": round(len(pdf) / 1e6, 1)}))
"""


def build(root: Path) -> None:
    """The two large letters, in a copy of the minimal test workspace."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    rng = random.Random(2026)
    orgs = ["free:\n  name: Free Press\n  email: press@free.example\n"]
    entries = []
    for number in range(10_000):
        orgs.append(f"org-{number}:\n  name: Hội {rng.choice(FAMILY)} {number} vì Nhân quyền\n")
        entries.append(f"    - org: org-{number}\n")
    (root / "data" / "organizations.yaml").write_text("".join(orgs), "utf-8")
    base = (root / "data" / "letters" / "test-letter.yaml").read_text("utf-8")
    signed = base.replace("    - org: free\n", "    - org: free\n" + "".join(entries))
    (root / "data" / "letters" / "signed-10000.yaml").write_text(signed, "utf-8")
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do. " * 15
    body = "\n\n".join([paragraph] * 500)  # 500 KB in each language: 1 MB of prose
    indented = "\n".join("    " + line if line else "" for line in body.split("\n"))
    for line in ("We write about", "Chúng tôi viết về"):
        start = base.index(f"    {line}")
        end = base.index("\n", start) + 1
        base = base[:end] + "\n" + indented + "\n" + base[end:]
    (root / "data" / "letters" / "prose-1mb.yaml").write_text(base, "utf-8")


MARGIN_MIB = 60  # letterkit's biggest process may use this much more than Typst alone


def measure(folder: Path) -> dict[str, dict[str, Any]]:
    """The peaks of each large letter, in a workspace built in ``folder``."""
    import floors
    from ratios import sample

    results = {}
    root = folder / "ws"
    if not root.exists():
        build(root)
    for letter in ("signed-10000", "prose-1mb"):
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, str(root), letter],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        result = json.loads(done.stdout)
        prepared, entry = floors.prepare_typst(root, letter, folder / f"{letter}-typst")
        out = folder / f"{letter}-out"
        out.mkdir(exist_ok=True)
        alone = sample(floors.typst_alone(prepared, entry, out), root, dict(os.environ))
        result["typst_alone_mib"] = round(alone.peak_mib)
        result["verdict"] = (
            "ok" if max(result["letterkit_mib"], result["typst_mib"])
            <= alone.peak_mib + MARGIN_MIB else "MEMORY"
        )  # fmt: skip
        results[letter] = result
    return results


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'letter':<16} {'letterkit':>10} {'its Typst':>10} {'Typst alone':>12}  target"]
    for letter, r in results.items():
        lines.append(f"{letter:<16} {r['letterkit_mib']:6} MiB {r['typst_mib']:6} MiB "
                     f"{r['typst_alone_mib']:8} MiB  <= Typst alone + {MARGIN_MIB} MiB "
                     f"{r['verdict']}")  # fmt: skip
    return lines


def main() -> None:
    sys.path.insert(0, str(HERE))
    with tempfile.TemporaryDirectory(prefix="letterkit-memory-") as folder:
        results = measure(Path(folder))
    print("\n".join(table(results)))
    (HERE / "memory.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
