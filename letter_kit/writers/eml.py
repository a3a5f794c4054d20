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
a reader then sees "Nguy ễn". Every message is parsed back before it is used, and its
headers must read exactly as intended.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import PurePosixPath

from ..document import Document
from ..errors import LetterkitError
from ..formats import MEDIA_TYPES
from ..mail.envelope import Envelope, Mailbox
from . import html, text
from .raster import as_png

Attachment = tuple[str, bytes]  # file name (its extension a format: .pdf, .docx), content

# The Subject in Q encoding, readable in the raw message (=?utf-8?q?Nguy=E1=BB=85n?=);
# display names in B encoding, because Q may not carry "@", ":" or "," in a phrase.
_TEXT = Charset("utf-8")
_TEXT.header_encoding = QP
_PHRASE = Charset("utf-8")
_PHRASE.header_encoding = BASE64
_LINE = "\r\n"


def _encoded(value: str, name: str) -> str:
    """An unstructured header value (the Subject), folded between encoded words."""
    charset = "us-ascii" if value.isascii() else _TEXT
    return Header(value, charset, header_name=name).encode(linesep=_LINE)


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
    body: EmailMessage
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
        part = self.body.get_body(("plain",))
        return part.get_content() if part is not None else ""

    def _raw(self) -> bytes:
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
        return (_LINE.join(lines) + _LINE).encode("ascii") + self.body.as_bytes()

    def to_bytes(self) -> bytes:
        """The message as it goes on the wire (CRLF line ends), checked by parsing it back."""
        data = self._raw()
        parsed = message_from_bytes(data, policy=policy.default)
        env = self.envelope
        names = ["From", "To", *(["Cc"] if env.cc else []), "Subject", "Date", "Message-ID"]
        expected = [*names, *self.body.keys()]
        found_boxes = [
            [(a.display_name, a.addr_spec) for a in parsed[name].addresses]
            for name in ("From", "To", "Cc")
            if parsed[name] is not None
        ]
        meant_boxes = [
            [(b.name, b.address) for b in boxes]
            for boxes in ((env.sender,), env.to, env.cc)
            if boxes
        ]
        if (
            list(parsed.keys()) != expected
            or parsed["Subject"] != env.subject
            or found_boxes != meant_boxes
        ):
            raise LetterkitError(
                "refusing to write a message whose headers would not read as intended",
                hint="this is a bug in letterkit; please report it",
            )
        return data


def _show(box: Mailbox) -> str:
    return f"{box.name} <{box.address}>" if box.name else box.address


def build(
    documents: Sequence[Document], envelope: Envelope, *, attachments: Sequence[Attachment] = ()
) -> Message:
    """The message for the documents (one per language), addressed as ``envelope`` says,
    with these files attached in order."""
    body = EmailMessage(policy=policy.SMTP)
    body.set_content(
        text.write(documents), subtype="plain", charset="utf-8", cte="quoted-printable"
    )
    # Images go in the message, as parts of their own that the HTML names (cid:): mail
    # programs show those without fetching anything, unlike data: addresses. An SVG
    # goes as PNG, which every mail program shows.
    pictures = {src: as_png(image) for d in documents for src, image in d.images.items()}
    ids = {
        src: f"{hashlib.sha256(p.data).hexdigest()[:24]}@letterkit" for src, p in pictures.items()
    }
    body.add_alternative(
        html.write_email(documents, image_url=lambda src: f"cid:{ids[src]}"),
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    if pictures:
        page = body.get_body(("html",))
        assert page is not None
        for src, picture in sorted(pictures.items(), key=lambda item: ids[item[0]]):
            maintype, subtype = picture.media_type.split("/")
            name = f"{PurePosixPath(src).stem}.{picture.suffix}"
            page.add_related(picture.data, maintype, subtype, cid=f"<{ids[src]}>",
                             filename=name, disposition="inline")  # fmt: skip
    for name, data in attachments:
        extension = name.rpartition(".")[2]
        media = MEDIA_TYPES.get(extension, "application/octet-stream")  # type: ignore[call-overload]
        maintype, subtype = media.split("/")
        body.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    seed = hashlib.sha256(body.get_body(("plain",)).as_bytes()).hexdigest()  # type: ignore[union-attr]
    for index, part in enumerate(p for p in body.walk() if p.is_multipart()):
        part.set_boundary(f"=_letterkit_{seed[:20]}_{index}")
    message = Message(envelope, format_datetime(envelope.date), "<pending@letterkit.invalid>", body)
    content = hashlib.sha256(message._raw()).hexdigest()
    first = documents[0].meta
    message.message_id = f"<{first.letter}.{content[:24]}@{envelope.domain}>"
    message.content_hash = content[:32]
    return message


def write(
    documents: Sequence[Document], envelope: Envelope, *, attachments: Sequence[Attachment] = ()
) -> bytes:
    """The bytes of a ``.eml`` file."""
    return build(documents, envelope, attachments=attachments).to_bytes()
