"""The MIME body of a letter's email (plain text and HTML, quoted-printable), written as
Python's ``email`` package writes it, in a fraction of the time.

Addressed to 535 recipients, a letter is 535 messages of 53 KB that differ in a few
lines. The ``email`` package encodes and writes every line of every message in
Python; here the body is the package's own output for two placeholder texts (made
once), with each text's quoted-printable encoding put in their place. That encoding
is the package's too (``quoprimime.body_encode``), applied line by line, which gives
the same result because it encodes each line on its own, and remembered for the
lines every message shares.

The images the HTML shows (logos, signatures) are parts of the message too
(``multipart/related``, named by ``cid:``), the same in every message: they are in
the skeleton. Messages with attachments are written by the ``email`` package itself
(see :mod:`.eml`); tests compare the two on every letter and on hostile text.
"""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.quoprimime import body_encode
from functools import lru_cache
from typing import NamedTuple

_PLAIN, _HTML = "LETTERKITPLAINTEXT", "LETTERKITHTMLTEXT"  # ASCII: kept as they are
_SEED = "0" * 20  # where the boundary's fingerprint goes (the same length as one)
_CRLF = b"\r\n"
FAST_HEADERS = ("MIME-Version", "Content-Type")  # the headers of the body it writes
_WIDTH = policy.SMTP.max_line_length or 78  # the longest line the package writes
_MARK = b"=_letterkit_" + _SEED.encode("ascii")  # the seed in a boundary, nowhere else


class Related(NamedTuple):
    """An image of the HTML part, a part of its own that the HTML names ``cid:<cid>``."""

    cid: str
    media_type: str
    filename: str
    data: bytes


def boundary(seed: str, index: int) -> str:
    """The multipart boundary of a message, from a fingerprint of its plain text."""
    return f"=_letterkit_{seed[:20]}_{index}"


def alternative(plain: str, html: str, related: tuple[Related, ...] = ()) -> EmailMessage:
    """The body the slow way: the ``email`` package's multipart/alternative message, the
    HTML with its images (``multipart/related``) if it shows any."""
    body = EmailMessage(policy=policy.SMTP)
    body.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    body.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if related:
        page = body.get_body(("html",))
        assert page is not None
        for image in related:
            maintype, subtype = image.media_type.split("/")
            page.add_related(image.data, maintype, subtype, cid=f"<{image.cid}>",
                             filename=image.filename, disposition="inline")  # fmt: skip
    return body


@lru_cache(maxsize=16)  # the images of a letter are the same in every copy
def _skeleton(
    related: tuple[Related, ...],
) -> tuple[tuple[bytes, bytes, bytes], tuple[bytes, bytes]]:
    """The body around the two texts, and the plain part alone around its text, as the
    package writes them with placeholders (the fingerprint's included)."""
    body = alternative(_PLAIN + "\n", _HTML + "\n", related)
    for index, part in enumerate(p for p in body.walk() if p.is_multipart()):
        part.set_boundary(boundary(_SEED, index))
    plain = body.get_body(("plain",))
    assert plain is not None
    head, rest = body.as_bytes().split(_PLAIN.encode("ascii") + _CRLF)
    middle, tail = rest.split(_HTML.encode("ascii") + _CRLF)
    before, after = plain.as_bytes().split(_PLAIN.encode("ascii") + _CRLF)
    return (head, middle, tail), (before, after)


@lru_cache(maxsize=1 << 16)
def _line(line: bytes) -> bytes:
    """One line of text, quoted-printable, with its CRLF (a long line: several)."""
    encoded = body_encode(line.decode("latin-1") + "\n", _WIDTH)
    return encoded.replace("\n", "\r\n").encode("ascii")


def quoted_printable(text: str) -> bytes | None:
    """``text`` as the ``email`` package writes it quoted-printable in a message; None
    for an empty text or one with a carriage return (left to the package)."""
    if not text or "\r" in text:
        return None
    return b"".join(_line(line) for line in text.encode("utf-8").splitlines())


def fast_body(plain: str, html: str, related: tuple[Related, ...] = ()) -> tuple[bytes, str] | None:
    """The body (MIME headers, both parts and the HTML's images) and its fingerprint
    seed, as :func:`alternative` with :func:`boundary` gives them; None where only the
    ``email`` package may write it."""
    text, page = quoted_printable(plain), quoted_printable(html)
    if text is None or page is None:
        return None
    (head, middle, tail), (before, after) = _skeleton(related)
    seed = hashlib.sha256(before + text + after).hexdigest()
    real = b"=_letterkit_" + seed[:20].encode("ascii")
    return head.replace(_MARK, real) + text + middle.replace(_MARK, real) + page + tail.replace(
        _MARK, real
    ), seed
