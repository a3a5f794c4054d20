"""Peak memory of typesetting a very large letter, letterkit and Typst apart.

    python bench/memory.py

Builds two workspaces in a temporary folder: a letter signed by 10,000 organisations,
and a letter with 1 MB of prose (500 paragraphs in each language), both in English and Vietnamese,
and drafts each as a PDF. letterkit and Typst run in separate processes (Typst in a
worker without network), so each has its own peak: the letterkit process's is read
from the kernel when the draft is done, the worker's from /proc just before it ends.
Writes the figures to bench/memory.json.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="letterkit-memory-") as folder:
        root = Path(folder) / "ws"
        build(root)
        for letter in ("signed-10000", "prose-1mb"):
            done = subprocess.run(
                [sys.executable, "-c", MEASURE, str(root), letter],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[letter] = json.loads(done.stdout)
            print(f"{letter:14} letterkit {results[letter]['letterkit_mib']:4} MiB   "
                  f"Typst {results[letter]['typst_mib']:4} MiB   "
                  f"PDF {results[letter]['pdf_mb']} MB")  # fmt: skip
    (HERE / "memory.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
