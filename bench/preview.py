"""Seconds from saving a letter file to the open preview page showing the change.

    python bench/preview.py

Copies the example workspace into a temporary folder, starts ``letterkit preview
harris-2021`` there and opens its page in headless Chromium (Debian's chromium, driven
by Playwright), then saves the letter file 40 times, one save in two in place and the
other as editors that save by renaming a new file over the old one. Each save is
timed from just before the file is written to the moment the page's view changes (an
observer in the page reads the same clock). Writes the figures to bench/preview.json.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.previewing import browser, chromium, previewing  # noqa: E402

SAVES = 40
LETTER = Path("data/letters/harris-2021.yaml")
WATCH = """() => {
  window.changedAt = [];
  new MutationObserver(() => window.changedAt.push(performance.timeOrigin + performance.now()))
    .observe(document.getElementById("view"), {childList: true});
}"""


def _save(path: Path, text: str, rename: bool) -> float:
    """Write the file; the time just before, in milliseconds since the epoch."""
    start = time.time() * 1000
    if rename:
        new = path.with_name(f".{path.name}.tmp")
        new.write_text(text, encoding="utf-8")
        new.replace(path)
    else:
        path.write_text(text, encoding="utf-8")
    return start


def _summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "saves": len(ordered),
        "median": round(statistics.median(ordered), 3),
        "p90": round(ordered[int(len(ordered) * 0.9) - 1], 3),
        "max": round(ordered[-1], 3),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("data", "templates", "assets"):
            shutil.copytree(ROOT / name, root / name)
        path = root / LETTER
        original = path.read_text(encoding="utf-8")
        found: dict[str, list[float]] = {"in place": [], "by rename": []}
        with previewing(root, "harris-2021") as running, browser() as context:
            page = context.new_page()
            page.goto(running.url)
            page.wait_for_selector('#live[data-state="live"]')
            page.evaluate(WATCH)
            for number in range(SAVES):
                rename = number % 2 == 1
                words = f"journey number {number} to Asia."
                start = _save(path, original.replace("journey to Asia.", words), rename)
                page.wait_for_function(
                    "words => document.getElementById('view').innerText.includes(words)",
                    arg=words, timeout=10_000,
                )  # fmt: skip
                changed = page.evaluate("window.changedAt.at(-1)")
                found["by rename" if rename else "in place"].append((changed - start) / 1000)
                time.sleep(0.3)  # saves a person makes, not a burst
    version = subprocess.run(
        [chromium(), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    result = {
        "what": "seconds from saving data/letters/harris-2021.yaml to the open page showing it",
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
            "browser": version,
        },
        "saves": {kind: _summary(seconds) for kind, seconds in found.items()},
        "all": _summary([s for seconds in found.values() for s in seconds]),
    }
    (HERE / "preview.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
