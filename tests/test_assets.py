"""Images from the workspace's assets/ folder: only there, only what their name says,
and an SVG that loads nothing. Each hostile file is refused at the record that names
it, with exit 65, in seconds, and nothing is written."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest

from letter_kit import DraftOptions, draft, load_workspace
from letter_kit.workspace.assets import read_image

from .conftest import Cli, snapshot
from .pages import xobjects

HINT = (
    "  hint: logos and signatures are PNG, JPEG or SVG files of at most 2 MiB in the "
    "workspace's assets folder; an SVG may not load anything (no links to other files, "
    "scripts or outside fonts)\n"
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">\n{}\n</svg>\n'


def png(width: int = 4, height: int = 2, *, pixels: bool = True) -> bytes:
    """A real PNG of ``width`` by ``height`` pixels (grey); without ``pixels``, its
    header alone says so (a bomb, made without the memory of one)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height)) if pixels else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))  # fmt: skip


def _logo(root: Path, path: str, content: bytes | None = None) -> None:
    """Give the organisation of the minimal workspace the logo ``path`` (with this content)."""
    orgs = root / "data" / "organizations.yaml"
    orgs.write_text(orgs.read_text("utf-8") + f"  logo: {path}\n", encoding="utf-8")
    if content is not None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(content)


def _refused(cli: Cli, root: Path, expected: str) -> None:
    """``check`` and ``draft`` both refuse the workspace with ``expected`` (and the
    hint), exit 65, in seconds, and write nothing."""
    before = snapshot(root)
    for args in (["check"], ["draft", "test-letter", "-f", "pdf", "-o", str(root / "out.pdf")]):
        started = time.monotonic()
        result = cli(*args, cwd=root)
        assert time.monotonic() - started < 10
        assert (result.code, result.err) == (65, expected + "\n" + HINT), args
    assert snapshot(root) == before


LOGO_LINE = "data/organizations.yaml:8:9: free.logo: "


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SVG.format('<image href="https://evil.example/x.png" width="4" height="4"/>'),
         'assets/logo.svg:2 refers to another file (href="https://evil.example/x.png")'),
        (SVG.format('<use xlink:href="file:///etc/hostname" '
                    'xmlns:xlink="http://www.w3.org/1999/xlink"/>'),
         'assets/logo.svg:2 refers to another file (href="file:///etc/hostname")'),
        (SVG.format("<script>fetch('https://evil.example/')</script>"),
         "assets/logo.svg:2 holds a <script> element, which could run or load something"),
        (SVG.format('<foreignObject width="9" height="9"><p>x</p></foreignObject>'),
         "assets/logo.svg:2 holds a <foreignObject> element, which could run or load something"),
        (SVG.format('<rect width="4" height="4" onload="alert(1)"/>'),
         "assets/logo.svg:2 has an event handler (onload=...), which could run code"),
        (SVG.format('<rect width="4" height="4" style="fill: url(https://evil.example/f)"/>'),
         "assets/logo.svg:2 refers to another file (url(https://evil.example/f))"),
        (SVG.format("<style>@import 'https://evil.example/x.css';</style>"),
         "assets/logo.svg:2 has a style sheet that imports another (@import)"),
        ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n'
         + SVG.format("<text>&a;</text>"),
         "assets/logo.svg:2 declares a document type, which may define entities"),
        ("<svg", "assets/logo.svg:1 is not well-formed XML (unclosed token)"),
        ("Vietnam Human Rights Network\n",
         "assets/logo.svg is not an SVG image: its content is no image letterkit knows"),
    ],
)  # fmt: skip
def test_an_svg_that_could_load_or_run_anything_is_refused(
    content: str, message: str, minimal: Path, cli: Cli
) -> None:
    _logo(minimal, "assets/logo.svg", content.encode("utf-8"))
    _refused(cli, minimal, LOGO_LINE + message)


def test_a_file_that_is_not_the_image_its_name_says_is_refused(minimal: Path, cli: Cli) -> None:
    _logo(minimal, "assets/logo.png", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    _refused(cli, minimal, LOGO_LINE + "assets/logo.png is not a PNG image: its content is "
             "a JPEG image")  # fmt: skip


def test_a_huge_file_is_refused_without_being_read(minimal: Path, cli: Cli) -> None:
    _logo(minimal, "assets/logo.png", png() + b"\x00" * (3 * 2**20))
    _refused(cli, minimal, LOGO_LINE + "assets/logo.png is 3.0 MiB, more than 2 MiB")


def test_a_png_of_too_many_pixels_is_refused(minimal: Path, cli: Cli) -> None:
    _logo(minimal, "assets/logo.png", png(20_000, 20_000, pixels=False)[:33] + b"\x00" * 64)
    _refused(cli, minimal, LOGO_LINE + "assets/logo.png is 20000 by 20000 pixels, too many "
             "for a logo")  # fmt: skip


def test_a_link_out_of_the_assets_folder_is_refused(minimal: Path, cli: Cli) -> None:
    secret = minimal / "secret.svg"
    secret.write_text(SVG.format("<rect width='1' height='1'/>"), encoding="utf-8")
    (minimal / "assets").mkdir()
    (minimal / "assets" / "logo.svg").symlink_to(secret)
    _logo(minimal, "assets/logo.svg")
    _refused(cli, minimal, LOGO_LINE + "assets/logo.svg leads outside the workspace's assets "
             "folder (a link)")  # fmt: skip


def test_an_assets_folder_that_is_a_link_out_of_the_workspace_is_refused(
    minimal: Path, cli: Cli, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "logo.png").write_bytes(png())
    (minimal / "assets").symlink_to(elsewhere)
    _logo(minimal, "assets/logo.png")
    _refused(cli, minimal, LOGO_LINE + "assets/logo.png leads outside the workspace's assets "
             "folder (a link)")  # fmt: skip


def test_a_missing_image_is_refused(minimal: Path, cli: Cli) -> None:
    _logo(minimal, "assets/nowhere.svg")
    _refused(cli, minimal, LOGO_LINE + "assets/nowhere.svg no such file")


@pytest.mark.parametrize(
    "path",
    ["data/organizations.yaml", "../secret.png", "/etc/hostname.png", "assets/../data/x.png",
     "assets/logo.gif"],
)  # fmt: skip
def test_a_logo_outside_the_assets_folder_is_refused_where_it_is_named(
    path: str, minimal: Path, cli: Cli
) -> None:
    _logo(minimal, path)
    before = snapshot(minimal)
    result = cli("check", cwd=minimal)
    assert result.code == 65
    assert result.err.startswith(LOGO_LINE + f"'{path}' is not ")
    assert snapshot(minimal) == before


def test_a_signature_image_is_checked_at_the_person_who_signs(minimal: Path, cli: Cli) -> None:
    people = minimal / "data" / "people.yaml"
    people.write_text("lan:\n  name: Trần Thị Lan\n  signature: assets/lan.svg\n", encoding="utf-8")
    (minimal / "assets").mkdir()
    (minimal / "assets" / "lan.svg").write_text(SVG.format("<script/>"), encoding="utf-8")
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    letter.write_text(
        letter.read_text("utf-8").replace("- org: free", "- {org: free, person: lan}"),
        encoding="utf-8",
    )
    _refused(cli, minimal, "data/people.yaml:3:14: lan.signature: assets/lan.svg:2 holds a "
             "<script> element, which could run or load something")  # fmt: skip


def test_the_compiler_sees_the_checked_copy_and_nothing_else(minimal: Path) -> None:
    """The PDF holds the logo; the file read is the one checked, not what the path
    named after the check (the compiler's folder holds its own copy)."""
    _logo(minimal, "assets/logo.png", png(40, 20))
    pdf = draft(load_workspace(minimal), "test-letter", DraftOptions(fmt="pdf"))
    # the letterhead of each language: the logo, as an image of 40 by 20 pixels
    assert xobjects(pdf) == [[("/Image", 40, 20)], [("/Image", 40, 20)]]


def test_an_image_is_read_once_while_it_does_not_change(minimal: Path) -> None:
    _logo(minimal, "assets/logo.png", png())
    first = read_image(minimal, "assets/logo.png")
    assert read_image(minimal, "assets/logo.png") is first
    (minimal / "assets" / "logo.png").write_bytes(png(6, 3))
    assert read_image(minimal, "assets/logo.png").width == 6
