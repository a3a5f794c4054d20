"""Images from the workspace's ``assets/`` folder (logos, signatures), checked before any
writer sees them.

An image is untrusted input that ends up inside a PDF, a web page, an email and a Word
file: it must be a regular file really inside ``assets/`` (a link that leads out of it
would let a letter print any file), of a sensible size, and what its name says it is,
told by its content (PNG, JPEG or SVG). An SVG is XML that can load other files or run
code where it is shown: one that refers to anything but itself or a ``data:`` image,
that holds a script, a ``foreignObject`` or an event handler, or that declares
entities, is refused, with its line.
"""

from __future__ import annotations

import re
import stat
import struct
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from ..document import ImageFile
from .fields import ASSETS_DIR

LIMIT = 2 * 1024 * 1024  # bytes of one image
MAX_PIXELS = 40_000_000  # a PNG or JPEG bigger than this is a bomb, not a logo
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".svg": "image/svg+xml"}  # fmt: skip
NAMES = {"image/png": "a PNG image", "image/jpeg": "a JPEG image", "image/svg+xml": "an SVG image"}
HINT = (
    "logos and signatures are PNG, JPEG or SVG files of at most 2 MiB in the workspace's "
    "assets folder; an SVG may not load anything (no links to other files, scripts or "
    "outside fonts)"
)


class AssetRefused(Exception):
    """An image that may not be used, and why (``line``: where in an SVG)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_CACHE: dict[tuple[str, int, int, int], ImageFile] = {}


def read_image(root: Path, src: str) -> ImageFile:
    """The image ``src`` (``assets/logo.svg``) of the workspace at ``root``, checked.

    Raises :class:`AssetRefused` for a file that is missing, leads out of ``assets/``,
    is too big, is not the image its name says, or is an SVG that loads anything.
    """
    path = root / src
    folder = (root / ASSETS_DIR).resolve()
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise AssetRefused("no such file") from None
    except (OSError, RuntimeError):
        raise AssetRefused("is a broken link or a loop of links") from None
    if not folder.is_relative_to(root.resolve()) or not real.is_relative_to(folder):
        raise AssetRefused(f"leads outside the workspace's {ASSETS_DIR} folder (a link)")
    info = real.stat()
    if not stat.S_ISREG(info.st_mode):
        raise AssetRefused("is not a file")
    if info.st_size > LIMIT:
        raise AssetRefused(f"is {info.st_size / 2**20:.1f} MiB, more than {LIMIT // 2**20} MiB")
    key = (str(real), info.st_mtime_ns, info.st_size, info.st_ino)
    found = _CACHE.get(key)
    if found is not None and found.src == src:
        return found
    with real.open("rb") as handle:
        data = handle.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise AssetRefused(f"is more than {LIMIT // 2**20} MiB")
    image = checked(src, data)
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[key] = image
    return image


def checked(src: str, data: bytes) -> ImageFile:
    """The image ``data`` named ``src``, if it is what its name says and safe to show."""
    meant = MEDIA_TYPES[PurePosixPath(src).suffix.lower()]
    found = sniff(data)
    if found != meant:
        what = NAMES[found] if found else "no image letterkit knows"
        raise AssetRefused(f"is not {NAMES[meant]}: its content is {what}")
    if found == "image/png":
        width, height = _png_size(data)
    elif found == "image/jpeg":
        width, height = _jpeg_size(data)
    else:
        width, height = svg_size(data)
    if width <= 0 or height <= 0:
        raise AssetRefused("has no width or height")
    if found != "image/svg+xml" and width * height > MAX_PIXELS:
        raise AssetRefused(f"is {int(width)} by {int(height)} pixels, too many for a logo")
    return ImageFile(src, found, data, float(width), float(height))


def sniff(data: bytes) -> str | None:
    """The media type the content says (PNG, JPEG or SVG), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096]:
        return "image/svg+xml"
    return None


def _png_size(data: bytes) -> tuple[float, float]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise AssetRefused("is a PNG image without its header (IHDR)")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[float, float]:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise AssetRefused("is a JPEG image whose size cannot be read")


# SVG -----------------------------------------------------------------------------------

_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video",
              "handler", "listener"}  # fmt: skip
_SAFE_DATA = re.compile(r"^data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]*$")
_URL = re.compile(r"url\(\s*['\"]?\s*(?P<target>[^'\")\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)")


def _outside(target: str) -> bool:
    """Whether a reference leads outside the image: anything but ``#id`` or a data image."""
    return not (target.startswith("#") or _SAFE_DATA.match(target))


def svg_size(data: bytes) -> tuple[float, float]:
    """The width and height of an SVG that is safe to show (else :class:`AssetRefused`)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    size: list[tuple[float, float]] = []
    style: list[bool] = []

    def refuse(message: str) -> None:
        raise AssetRefused(message, parser.CurrentLineNumber)

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if not size and local != "svg":
            refuse(f"is XML but not SVG (its first element is <{local}>)")
        if local.lower() in _FORBIDDEN:
            refuse(f"holds a <{local}> element, which could run or load something")
        for attribute, value in attrs.items():
            key = attribute.rpartition(" ")[2]
            if key.lower().startswith("on"):
                refuse(f"has an event handler ({key}=...), which could run code")
            if key == "href" and _outside(value.strip()):
                refuse(f'refers to another file ({key}="{value[:60]}")')
            for found in _URL.finditer(value):
                if _outside(found["target"]):
                    refuse(f"refers to another file (url({found['target'][:60]}))")
        if not size:
            size.append(_svg_dimensions(attrs))
        style.append(local == "style")

    def end(name: str) -> None:
        style.pop()

    def text(content: str) -> None:
        if style and style[-1]:
            if "@import" in content.lower():
                refuse("has a style sheet that imports another (@import)")
            for found in _URL.finditer(content):
                if _outside(found["target"]):
                    refuse(f"refers to another file (url({found['target'][:60]}))")

    def doctype(*_: object) -> None:
        refuse("declares a document type, which may define entities")

    def instruction(target: str, _: str) -> None:
        refuse(f"holds a processing instruction (<?{target} ...?>)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.ExternalEntityRefHandler = lambda *_: 0
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise AssetRefused(
            f"is not well-formed XML ({expat.ErrorString(exc.code)})", exc.lineno
        ) from None
    if not size:
        raise AssetRefused("has no <svg> element")
    return size[0]


def _svg_dimensions(attrs: dict[str, str]) -> tuple[float, float]:
    view = attrs.get("viewBox", "").replace(",", " ").split()
    if len(view) == 4:
        try:
            return float(view[2]), float(view[3])
        except ValueError:
            pass
    width, height = (_NUMBER.match(attrs.get(name, "")) for name in ("width", "height"))
    if width and height:
        return float(width[1]), float(height[1])
    raise AssetRefused("has neither a viewBox nor a width and height")
