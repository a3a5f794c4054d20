"""Who an email goes from and to, with every header value checked first.

Header values come from the data (names, titles, the subject) and the command line.
Each is refused, with the place it came from, if it holds a line break or another
control character, a bidirectional control, or ``=?``, which mail programs decode as
an encoded word. This is letterkit's own check: it does not rely on the ``email``
package, some versions of which (3.11.7 among them) can be made to write a header
line of the data's choosing (CVE-2024-6923).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from ..errors import DataError, Problem, UsageError
from ..text import BIDI_CONTROLS, char_label
from ..workspace.records import Workspace

MAX_NAME = 200  # characters of a name in From, To or Cc
MAX_SUBJECT = 300  # characters of the Subject in one language


@dataclass(frozen=True)
class Mailbox:
    """A display name and an address."""

    name: str
    address: str


@dataclass(frozen=True)
class Envelope:
    """The headers of a message, checked."""

    sender: Mailbox
    to: tuple[Mailbox, ...]
    cc: tuple[Mailbox, ...]
    subject: str
    date: datetime

    @property
    def domain(self) -> str:
        """The sender's domain, for Message-IDs."""
        return self.sender.address.rpartition("@")[2]

    @property
    def recipients(self) -> list[str]:
        """Every address the message is delivered to (To and Cc)."""
        return [m.address for m in (*self.to, *self.cc)]


def unsafe(value: str) -> str | None:
    """Why ``value`` may not go into a mail header, or None if it may."""
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            return f"holds {char_label(char)}, a line break or control character"
        if ord(char) in BIDI_CONTROLS:
            return f"holds {char_label(char)}, a bidirectional control"
    if "=?" in value:
        return "holds '=?', which mail programs decode as an encoded word"
    return None


def unsafe_address(address: str) -> str | None:
    """Why ``address`` cannot be used as an email address, or None."""
    reason = unsafe(address)
    if reason is not None:
        return reason
    if not address.isascii():
        return "is not plain ASCII (internationalised addresses are not supported)"
    local, at, domain = address.partition("@")
    if not at or not local or "." not in domain or any(c in address for c in ' <>(),;:\\"[]'):
        return "is not an email address"
    return None


class _Checker:
    """Checks values taken from the workspace, naming where each came from."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.problems: list[Problem] = []

    def text(self, value: str, file: str, loc: tuple[str | int, ...], what: str) -> str:
        reason = unsafe(value)
        limit = MAX_SUBJECT if what == "Subject" else MAX_NAME
        if reason is None and len(value) > limit:
            self.problems.append(
                self.ws.problem(
                    file, loc,
                    f"is too long for the {what} header ({len(value):,} characters; "
                    f"at most {limit})",
                    hint="shorten it; mail programs cut or refuse longer header lines",
                )
            )  # fmt: skip
        if reason is not None:
            self.problems.append(
                self.ws.problem(
                    file, loc, f"cannot be used in the {what} header: it {reason}",
                    hint="remove that character from the data",
                )
            )  # fmt: skip
        return value

    def address(self, value: str, file: str, loc: tuple[str | int, ...], what: str) -> str:
        reason = unsafe_address(value)
        if reason is not None:
            self.problems.append(
                self.ws.problem(file, loc, f"cannot be used as the {what} address: it {reason}")
            )
        return value

    def done(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def message_date(day: date) -> datetime:
    """The Date of a drafted message: noon UTC on the letter's date (reproducible)."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def envelope(
    ws: Workspace,
    letter_id: str,
    languages: Sequence[str],
    *,
    to: Sequence[str] | None = None,
    recipients: Sequence[str] | None = None,
    day: date | None = None,
) -> Envelope:
    """The headers of the letter's email in ``languages`` (the first names the people).

    ``to`` sends to explicit addresses instead of the letter's recipients;
    ``recipients`` narrows the letter's recipients to some of them (one message each).
    """
    with ws.texts(letter_id):
        return _envelope(ws, letter_id, languages, to=to, recipients=recipients, day=day)


def _envelope(
    ws: Workspace,
    letter_id: str,
    languages: Sequence[str],
    *,
    to: Sequence[str] | None,
    recipients: Sequence[str] | None,
    day: date | None,
) -> Envelope:
    letter = ws.letter(letter_id)
    lang = languages[0]
    check = _Checker(ws)
    sender = _sender(ws, letter_id, lang, check)
    file = ws.file_key(letter_id)
    subjects = []
    for code in languages:
        value, loc = _subject(ws, letter_id, code, recipients)
        subjects.append(check.text(value, file, loc, "Subject"))
    if to is not None:
        to_boxes = tuple(Mailbox("", _command_line_address(a)) for a in to)
        cc_boxes: tuple[Mailbox, ...] = ()
    else:
        chosen = list(recipients) if recipients is not None else ws.recipients_of(letter)
        to_boxes = _boxes(ws, chosen, lang, check, required=True)
        cc_boxes = _boxes(ws, letter.cc, lang, check, required=False, header="Cc")
    check.done()
    return Envelope(
        sender=sender,
        to=to_boxes,
        cc=cc_boxes,
        subject=" / ".join(dict.fromkeys(subjects)),
        date=message_date(day or letter.date),
    )


def _subject(
    ws: Workspace, letter_id: str, code: str, recipients: Sequence[str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """The Subject in one language, and where in the letter file it comes from: its
    subject, its title, or (a letter with neither) its recipients, whom the catalog's
    "Letter to ..." names."""
    from ..composing.headlines import headline

    letter = ws.letter(letter_id)
    own = letter.headline
    if own is None:
        where: tuple[str, ...] = ("recipients",)
    else:
        field = "subject" if letter.subject is not None else "title"
        where = (field, code) if own.languages() else (field,)
    return headline(ws, letter_id, code, recipients), where


def sender(ws: Workspace, letter_id: str, lang: str) -> Mailbox:
    """Who the letter's email is from, checked as :func:`envelope` checks it.

    Raises :class:`DataError` naming the organisation that lacks an address.
    """
    with ws.texts(letter_id):
        check = _Checker(ws)
        mailbox = _sender(ws, letter_id, lang, check)
        check.done()
    return mailbox


def _sender(ws: Workspace, letter_id: str, lang: str, check: _Checker) -> Mailbox:
    letter = ws.letter(letter_id)
    entries = ws.signatories_of(letter).entries
    leads_first = sorted(entries, key=lambda e: e.effective_tier != "lead")
    candidates = [letter.sender] if letter.sender else [e.org for e in leads_first if e.org]
    for oid in candidates:
        if oid is None:
            continue
        org = ws.organizations[oid]
        contact = ws.people.get(org.contact) if org.contact else None
        if org.contact and contact is not None and contact.email:
            name = check.text(contact.name.get(lang), "people", (org.contact, "name"), "From")
            address = check.address(contact.email, "people", (org.contact, "email"), "From")
            return Mailbox(name, address)
        if org.email:
            name = check.text(org.name.get(lang), "organizations", (oid, "name"), "From")
            address = check.address(org.email, "organizations", (oid, "email"), "From")
            return Mailbox(name, address)
    first = next((oid for oid in candidates if oid is not None), None)
    if first is None:
        message = "no sender address: no organisation signs the letter"
        hint = "add a signing organisation with an 'email:', or name one with 'sender:'"
    else:
        name = ws.organizations[first].name.text_or_any(lang)
        if letter.sender:
            whose = f"its sender, {first} ({name}), has"
        else:
            whose = f"no signing organisation has one; the first, {first} ({name}), has"
        message = f"no sender address: {whose} no 'email:' and no 'contact:' with an email"
        hint = f"add 'email:' to {first} in data/organizations.yaml, or a 'contact:' person"
        hint += " with an email" + ("" if letter.sender else ", or name a sender with 'sender:'")
    raise DataError(
        [
            ws.problem(
                ws.file_key(letter_id),
                ("sender",) if letter.sender else ("signatories",),
                message,
                hint=hint,
            )
        ]
    )


def _boxes(
    ws: Workspace,
    ids: Sequence[str],
    lang: str,
    check: _Checker,
    *,
    required: bool,
    header: str = "To",
) -> tuple[Mailbox, ...]:
    """Mailboxes of recipients; one without an address is a problem if ``required``."""
    boxes = []
    for rid in ids:
        recipient = ws.recipients[rid]
        if recipient.email is None:
            if required:
                check.problems.append(
                    ws.problem(
                        "recipients", (rid,), f"recipient '{rid}' has no email address",
                        hint="add 'email:' to the recipient, or send to other addresses with --to",
                    )
                )  # fmt: skip
            continue
        name = check.text(recipient.name.get(lang), "recipients", (rid, "name"), header)
        address = check.address(recipient.email, "recipients", (rid, "email"), header)
        boxes.append(Mailbox(name, address))
    return tuple(boxes)


def _command_line_address(address: str) -> str:
    reason = unsafe_address(address)
    if reason is not None:
        raise UsageError(
            f"--to '{address}' {reason}", hint="give a plain address: name@example.org"
        )
    return address


def header_problems(ws: Workspace, letter_id: str) -> list[Problem]:
    """What would stop the letter's email in its headers, in every language: a
    subject, or a recipient's or copy's name, that holds a character a header may not,
    or is too long. (The sender is checked by :func:`sender`; addresses only when
    sending, since a letter may be written long before anyone has them.)"""
    letter = ws.letter(letter_id)
    check = _Checker(ws)
    file = ws.file_key(letter_id)
    with ws.texts(letter_id):
        for code in letter.languages:
            value, loc = _subject(ws, letter_id, code)
            check.text(value, file, loc, "Subject")
            for header, ids in (("To", ws.recipients_of(letter)), ("Cc", letter.cc)):
                for rid in ids:
                    name = ws.recipients[rid].name.get(code)
                    check.text(name, "recipients", (rid, "name"), header)
    return list(dict.fromkeys(check.problems))
