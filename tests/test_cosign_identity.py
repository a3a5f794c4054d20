"""Who signs: people with their organisations, ids from any script, near-duplicates,
and letters that were already sent."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from letter_kit.change.matching import near
from letter_kit.text import slug

from .conftest import Cli, snapshot
from .test_cosign import BIDEN, HARRIS, ORGS, _diff, reopen

PEOPLE = Path("data/people.yaml")


@pytest.fixture
def example(example: Path) -> Path:
    """The example workspace with its letters open for signing."""
    return reopen(example)


def test_a_person_added_by_id_signs_for_their_organisation(cli: Cli, example: Path) -> None:
    before = (example / BIDEN).read_text()
    result = cli("cosign", "add", "biden-2023", "tung-nguyen", "--joined", "2023-09-04",
                 cwd=example)  # fmt: skip
    assert (result.code, result.out, result.err) == (
        0, "added: Tung B Nguyen for Vietnam Human Rights Network\n", ""
    )  # fmt: skip
    assert _diff(before, (example / BIDEN).read_text()) == [
        ("+", ["    - org: vnhrn", "      person: tung-nguyen", "      joined: 2023-09-04"])
    ]
    md = cli("draft", "biden-2023", "-l", "en", cwd=example).out
    assert "**Tung B Nguyen**\\\nPresident of the Vietnam Human Rights Network" in md


def test_person_option_finds_the_person_by_id(cli: Cli, example: Path) -> None:
    people = (example / PEOPLE).read_text()
    before = (example / BIDEN).read_text()
    result = cli("cosign", "add", "biden-2023", "--person", "tung-nguyen", "--joined",
                 "2023-09-04", cwd=example)  # fmt: skip
    assert result.out == "added: Tung B Nguyen for Vietnam Human Rights Network\n"
    assert (example / PEOPLE).read_text() == people  # no "tung-nguyen-2"
    assert _diff(before, (example / BIDEN).read_text()) == [
        ("+", ["    - org: vnhrn", "      person: tung-nguyen", "      joined: 2023-09-04"])
    ]


def test_id_sets_the_new_records_id(cli: Cli, example: Path) -> None:
    orgs = (example / ORGS).read_text()
    result = cli("cosign", "add", "harris-2021", "--name", "Hội Phụ nữ Nhân quyền Việt Nam",
                 "--id", "vwhr", "--joined", "2021-08-01", cwd=example)  # fmt: skip
    assert result.out == "added: Hội Phụ nữ Nhân quyền Việt Nam (new organisation vwhr)\n"
    assert _diff(orgs, (example / ORGS).read_text()) == [
        ("+", ["", "vwhr:", "  name: Hội Phụ nữ Nhân quyền Việt Nam"])
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Nhóm Mới", "--id", "Nhóm"], "error: --id 'Nhóm' is not an id"),
        (["--name", "Nhóm Mới", "--id", "rsf"],
         "error: --id 'rsf' is taken: organisation rsf (Reporters Without Borders (RSF))"),
        (["rsf", "--id", "x"], "error: --id names a new record: give it with --name or --person"),
        (["--name", "Nhóm Mới", "--person", "Lê Văn Tám", "--id", "x"],
         "error: --id names the one new record: here both the organisation and the person are new"),
    ],
)  # fmt: skip
def test_id_errors(args: list[str], message: str, cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("cosign", "add", "harris-2021", *args, cwd=example)
    assert result.code == 2
    assert result.err.splitlines()[0] == message
    assert snapshot(example) == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łódź", "lodz"),
        ("Человек", "chelovek"),
        ("Việt Tân", "viet-tan"),
        ("Đảng Dân chủ Nhân dân", "dang-dan-chu-nhan-dan"),
        ("ACAT France (Action by Christians for the Abolition of Torture)",
         "acat-france-action-by-christians-for-the"),
        ("Hội Phụ nữ Nhân quyền Việt Nam Hải Ngoại và Quốc Nội",
         "hoi-phu-nu-nhan-quyen-viet-nam-hai-ngoai"),
        ("Donaudampfschifffahrtsgesellschaftskapitänsvereinigung Wien",
         "donaudampfschifffahrtsgesellschaftskapitansvereinigung"),
        ("!!!", "signer"),
    ],
)  # fmt: skip
def test_ids_from_names_in_any_script_keep_whole_words(name: str, expected: str) -> None:
    assert slug(name) == expected
    assert slug(name, {expected}) == f"{expected}-2"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Amnesty Intl", "Amnesty International", True),
        ("Reporters Without Borders", "Reporters Without Borders (RSF)", True),
        ("Reportes Without Boarders", "Reporters Without Borders", True),
        ("Defend Defenders", "Defend the Defenders", True),
        ("ACAT Italy (Action by Christians for the Abolition of Torture)",
         "ACAT France (Action by Christians for the Abolition of Torture)", False),
        ("Human Rights Watch", "Human Rights Foundation", False),
        ("Nguyễn Văn A", "Nguyễn Văn An", False),
        ("Trần Thị Ngọc Lan", "Trần Thị Ngọc Hân", False),
        ("Hội Đoàn Kết 1", "Hội Đoàn Kết 10", False),
        ("Network", "Vietnam Human Rights Network", False),
    ],
)  # fmt: skip
def test_near_names(a: str, b: str, expected: bool) -> None:
    assert near(a, b) is expected
    assert near(b, a) is expected


def test_fuzzy_near_duplicates_are_refused_with_the_known_record(cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("cosign", "add", "harris-2021", "--name", "Reporters Without Borders",
                 cwd=example)  # fmt: skip
    assert (result.code, result.err) == (2, (
        "error: 'Reporters Without Borders' is a possible duplicate of rsf "
        "(Reporters Without Borders (RSF))\n"
        "  hint: to add the one already known, give its id (letterkit cosign add harris-2021 "
        "rsf); if this is a different signatory, add --new\n"
    ))  # fmt: skip
    intl = cli("cosign", "add", "harris-2021", "--name", "Vietnam Human Rights Netw.", cwd=example)
    assert intl.err.startswith("error: 'Vietnam Human Rights Netw.' is a possible duplicate of "
                               "vnhrn (Vietnam Human Rights Network)\n")  # fmt: skip
    assert snapshot(example) == before


def test_a_sent_letter_is_not_changed(cli: Cli, example: Path) -> None:
    path = example / HARRIS
    path.write_text(path.read_text().replace("\nstatus: draft\n", "\nstatus: sent\n"))
    before = snapshot(example)
    for args in (["add", "harris-2021", "rsf"], ["remove", "harris-2021", "dtd"]):
        result = cli("cosign", *args, cwd=example)
        assert (result.code, result.err) == (2, (
            "error: harris-2021 was sent: its signatories are those it went out with\n"
            "  hint: to correct the record anyway, add --force; for a new round of signatures, "
            "start a letter with 'letterkit new ... --from harris-2021'\n"
        ))  # fmt: skip
    assert snapshot(example) == before
    forced = cli("cosign", "add", "harris-2021", "rsf", "--force", "--joined", "2021-08-03",
                 cwd=example)  # fmt: skip
    assert (forced.code, forced.out) == (0, "added: Reporters Without Borders (RSF)\n")


def test_joining_after_the_letters_date_is_warned(cli: Cli, example: Path) -> None:
    result = cli("cosign", "add", "harris-2021", "rsf", "viet-tan", "--joined", "2021-08-09",
                 cwd=example)  # fmt: skip
    assert result.code == 0
    assert result.out == "added: Reporters Without Borders (RSF)\nadded: Viet Tan\n"
    assert result.err == (
        "warning: joined after the letter's date (2021-08-04): rsf (2021-08-09), "
        "viet-tan (2021-08-09)\n"
        "  hint: the letter says they signed by its date: give the day they signed with "
        "--joined, or re-date the letter ('date:' in its file)\n"
    )
    on_time = cli("cosign", "add", "harris-2021", "tjwg", "--joined", "2021-08-04", cwd=example)
    assert (on_time.out, on_time.err) == ("added: Transitional Justice Working Group (TJWG)\n", "")


def test_export_for_excel_starts_with_a_byte_order_mark(cli: Cli, example: Path) -> None:
    plain = cli("cosign", "export", "harris-2021", "-o", str(example / "a.csv"), cwd=example)
    excel = cli("cosign", "export", "harris-2021", "--excel", "-o", str(example / "b.csv"),
                cwd=example)  # fmt: skip
    assert (plain.code, excel.code) == (0, 0)
    a, b = (example / "a.csv").read_bytes(), (example / "b.csv").read_bytes()
    assert b == codecs.BOM_UTF8 + a
    assert b.decode("utf-8-sig").splitlines()[1].startswith("lead,Tung B Nguyen,")
    assert "Nguyễn Bá Tùng" in b.decode("utf-8-sig")
    wrong = cli("cosign", "export", "harris-2021", "-f", "md", "--excel", cwd=example)
    assert (wrong.code, wrong.err) == (2, "error: --excel is for -f csv\n")


def test_check_and_draft_eml_agree_on_the_sender(cli: Cli, example: Path) -> None:
    orgs = example / ORGS
    orgs.write_text(orgs.read_text().replace("  email: press@rsf.example\n", ""))
    check = cli("check", cwd=example)
    eml = cli("draft", "biden-2023", "-f", "eml", cwd=example)
    assert (check.code, eml.code) == (65, 65)
    message = (
        "data/letters/biden-2023.yaml:8:9: sender: no sender address: its sender, rsf "
        "(Reporters Without Borders (RSF)), has no 'email:' and no 'contact:' with an email\n"
        "  hint: add 'email:' to rsf in data/organizations.yaml, or a 'contact:' person with "
        "an email\n"
    )
    assert check.err == message
    assert eml.err == message


def test_check_names_the_first_lead_when_no_sender_is_named(cli: Cli, example: Path) -> None:
    orgs, people = example / ORGS, example / PEOPLE
    orgs.write_text(orgs.read_text().replace("  email: vnhrnet@vietnamhumanrights.net\n", ""))
    people.write_text(people.read_text().replace("  email: vnhrnet@vietnamhumanrights.net\n", ""))
    check = cli("check", cwd=example)
    assert check.code == 65
    problem = (
        ": signatories: no sender address: no signing organisation has one; the first, vnhrn "
        "(Vietnam Human Rights Network), has no 'email:' and no 'contact:' with an email\n"
        "  hint: add 'email:' to vnhrn in data/organizations.yaml, or a 'contact:' person with "
        "an email, or name a sender with 'sender:'\n"
    )
    # the press release about the letter is sent by the letter's signatories
    viet_tan = (
        ": signatories: no sender address: no signing organisation has one; the first, viet-tan "
        "(Viet Tan), has no 'email:' and no 'contact:' with an email\n"
        "  hint: add 'email:' to viet-tan in data/organizations.yaml, or a 'contact:' person with "
        "an email, or name a sender with 'sender:'\n"
    )
    assert check.err == (
        f"data/letters/harris-2021-press.yaml:1:1{problem}"
        f"data/letters/harris-2021.yaml:71:1{problem}"
        f"data/letters/human-rights-day-2024.yaml:73:1{problem}"
        f"data/letters/market-economy-2024.yaml:77:1{viet_tan}4 problems found\n"
    )
    eml = cli("draft", "harris-2021", "-f", "eml", cwd=example)
    assert eml.err == f"data/letters/harris-2021.yaml:71:1{problem}"
