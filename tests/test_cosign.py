"""Cosigners: adding and removing through the command line, safely."""

from __future__ import annotations

import difflib
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from letter_kit.change import cosign
from letter_kit.change.cosign import AddRequest
from letter_kit.change.matching import NewSigner
from letter_kit.change.store import YamlEdit
from letter_kit.errors import LetterkitError, WorkspaceBusy
from letter_kit.workspace.commit import Changes
from letter_kit.workspace.lock import workspace_lock

from .conftest import Cli, snapshot
from .test_writers_pdf import pdf_text

BIDEN = Path("data/letters/biden-2023.yaml")
HARRIS = Path("data/letters/harris-2021.yaml")
ORGS = Path("data/organizations.yaml")


def reopen(workspace: Path) -> Path:
    """The example letters as they were while signatures were gathered (status: draft):
    a sent letter refuses new signers (see test_a_sent_letter_is_not_changed)."""
    for path in (workspace / BIDEN, workspace / HARRIS):
        path.write_text(path.read_text().replace("\nstatus: sent\n", "\nstatus: draft\n"))
    return workspace


@pytest.fixture
def example(example: Path) -> Path:
    """The example workspace with its letters open for signing."""
    return reopen(example)


def _diff(before: str, after: str) -> list[tuple[str, list[str]]]:
    """The changes between two texts as (operation, lines) pairs, equal runs left out."""
    a, b = before.splitlines(), after.splitlines()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "insert":
            out.append(("+", b[j1:j2]))
        elif op == "delete":
            out.append(("-", a[i1:i2]))
        elif op == "replace":
            out.append(("~", a[i1:i2] + b[j1:j2]))
    return out


def test_adding_a_new_organisation_changes_only_new_lines(cli: Cli, example: Path) -> None:
    letter, orgs = (example / BIDEN).read_text(), (example / ORGS).read_text()
    result = cli(
        "cosign", "add", "biden-2023", "--name", "Vietnamese Women for Human Rights",
        "--name-vi", "Hội Phụ nữ Nhân quyền Việt Nam", "--joined", "2023-09-04", cwd=example,
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "added: Vietnamese Women for Human Rights "
        "(new organisation vietnamese-women-for-human-rights)\n"
    )
    assert _diff(letter, (example / BIDEN).read_text()) == [
        ("+", ["    - org: vietnamese-women-for-human-rights", "      joined: 2023-09-04"])
    ]
    assert _diff(orgs, (example / ORGS).read_text()) == [
        ("+", ["", "vietnamese-women-for-human-rights:", "  name:",
               "    en: Vietnamese Women for Human Rights",
               "    vi: Hội Phụ nữ Nhân quyền Việt Nam"]),
    ]  # fmt: skip


def test_the_new_cosigner_appears_in_its_place_in_every_draft(cli: Cli, example: Path) -> None:
    cli("cosign", "add", "biden-2023", "--name", "Vietnamese Women for Human Rights",
        "--name-vi", "Hội Phụ nữ Nhân quyền Việt Nam", "--joined", "2023-09-04", cwd=example)  # fmt: skip
    md = cli("draft", "biden-2023", "-l", "en,vi", cwd=example).out
    en, vi = md.split("\n* * *\n")
    assert "**Viet Tan**\n\n**Vietnamese Women for Human Rights**\n\n### In personal capacity" in en
    assert "**Việt Tân**\n\n**Hội Phụ nữ Nhân quyền Việt Nam**\n\n### Với tư cách cá nhân" in vi
    target = example / "b.pdf"
    assert (
        cli("draft", "biden-2023", "-l", "en,vi", "-f", "pdf", "-o", str(target), cwd=example).code
        == 0
    )
    text = " ".join(pdf_text(target.read_bytes()).split())
    assert "Viet Tan Vietnamese Women for Human Rights In personal capacity" in text
    assert "Việt Tân Hội Phụ nữ Nhân quyền Việt Nam Với tư cách cá nhân" in text


def test_a_comment_next_to_a_signatory_survives(cli: Cli, example: Path) -> None:
    path = example / BIDEN
    text = path.read_text().replace(
        "    - org: rsf\n",
        "    # confirmed by email on 1 September\n    - org: rsf  # lead drafter\n",
    )
    path.write_text(text)
    assert (
        cli("cosign", "add", "biden-2023", "vnhrn", "--joined", "2023-09-04", cwd=example).code == 0
    )
    after = path.read_text()
    assert "    # confirmed by email on 1 September\n    - org: rsf  # lead drafter\n" in after
    assert _diff(text, after) == [("+", ["    - org: vnhrn", "      joined: 2023-09-04"])]


def test_flow_style_lists_get_flow_style_entries(cli: Cli, example: Path) -> None:
    before = (example / "data/letters/harris-2021.yaml").read_text()
    result = cli("cosign", "add", "harris-2021", "rsf", "--unlisted", "--joined", "2021-08-03",
                 cwd=example)  # fmt: skip
    assert result.out == "added: Reporters Without Borders (RSF) (unlisted)\n"
    after = (example / "data/letters/harris-2021.yaml").read_text()
    assert _diff(before, after) == [("+", ["    - {org: rsf, listed: false, joined: 2021-08-03}"])]
    text = cli("draft", "harris-2021", "-l", "vi", "-f", "txt", cwd=example).out
    assert "cùng 1 tổ chức không thể nêu tên vì lý do an toàn" in text
    assert "Phóng viên" not in text


def test_a_person_signing_for_an_organisation(cli: Cli, example: Path) -> None:
    result = cli("cosign", "add", "biden-2023", "viet-tan", "--person", "Hoàng Tứ Duy",
                 "--title", "Spokesperson", "--joined", "2023-09-04", cwd=example)  # fmt: skip
    assert result.out == "added: Hoàng Tứ Duy for Viet Tan (new person hoang-tu-duy)\n"
    people = (example / "data/people.yaml").read_text()
    assert people.endswith(
        "\nhoang-tu-duy:\n  name: Hoàng Tứ Duy\n  title: Spokesperson\n  organization: viet-tan\n"
    )
    assert (
        "    - org: viet-tan\n      person: hoang-tu-duy\n      joined: 2023-09-04\n"
        in (example / BIDEN).read_text()
    )
    md = cli("draft", "biden-2023", "-l", "en", cwd=example).out
    assert "**Hoàng Tứ Duy**\\\nSpokesperson of Viet Tan" in md


def test_an_individual_in_personal_capacity(cli: Cli, example: Path) -> None:
    result = cli("cosign", "add", "biden-2023", "--person", "Nguyễn Văn Đài",
                 "--affiliation", "lawyer", "--joined", "2023-09-04", cwd=example)  # fmt: skip
    assert result.code == 0
    md = cli("draft", "biden-2023", "-l", "en", cwd=example).out
    assert md.index("**Ms Claire Doran**") < md.index("**Nguyễn Văn Đài**\\\nlawyer")


def test_near_duplicates_are_refused_unless_new(cli: Cli, example: Path) -> None:
    before = snapshot(example)
    for name in ("VIET TAN", "Viet  tan", "Viêt Tân", "viet-tan!"):
        result = cli("cosign", "add", "biden-2023", "--name", name, cwd=example)
        assert result.code == 2, name
        cleaned = " ".join(name.split())
        assert result.err.startswith(f"error: '{cleaned}' is a possible duplicate of viet-tan")
    short = cli("cosign", "add", "harris-2021", "--name", "Dtd", cwd=example)
    assert short.err.startswith(
        "error: 'Dtd' is a possible duplicate of dtd (Defend the Defenders)"
    )
    assert snapshot(example) == before
    forced = cli("cosign", "add", "biden-2023", "--name", "VIET TAN", "--new", cwd=example)
    assert forced.code == 0
    assert "viet-tan-2:\n  name: VIET TAN\n" in (example / ORGS).read_text()


def test_an_exact_name_reuses_the_record(cli: Cli, example: Path) -> None:
    before = (example / ORGS).read_text()
    result = cli("cosign", "add", "harris-2021", "--name", "Việt Tân", "--joined", "2021-08-01",
                 cwd=example)  # fmt: skip
    assert result.out == "added: Viet Tan\n"
    assert (example / ORGS).read_text() == before


def test_adding_someone_already_there_changes_nothing(cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("cosign", "add", "biden-2023", "rsf", cwd=example)
    assert (result.code, result.out) == (0, "already signed: Reporters Without Borders (RSF)\n")
    assert snapshot(example) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nobody"], 66, "error: no organisation or person 'nobody'"),
        (["rsff"], 66, "hint: did you mean 'rsf'?"),
        (["--name", "Bad\u202eName"], 2, "error: --name holds U+202E RIGHT-TO-LEFT OVERRIDE at position 4"),
        (["--name", "   "], 2, "error: --name is empty"),
        (["--title", "Chair"], 2, "error: name who signs: ids, --name or --person"),
        (["rsf", "--title", "Chair"], 2, "error: --title and --affiliation describe --person"),
        (["--name-vi", "Tên"], 2, "error: --name-vi needs --name"),
        (["rsf", "--joined", "soon"], 2, "error: --joined 'soon' is not a date"),
    ],
)  # fmt: skip
def test_add_errors(args: list[str], code: int, message: str, cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("cosign", "add", "biden-2023", *args, cwd=example)
    assert result.code == code
    assert message in result.err
    assert snapshot(example) == before


def test_the_sign_on_deadline(cli: Cli, example: Path) -> None:
    path = example / BIDEN
    yesterday = date.today() - timedelta(days=1)
    path.write_text(path.read_text() + f"signon_deadline: {yesterday.isoformat()}\n")
    before = snapshot(example)
    result = cli("cosign", "add", "biden-2023", "vnhrn", cwd=example)
    assert result.code == 2
    assert result.err == (
        f"error: the sign-on deadline of biden-2023 ({yesterday.isoformat()}) has passed\n"
        "  hint: add --late to add this signer anyway\n"
    )
    assert snapshot(example) == before
    assert cli("cosign", "add", "biden-2023", "vnhrn", "--late", cwd=example).code == 0


def test_remove_takes_off_only_those_entries(cli: Cli, example: Path) -> None:
    before = (example / BIDEN).read_text()
    result = cli("cosign", "remove", "biden-2023", "tjwg", "claire-doran", cwd=example)
    assert (result.code, result.out) == (0, "removed: tjwg\nremoved: claire-doran\n")
    assert _diff(before, (example / BIDEN).read_text()) == [
        ("-", ["    - org: tjwg"]), ("-", ["    - person: claire-doran"])
    ]  # fmt: skip
    assert "tjwg:" in (example / ORGS).read_text()  # the record stays
    files = snapshot(example)
    missing = cli("cosign", "remove", "biden-2023", "acat-usa", "tjwg", cwd=example)
    assert (missing.code, missing.err) == (66, (
        "error: 'tjwg' is not a signatory of biden-2023\n"
        "  hint: 'letterkit cosign list biden-2023' shows who is, with their ids\n"
    ))  # fmt: skip
    assert snapshot(example) == files  # acat-usa, named first, is still there


def test_the_sender_and_the_last_signatory_stay(cli: Cli, example: Path) -> None:
    before = snapshot(example)
    sender = cli("cosign", "remove", "biden-2023", "rsf", cwd=example)
    assert (sender.code, sender.err) == (2, (
        "error: rsf sends biden-2023: it is the letter's 'sender'\n"
        "  hint: name another sender in data/letters/biden-2023.yaml first\n"
    ))  # fmt: skip
    last = cli("cosign", "remove", "harris-2021", "vnhrn", "dtd", cwd=example)
    assert (last.code, last.err) == (2, (
        "error: harris-2021 would have no signatories left\n"
        "  hint: add the new ones first, then remove these\n"
    ))  # fmt: skip
    assert snapshot(example) == before


def test_list(cli: Cli) -> None:
    result = cli("cosign", "list", "harris-2021")
    assert result.code == 0
    assert result.out.splitlines() == [
        "TIER  ID                 NAME (EN)                                    NAME (VI)                                      JOINED  LISTED",
        "lead  vnhrn/tung-nguyen  Tung B Nguyen, Vietnam Human Rights Network  Nguyễn Bá Tùng, Mạng Lưới Nhân Quyền Việt Nam  -       yes",
        "lead  dtd/ngu-vu         Ngu Q Vu, Defend the Defenders               Vũ Quốc Ngữ, Người Bảo Vệ Nhân Quyền           -       yes",
        "2 signatories: 2 lead, 0 organisations, 0 individuals; 0 unlisted",
    ]  # fmt: skip


def test_export_neutralises_formulas(cli: Cli, example: Path) -> None:
    for name in ("=HYPERLINK(1)", "+1 Group", "@Mention Org", "-Minus Group"):
        assert cli("cosign", "add", "harris-2021", "--name", name, "--joined", "2021-08-01",
                   cwd=example).code == 0  # fmt: skip
    csv_out = cli("cosign", "export", "harris-2021", "-f", "csv", cwd=example).out
    lines = csv_out.split("\r\n")
    assert lines[0] == "tier,name (en),details (en),name (vi),details (vi),joined,listed"
    assert lines[1] == (
        "lead,Tung B Nguyen,President of the Vietnam Human Rights Network,Nguyễn Bá Tùng,"
        "Trưởng Ban Điều Hành Mạng Lưới Nhân Quyền Việt Nam,,yes"
    )
    assert lines[3:7] == [
        "organization,'=HYPERLINK(1),,'=HYPERLINK(1),,2021-08-01,yes",
        "organization,'+1 Group,,'+1 Group,,2021-08-01,yes",
        "organization,'@Mention Org,,'@Mention Org,,2021-08-01,yes",
        "organization,'-Minus Group,,'-Minus Group,,2021-08-01,yes",
    ]
    md = cli("cosign", "export", "harris-2021", "-f", "md", cwd=example).out
    assert md.splitlines()[:2] == [
        "| tier | name (en) | details (en) | name (vi) | details (vi) | joined | listed |",
        "|---|---|---|---|---|---|---|",
    ]


# Safe writes ---------------------------------------------------------------------------


def test_twenty_processes_adding_at_once_all_land(example: Path) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "letter_kit", "cosign", "add", "biden-2023",
             "--name", f"Hội Đoàn Kết {n}", "--joined", "2023-09-04"],
            cwd=example, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for n in range(20)
    ]  # fmt: skip
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert (process.returncode, err.decode()) == (0, "")
    letter = (example / BIDEN).read_text()
    orgs = (example / ORGS).read_text()
    for n in range(20):
        slug = f"hoi-doan-ket-{n}"
        assert letter.count(f"    - org: {slug}\n") == 1
        assert orgs.count(f"\n{slug}:\n  name: Hội Đoàn Kết {n}\n") == 1
    assert not list((example / "data").rglob("*.tmp"))
    check = subprocess.run([sys.executable, "-m", "letter_kit", "check"], cwd=example,
                           capture_output=True, check=False)  # fmt: skip
    assert check.returncode == 0, check.stderr.decode()


STEPS = ["stage letter", "stage organisations", "fsync", "replace letter", "replace organisations"]


@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_any_step_leaves_every_file_as_it_was(
    step: str, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(example / "data")
    calls = {"mkstemp": 0, "replace": 0}
    real_mkstemp, real_replace = tempfile.mkstemp, Path.replace

    # Only the writes into the workspace count (not those of the YAML cache).
    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if example in Path(kwargs["dir"]).parents:
            calls["mkstemp"] += 1
            if (step, calls["mkstemp"]) in (("stage organisations", 1), ("stage letter", 2)):
                raise OSError(28, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    def replace(self: Path, target: Path) -> Path:
        if example in self.parents:
            calls["replace"] += 1
            if (step, calls["replace"]) in (("replace organisations", 1), ("replace letter", 2)):
                raise OSError(5, "Input/output error")
        return real_replace(self, target)

    def fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("letter_kit.files.tempfile.mkstemp", mkstemp)
    monkeypatch.setattr(Path, "replace", replace)
    if step == "fsync":
        monkeypatch.setattr("letter_kit.files.os.fsync", fsync)
    request = AddRequest(new=NewSigner(org="Hội Mới"), joined=date(2023, 9, 4))
    with pytest.raises(LetterkitError):
        cosign.add(example, "biden-2023", request, today=date(2023, 9, 4))
    assert snapshot(example / "data") == before
    assert not list(example.rglob("*.tmp"))


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    example: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    path = example / BIDEN
    render = YamlEdit.render

    def editor_saves_meanwhile(self: YamlEdit) -> bytes:
        if self.path == path and "# saved by an editor" not in path.read_text():
            path.write_text(path.read_text() + "# saved by an editor\n")
        return render(self)

    monkeypatch.setattr(YamlEdit, "render", editor_saves_meanwhile)
    result = cli("cosign", "add", "biden-2023", "vnhrn", cwd=example)
    assert result.code == 75
    assert result.err.startswith(f"error: {path} changed on disk while letterkit was working")
    assert path.read_text().endswith("    - person: claire-doran\n# saved by an editor\n")


def test_a_letter_saved_between_reading_and_editing_is_not_overwritten(
    example: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    path = example / BIDEN
    opened = YamlEdit.open

    def editor_saves_first(target: Path) -> YamlEdit:
        if target == path:
            path.write_text(path.read_text().replace("    - org: rsf\n", ""))
        return opened(target)

    monkeypatch.setattr(YamlEdit, "open", editor_saves_first)
    result = cli("cosign", "remove", "biden-2023", "viet-tan", cwd=example)
    assert result.code == 75
    assert result.err.startswith(f"error: {path} changed on disk while letterkit was working")
    assert "    - org: viet-tan\n" in path.read_text()


def test_the_lock_makes_others_wait_then_gives_up(example: Path) -> None:
    with (
        workspace_lock(example),
        pytest.raises(WorkspaceBusy, match="another letterkit command"),
        workspace_lock(example, timeout=0.2),
    ):
        pass
    with workspace_lock(example, timeout=0.2):  # free again
        pass


def test_a_file_letterkit_cannot_write_back_unchanged_is_refused(cli: Cli, example: Path) -> None:
    path = example / BIDEN
    text = path.read_text()
    start, end = text.index("    - org: acat-france\n"), text.index("    - person: claire-doran\n")
    path.write_text(text[:start].replace("  entries:\n", "  entries: [{org: acat-france},   "
                    "{org: rsf}]\n") + text[end + len("    - person: claire-doran\n") :])  # fmt: skip
    before = snapshot(example)
    result = cli("cosign", "add", "biden-2023", "vnhrn", cwd=example)
    assert result.code == 65
    assert (
        "letterkit cannot change this file without reformatting lines it did not touch"
        in result.err
    )
    assert snapshot(example) == before


def test_items_laid_out_unusually_are_left_as_they_are(cli: Cli, example: Path) -> None:
    path = example / BIDEN
    path.write_text(
        path.read_text().replace("    - org: acat-france\n", "    -   org: acat-france\n")
    )
    before = path.read_text()
    result = cli("cosign", "add", "biden-2023", "vnhrn", "--joined", "2023-09-01", cwd=example)
    assert result.code == 0, result.err
    added = "    - org: vnhrn\n      joined: 2023-09-01\n"
    assert path.read_text() == before.replace(
        "    - person: jean-daniel-vigny\n", added + "    - person: jean-daniel-vigny\n"
    )


def test_changes_write_nothing_when_nothing_changed(example: Path) -> None:
    before = snapshot(example / "data")
    edit = YamlEdit.open(example / BIDEN)
    changes = Changes(example)
    changes.add(edit)
    changes.commit()
    assert snapshot(example / "data") == before


def test_one_signatory_is_one(cli: Cli, minimal: Path) -> None:
    result = cli("cosign", "list", "test-letter", cwd=minimal)
    assert result.out.splitlines()[-1] == (
        "1 signatory: 0 lead, 1 organisation, 0 individuals; 0 unlisted"
    )
