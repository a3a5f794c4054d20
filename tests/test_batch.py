"""One letter per recipient: ``letterkit draft LETTER --per-recipient -o DIR``."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
import tempfile
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pypdf
import pytest

from letter_kit import DraftOptions, Workspace, draft, draft_each, load_workspace

from .conftest import ROOT, Cli, snapshot
from .test_writers_pdf import pdf_text

MEMBERS = [
    ("lowenthal", "Alan Lowenthal", "Dear Representative Lowenthal", "Kính thưa Dân biểu Lowenthal"),
    ("tran", "Derek Trần", "Dear Representative Trần", "Kính thưa Dân biểu Trần"),
    ("nguyen", "Nguyễn Thị Ánh", "Dear Representative Nguyễn", "Kính thưa Dân biểu Nguyễn"),
]  # fmt: skip


def _member(rid: str, name: str, en: str, vi: str, *, email: bool = True, group: str = "caucus") -> str:  # fmt: skip
    return (
        f"{rid}:\n"
        "  honorific: {en: The Honorable, vi: Ngài}\n"
        f"  name: {name}\n"
        "  title: {en: Member of Congress, vi: Dân biểu Quốc hội}\n"
        "  address:\n"
        f"    en: [{rid.title()} Office Building, 'Washington, DC 20515']\n"
        f"    vi: [Tòa nhà {rid.title()}, 'Washington, DC 20515']\n"
        f"  salutation: {{en: {en}, vi: {vi}}}\n"
        + (f"  email: {rid}@house.example\n" if email else "")
        + f"  groups: [{group}]\n"
    )


def _caucus(minimal: Path, members: str) -> Path:
    """The minimal workspace with ``members`` and its letter addressed to the caucus."""
    data = minimal / "data"
    (data / "recipients.yaml").write_text(members, encoding="utf-8")
    letter = data / "letters" / "test-letter.yaml"
    text = letter.read_text(encoding="utf-8").replace("recipients: [minister]", "groups: [caucus]")
    letter.write_text(text, encoding="utf-8")
    return minimal


@pytest.fixture
def caucus(minimal: Path) -> Path:
    """A letter to a group of three, one of them with a Vietnamese name."""
    return _caucus(minimal, "".join(_member(*m) for m in MEMBERS))


def _alone(ws: Workspace, letter_id: str, recipient: str) -> Workspace:
    """The workspace with the letter addressed to ``recipient`` and no one else."""
    letter = ws.letters[letter_id].model_copy(update={"recipients": [recipient], "groups": []})
    return Workspace(**{**vars(ws), "letters": {**ws.letters, letter_id: letter}})


def test_a_group_of_three_gives_three_letters_that_differ_only_in_the_address(
    caucus: Path, cli: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cli("draft", "test-letter", "-l", "en", "--per-recipient", "-f", "md", "-o", str(out),
                 cwd=caucus)  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == f"wrote 3 files to {out}\n"
    assert sorted(p.name for p in out.iterdir()) == ["lowenthal.md", "nguyen.md", "tran.md"]
    texts = {rid: (out / f"{rid}.md").read_text(encoding="utf-8") for rid, *_ in MEMBERS}
    assert texts["nguyen"] == (
        "Free Press Group\\\n"
        "office@free.example\n\n"
        "March 1, 2024\n\n"
        "The Honorable Nguyễn Thị Ánh\\\n"
        "Member of Congress\\\n"
        "Nguyen Office Building\\\n"
        "Washington, DC 20515\n\n"
        "**Re:** Release the journalists\n\n"
        "Dear Representative Nguyễn,\n\n"
        "We write about the journalists in prison.[^1]\n\n"
        "Sincerely,\n\n"
        "**Free Press Group**\n\n"
        "[^1]: *Annual Report*, January 15, 2024.\n"
    )
    heads, bodies = {}, set()
    for rid, name, salutation, _vi in MEMBERS:
        head, body = texts[rid].split("**Re:**")
        assert f"The Honorable {name}\\\n" in head
        assert f"{rid.title()} Office Building" in head
        assert body.count(f"\n{salutation},\n") == 1
        heads[rid] = head
        bodies.add(body.replace(salutation, "SALUTATION"))
    assert len(set(heads.values())) == 3
    assert len(bodies) == 1  # the same body, notes and signatures for every one


def test_each_file_is_the_letter_drafted_for_that_recipient_alone(tmp_path: Path) -> None:
    ws = load_workspace(ROOT)
    for fmt in ("md", "txt", "html"):
        options = DraftOptions(fmt=fmt, languages=("en", "vi"))
        for letter_id in ("harris-2021", "biden-2023", "harris-2021-press"):
            out = tmp_path / f"{letter_id}-{fmt}"
            result = draft_each(ws, letter_id, options, out)
            assert not result.failed
            (recipient,) = ws.recipients_of(ws.letters[letter_id])
            assert result.written == [out / f"{recipient}.{fmt}"]
            alone = draft(_alone(ws, letter_id, recipient), letter_id, options)
            assert result.written[0].read_bytes() == alone


def test_per_recipient_pdfs_in_both_languages(
    caucus: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "pdf"
    result = cli("draft", "test-letter", "--per-recipient", "-f", "pdf", "-o", str(out),
                 cwd=caucus)  # fmt: skip
    assert result.code == 0, result.err
    assert result.err == f"wrote 3 files to {out}\n"
    bodies = set()
    for rid, name, en, vi in MEMBERS:
        text = pdf_text((out / f"{rid}.pdf").read_bytes())
        assert text.count(name) == 2, text  # the address block, in each language
        assert f"{en}," in text and f"{vi}," in text
        others = [m for m in MEMBERS if m[0] != rid]
        assert not any(other[1] in text or other[2] in text for other in others)
        bodies.add(text.replace(name, "NAME").replace(en, "EN").replace(vi, "VI").replace(
            f"Tòa nhà {rid.title()}", "OFFICE").replace(f"{rid.title()} Office Building", "OFFICE"))  # fmt: skip
    assert len(bodies) == 1
    assert list(scratch.iterdir()) == []  # the compilers' folders are gone


def test_one_recipient_without_an_address_fails_alone(
    minimal: Path, cli: Cli, tmp_path: Path
) -> None:
    members = [_member(*m, email=m[0] != "tran") for m in MEMBERS]
    workspace = _caucus(minimal, "".join(members))
    before = snapshot(workspace)
    out = tmp_path / "mail"
    result = cli("draft", "test-letter", "--per-recipient", "-f", "eml", "-o", str(out),
                 cwd=workspace)  # fmt: skip
    assert result.code == 1
    assert result.err == (
        "failed: tran: data/recipients.yaml:11:1: tran: recipient 'tran' has no email address\n"
        "  hint: add 'email:' to the recipient, or send to other addresses with --to\n"
        f"wrote 2 files to {out}; 1 failed\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["lowenthal.eml", "nguyen.eml"]
    for rid, name, en, _vi in MEMBERS[::2]:
        message = message_from_bytes((out / f"{rid}.eml").read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        assert message["To"] == f"{name} <{rid}@house.example>"
        body = message.get_body(("plain",))
        assert body is not None
        assert f"{en}," in body.get_content()
    assert snapshot(workspace) == before


def _twenty(minimal: Path) -> Path:
    """The caucus is twenty, enough to be shared among workers; m07 has no email."""
    names = ["Nguyễn Văn", "Trần Thị", "Lê Đức", "Phạm Quỳnh", "Hoàng Ngọc", "Vũ Thành"]
    members = [
        _member(
            f"m{i:02d}",
            f"{names[i % 6]} {i}",
            f"Dear Member {i}",
            f"Kính thưa Dân biểu {i}",
            email=i != 7,
        )
        for i in range(20)
    ]
    return _caucus(minimal, "".join(members))


def test_many_recipients_in_order_with_progress(minimal: Path, tmp_path: Path) -> None:
    ws = load_workspace(_twenty(minimal))
    out = tmp_path / "out"
    seen: list[tuple[int, int]] = []
    options = DraftOptions(fmt="eml")
    result = draft_each(ws, "test-letter", options, out, progress=lambda *p: seen.append(p))
    assert seen == [(done, 20) for done in range(1, 21)]
    assert [rid for rid, _ in result.failed] == ["m07"]
    assert result.written == [out / f"m{i:02d}.eml" for i in range(20) if i != 7]
    for path in result.written:
        rid = path.stem
        alone = draft(_alone(ws, "test-letter", rid), "test-letter", options)
        drop = (b"Date:", b"Message-ID:")
        assert [line for line in path.read_bytes().splitlines() if not line.startswith(drop)] == [
            line for line in alone.splitlines() if not line.startswith(drop)
        ]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in result.written]


def test_pdfs_made_by_workers_each_with_their_own_compiler(minimal: Path, tmp_path: Path) -> None:
    workspace = _twenty(minimal)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out"
    # A new process: this one may have run Typst's threads already, and then does not fork.
    done = subprocess.run(
        [sys.executable, "-m", "letter_kit", "draft", "test-letter", "--per-recipient",
         "-f", "pdf", "-l", "vi", "-o", str(out)],
        cwd=workspace, capture_output=True, check=False,
        env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert (done.returncode, done.stderr.decode()) == (0, f"wrote 20 files to {out}\n")
    for i in range(20):
        text = pdf_text((out / f"m{i:02d}.pdf").read_bytes())
        assert f"Kính thưa Dân biểu {i}," in text
        assert [n for n in range(20) if f"Dân biểu {n}," in text] == [i]
    assert list(scratch.iterdir()) == []  # the workers' compiler folders are gone


def test_no_fork_once_this_process_runs_other_threads(tmp_path: Path) -> None:
    """Drafting a PDF starts no thread here (Typst runs in a process of its own); a
    thread of any kind forbids forking."""
    program = (
        "import threading, time\n"
        "from pathlib import Path\n"
        "from letter_kit.parallel import _can_fork\n"
        "from letter_kit.workspace.loading import load_workspace\n"
        "from letter_kit.drafting.output import DraftOptions, draft\n"
        "draft(load_workspace(Path('.')), 'harris-2021', DraftOptions(fmt='pdf'))\n"
        "before = _can_fork()\n"
        "threading.Thread(target=time.sleep, args=(1,), daemon=True).start()\n"
        "print(before, _can_fork())\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True,
                          check=True)  # fmt: skip
    assert done.stdout.decode() == "True False\n"


def test_per_recipient_needs_a_folder(caucus: Path, cli: Cli, tmp_path: Path) -> None:
    result = cli("draft", "test-letter", "--per-recipient", "-f", "md", cwd=caucus)
    assert result.code == 2
    assert result.err == (
        "error: --per-recipient writes one file per recipient: give a folder with -o\n"
    )
    file = tmp_path / "taken.md"
    file.write_text("keep", encoding="utf-8")
    result = cli("draft", "test-letter", "--per-recipient", "-o", str(file), cwd=caucus)
    assert result.code == 73
    assert result.err == (
        f"error: {file} is not a folder\n  hint: with --per-recipient, -o names a folder\n"
    )
    assert file.read_text(encoding="utf-8") == "keep"
    under_a_file = file / "letters"
    result = cli("draft", "test-letter", "--per-recipient", "-o", str(under_a_file), cwd=caucus)
    assert result.code == 73
    assert result.err == (
        f"error: cannot create {under_a_file}: Not a directory\n"
        "  hint: choose another folder with -o\n"
    )
    nested = tmp_path / "out" / "caucus"
    result = cli("draft", "test-letter", "--per-recipient", "-o", str(nested), cwd=caucus)
    assert result.code == 0
    assert sorted(p.name for p in nested.iterdir()) == ["lowenthal.md", "nguyen.md", "tran.md"]


def test_the_progress_bar_is_drawn_on_a_terminal_only(caucus: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "letter_kit", "draft", "test-letter", "--per-recipient",
               "-f", "md", "-o"]  # fmt: skip
    leader, follower = pty.openpty()
    shown = subprocess.run([*command, str(tmp_path / "a")], cwd=caucus, stderr=follower,
                           check=False)  # fmt: skip
    os.close(follower)
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", _read_all(leader))  # colours, cursor
    assert shown.returncode == 0
    # rich's bar: done and to do, the rate, the time left
    assert re.search(r"\rtest-letter ━+ 3/3 \d+ letters/s, \d:\d\d:\d\d left\r\n", drawn), drawn
    assert drawn.endswith(f"wrote 3 files to {tmp_path / 'a'}\r\n")
    quiet = subprocess.run([*command, str(tmp_path / "b")], cwd=caucus, capture_output=True,
                           check=False)  # fmt: skip
    assert quiet.returncode == 0
    assert quiet.stderr.decode() == f"wrote 3 files to {tmp_path / 'b'}\n"
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        p.name for p in (tmp_path / "a").iterdir()
    )


def _read_all(fd: int) -> str:
    """Everything written to a pseudo-terminal whose writer has finished."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # Linux reports the closed terminal as EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def test_a_pdf_reader_sees_one_page_per_short_letter(caucus: Path, tmp_path: Path) -> None:
    ws = load_workspace(caucus)
    result = draft_each(ws, "test-letter", DraftOptions(fmt="pdf", languages=("vi",)), tmp_path)
    for path in result.written:
        reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
        assert len(reader.pages) == 1
        assert reader.metadata is not None and reader.metadata.title == "Trả tự do cho các nhà báo"


def test_what_concerns_every_recipient_fails_before_anything_is_written(
    caucus: Path, cli: Cli, tmp_path: Path
) -> None:
    organizations = caucus / "data" / "organizations.yaml"
    organizations.write_text(
        organizations.read_text(encoding="utf-8").replace("  email: office@free.example\n", ""),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    for args, code, message in [
        (["nosuch"], 66, "error: no letter 'nosuch'"),
        (["test-letter", "-l", "fr"], 2, "error: letter 'test-letter' is not written in 'fr'"),
        (["test-letter", "-f", "eml"], 65, "no sender address"),
    ]:
        result = cli("draft", *args, "--per-recipient", "-o", str(out), cwd=caucus)
        assert (result.code, message in result.err) == (code, True), result.err
        assert not out.exists()


def test_sending_a_letter_to_a_group_addresses_each_member_alone(caucus: Path, cli: Cli) -> None:
    result = cli("send", "test-letter", "--to-recipients", "-l", "vi", "--attach-pdf", cwd=caucus)
    assert result.code == 0, result.err
    outbox = caucus / "outbox" / "test-letter"
    files = sorted(outbox.iterdir())
    assert [p.name for p in files] == [
        "01-lowenthal-house-example.eml",
        "02-tran-house-example.eml",
        "03-nguyen-house-example.eml",
    ]
    for path, (rid, name, _en, vi) in zip(files, MEMBERS, strict=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        assert message["To"] == f"{name} <{rid}@house.example>"
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content().replace("\r\n", "\n")
        assert f"\nKính gửi Ngài {name}\n" in text and f"\n{vi},\n" in text
        assert not any(other[1] in text for other in MEMBERS if other[0] != rid)
        (attachment,) = message.iter_attachments()
        assert isinstance(attachment, EmailMessage)
        printed = pdf_text(attachment.get_content())
        assert f"{vi}," in printed
        assert not any(other[1] in printed for other in MEMBERS if other[0] != rid)
