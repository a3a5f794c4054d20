"""Email: an RFC 5322 message with a plain-text and an HTML version, and the PDF if asked.

The text part is the text writer's output (72 columns, ``[1]`` notes), the HTML part
the email layout of the HTML writer. Both are UTF-8, quoted-printable. The multipart
boundaries, the Date and the Message-ID are derived from the letter, so drafting the
same letter twice gives the same bytes; sending gives each message a real Date and
Message-ID.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from ..document import Document
from ..errors import LetterkitError
from ..mail import Envelope, Mailbox
from . import html, text

Attachment = tuple[str, bytes]  # file name, PDF bytes


@dataclass
class Message:
    """A built message, and a fingerprint of its content (everything but Date and ID)."""

    email: EmailMessage
    content_hash: str

    def stamp(self, date: str, message_id: str) -> None:
        """Give the message another Date and Message-ID (as sending does)."""
        self.email.replace_header("Date", date)
        self.email.replace_header("Message-ID", message_id)

    def to_bytes(self) -> bytes:
        """The message as it goes on the wire (CRLF line ends), its headers checked again."""
        data = self.email.as_bytes()
        parsed = message_from_bytes(data, policy=policy.default)
        expected = list(self.email.keys())
        if list(parsed.keys()) != expected:
            raise LetterkitError(
                "refusing to write a message whose headers changed when it was written out "
                f"({', '.join(parsed.keys())})",
                hint="this is a bug in letterkit; please report it",
            )
        return data


def _address(box: Mailbox) -> Address:
    return Address(display_name=box.name, addr_spec=box.address)


def build(
    documents: Sequence[Document], envelope: Envelope, *, attachment: Attachment | None = None
) -> Message:
    """The message for the documents (one per language), addressed as ``envelope`` says."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = _address(envelope.sender)
    msg["To"] = [_address(box) for box in envelope.to]
    if envelope.cc:
        msg["Cc"] = [_address(box) for box in envelope.cc]
    msg["Subject"] = envelope.subject
    msg["Date"] = format_datetime(envelope.date)
    msg["Message-ID"] = "<pending@letterkit.invalid>"
    msg.set_content(text.write(documents), subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html.write_email(documents), subtype="html", charset="utf-8",
                        cte="quoted-printable")  # fmt: skip
    if attachment is not None:
        name, data = attachment
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    seed = hashlib.sha256(msg.get_body(("plain",)).as_bytes()).hexdigest()  # type: ignore[union-attr]
    for index, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_letterkit_{seed[:20]}_{index}")
    content = hashlib.sha256(msg.as_bytes()).hexdigest()
    first = documents[0].meta
    msg.replace_header("Message-ID", f"<{first.letter}.{content[:24]}@{envelope.domain}>")
    return Message(msg, content[:32])


def write(
    documents: Sequence[Document], envelope: Envelope, *, attachment: Attachment | None = None
) -> bytes:
    """The bytes of a ``.eml`` file."""
    return build(documents, envelope, attachment=attachment).to_bytes()
