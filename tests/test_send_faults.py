"""Faults while sending, against a real SMTP server on 127.0.0.1: a message is never
sent twice without being asked, and never lost silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_kit.errors import OutputError
from letter_kit.mail.journal import Entry, Journal

from .conftest import Cli
from .smtp import Server, configure, journal, to

pytestmark = pytest.mark.usefixtures("no_smtp_environment")

ADDRESSES = [f"office{n}@example.org" for n in range(3)]


def test_an_answer_after_the_timeout_is_unknown_and_not_sent_again(
    cli: Cli, example: Path, server: Server
) -> None:
    """The server takes the message but answers after the client gave up: the message
    was delivered, and --resume must not deliver it again."""
    configure(example, server, timeout="0.5")
    server.handler.slow_reply = 1.5
    first = cli("send", "harris-2021", *to(*ADDRESSES), "--send", cwd=example)
    assert first.code == 75
    assert "the message to office0@example.org was sent, but no answer came" in first.err
    assert len(server.handler.received) == 1
    server.handler.slow_reply = 0.0
    second = cli("send", "harris-2021", *to(*ADDRESSES), "--send", "--resume", cwd=example)
    assert second.code == 0, second.err
    assert second.out.endswith("2 sent, 0 already sent, 1 unknown\n")
    assert [r.recipients[0] for r in server.handler.received] == ADDRESSES  # each once


def test_a_permanent_refusal_of_data_is_a_failure_not_a_lost_connection(
    cli: Cli, example: Path, server: Server
) -> None:
    configure(example, server)
    server.handler.refuse_data = "554 5.7.1 message refused"
    result = cli("send", "harris-2021", *to(ADDRESSES[0]), "--send", cwd=example)
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "refused: office0@example.org: 554 5.7.1 message refused (DATA)"
    )
    assert [e["status"] for e in journal(example, "harris-2021")] == ["sending", "failed"]


def test_two_recipients_with_one_address_each_get_their_copy(
    cli: Cli, example: Path, server: Server
) -> None:
    """The journal knows messages by recipient: a shared address (an office) does not
    make one copy stand for the other, after a fault or with --force."""
    recipients = example / "data" / "recipients.yaml"
    text = recipients.read_text(encoding="utf-8")
    text = text.replace(
        "  email: president@whitehouse.example", "  email: vice.president@whitehouse.example"
    )
    recipients.write_text(text, encoding="utf-8")
    letter = example / "data" / "letters" / "harris-2021.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace(
            "recipients: [harris]", "recipients: [harris, biden]"
        ),
        encoding="utf-8",
    )
    configure(example, server)
    server.handler.drop_at_rcpt = 1
    assert cli("send", "harris-2021", "--to-recipients", "--send", cwd=example).code == 75
    server.handler.drop_at_rcpt = None
    resumed = cli("send", "harris-2021", "--to-recipients", "--send", "--resume", cwd=example)
    assert resumed.code == 0, resumed.err
    assert resumed.out.endswith("1 sent, 1 already sent\n")
    assert [
        e["recipient"] for e in journal(example, "harris-2021") if e["status"] == "accepted"
    ] == ["harris", "biden"]
    forced = cli("send", "harris-2021", "--to-recipients", "--send", "--force", cwd=example)
    assert forced.out.endswith("2 sent, 0 already sent\n")
    assert len(server.handler.received) == 4
    assert {r.recipients[0] for r in server.handler.received} == {
        "vice.president@whitehouse.example"
    }


def test_a_journal_that_cannot_record_a_delivery_says_so_and_holds_it(
    cli: Cli, example: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up after the second message went: the error names what went out,
    and --resume does not send that message again."""
    configure(example, server)
    append = Journal.append

    def full(self: Journal, entry: Entry) -> None:
        if entry.status == "accepted" and entry.recipient == ADDRESSES[1]:
            raise OutputError(f"cannot write the journal {self.path}: No space left on device")
        append(self, entry)

    monkeypatch.setattr(Journal, "append", full)
    first = cli("send", "harris-2021", *to(*ADDRESSES), "--send", cwd=example)
    assert first.code == 73
    assert first.err.startswith(
        "error: the message to office1@example.org was accepted (250 2.0.0 Ok: queued as 2), "
        "but the journal could not record it: cannot write the journal "
    )
    assert (
        "hint: sent in this run: office0@example.org, office1@example.org; the journal" in first.err
    )
    monkeypatch.setattr(Journal, "append", append)
    second = cli("send", "harris-2021", *to(*ADDRESSES), "--send", "--resume", cwd=example)
    assert second.code == 0, second.err
    assert second.out.endswith("1 sent, 1 already sent, 1 unknown\n")
    assert [r.recipients[0] for r in server.handler.received] == ADDRESSES  # each once


def test_the_journal_and_the_outbox_never_follow_a_link(
    cli: Cli, example: Path, server: Server, tmp_path: Path
) -> None:
    configure(example, server)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (example / "outbox").symlink_to(elsewhere)
    result = cli("send", "harris-2021", *to(ADDRESSES[0]), cwd=example)
    assert result.code == 73
    assert "outbox leads outside the workspace (it is a link)" in result.err
    assert list(elsewhere.iterdir()) == []
    (example / "outbox").unlink()
    folder = example / "outbox" / "harris-2021"
    folder.mkdir(parents=True)
    target = tmp_path / "victim.txt"
    target.write_text("keep\n", encoding="utf-8")
    (folder / "journal.jsonl").symlink_to(target)
    result = cli("send", "harris-2021", *to(ADDRESSES[0]), "--send", cwd=example)
    assert result.code == 73
    assert "journal.jsonl is a link" in result.err
    assert target.read_text(encoding="utf-8") == "keep\n"
    assert server.handler.received == []


def test_a_mistyped_host_is_a_configuration_error(cli: Cli, example: Path) -> None:
    (example / "letterkit.toml").write_text(
        '[smtp]\nhost = "smtp.no-such-host.invalid"\nport = 25\nsecurity = "none"\n',
        encoding="utf-8",
    )
    result = cli("send", "harris-2021", *to(ADDRESSES[0]), "--send", cwd=example)
    assert result.code == 78
    assert result.err.startswith(
        "error: cannot find the SMTP server 'smtp.no-such-host.invalid': no such host\n"
    )


@pytest.mark.parametrize("word", ["Long", "Nguyễn"], ids=["ascii", "vietnamese"])
def test_a_long_name_is_refused_at_check_or_folds_within_the_line_limit(
    word: str, cli: Cli, example: Path, tmp_path: Path
) -> None:
    recipients = example / "data" / "recipients.yaml"
    original = recipients.read_text(encoding="utf-8")
    for length, ok in ((200, True), (201, False)):
        name = (word + " ") * 60
        name = name[: length - 1].rstrip() + "X" * (length - len(name[: length - 1].rstrip()))
        assert len(name) == length
        recipients.write_text(
            original.replace("  name: Kamala D. Harris", f"  name: {name}"), encoding="utf-8"
        )
        check = cli("check", cwd=example)
        if not ok:
            assert check.code == 65
            assert check.err.startswith("data/recipients.yaml:")
            assert (
                f"harris.name: is too long for the To header ({length} characters; at most 200)"
                in check.err
            )
            continue
        assert check.code == 0, check.err
        out = tmp_path / f"{word}.eml"
        assert cli("draft", "harris-2021", "-f", "eml", "-o", str(out), cwd=example).code == 0
        raw = out.read_bytes()
        assert max(len(line) for line in raw.split(b"\r\n")) <= 998
        import email
        from email import policy

        parsed = email.message_from_bytes(raw, policy=policy.default)
        assert parsed["To"].addresses[0].display_name == name
