"""The email body letterkit writes itself is byte for byte the ``email`` package's."""

from __future__ import annotations

import hashlib
import random

from letter_kit.writers.mime import FAST_HEADERS, Related, alternative, boundary, fast_body

# What a letter's text can hold, and what quoted-printable treats specially: "=",
# spaces and tabs at the end of a line, long lines, characters that are line breaks
# to str.splitlines but not to email (U+2028, U+0085, form feed), a UTF-8 byte 0x85
# ("Ņ"), "From " and "." at the start of a line, and the placeholders' own words.
PIECES = [*"abc xyz=.-\t ", "ệ", "Đ", "…", "“", "\u00a0", "\u202f", "Ņ", "\x0b", "\x0c",
          "\x1c", "\u2028", "\x85", "\n", "\n", "\n", "From ", ".", "=20", "0" * 20,
          "LETTERKITHTMLTEXT\n", "LETTERKITPLAINTEXT", "x" * 90, " \n", "\t\n"]  # fmt: skip


def slow(plain: str, html: str, related: tuple[Related, ...] = ()) -> tuple[bytes, str]:
    body = alternative(plain, html, related)
    seed = hashlib.sha256(body.get_body(("plain",)).as_bytes()).hexdigest()  # type: ignore[union-attr]
    for index, part in enumerate(p for p in body.walk() if p.is_multipart()):
        part.set_boundary(boundary(seed, index))
    assert tuple(body.keys()) == FAST_HEADERS
    return body.as_bytes(), seed


def test_the_body_is_the_email_packages_own() -> None:
    rng = random.Random(2026)
    for _ in range(1500):
        plain = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 200)))
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 200)))
        if rng.random() < 0.5:
            plain += "\n"
        assert fast_body(plain, html) == slow(plain, html), (plain, html)


def test_text_only_the_package_may_write_is_left_to_it() -> None:
    assert fast_body("a\r\nb\n", "<p>x</p>\n") is None
    assert fast_body("", "<p>x</p>\n") is None


def test_the_images_of_the_html_are_the_packages_own_parts_too() -> None:
    rng = random.Random(15)
    logo = Related("a1@letterkit", "image/png", "logo.png", b"\x89PNG" + b"0" * 60)
    sign = Related("b2@letterkit", "image/png", "sign.png", bytes(range(256)) * 9)
    for _ in range(200):
        plain = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120)))
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120)))
        related = (logo, sign)[: rng.randint(1, 2)]
        assert fast_body(plain, html, related) == slow(plain, html, related), (plain, html)
