"""Reading what a PDF shows: its pages' text, their images (XObjects), a page as PNG."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pypdf


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, NFC, its whitespace made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in reader.pages]


def xobjects(pdf: bytes) -> list[list[tuple[str, int, int]]]:
    """For each page, the XObjects it draws: ``("/Image", width, height)`` for a picture
    (a PNG or JPEG), ``("/Form", 0, 0)`` for a drawing (an SVG), nested forms included."""

    def walk(resources: Any) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        objects: Any = resources.get("/XObject") if resources else None
        for name in sorted(objects or {}):
            obj = objects[name].get_object()
            if obj["/Subtype"] == "/Image":
                found.append(("/Image", int(obj["/Width"]), int(obj["/Height"])))
            else:
                found.append(("/Form", 0, 0))
                found += [f for f in walk(obj.get("/Resources")) if f[0] == "/Image"]
        return found

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [walk(page.get("/Resources")) for page in reader.pages]


def page_png(pdf: bytes, page: int, *, dpi: int = 60, fmt: str = "png") -> bytes:
    """One page (from 1) as a PNG image (``fmt="ppm"``: raw pixels), by poppler's pdftoppm."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.pdf"
        source.write_bytes(pdf)
        kind = ["-png"] if fmt == "png" else []
        subprocess.run(
            ["pdftoppm", *kind, "-r", str(dpi), "-f", str(page), "-l", str(page),
             "-singlefile", str(source), str(Path(folder) / "page")],
            check=True, capture_output=True,
        )  # fmt: skip
        return (Path(folder) / f"page.{fmt}").read_bytes()


def fill_colours(pdf: bytes) -> list[set[str]]:
    """For each page, the colours it fills shapes with, as ``#rrggbb`` (an SVG's drawing
    is set on the page itself, not as an XObject: its colours show it is there)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pattern = re.compile(r"([0-9.]+) ([0-9.]+) ([0-9.]+) (?:rg|scn)\b")
    out = []
    for page in reader.pages:
        stream = page.get_contents()
        text = stream.get_data().decode("latin-1") if stream is not None else ""
        out.append({"#" + "".join(f"{round(float(v) * 255):02x}" for v in m.groups())
                    for m in pattern.finditer(text)})  # fmt: skip
    return out
