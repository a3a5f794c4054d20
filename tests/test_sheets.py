"""Importing sign-on sheets: encodings, headers, duplicates, and doing it twice."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Literal

import pytest

from letter_kit.change.sheets import read_sheet

from .conftest import Cli, snapshot
from .test_cosign import reopen


@pytest.fixture
def example(example: Path) -> Path:
    """The example workspace with its letters open for signing."""
    return reopen(example)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: vowel letters whole, tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


GOOGLE_FORM_VI = [
    "Dấu thời gian,Tên tổ chức,Tên tiếng Việt,Họ và tên,Chức vụ,Email,Công khai tên,Ghi chú",
    "2023/09/01 10:15:00 AM GMT+7,Vietnamese Women for Human Rights,Hội Phụ nữ Nhân quyền Việt Nam,,,vn@example.org,Có,gọi lại",
    "2023/09/01 11:00:00 AM GMT+7,VIET TAN,,,,,Có,",
    "2023/09/02 09:00:00 AM GMT+7,,,Trần Thị Ngọc Hân,Nhà báo,,Không,",
    "2023/09/02 09:05:00 AM GMT+7,Vietnamese Women for Human Rights,,,,,Có,",
    "2023/09/02 10:00:00 AM GMT+7,Reporters Without Borders (RSF),,,,,Có,",
]  # fmt: skip


def _write(
    path: Path, lines: list[str], *, bom: bool = False, form: Literal["NFC", "NFD"] = "NFC"
) -> Path:
    text = unicodedata.normalize(form, "\r\n".join(lines) + "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_a_google_form_in_vietnamese_with_a_byte_order_mark(cli: Cli, example: Path) -> None:
    sheet = _write(example / "sheet.csv", GOOGLE_FORM_VI, bom=True)
    result = cli("cosign", "import", "biden-2023", str(sheet), cwd=example)
    assert result.code == 0, result.err
    assert result.out == (
        "sheet: 5 rows, UTF-8 with BOM, comma-separated\n"
        "columns read: Dấu thời gian=joined, Tên tổ chức=org, Tên tiếng Việt=org_vi, "
        "Họ và tên=person, Chức vụ=title, Email=email, Công khai tên=listed\n"
        "ignored columns: Ghi chú\n"
        "row 2: added: Vietnamese Women for Human Rights "
        "(new organisation vietnamese-women-for-human-rights)\n"
        "row 3: held for review: 'VIET TAN' is a possible duplicate of viet-tan (Viet Tan); "
        "if it is that one: --link 3=viet-tan, if it is another: --accept 3\n"
        "row 4: added: Trần Thị Ngọc Hân (unlisted; new person tran-thi-ngoc-han)\n"
        "row 5: same signer as row 2; skipped\n"
        "row 6: already signed: Reporters Without Borders (RSF)\n"
        "2 added, 2 already present, 1 held for review\n"
    )
    orgs = (example / "data" / "organizations.yaml").read_text()
    assert orgs.endswith(
        "\nvietnamese-women-for-human-rights:\n  name:\n    en: Vietnamese Women for Human Rights\n"
        "    vi: Hội Phụ nữ Nhân quyền Việt Nam\n  email: vn@example.org\n"
    )
    people = (example / "data" / "people.yaml").read_text()
    assert people.endswith("\ntran-thi-ngoc-han:\n  name: Trần Thị Ngọc Hân\n  title: Nhà báo\n")
    letter = (example / "data" / "letters" / "biden-2023.yaml").read_text()
    assert "    - org: vietnamese-women-for-human-rights\n      joined: 2023-09-01\n" in letter
    assert (
        "    - person: tran-thi-ngoc-han\n      listed: false\n      joined: 2023-09-02\n" in letter
    )


def test_importing_the_same_sheet_twice_adds_nothing(cli: Cli, example: Path) -> None:
    sheet = _write(example / "sheet.csv", GOOGLE_FORM_VI)
    assert cli("cosign", "import", "biden-2023", str(sheet), cwd=example).code == 0
    after_first = snapshot(example / "data")
    second = cli("cosign", "import", "biden-2023", str(sheet), cwd=example)
    assert second.code == 0
    assert second.out.splitlines()[-1] == "0 added, 4 already present, 1 held for review"
    assert snapshot(example / "data") == after_first


def test_a_held_row_is_added_when_accepted(cli: Cli, example: Path) -> None:
    sheet = _write(example / "sheet.csv", GOOGLE_FORM_VI)
    result = cli("cosign", "import", "biden-2023", str(sheet), "--accept", "3", cwd=example)
    assert "row 3: added: VIET TAN (new organisation viet-tan-2)\n" in result.out
    assert "3 added, 2 already present, 0 held for review\n" in result.out


def test_nfd_names_are_stored_as_nfc(cli: Cli, example: Path) -> None:
    sheet = _write(example / "sheet.csv", GOOGLE_FORM_VI, form="NFD")
    assert cli("cosign", "import", "biden-2023", str(sheet), cwd=example).code == 0
    people = (example / "data" / "people.yaml").read_text(encoding="utf-8")
    assert "  name: Trần Thị Ngọc Hân\n" in people
    assert unicodedata.is_normalized("NFC", people)


def test_a_windows_1258_sheet_needs_its_encoding_named(cli: Cli, example: Path) -> None:
    sheet = example / "cp1258.csv"
    sheet.write_bytes(cp1258("Organization,Name,Title\r\nHội Phụ nữ,Nguyễn Thị Ánh,Chủ tịch\r\n"))
    before = snapshot(example)
    result = cli("cosign", "import", "biden-2023", str(sheet), cwd=example)
    assert result.code == 65
    assert result.err == (
        "cp1258.csv:2: byte 0xF4 is not valid UTF-8\n"
        "  hint: it reads as Windows Vietnamese (cp1258): check a name, then import with "
        "--encoding cp1258, or export the sheet again as UTF-8 CSV\n"
    )
    assert snapshot(example) == before
    named = cli("cosign", "import", "biden-2023", str(sheet), "--encoding", "cp1258", cwd=example)
    assert named.out.split("\n", 2)[2].startswith(
        "row 2: added: Nguyễn Thị Ánh (Hội Phụ nữ) (new organisation hoi-phu-nu; "
        "new person nguyen-thi-anh)\n"
    )
    people = (example / "data" / "people.yaml").read_text(encoding="utf-8")
    assert (
        "nguyen-thi-anh:\n  name: Nguyễn Thị Ánh\n  title: Chủ tịch\n  organization: hoi-phu-nu\n"
        in people
    )


def test_formula_cells_are_stored_literally_and_exported_safely(cli: Cli, example: Path) -> None:
    sheet = example / "sheet.csv"
    sheet.write_text('Organization\n"=HYPERLINK(""http://x"",""go"")"\n+Plus Group\n@Mention Org\n')
    assert cli("cosign", "import", "harris-2021", str(sheet), cwd=example).code == 0
    orgs = (example / "data" / "organizations.yaml").read_text()
    assert '  name: =HYPERLINK("http://x","go")\n' in orgs
    exported = cli("cosign", "export", "harris-2021", cwd=example).out.split("\r\n")
    assert 'organization,"\'=HYPERLINK(""http://x"",""go"")",,"\'=HYPERLINK(' in exported[3]
    assert exported[4].startswith("organization,'+Plus Group,")
    assert exported[5].startswith("organization,'@Mention Org,")


def test_a_dry_run_writes_nothing(cli: Cli, example: Path) -> None:
    sheet = _write(example / "sheet.csv", GOOGLE_FORM_VI)
    before = snapshot(example / "data")
    result = cli("cosign", "import", "biden-2023", str(sheet), "--dry-run", cwd=example)
    assert result.code == 0
    assert result.out.endswith(
        "row 2: would add: Vietnamese Women for Human Rights "
        "(new organisation vietnamese-women-for-human-rights)\n"
        "row 3: would be held for review: 'VIET TAN' is a possible duplicate of viet-tan "
        "(Viet Tan); if it is that one: --link 3=viet-tan, if it is another: --accept 3\n"
        "row 4: would add: Trần Thị Ngọc Hân (unlisted; new person tran-thi-ngoc-han)\n"
        "row 5: same signer as row 2; skipped\n"
        "row 6: already signed: Reporters Without Borders (RSF)\n"
        "2 would be added, 2 already present, 1 would be held for review\n"
        "dry run: nothing was written\n"
    )
    assert snapshot(example / "data") == before


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Organization Name,Contact Person,Email", "Free Group,Jo,jo@example.org",
         {"org": "Free Group", "email": "jo@example.org", "person": None}),
        ("first_name,last_name,email", "Ngọc,Trần,n@example.org",
         {"person": "Ngọc Trần", "email": "n@example.org"}),
        ("Full name,Title,Affiliation (for identification only),May we list your name?",
         "Lê Văn Sơn,Activist,Free Group,No",
         {"person": "Lê Văn Sơn", "title": "Activist", "affiliation": "Free Group", "answer": "unlisted"}),
        ("Timestamp,Tên tổ chức,Quốc gia,Trang web", "9/21/2023 10:15:00,Nhóm A,VN,https://a.example",
         {"org": "Nhóm A", "country": "VN", "website": "https://a.example", "joined": date(2023, 9, 21)}),
        ("Name,Date of birth,May we list your name publicly?", "Ba,1970-01-01,yes",
         {"person": "Ba", "joined": None, "answer": "listed"}),
        ("Your full name,Họ và tên người ký (tiếng Việt),Organisation website", "Ba Le,Lê Ba,https://a.example",
         {"person": "Ba Le", "person_vi": "Lê Ba", "website": "https://a.example", "org": None}),
        ("Organization name (English),Organization name (Vietnamese),Organization", "Free Group,Nhóm Tự Do,www.free.example",
         {"org": "Free Group", "org_vi": "Nhóm Tự Do", "website": "www.free.example"}),
    ],
)  # fmt: skip
def test_headers_are_recognised(
    header: str, row: str, expected: dict[str, object], tmp_path: Path
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    (parsed,) = read_sheet(path).rows
    for key, value in expected.items():
        holder = parsed if key in ("answer", "joined") else parsed.signer
        assert getattr(holder, key) == value, key


def test_map_overrides_headers(cli: Cli, example: Path) -> None:
    sheet = example / "sheet.csv"
    sheet.write_text("Who,Group\nAn Nguyễn,Hội B\n", encoding="utf-8")
    result = cli("cosign", "import", "harris-2021", str(sheet), "--map", "Who=person",
                 "--map", "Group=affiliation", "--dry-run", cwd=example)  # fmt: skip
    assert result.out.startswith(
        "sheet: 1 row, UTF-8, comma-separated\ncolumns read: Who=person, Group=affiliation\n"
        "row 2: would add: An Nguyễn (new person an-nguyen)\n"
    )


@pytest.mark.parametrize(
    ("content", "args", "code", "message"),
    [
        ("Colour\nred\n", [], 65, "no column holds a name"),
        ("Name\nAn\n", ["--map", "Name=shoe"], 2, "error: --map 'Name=shoe' is not COLUMN=FIELD"),
        ("Name\nAn\n", ["--map", "Who=person"], 2, "error: --map names a column the sheet does not have: 'Who'"),
        ("Name\nAn\n", ["--encoding", "klingon"], 2, "error: unknown encoding 'klingon'"),
        ("Name,Public\nAn,perhaps\n", [], 65, "column 'Public' asks whether signers may be named, but none of its answers reads as yes, no, or 'only my organisation'"),
        ("Name,Date\nAn,someday\n", [], 65, "column 'Date': 'someday' is not a date"),
        ("Name\nA\u202eB\n", [], 65, "column 'Name' holds U+202E RIGHT-TO-LEFT OVERRIDE at position 2"),
        ("", [], 65, "the sheet is empty"),
    ],
)  # fmt: skip
def test_sheet_errors(
    content: str, args: list[str], code: int, message: str, cli: Cli, example: Path
) -> None:
    sheet = example / "sheet.csv"
    sheet.write_text(content, encoding="utf-8")
    before = snapshot(example / "data")
    result = cli("cosign", "import", "harris-2021", str(sheet), *args, cwd=example)
    assert result.code == code
    assert message in result.err
    assert snapshot(example / "data") == before


def test_a_missing_sheet(cli: Cli, example: Path) -> None:
    result = cli("cosign", "import", "harris-2021", "nowhere.csv", cwd=example)
    assert (result.code, result.err) == (66, "error: no sheet at nowhere.csv\n")
