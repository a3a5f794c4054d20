"""SVG images as PNG, for the formats whose readers may not show SVG: mail programs
(Gmail and Outlook show none) and Word files (Word before 2016, LibreOffice's export).

Typst draws the SVG (it already does for the PDF), in its own process without network
(:mod:`.typst_process`), in a private folder holding only that image: the same picture
as in the PDF, and the same bytes for the same image.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from ..document import ImageFile
from ..errors import Problem, TemplateError
from .typst_process import CompileFailed, TypstProcess, WorkerFailed

PPI = 300  # pixels an inch at the size the image is set
HEIGHT_CM = 2  # the height it is drawn at: a logo or a signature
_PAGE = (
    "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
    f'#image("/picture.svg", height: {HEIGHT_CM}cm)\n'
)


def as_png(image: ImageFile) -> ImageFile:
    """The image as PNG (a PNG or JPEG as it is)."""
    if image.media_type != "image/svg+xml":
        return image
    data = _drawn(image.src, hashlib.sha256(image.data).hexdigest(), image.data)
    height = HEIGHT_CM / 2.54 * PPI
    return ImageFile(image.src, "image/png", data, image.width / image.height * height, height)


@lru_cache(maxsize=64)
def _drawn(src: str, _digest: str, svg: bytes) -> bytes:
    root = Path(tempfile.mkdtemp(prefix="letterkit-raster-"))
    try:
        (root / "picture.typ").write_text(_PAGE, encoding="utf-8")
        (root / "picture.svg").write_bytes(svg)
        process = TypstProcess(root, "picture.typ")
        try:
            return process.picture(PPI)
        finally:
            process.close()
    except (CompileFailed, WorkerFailed) as exc:
        message = exc.message if isinstance(exc, CompileFailed) else str(exc)
        raise TemplateError(
            [Problem(f"{src} cannot be drawn: {message}", Path(src), hint="save it again as SVG")]
        ) from None
    finally:
        shutil.rmtree(root, ignore_errors=True)
