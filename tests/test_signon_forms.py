"""Sign-on sheets as Google Forms, Microsoft Forms and Excel write them
(tests/fixtures/sheets/): what is printed, and exactly what lands in the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, Cli, snapshot
from .test_cosign import BIDEN, ORGS, _diff, reopen

SHEETS = FIXTURES / "sheets"
PEOPLE = Path("data/people.yaml")
FILES = (BIDEN, ORGS, PEOPLE)


@pytest.fixture
def example(example: Path) -> Path:
    """The example workspace with its letters open for signing."""
    return reopen(example)


def _texts(workspace: Path) -> dict[Path, str]:
    return {f: (workspace / f).read_text(encoding="utf-8") for f in FILES}


def _changes(workspace: Path, before: dict[Path, str]) -> dict[str, list[tuple[str, list[str]]]]:
    """The lines each data file gained or lost."""
    out = {}
    for path, text in before.items():
        diff = _diff(text, (workspace / path).read_text(encoding="utf-8"))
        if diff:
            out[path.name] = diff
    return out


def test_google_forms(cli: Cli, example: Path) -> None:
    before = _texts(example)
    sheet = str(SHEETS / "google-forms.csv")
    result = cli("cosign", "import", "biden-2023", sheet, cwd=example)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "sheet: 6 rows, UTF-8, comma-separated\n"
        "columns read: Timestamp=joined, Email Address=email, Organization name (English)=org, "
        "Organization name (Vietnamese)=org_vi, Organization website=website, "
        "Your full name=person, Title=title, "
        "Can we publish your name, or only your organisation's?=listed\n"
        "row 2: added: Nguyễn Thị Lan (Vietnamese Women for Human Rights) "
        "(new organisation vietnamese-women-for-human-rights; new person nguyen-thi-lan)\n"
        "row 3: held for review: 'Reporters Without Borders' is a possible duplicate of rsf "
        "(Reporters Without Borders (RSF)); if it is that one: --link 3=rsf, "
        "if it is another: --accept 3\n"
        "row 4: added: Hội Tự Do (only the organisation listed, as asked; "
        "new organisation hoi-tu-do; new person tran-van-hanh)\n"
        "row 5: added: Lê Thị An (unlisted; new person le-thi-an)\n"
        "row 6: held for review: the answer to 'Can we publish your name, or only your "
        "organisation's?' ('Not sure yet') cannot be read; once they have said: --listed 6 "
        "or --unlisted 6\n"
        "row 7: same signer as row 2; skipped\n"
        "3 added, 1 already present, 2 held for review\n"
    )
    assert _changes(example, before) == {
        "biden-2023.yaml": [("+", [
            "    - org: vietnamese-women-for-human-rights", "      person: nguyen-thi-lan",
            "      joined: 2023-09-01",
            "    - org: hoi-tu-do", "      joined: 2023-09-02",
        ]), ("+", ["    - person: le-thi-an", "      listed: false", "      joined: 2023-09-02"])],
        "organizations.yaml": [("+", [
            "", "vietnamese-women-for-human-rights:", "  name:",
            "    en: Vietnamese Women for Human Rights", "    vi: Hội Phụ nữ Nhân quyền Việt Nam",
            "  website: https://vwhr.example.org",
            "", "hoi-tu-do:", "  name: Hội Tự Do",
        ])],
        "people.yaml": [("+", [
            "", "nguyen-thi-lan:", "  name: Nguyễn Thị Lan", "  title: Chair",
            "  organization: vietnamese-women-for-human-rights", "  email: lan@vwhr.example.org",
            "", "tran-van-hanh:", "  name: Trần Văn Hạnh", "  title: Thư ký",
            "  organization: hoi-tu-do", "  email: hanh@tudo.example.org",
            "", "le-thi-an:", "  name: Lê Thị An", "  title: Journalist",
            "  email: an@example.org",
        ])],
    }  # fmt: skip
    md = cli("draft", "biden-2023", "-l", "en", cwd=example).out
    assert "**Hội Tự Do**" in md
    assert "Trần Văn Hạnh" not in md and "Lê Thị An" not in md
    assert "and 1 individual who cannot be named for their safety" in md

    # The held rows, once settled; everything else is already there.
    middle = _texts(example)
    settled = cli("cosign", "import", "biden-2023", sheet, "--link", "3=rsf", "--listed", "6",
                  cwd=example)  # fmt: skip
    assert settled.out.split("\n", 2)[2] == (
        "row 2: already signed: Nguyễn Thị Lan for Vietnamese Women for Human Rights\n"
        "row 3: already signed: Reporters Without Borders (RSF)\n"
        "row 4: already signed: Hội Tự Do\n"
        "row 5: already signed: Lê Thị An\n"
        "row 6: added: Phạm Văn Bình (Nhóm Bình Minh) "
        "(new organisation nhom-binh-minh; new person pham-van-binh)\n"
        "row 7: same signer as row 2; skipped\n"
        "1 added, 5 already present, 0 held for review\n"
    )
    assert _changes(example, middle)["biden-2023.yaml"] == [
        ("+", ["    - org: nhom-binh-minh", "      person: pham-van-binh",
               "      joined: 2023-09-03"]),
    ]  # fmt: skip


def test_microsoft_forms_saved_as_csv_by_excel(cli: Cli, example: Path) -> None:
    before = _texts(example)
    result = cli("cosign", "import", "biden-2023", str(SHEETS / "microsoft-forms.csv"),
                 cwd=example)  # fmt: skip
    assert result.code == 0
    assert result.out == (
        "sheet: 4 rows, UTF-8 with BOM, comma-separated\n"
        "columns read: Completion time=joined, Email=email, Organisation=org, "
        "Full name of signatory=person, Position=title, Publish my name on the letter=listed\n"
        "ignored columns: ID, Start time, Name, Last modified time\n"
        "row 2: added: Đỗ Thị Minh (Dân Chủ Việt Nam) "
        "(new organisation dan-chu-viet-nam; new person do-thi-minh)\n"
        "row 3: already signed: Claire Doran\n"
        "row 4: held for review: 'https://freedom.example.org' in column 'Organisation' is a "
        "web address, not a name; correct the sheet and import it again\n"
        "row 5: added: Võ Thị Hồng (Nhóm Ánh Sáng) "
        "(unlisted; new organisation nhom-anh-sang; new person vo-thi-hong)\n"
        "2 added, 1 already present, 1 held for review\n"
    )
    assert result.err == (
        "warning: joined after the letter's date (2023-09-05): nhom-anh-sang (2023-09-25)\n"
        "  hint: the letter says they signed by its date: give the day they signed with "
        "--joined, or re-date the letter ('date:' in its file)\n"
    )
    changes = _changes(example, before)
    assert changes["biden-2023.yaml"] == [("+", [
        "    - org: dan-chu-viet-nam", "      person: do-thi-minh", "      joined: 2023-09-03",
        "    - org: nhom-anh-sang", "      person: vo-thi-hong", "      listed: false",
        "      joined: 2023-09-25",
    ])]  # fmt: skip
    # 'anonymous' in Microsoft's Email column is nobody's address
    assert "anonymous" not in changes["people.yaml"][0][1][4]
    assert changes["people.yaml"] == [("+", [
        "", "do-thi-minh:", "  name: Đỗ Thị Minh", "  title: Coordinator",
        "  organization: dan-chu-viet-nam",
        "", "vo-thi-hong:", "  name: Võ Thị Hồng", "  title: Member",
        "  organization: nhom-anh-sang",
    ])]  # fmt: skip


def test_excel_with_semicolons_and_days_first(cli: Cli, example: Path) -> None:
    before = _texts(example)
    result = cli("cosign", "import", "biden-2023", str(SHEETS / "excel-semicolon.csv"),
                 "--link", "3=brotherhood-for-democracy", cwd=example)  # fmt: skip
    assert result.code == 0
    assert result.out == (
        "sheet: 4 rows, UTF-8 with BOM, semicolon-separated\n"
        "columns read: Dấu thời gian=joined, Tên tổ chức (tiếng Anh)=org, "
        "Tên tổ chức (tiếng Việt)=org_vi, Họ và tên người ký=person, Chức vụ=title, "
        "Bạn có đồng ý công khai tên không?=listed\n"
        "row 2: added: Vietnam Bloggers Network (new organisation vietnam-bloggers-network)\n"
        "row 3: already signed: Brotherhood For Democracy\n"
        "row 4: added: Saigon Workers; Students (only the organisation listed, as asked; "
        "new organisation saigon-workers-students; new person ngo-van-sang)\n"
        "row 5: added: Hồ Thị Thu (unlisted; new person ho-thi-thu)\n"
        "3 added, 1 already present, 0 held for review\n"
    )
    changes = _changes(example, before)
    assert changes["biden-2023.yaml"] == [
        ("+", ["    - org: vietnam-bloggers-network", "      joined: 2023-09-03",
               "    - org: saigon-workers-students", "      joined: 2023-09-25"]),
        ("+", ["    - person: ho-thi-thu", "      listed: false", "      joined: 2023-09-26"]),
    ]  # fmt: skip
    assert changes["organizations.yaml"] == [("+", [
        "", "vietnam-bloggers-network:", "  name:", "    en: Vietnam Bloggers Network",
        "    vi: Mạng Lưới Blogger Việt Nam",
        "", "saigon-workers-students:", "  name:", "    en: Saigon Workers; Students",
        "    vi: Công nhân; Sinh viên Sài Gòn",
    ])]  # fmt: skip


def test_excel_unicode_text_is_utf16_with_tabs(cli: Cli, example: Path) -> None:
    before = _texts(example)
    result = cli("cosign", "import", "biden-2023", str(SHEETS / "excel-unicode.txt"), cwd=example)
    assert result.out == (
        "sheet: 2 rows, UTF-16, tab-separated\n"
        "columns read: Organization=org, Country=country, Website=website, Date=joined\n"
        "row 2: added: Hội Sinh Viên Tự Do (new organisation hoi-sinh-vien-tu-do)\n"
        "row 3: added: Đài Phát Thanh Chân Trời Mới "
        "(new organisation dai-phat-thanh-chan-troi-moi)\n"
        "2 added, 0 already present, 0 held for review\n"
    )
    assert _changes(example, before)["organizations.yaml"] == [("+", [
        "", "hoi-sinh-vien-tu-do:", "  name: Hội Sinh Viên Tự Do", "  country: VN",
        "  website: https://svtd.example.org",
        "", "dai-phat-thanh-chan-troi-moi:", "  name: Đài Phát Thanh Chân Trời Mới",
        "  country: US",
    ])]  # fmt: skip


def _sheet(folder: Path, text: str, *, encoding: str = "utf-8") -> str:
    path = folder / "sheet.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return str(path)


@pytest.mark.parametrize(
    ("option", "joined"),
    [("--day-first", "2023-09-03"), ("--month-first", "2023-03-09")],
)
def test_dates_that_read_either_way_need_to_be_told(
    option: str, joined: str, cli: Cli, example: Path
) -> None:
    sheet = _sheet(
        example, "Timestamp;Organisation\n03/09/2023 10:15;Nhóm Mới\n04/09/2023;Nhóm Hai\n"
    )
    before = snapshot(example / "data")
    result = cli("cosign", "import", "biden-2023", sheet, cwd=example)
    assert (result.code, result.err) == (65, (
        "sheet.csv:2: column 'Timestamp': every date can be read day first or month first "
        "('03/09/2023 10:15' is 3 September or 9 March)\n"
        "  hint: say which with --day-first or --month-first\n"
    ))  # fmt: skip
    assert snapshot(example / "data") == before
    told = cli("cosign", "import", "biden-2023", sheet, option, cwd=example)
    assert told.code == 0
    assert f"    - org: nhom-moi\n      joined: {joined}\n" in (example / BIDEN).read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Date,Name\n25/09/2023,An\n09/25/2023,Ba\n",
         "sheet.csv:3: column 'Date' has dates written day first ('25/09/2023', line 2) and "
         "month first ('09/25/2023', line 3)\n  hint: correct one of them in the sheet\n"),
        ("Date,Name\n2023-09-31,An\n",
         "sheet.csv:2: column 'Date': '2023-09-31' is not a date: day is out of range for month\n"
         "  hint: correct the date in the sheet, or skip the column with --map 'COLUMN=ignore'\n"),
        ("Organisation,Group,Name\nNhóm A,Nhóm B,An\n",
         "sheet.csv:1: columns 'Organisation' (column A) and 'Group' (column B) would both be "
         "read as 'org'\n  hint: say which one holds it: --map 'Organisation=org' or "
         "--map 'Group=org' (the other is then ignored)\n"),
        ("Name,Can we publish your name or keep you anonymous?\nAn,Yes\n",
         "sheet.csv:1: column 'Can we publish your name or keep you anonymous?' asks whether "
         "signers may be named, but its answers are yes or no and the question does not say "
         "which way yes goes\n  hint: say what its answers mean: --map 'Can we publish your name "
         "or keep you anonymous?=listed' if yes means the name is published, --map 'Can we "
         "publish your name or keep you anonymous?=unlisted' if yes means anonymous\n"),
    ],
)  # fmt: skip
def test_sheets_that_cannot_be_read_for_sure_stop_the_import(
    content: str, message: str, cli: Cli, example: Path
) -> None:
    sheet = _sheet(example, content)
    before = snapshot(example / "data")
    result = cli("cosign", "import", "biden-2023", sheet, cwd=example)
    assert (result.code, result.err) == (65, message)
    assert snapshot(example / "data") == before


def test_an_explicit_map_settles_two_columns(cli: Cli, example: Path) -> None:
    sheet = _sheet(example, "Organisation,Group,Name\nNhóm A,Nhóm B,An\n")
    result = cli("cosign", "import", "biden-2023", sheet, "--map", "Group=org", "--dry-run",
                 cwd=example)  # fmt: skip
    assert result.out.splitlines()[1:4] == [
        "columns read: Group=org, Name=person",
        "ignored columns: Organisation",
        "row 2: would add: An (Nhóm B) (new organisation nhom-b; new person an)",
    ]


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        ("Tổ chức\nHội Đoàn Kết\n".encode("utf-16-le"),
         "the sheet looks like UTF-16 without a byte-order mark: --encoding utf-16-le"),
        ("Organisation\nCafé Liberté\n".encode("cp1252"),
         "it reads as Windows Western (cp1252): check a name, then import with --encoding "
         "cp1252, or export the sheet again as UTF-8 CSV"),
    ],
)  # fmt: skip
def test_an_encoding_that_does_not_decode_is_named(
    data: bytes, hint: str, cli: Cli, example: Path
) -> None:
    (example / "sheet.csv").write_bytes(data)
    result = cli("cosign", "import", "biden-2023", str(example / "sheet.csv"), cwd=example)
    assert result.code == 65
    assert result.err.splitlines()[1] == f"  hint: {hint}"


def test_the_fixtures_are_written_as_the_programs_write_them() -> None:
    google = (SHEETS / "google-forms.csv").read_bytes()
    microsoft = (SHEETS / "microsoft-forms.csv").read_bytes()
    excel = (SHEETS / "excel-semicolon.csv").read_bytes()
    unicode_text = (SHEETS / "excel-unicode.txt").read_bytes()
    assert not google.startswith(b"\xef\xbb\xbf") and google.count(b"\r\n") == 7
    assert b',"Yes, publish my name"\r\n' in google
    assert microsoft.startswith(b"\xef\xbb\xbfID,Start time,") and b"9/12/23 8:01," in microsoft
    assert excel.startswith(b"\xef\xbb\xbf") and b';"Saigon Workers; Students";' in excel
    assert unicode_text.startswith(b"\xff\xfeO\x00r\x00") and b"\t\x00" in unicode_text


WRITES = ["stage organisations", "stage people", "stage letter", "fsync",
          "replace organisations", "replace people", "replace letter"]  # fmt: skip


@pytest.mark.parametrize("step", WRITES)
def test_an_import_interrupted_at_any_write_changes_nothing(
    step: str, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import tempfile
    from datetime import date
    from typing import Any

    from letter_kit.change.sheets import read_sheet
    from letter_kit.change.signon import ImportRequest, import_sheet
    from letter_kit.errors import LetterkitError

    sheet = read_sheet(SHEETS / "google-forms.csv")  # writes organisations, people, letter
    before = snapshot(example / "data")
    order = ["organisations", "people", "letter"]
    calls = {"mkstemp": 0, "replace": 0}
    real_mkstemp, real_replace, real_fsync = tempfile.mkstemp, Path.replace, os.fsync

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if example in Path(kwargs["dir"]).parents:  # not the YAML cache's writes
            calls["mkstemp"] += 1
            if step == f"stage {order[min(calls['mkstemp'], 3) - 1]}":
                raise OSError(28, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    def replace(self: Path, target: Path) -> Path:
        if example in self.parents:
            calls["replace"] += 1
            if calls["replace"] <= 3 and step == f"replace {order[calls['replace'] - 1]}":
                raise OSError(5, "Input/output error")
        return real_replace(self, target)

    def fsync(fd: int) -> None:
        if step == "fsync" and calls["mkstemp"] == 2:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr("letter_kit.files.tempfile.mkstemp", mkstemp)
    monkeypatch.setattr(Path, "replace", replace)
    monkeypatch.setattr("letter_kit.files.os.fsync", fsync)
    with pytest.raises(LetterkitError):
        import_sheet(example, "biden-2023", sheet, ImportRequest(), today=date(2023, 9, 4))
    assert snapshot(example / "data") == before
    assert not list(example.rglob("*.tmp"))


def test_the_readme_shows_what_importing_the_example_sheet_prints(cli: Cli, example: Path) -> None:
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shutil.copytree(ROOT / "examples", example / "examples")
    assert cli("new", "day-2027", "--visit", "vietnam-human-rights-day", "--from", "biden-2023",
               cwd=example).code == 0  # fmt: skip
    assert (
        cli(
            "cosign",
            "add",
            "day-2027",
            "--name",
            "Vietnamese Women for Human Rights",
            "--name-vi",
            "Hội Phụ nữ Nhân quyền Việt Nam",
            cwd=example,
        ).code
        == 0
    )  # as shown
    for command in (
        "cosign import day-2027 examples/signon.csv",
        "cosign import day-2027 examples/signon.csv --link 3=viet-tan --listed 6",
        "recipients import examples/officials.csv --group congress",
    ):
        shown = readme.split(f"$ letterkit {command}\n", 1)[1].split("$ ", 1)[0].split("```")[0]
        result = cli(*command.split(), cwd=example)
        assert (result.code, result.out) == (0, shown), command
