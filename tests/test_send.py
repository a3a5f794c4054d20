"""letterkit send, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pypdf
import pytest

from .conftest import Cli, snapshot
from .smtp import Server, configure, journal, smtp_server, to

pytestmark = pytest.mark.usefixtures("no_smtp_environment")

ADDRESSES = [f"office{n}@example.org" for n in range(5)]


def test_a_dry_run_connects_to_nothing_and_fills_the_outbox(
    cli: Cli, example: Path, server: Server
) -> None:
    configure(example, server)
    result = cli("send", "harris-2021", "--to-recipients", cwd=example)
    assert result.code == 0, result.err
    outbox = example / "outbox" / "harris-2021"
    assert result.out == (
        f"--- 1/1 {outbox / '01-vice-president-whitehouse-example.eml'}\n"
        "From: Tung B Nguyen <vnhrnet@vietnamhumanrights.net>\n"
        "To: Kamala D. Harris <vice.president@whitehouse.example>\n"
        "Subject: Protecting Human Rights Activists in Vietnam / "
        "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam\n"
        "    Vietnam Human Rights Network\n"
        "    www.vietnamhumanrights.net · vnhrnet@vietnamhumanrights.net\n"
        "    Defend the Defenders\n"
        "    www.vietnamhumanrightsdefenders.net\n"
        f"dry run: 1 message written to {outbox}; nothing was sent (add --send to send)\n"
    )
    assert server.handler.sessions == 0
    assert [p.name for p in outbox.iterdir()] == ["01-vice-president-whitehouse-example.eml"]


def test_a_dry_run_shows_each_message_in_full(cli: Cli, example: Path) -> None:
    result = cli("send", "harris-2021", "--to-recipients", "--show", "--attach", "pdf",
                 cwd=example)  # fmt: skip
    assert result.code == 0, result.err
    head, text = result.out.split("\n\n", 1)
    assert head.splitlines()[0] == (
        "--- 1/1 outbox/harris-2021/01-vice-president-whitehouse-example.eml"
    )
    assert head.splitlines()[1:4] == [
        "From: Tung B Nguyen <vnhrnet@vietnamhumanrights.net>",
        "To: Kamala D. Harris <vice.president@whitehouse.example>",
        "Subject: Protecting Human Rights Activists in Vietnam / "
        "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam",
    ]
    assert re.fullmatch(r"Attached: harris-2021\.pdf \([0-9,]+ bytes\)", head.splitlines()[4])
    # the whole letter, both languages, as the text the recipient reads
    drafted = cli("draft", "harris-2021", "-f", "txt", cwd=example).out
    assert text.endswith(
        drafted + "dry run: 1 message written to "
        f"{example / 'outbox' / 'harris-2021'}; nothing was sent (add --send to send)\n"
    )


def test_send_delivers_what_was_drafted(cli: Cli, example: Path, server: Server) -> None:
    configure(example, server)
    result = cli("send", "harris-2021", "--to-recipients", "--send", "--attach-pdf", cwd=example)
    assert result.code == 0, result.err
    assert result.out.endswith("1 sent, 0 already sent\n")
    (received,) = server.handler.received
    assert received.sender == "vnhrnet@vietnamhumanrights.net"
    assert received.recipients == ["vice.president@whitehouse.example"]
    message = received.message
    assert message["Subject"].startswith("Protecting Human Rights Activists in Vietnam / Bảo vệ")
    assert message["From"].addresses[0].display_name == "Tung B Nguyen"
    assert message["Message-ID"].endswith("@vietnamhumanrights.net>")
    assert message["Message-ID"] != _drafted_id(example)  # sending sets a real one
    body = message.get_body(("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    assert "Kính thưa Phó Tổng thống Harris," in body.get_content()
    html = message.get_body(("html",))
    assert html is not None and "Kính thưa Phó Tổng thống Harris," in html.get_content()
    (attachment,) = list(message.iter_attachments())
    pdf = pypdf.PdfReader(io.BytesIO(attachment.get_content()))
    assert "Dear Vice President Harris," in pdf.pages[0].extract_text()
    sending, entry = journal(example, "harris-2021")
    assert sending["status"] == "sending"  # written before the message went
    assert entry["recipient"] == "harris"  # the recipient: two may share an address
    assert entry["address"] == "vice.president@whitehouse.example"
    assert entry["status"] == "accepted"
    assert entry["reply"] == "250 2.0.0 Ok: queued as 1"
    assert entry["message_id"] == message["Message-ID"]


def _drafted_id(workspace: Path) -> str:
    from email import message_from_bytes, policy

    drafted = workspace / "outbox" / "harris-2021" / "01-vice-president-whitehouse-example.eml"
    return str(message_from_bytes(drafted.read_bytes(), policy=policy.default)["Message-ID"])


def test_nothing_goes_out_twice(cli: Cli, example: Path, server: Server) -> None:
    configure(example, server)
    assert cli("send", "biden-2023", *to(*ADDRESSES[:2]), "--send", cwd=example).code == 0
    again = cli("send", "biden-2023", *to(*ADDRESSES[:2]), "--send", cwd=example)
    assert again.code == 2
    assert again.err.startswith("error: 2 message(s) of biden-2023 were already sent")
    resumed = cli("send", "biden-2023", *to(*ADDRESSES[:3]), "--send", "--resume", cwd=example)
    assert resumed.out.endswith("1 sent, 2 already sent\n")
    assert [r.recipients for r in server.handler.received] == [[a] for a in ADDRESSES[:3]]


def test_a_connection_lost_before_a_message_goes_is_resumed(
    cli: Cli, example: Path, server: Server
) -> None:
    """Lost before the message was sent (at RCPT): nothing of it reached the server,
    so --resume sends it, and every address gets its message once."""
    configure(example, server)
    server.handler.drop_at_rcpt = 2
    first = cli("send", "biden-2023", *to(*ADDRESSES), "--send", cwd=example)
    assert first.code == 75
    assert first.err == (
        "error: the server deferred the message to office2@example.org: connection lost "
        "before the message was sent: Connection unexpectedly closed\n"
        "  hint: nothing else was sent; run 'letterkit send biden-2023 --send --resume' later\n"
    )
    statuses = [e["status"] for e in journal(example, "biden-2023")]
    assert statuses == ["sending", "accepted", "sending", "accepted", "sending", "deferred"]
    server.handler.drop_at_rcpt = None
    second = cli("send", "biden-2023", *to(*ADDRESSES), "--send", "--resume", cwd=example)
    assert second.code == 0, second.err
    assert second.out.endswith("3 sent, 2 already sent\n")
    delivered = [r.recipients[0] for r in server.handler.received]
    assert delivered == ADDRESSES  # every one once, in order


def test_a_connection_lost_after_a_message_went_is_not_sent_again(
    cli: Cli, example: Path, server: Server
) -> None:
    """Lost after the message was sent, before the answer: it may have been delivered.
    --resume sends the rest and names it; only --resend-unknown sends it again."""
    configure(example, server)
    server.handler.drop_after = 2  # takes the third message, then closes without a word
    first = cli("send", "biden-2023", *to(*ADDRESSES), "--send", cwd=example)
    assert first.code == 75
    assert first.err == (
        "error: the message to office2@example.org was sent, but no answer came (Connection "
        "unexpectedly closed): it may have been delivered\n"
        "  hint: sent in this run: office0@example.org, office1@example.org; 'letterkit send "
        "biden-2023 --send --resume' sends the rest and not this one; ask the recipient, and "
        "add --resend-unknown to send it again\n"
    )
    assert [e["status"] for e in journal(example, "biden-2023")][-2:] == ["sending", "unknown"]
    server.handler.drop_after = None
    second = cli("send", "biden-2023", *to(*ADDRESSES), "--send", "--resume", cwd=example)
    assert second.code == 0, second.err
    assert second.out.endswith(
        "unknown: office2@example.org: went out earlier and no answer came; not sent again "
        "(--resend-unknown sends it)\n2 sent, 2 already sent, 1 unknown\n"
    )
    assert [r.recipients[0] for r in server.handler.received] == [
        ADDRESSES[0],
        ADDRESSES[1],
        ADDRESSES[3],
        ADDRESSES[4],
    ]
    third = cli("send", "biden-2023", *to(*ADDRESSES), "--send", "--resume",
                "--resend-unknown", cwd=example)  # fmt: skip
    assert third.code == 0, third.err
    assert third.out.endswith("1 sent, 4 already sent\n")
    assert [r.recipients[0] for r in server.handler.received][-1] == ADDRESSES[2]


def test_a_changed_letter_is_not_resumed_without_force(
    cli: Cli, example: Path, server: Server
) -> None:
    configure(example, server)
    assert (
        cli("send", "harris-2021", *to(*ADDRESSES[:2]), "--send", "--limit", "1", cwd=example).code
        == 0
    )
    letter = example / "data" / "letters" / "harris-2021.yaml"
    letter.write_text(letter.read_text().replace("a safe and successful journey", "a safe journey"))
    result = cli("send", "harris-2021", *to(*ADDRESSES[:2]), "--send", "--resume", cwd=example)
    assert result.code == 2
    assert result.err.startswith("error: harris-2021 changed since 1 message(s) of it were sent")
    forced = cli(
        "send", "harris-2021", *to(*ADDRESSES[:2]), "--send", "--resume", "--force", cwd=example
    )
    assert forced.out.endswith("1 sent, 1 already sent\n")
    assert len(server.handler.received) == 2


def test_refused_recipients_are_recorded_not_dropped(
    cli: Cli, example: Path, server: Server
) -> None:
    configure(example, server)
    server.handler.refuse = {ADDRESSES[1]}
    result = cli("send", "harris-2021", *to(*ADDRESSES[:3]), "--send", cwd=example)
    assert result.code == 1
    assert f"refused: {ADDRESSES[1]}: {ADDRESSES[1]}: 550 5.1.1 no such mailbox\n" in result.out
    assert result.out.endswith("2 sent, 0 already sent, 1 refused\n")
    statuses = {e["recipient"]: e["status"] for e in journal(example, "harris-2021")}
    assert statuses == {ADDRESSES[0]: "accepted", ADDRESSES[1]: "failed", ADDRESSES[2]: "accepted"}
    server.handler.refuse = set()
    retry = cli("send", "harris-2021", *to(*ADDRESSES[:3]), "--send", "--resume", cwd=example)
    assert retry.out.endswith("1 sent, 2 already sent\n")


def test_a_temporary_refusal_stops_the_run(cli: Cli, example: Path, server: Server) -> None:
    configure(example, server)
    server.handler.defer = {ADDRESSES[0]}
    result = cli("send", "harris-2021", *to(*ADDRESSES[:2]), "--send", cwd=example)
    assert result.code == 75
    assert (
        "the server deferred the message to office0@example.org: 451 4.3.0 try again later"
        in result.err
    )
    assert server.handler.received == []
    assert [e["status"] for e in journal(example, "harris-2021")] == ["sending", "deferred"]


def test_limit_and_rate(cli: Cli, example: Path, server: Server) -> None:
    configure(example, server)
    limited = cli("send", "harris-2021", *to(*ADDRESSES), "--send", "--limit", "2", cwd=example)
    assert limited.out.endswith("2 sent, 0 already sent; 3 left: run again with --resume\n")
    start = time.monotonic()
    paced = cli("send", "harris-2021", *to(*ADDRESSES), "--send", "--resume", "--per-minute", "300",
                cwd=example)  # fmt: skip
    elapsed = time.monotonic() - start
    assert paced.out.endswith("3 sent, 2 already sent\n")
    assert elapsed >= 2 * 60 / 300  # three messages, two gaps of 0.2 s
    for bad in (["--limit", "0"], ["--per-minute", "0"]):
        assert cli("send", "harris-2021", *to(ADDRESSES[0]), *bad, cwd=example).code == 2


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_self_signed_certificate_is_refused_unless_its_ca_is_given(
    security: str, cli: Cli, example: Path, tmp_path: Path
) -> None:
    with smtp_server(tmp_path, tls=security) as server:
        configure(example, server, security=security)
        before = snapshot(example / "data")
        refused = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
        assert refused.code == 78
        assert refused.err.startswith("error: the certificate of 127.0.0.1 cannot be verified")
        assert server.handler.received == []
        assert server.port and server.cafile is not None
        configure(example, server, security=security, cafile=str(server.cafile))
        accepted = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
        assert accepted.code == 0, accepted.err
        assert len(server.handler.received) == 1
        assert snapshot(example / "data") == before


def test_login_uses_the_password_from_the_environment(
    cli: Cli, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with smtp_server(tmp_path, tls="starttls", password="s3cret") as server:
        configure(example, server, security="starttls", cafile=str(server.cafile), user="vnhrn")
        monkeypatch.setenv("LETTERKIT_SMTP_PASSWORD", "wrong")
        wrong = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
        assert wrong.code == 78
        assert wrong.err.startswith("error: 127.0.0.1 refused the login for vnhrn: 535")
        monkeypatch.setenv("LETTERKIT_SMTP_PASSWORD", "s3cret")
        right = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
        assert right.code == 0, right.err
        # smtplib tries its next mechanism after a refusal: the wrong password may come twice
        assert set(server.handler.logins[:-1]) == {("vnhrn", "wrong")}
        assert server.handler.logins[-1] == ("vnhrn", "s3cret")


@pytest.mark.parametrize("password", ["mật-khẩu", "пароль", "s3cret"])
def test_a_password_in_any_language_logs_in(
    password: str, cli: Cli, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with smtp_server(tmp_path, tls="starttls", password=password) as server:
        configure(example, server, security="starttls", cafile=str(server.cafile), user="Tùng")
        monkeypatch.setenv("LETTERKIT_SMTP_PASSWORD", password)
        sent = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
        assert sent.code == 0, sent.err
        assert server.handler.logins == [("Tùng", password)]
        assert len(server.handler.received) == 1


def test_logging_in_without_encryption_only_on_127_0_0_1(
    cli: Cli, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTERKIT_SMTP_PASSWORD", "s3cret")
    with smtp_server(tmp_path, password="s3cret") as server:
        configure(example, server, user="vnhrn")
        assert cli("send", "harris-2021", "--to-recipients", "--send", cwd=example).code == 0
        monkeypatch.setenv("LETTERKIT_SMTP_HOST", "localhost")
        result = cli("send", "harris-2021", "--to-recipients", "--send", "--force", cwd=example)
        assert result.code == 78
        assert result.err.startswith(
            "error: refusing to log in to localhost over an unencrypted connection"
        )
        assert len(server.handler.received) == 1


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('password = "hunter2"', "a password may not be kept in the workspace\n"
         "  hint: remove it; set LETTERKIT_SMTP_PASSWORD or type it when asked"),
        ('hots = "x"', "unknown [smtp] setting 'hots'\n  hint: did you mean 'host'?"),
        ('security = "ssl"', "[smtp] security: 'ssl' is not one of: 'starttls', 'tls' or 'none'"),
        ("port = 'x'", "[smtp] port: expected a number, got 'x'"),
    ],
)  # fmt: skip
def test_settings_errors(setting: str, message: str, cli: Cli, example: Path) -> None:
    (example / "letterkit.toml").write_text(f'[smtp]\nhost = "127.0.0.1"\n{setting}\n')
    result = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
    assert (result.code, result.err) == (78, f"error: letterkit.toml:3:1: {message}\n")


def test_no_server_configured(cli: Cli, example: Path) -> None:
    result = cli("send", "harris-2021", "--to-recipients", "--send", cwd=example)
    assert result.code == 78
    assert result.err.startswith("error: no SMTP server to send through")
    assert not (example / "outbox").exists()


def test_who_to_send_to(cli: Cli, example: Path) -> None:
    neither = cli("send", "harris-2021", cwd=example)
    assert neither.code == 2
    assert "say who to send to" in neither.err
    bad = cli("send", "harris-2021", "--to", "x@y.z\r\nBcc: a@b.c", cwd=example)
    assert bad.code == 2
    assert "holds U+000D CARRIAGE RETURN" in bad.err
