"""The email writer: golden messages, their parts, attachments, and header safety."""

from __future__ import annotations

import dataclasses
import io
import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import cache
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letter_kit import (
    DataError,
    DraftOptions,
    LetterkitError,
    Workspace,
    compose,
    draft,
    load_workspace,
)
from letter_kit.mail.envelope import Mailbox, envelope
from letter_kit.workspace.models import Recipient
from letter_kit.writers import eml

from .conftest import FIXTURES, GOLDEN, ROOT, Cli, check_golden, snapshot
from .test_writers import typeset


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


def _parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _without_date_and_id(data: bytes) -> str:
    text = data.decode("ascii")
    return re.sub(r"^(Date|Message-ID): .*\r\n", "", text, flags=re.M)


@pytest.mark.parametrize(
    "letter", ["harris-2021", "biden-2023", "harris-2021-press", "market-economy-2024"]
)
def test_golden_eml(letter: str, update_golden: bool) -> None:
    data = draft(_example(), letter, DraftOptions(fmt="eml"))
    assert data.count(b"\r\n") == data.count(b"\n")  # CRLF line ends throughout
    check_golden(GOLDEN / f"{letter}.en-vi.eml", _without_date_and_id(data), update_golden)


def test_drafting_twice_gives_the_same_bytes() -> None:
    options = DraftOptions(fmt="eml", attach=("pdf",))
    assert draft(_example(), "harris-2021", options) == draft(
        load_workspace(ROOT), "harris-2021", options
    )


def test_the_message_and_its_parts() -> None:
    message = _parse(draft(_example(), "harris-2021", DraftOptions(fmt="eml")))
    assert list(message.keys()) == [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
    ]  # fmt: skip
    assert message["From"] == "Tung B Nguyen <vnhrnet@vietnamhumanrights.net>"
    assert message["To"] == '"Kamala D. Harris" <vice.president@whitehouse.example>'
    assert message["Subject"] == (
        "Protecting Human Rights Activists in Vietnam / "
        "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam"
    )
    assert message["Date"] == "Wed, 04 Aug 2021 12:00:00 +0000"
    assert re.fullmatch(
        r"<harris-2021\.[0-9a-f]{24}@vietnamhumanrights\.net>", message["Message-ID"]
    )
    assert message.get_content_type() == "multipart/alternative"
    plain, related = message.iter_parts()
    assert (plain.get_content_type(), plain.get_content_charset()) == ("text/plain", "utf-8")
    # the HTML with its images: the two logos, drawn as PNG, named by the page (cid:)
    html, *logos = related.iter_parts()
    assert related.get_content_type() == "multipart/related"
    assert (html.get_content_type(), html.get_content_charset()) == ("text/html", "utf-8")
    assert sorted((p.get_content_type(), str(p.get_filename())) for p in logos) == [
        ("image/png", "dtd.png"), ("image/png", "vnhrn.png")
    ]  # fmt: skip
    for logo in logos:
        assert logo.get_content().startswith(b"\x89PNG")
        assert f'src="cid:{logo["Content-ID"].strip("<>")}"' in html.get_content()
    text = plain.get_content().replace("\r\n", "\n")
    assert text == (GOLDEN / "harris-2021.en.txt").read_text(encoding="utf-8") + "\n" + "=" * 72 + (
        "\n\n" + (GOLDEN / "harris-2021.vi.txt").read_text(encoding="utf-8")
    )
    # it reads like the letter, with its note
    assert "Dear Vice President Harris," in text
    assert "288[1] prisoners of conscience" in text
    assert (
        "[1] Vietnam Human Rights Network, Report on Human Rights in Vietnam\n    2020–2021."
        in text
    )
    page = html.get_content()
    assert '<p style="margin:0 0 14px 0;">Dear Vice President Harris,</p>' in page
    assert "<style" not in page  # inline styles only


def test_vietnamese_display_names_are_encoded() -> None:
    data = draft(_example(), "harris-2021", DraftOptions(fmt="eml", languages=("vi", "en")))
    head = data.split(b"\r\n\r\n")[0].decode("ascii")
    assert "From: =?utf-8?" in head  # RFC 2047, no raw UTF-8 in the header
    message = _parse(data)
    assert message["From"].addresses[0].display_name == "Nguyễn Bá Tùng"
    assert message["Subject"].startswith("Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam / ")


def test_the_pdf_is_attached_when_asked(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "h.eml"
    result = cli("draft", "harris-2021", "-f", "eml", "--attach-pdf", "-o", str(target))
    assert result.code == 0, result.err
    message = _parse(target.read_bytes())
    assert message.get_content_type() == "multipart/mixed"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "harris-2021.pdf"
    pdf = pypdf.PdfReader(io.BytesIO(attachment.get_content()))
    assert "Dear Vice President Harris," in pdf.pages[0].extract_text()
    assert cli("draft", "harris-2021", "-f", "md", "--attach-pdf").code == 2


def test_encoded_words_in_the_data_are_refused_with_their_place(minimal: Path, cli: Cli) -> None:
    path = minimal / "data" / "recipients.yaml"
    path.write_text(
        path.read_text().replace("name: Jan Novak", "name: '=?utf-8?q?Jan=0ABcc:_x@y.z?='")
        + "  email: minister@example.org\n",
        encoding="utf-8",
    )
    (minimal / "data" / "organizations.yaml").write_text(
        "free:\n  name: Free Press Group\n  email: office@free.example\n", encoding="utf-8"
    )
    before = snapshot(minimal)
    result = cli("draft", "test-letter", "-f", "eml", cwd=minimal)
    assert result.code == 65
    assert result.err == (
        "data/recipients.yaml:3:9: minister.name: cannot be used in the To header: it holds "
        "'=?', which mail programs decode as an encoded word\n"
        "  hint: remove that character from the data\n"
    )
    assert snapshot(minimal) == before


def test_a_recipient_without_an_address(minimal: Path, cli: Cli) -> None:
    (minimal / "data" / "organizations.yaml").write_text(
        "free:\n  name: Free Press Group\n  email: office@free.example\n", encoding="utf-8"
    )
    result = cli("draft", "test-letter", "-f", "eml", cwd=minimal)
    assert result.code == 65
    assert result.err == (
        "data/recipients.yaml:1:1: minister: recipient 'minister' has no email address\n"
        "  hint: add 'email:' to the recipient, or send to other addresses with --to\n"
    )


def test_no_sender_address(minimal: Path, cli: Cli) -> None:
    path = minimal / "data" / "recipients.yaml"
    path.write_text(path.read_text() + "  email: minister@example.org\n", encoding="utf-8")
    orgs = minimal / "data" / "organizations.yaml"
    orgs.write_text(orgs.read_text().replace("  email: office@free.example\n", ""))
    result = cli("draft", "test-letter", "-f", "eml", cwd=minimal)
    assert result.code == 65
    message = (
        "data/letters/test-letter.yaml:12:1: signatories: no sender address: no signing "
        "organisation has one; the first, free (Free Press Group), has no 'email:' and no "
        "'contact:' with an email\n"
        "  hint: add 'email:' to free in data/organizations.yaml, or a 'contact:' person with "
        "an email, or name a sender with 'sender:'\n"
    )
    assert result.err == message
    assert cli("check", cwd=minimal).err == message  # check and draft agree


# Any name, any subject ------------------------------------------------------------------

HOSTILE = ["\r\n", "\n", "\r", "Bcc: x@y.z", "=?utf-8?q?", "?=", "=0A", "Nguyễn", "Việt Tân",
           "=?utf-8?q?Bcc=3A_x=40y.z?=", "=?utf-8?b?QmNjOiB4QHkueg==?=", "=?utf-8?q?a=0D=0ABcc:_b?=",
           ":", ";", ",", '"', "<", ">", "@", "\\", "\x00", "\u202e", "\u2028", "\t", " "]  # fmt: skip
texts = st.lists(
    st.sampled_from(HOSTILE) | st.text(alphabet="abcXYZ ảệ", min_size=1, max_size=3),
    min_size=1,
    max_size=8,
).map("".join)


@cache
def _minimal() -> Workspace:
    return load_workspace(FIXTURES / "minimal")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, subject=texts)
def test_any_name_and_subject_is_refused_or_keeps_the_headers_exact(
    name: str, subject: str
) -> None:
    ws = _minimal()
    # Bypass the loader's own checks: the mail layer must stand on its own.
    # The loader trims names and collapses runs of spaces; CR, LF and the rest it leaves
    # for this test, to show that the mail layer refuses them by itself.
    name, subject = (re.sub(" +", " ", value).strip(" ") for value in (name, subject))
    if not name or not subject:
        return
    recipient = Recipient.model_construct(**{**dict(ws.recipients["minister"]), "name": _text(name),
                                             "email": "minister@example.org"})  # fmt: skip
    letter = ws.letters["test-letter"].model_copy(update={"subject": _text(subject)})
    org = ws.organizations["free"].model_copy(update={"email": "office@free.example"})
    ws = dataclasses.replace(ws, recipients={"minister": recipient}, organizations={"free": org},
                             letters={"test-letter": letter})  # fmt: skip
    docs = [compose(ws, "test-letter", "en")]
    try:
        env = envelope(ws, "test-letter", ["en"])
    except DataError as error:
        assert error.problems[0].message.startswith("cannot be used in the")
        return
    message = _parse(eml.write(docs, env))
    assert list(message.keys()) == [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
    ]  # fmt: skip
    assert message["Subject"] == typeset(subject)  # with the letter's quotation marks
    assert message["To"].addresses[0].display_name == name
    assert message["To"].addresses[0].addr_spec == "minister@example.org"


def _text(value: str) -> object:
    from letter_kit.workspace.fields import Text

    return Text.model_construct(root={"*": value})


@pytest.mark.parametrize(
    ("name", "subject"),
    [("=?utf-8?q?x?=", "Release them"), ("Jan Novak", "=?utf-8?q?Free?= them")],
)
def test_a_header_that_would_read_otherwise_is_never_written(name: str, subject: str) -> None:
    """The last guard, behind the envelope's own checks: every header is read back."""
    ws = load_workspace(ROOT)
    docs = [compose(ws, "harris-2021", "en")]
    sent = envelope(ws, "harris-2021", ["en"])
    tampered = dataclasses.replace(sent, to=(Mailbox(name, "jan@gov.example"),), subject=subject)
    with pytest.raises(LetterkitError, match="headers would not read as intended"):
        eml.write(docs, tampered)
