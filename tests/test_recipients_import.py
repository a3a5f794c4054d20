"""letterkit recipients import: officials from a sheet into recipients.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Cli, snapshot
from .test_cosign import _diff
from .test_signon_forms import SHEETS

RECIPIENTS = Path("data/recipients.yaml")
CONGRESS = str(SHEETS / "congress.csv")


def test_a_sheet_of_officials(cli: Cli, example: Path) -> None:
    before = (example / RECIPIENTS).read_text()
    result = cli("recipients", "import", CONGRESS, "--group", "congress", cwd=example)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "sheet: 6 rows, UTF-8 with BOM, comma-separated\n"
        "columns read: Honorific=honorific, Name=name, Title=title, Title (Vietnamese)=title_vi, "
        "Address line 1=address, Address line 2=address, Address line 1 (tiếng Việt)=address_vi, "
        "Address line 2 (tiếng Việt)=address_vi, Salutation=salutation, "
        "Salutation (Vietnamese)=salutation_vi, Email=email, Groups=groups\n"
        "ignored columns: Phone\n"
        "row 2: added: Alex Tran (new recipient alex-tran)\n"
        "row 3: added: Maria Lopez (new recipient maria-lopez)\n"
        "row 4: already present: Kamala D. Harris (harris)\n"
        "row 5: held for review: 'Kamala Harris' is a possible duplicate of harris "
        "(Kamala D. Harris); if it is another recipient: --accept 5\n"
        "row 6: held for review: salutation: missing\n"
        "row 7: held for review: email: 'chris.le at house' is not an email address\n"
        "2 added, 1 already present, 3 held for review\n"
    )
    assert _diff(before, (example / RECIPIENTS).read_text()) == [("+", [
        "", "alex-tran:", "  honorific:", "    en: The Honorable", "  name: Alex Tran",
        "  title:", "    en: Member of Congress", "    vi: Dân biểu Quốc hội Hoa Kỳ",
        "  address:", "    en:", "      - 1234 Longworth House Office Building",
        "      - Washington, DC 20515", "    vi:", "      - 1234 Tòa nhà Văn phòng Hạ viện Longworth",
        "      - Washington, DC 20515",
        "  salutation:", "    en: Dear Representative Tran", "    vi: Kính thưa Dân biểu Tran",
        "  email: alex.tran@house.example", "  groups: [congress, vietnam-caucus]",
        "", "maria-lopez:", "  honorific:", "    en: The Honorable", "  name: Maria Lopez",
        "  title:", "    en: United States Senator", "    vi: Thượng nghị sĩ Hoa Kỳ",
        "  address:", "    en:", "      - 100 Russell Senate Office Building",
        "      - Washington, DC 20510",
        "  salutation:", "    en: Dear Senator Lopez", "    vi: Kính thưa Thượng nghị sĩ Lopez",
        "  email: maria.lopez@senate.example", "  groups: [congress]",
    ])]  # fmt: skip
    again = cli("recipients", "import", CONGRESS, "--group", "congress", cwd=example)
    assert again.out.splitlines()[-1] == "0 added, 3 already present, 3 held for review"


def test_imported_officials_are_addressed_and_their_missing_texts_named(
    cli: Cli, example: Path
) -> None:
    assert cli("recipients", "import", CONGRESS, cwd=example).code == 0
    letter = example / "data/letters/harris-2021.yaml"
    letter.write_text(
        letter.read_text().replace("recipients: [harris]", "groups: [vietnam-caucus]")
    )
    check = cli("check", cwd=example)
    assert check.code == 65
    assert (
        "data/recipients.yaml:114:3: alex-tran.honorific: no 'vi' text, but letter 'harris-2021' "
        "is written in 'vi'\n" in check.err
    )
    md = cli("draft", "harris-2021", "-l", "en", cwd=example).out
    assert (
        "The Honorable Alex Tran\\\nMember of Congress\\\n1234 Longworth House Office Building"
        "\\\nWashington, DC 20515\n\nDear Representative Tran," in md
    )


def test_a_dry_run_writes_nothing_and_accept_adds_a_held_row(cli: Cli, example: Path) -> None:
    before = snapshot(example / "data")
    dry = cli("recipients", "import", CONGRESS, "--dry-run", "--accept", "5", cwd=example)
    assert dry.out.splitlines()[-8:] == [
        "row 2: would add: Alex Tran (new recipient alex-tran)",
        "row 3: would add: Maria Lopez (new recipient maria-lopez)",
        "row 4: already present: Kamala D. Harris (harris)",
        "row 5: would add: Kamala Harris (new recipient kamala-harris)",
        "row 6: would be held for review: salutation: missing",
        "row 7: would be held for review: email: 'chris.le at house' is not an email address",
        "3 would be added, 1 already present, 2 would be held for review",
        "dry run: nothing was written",
    ]
    assert snapshot(example / "data") == before


@pytest.mark.parametrize(
    ("content", "args", "code", "message"),
    [
        ("Name,Title\nAn,Minister\n", [], 65,
         "sheet.csv:1: no column holds the salutation: expected a header such as "
         "'Salutation' (Dear ...)\n"),
        ("Name,Title,Salutation\nAn,Minister,Dear An\n", ["--group", "The Caucus"], 2,
         "error: --group takes an id: lowercase letters, digits and hyphens\n  hint: e.g. congress\n"),
        ("Name,Title,Salutation\nAn,Minister,Dear An\n", ["--map", "Name=nickname"], 2,
         "error: --map 'Name=nickname' is not COLUMN=FIELD\n"),
    ],
)  # fmt: skip
def test_recipient_sheet_errors(
    content: str, args: list[str], code: int, message: str, cli: Cli, example: Path
) -> None:
    (example / "sheet.csv").write_text(content, encoding="utf-8")
    before = snapshot(example / "data")
    result = cli("recipients", "import", str(example / "sheet.csv"), *args, cwd=example)
    assert result.code == code
    assert result.err.startswith(message)
    assert snapshot(example / "data") == before
