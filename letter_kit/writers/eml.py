"""Email: an RFC 5322 message with a plain-text and an HTML version, and the letter as a
PDF or Word file if asked.

The text part is the text writer's output (72 columns, ``[1]`` notes), the HTML part
the email layout of the HTML writer. Both are UTF-8, quoted-printable. The multipart
boundaries, the Date and the Message-ID are derived from the letter, so drafting the
same letter twice gives the same bytes; sending gives each message a real Date and
Message-ID.

letterkit writes the From, To, Cc and Subject lines itself: a value with any non-ASCII
character is encoded whole as RFC 2047 encoded words, folded only between them. The
``email`` package's own folding can split a word between plain and encoded text, and
a reader then sees "Nguy ễn". Every message's headers are read back before it is
used, and must read exactly as intended.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.parser import BytesHeaderParser
from email.utils import format_datetime, formataddr
from functools import lru_cache
from pathlib import PurePosixPath

from ..document import Document, ImageFile
from ..errors import LetterkitError
from ..formats import MEDIA_TYPES
from ..mail.envelope import Envelope, Mailbox
from . import html, text
from .mime import FAST_HEADERS, Related, alternative, boundary, fast_body
from .raster import as_png

Attachment = tuple[str, bytes]  # file name (its extension a format: .pdf, .docx), content

# The Subject in Q encoding, readable in the raw message (=?utf-8?q?Nguy=E1=BB=85n?=);
# display names in B encoding, because Q may not carry "@", ":" or "," in a phrase.
_TEXT = Charset("utf-8")
_TEXT.header_encoding = QP
_PHRASE = Charset("utf-8")
_PHRASE.header_encoding = BASE64
_LINE = "\r\n"


@lru_cache(maxsize=1024)  # a batch's messages share their sender and often the Subject
def _encoded(value: str, name: str) -> str:
    """An unstructured header value (the Subject), folded between encoded words."""
    charset = "us-ascii" if value.isascii() else _TEXT
    return Header(value, charset, header_name=name).encode(linesep=_LINE)


@lru_cache(maxsize=1024)
def _mailbox(box: Mailbox) -> str:
    if not box.name or box.name.isascii():
        return formataddr((box.name, box.address))
    # One encoded word for the whole name: Python's address parser (and some mail
    # programs) put a space between two encoded words of a name. A real name fits
    # RFC 2047's 75 characters; a longer one is kept whole, within the line limit.
    word = Header(box.name, _PHRASE, maxlinelen=990, header_name="To").encode(linesep=_LINE)
    return f"{word} <{box.address}>"


@dataclass
class Message:
    """A message: its envelope headers, its MIME body, and a fingerprint of its content."""

    envelope: Envelope
    date: str
    message_id: str
    body: bytes  # the MIME headers and parts, as written
    body_headers: list[str]  # the names of the body's own headers (MIME-Version...)
    plain: str  # the plain-text version of the letter
    content_hash: str = ""

    def stamp(self, date: str, message_id: str) -> None:
        """Give the message another Date and Message-ID (as sending does)."""
        self.date, self.message_id = date, message_id

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers letterkit writes, as they read (not encoded)."""
        env = self.envelope
        out = [("From", _show(env.sender)), ("To", ", ".join(_show(b) for b in env.to))]
        if env.cc:
            out.append(("Cc", ", ".join(_show(b) for b in env.cc)))
        out += [("Subject", env.subject), ("Date", self.date), ("Message-ID", self.message_id)]
        return out

    def text(self) -> str:
        """The plain-text version of the letter."""
        return self.plain

    def _raw(self) -> bytes:
        return self._head() + self.body

    def _head(self) -> bytes:
        """The headers letterkit writes itself, encoded."""
        env = self.envelope
        lines = [
            f"From: {_mailbox(env.sender)}",
            "To: " + f",{_LINE} ".join(_mailbox(b) for b in env.to),
        ]
        if env.cc:
            lines.append("Cc: " + f",{_LINE} ".join(_mailbox(b) for b in env.cc))
        lines += [
            f"Subject: {_encoded(env.subject, 'Subject')}",
            f"Date: {self.date}",
            f"Message-ID: {self.message_id}",
        ]
        return (_LINE.join(lines) + _LINE).encode("ascii")

    def to_bytes(self) -> bytes:
        """The message as it goes on the wire (CRLF line ends), its headers checked by
        reading them back."""
        data = self._raw()
        head = data[: data.index(b"\r\n\r\n") + 2]
        fields = [_field(f) for f in _FIELD.findall(head)]
        env = self.envelope
        names = ["From", "To", *(["Cc"] if env.cc else []), "Subject", "Date", "Message-ID"]
        read = {name: (value, boxes) for name, value, boxes in fields}
        meant_boxes = {"From": (env.sender,), "To": env.to, "Cc": env.cc}
        if (
            [name for name, _, _ in fields] != [*names, *self.body_headers]
            or read["Subject"][0] != env.subject
            or any(read[name][1] != tuple((b.name, b.address) for b in meant_boxes[name])
                   for name in names if name in meant_boxes)
        ):  # fmt: skip
            raise LetterkitError(
                "refusing to write a message whose headers would not read as intended",
                hint="this is a bug in letterkit; please report it",
            )
        return data


# A header field: its first line and the lines that continue it (starting with a space).
_FIELD = re.compile(rb"[^ \t\r\n][^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*")


@lru_cache(maxsize=4096)  # a batch's messages share most of their header fields
def _field(raw: bytes) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A header field as a mail program reads it: its name, its value, and the
    mailboxes of an address field. The Date and Message-ID letterkit makes itself, of
    digits and the sender's domain: only their names are read."""
    written = raw.partition(b":")[0]
    if written in (b"Date", b"Message-ID"):
        return written.decode("ascii"), "", ()
    parsed = BytesHeaderParser(policy=policy.default).parsebytes(raw + b"\r\n")
    if len(parsed.keys()) != 1:
        return "", "", ()
    name = parsed.keys()[0]
    value = parsed[name]
    boxes = tuple((a.display_name, a.addr_spec) for a in getattr(value, "addresses", ()))
    return name, str(value), boxes


def _show(box: Mailbox) -> str:
    return f"{box.name} <{box.address}>" if box.name else box.address


def build(
    documents: Sequence[Document], envelope: Envelope, *, attachments: Sequence[Attachment] = ()
) -> Message:
    """The message for the documents (one per language), addressed as ``envelope`` says,
    with these files attached in order."""
    parts = _related(documents)
    related = tuple({p.cid: p for p in sorted(parts.values())}.values())  # each once, in order
    plain = text.write(documents)
    page = html.write_email(documents, image_url=lambda src: f"cid:{parts[src].cid}")
    fast = None if attachments else fast_body(plain, page, related)
    if fast is not None:
        body, seed = fast
        names = list(FAST_HEADERS)
    else:
        message = alternative(plain, page, related)
        for name, data in attachments:
            extension = name.rpartition(".")[2]
            media = MEDIA_TYPES.get(extension, "application/octet-stream")  # type: ignore[call-overload]
            maintype, subtype = media.split("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        seed = hashlib.sha256(message.get_body(("plain",)).as_bytes()).hexdigest()  # type: ignore[union-attr]
        for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
            part.set_boundary(boundary(seed, index))
        body, names = message.as_bytes(), list(message.keys())
    result = Message(envelope, format_datetime(envelope.date), "<pending@letterkit.invalid>",
                     body, names, plain)  # fmt: skip
    content = hashlib.sha256(result._raw()).hexdigest()
    first = documents[0].meta
    result.message_id = f"<{first.letter}.{content[:24]}@{envelope.domain}>"
    result.content_hash = content[:32]
    return result


def _related(documents: Sequence[Document]) -> dict[str, Related]:
    """The images of the documents as parts of the message (by ``src``), which the HTML
    names (``cid:``): mail programs show those without fetching anything, unlike
    ``data:`` addresses, which Gmail and Outlook do not show. An SVG goes as PNG,
    which every mail program shows."""
    return {src: _part(src, image) for d in documents for src, image in d.images.items()}


@lru_cache(maxsize=64)  # the same image objects in every copy of a letter
def _part(src: str, image: ImageFile) -> Related:
    """The image as a part named for its content."""
    picture = as_png(image)
    cid = f"{hashlib.sha256(picture.data).hexdigest()[:24]}@letterkit"
    name = f"{PurePosixPath(src).stem}.{picture.suffix}"
    return Related(cid, picture.media_type, name, picture.data)


def write(
    documents: Sequence[Document], envelope: Envelope, *, attachments: Sequence[Attachment] = ()
) -> bytes:
    """The bytes of a ``.eml`` file."""
    return build(documents, envelope, attachments=attachments).to_bytes()
