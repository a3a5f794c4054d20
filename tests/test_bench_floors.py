"""The benchmark's floors do the same work as letterkit: Typst alone, given the letter
letterkit prepares, prints the same letter."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf

from letter_kit import DraftOptions, draft, load_workspace

from .conftest import ROOT
from .test_writers_pdf import pdf_text

sys.path.insert(0, str(ROOT / "bench"))
import floors


def test_typst_alone_prints_the_letter_letterkit_prints(tmp_path: Path) -> None:
    folder, entry = floors.prepare_typst(ROOT, "market-economy-2024", tmp_path / "typst")
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run(floors.typst_alone(folder, entry, out), check=True, capture_output=True)
    alone = (out / "letter.pdf").read_bytes()
    ours = draft(load_workspace(ROOT), "market-economy-2024", DraftOptions(fmt="pdf"))
    assert pdf_text(alone) == pdf_text(ours)
    assert _drawings(alone) == _drawings(ours) > 0  # the logos


def _drawings(pdf: bytes) -> int:
    """How many images (or drawings) the first page places."""
    resources = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    return len(resources["/XObject"]) if "/XObject" in resources else 0  # type: ignore[operator, index]
