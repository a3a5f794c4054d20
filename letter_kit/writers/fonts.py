"""The PDF's typeface in the HTML page: Libertinus Serif, embedded in the page.

A page printed from a browser should look like the PDF, on any machine and without
fetching anything: the page carries the font in its style sheet as ``data:`` URIs. The
font files (``assets/fonts``, under the SIL Open Font License, ``OFL.txt`` beside
them) are the Latin, Latin Extended and Vietnamese subsets of Libertinus Serif's
regular, italic, bold and bold italic, as Fontsource publishes them (version 5.3.0);
a page holds only the subsets that have a character it prints.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

FONTS = Path(__file__).parent / "assets" / "fonts"
FAMILY = "Libertinus Serif"

# Each subset and the characters it holds (its CSS unicode-range), in the order they
# are chosen: a subset is embedded only for characters the ones before do not hold.
SUBSETS: dict[str, str] = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,"
    "U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,"
    "U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,"
    "U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,"
    "U+2113,U+2C60-2C7F,U+A720-A7FF",
}
STYLES = (("normal", 400), ("italic", 400), ("normal", 700), ("italic", 700))


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for item in spec.split(","):
        first, _, last = item.removeprefix("U+").partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


def _held(subset: str, codes: set[int]) -> set[int]:
    """The characters of ``codes`` that a subset holds."""
    ranges = _ranges(SUBSETS[subset])
    return {code for code in codes if any(lo <= code <= hi for lo, hi in ranges)}


@cache
def _data(name: str) -> str:
    return base64.b64encode((FONTS / name).read_bytes()).decode("ascii")


def font_faces(text: str) -> str:
    """``@font-face`` rules for the subsets of Libertinus Serif that ``text`` needs,
    each font in the rule itself."""
    rules = []
    left = {ord(c) for c in text}
    for subset, unicode_range in SUBSETS.items():
        held = _held(subset, left)
        if not held:
            continue
        left -= held
        for style, weight in STYLES:
            name = f"libertinus-serif-{subset}-{weight}-{style}.woff2"
            rules.append(
                f"@font-face {{ font-family: '{FAMILY}'; font-style: {style}; "
                f"font-weight: {weight}; font-display: block; "
                f"src: url(data:font/woff2;base64,{_data(name)}) format('woff2'); "
                f"unicode-range: {unicode_range}; }}"
            )
    return "\n".join(rules) + "\n"
