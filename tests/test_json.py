"""--json: what scripts read, in the shape the README documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from letter_kit.reports.listing import KINDS

from .conftest import Cli


def _json(cli: Cli, *args: str, cwd: Path | None = None, code: int = 0) -> Any:
    result = cli(*args, "--json", cwd=cwd)
    assert result.code == code, result.err
    return json.loads(result.out)


def test_list_letters(cli: Cli) -> None:
    data = _json(cli, "list", "letters")
    assert data["kind"] == "letters"
    assert data["records"][0] == {
        "id": "biden-2023", "date": "2023-09-05", "kind": "open-letter", "status": "sent",
        "languages": ["en", "vi"], "recipients": ["biden"], "signatories": 13, "valid": True,
    }  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_list_every_kind_as_the_table_says(kind: str, cli: Cli) -> None:
    data = _json(cli, "list", kind)
    table = cli("list", kind).out.splitlines()
    assert [r["id"] for r in data["records"]] == [line.split()[0] for line in table[1:-1]]
    headers = table[0].lower().replace("as of", "as_of").replace("sentence years", "sentence_years")
    assert list(data["records"][0]) == headers.split() + (["valid"] if kind == "letters" else [])


def test_list_in_vietnamese(cli: Cli) -> None:
    people = _json(cli, "list", "people", "-l", "vi")["records"]
    assert people[0] == {"id": "tung-nguyen", "name": "Nguyễn Bá Tùng",
                         "title": "Trưởng Ban Điều Hành",
                         "organisation": "Mạng Lưới Nhân Quyền Việt Nam"}  # fmt: skip


def test_visits(cli: Cli) -> None:
    data = _json(cli, "visits", "--all", "--date", "2021-07-25")
    assert data[0] == {
        "id": "harris-asia-2021", "start": "2021-08-24", "end": "2021-08-26",
        "occasion": "Vice President Harris's visit to Singapore and Vietnam",
        "visitor": "harris", "who": "Kamala D. Harris", "where": "Hanoi",
        "send_by": "2021-08-10", "days_left": 16,
        "letters": [
            {"id": "harris-2021", "kind": "open-letter", "status": "sent",
             "languages": ["en", "vi"], "signatories": 2, "valid": True},
            {"id": "harris-2021-press", "kind": "press-release", "status": "sent",
             "languages": ["en", "vi"], "signatories": 2, "valid": True},
        ],
    }  # fmt: skip
    assert [v["days_left"] for v in data] == [16, 269, 763, 987]


def test_check_ok(cli: Cli) -> None:
    assert _json(cli, "check") == {
        "ok": True, "errors": [], "warnings": [],
        "checked": {"letters": 5, "documents": 9, "organizations": 13, "people": 4,
                    "recipients": 4, "cases": 25, "demands": 8, "sources": 4, "facts": 5},
    }  # fmt: skip


def test_check_with_errors_exits_65(cli: Cli, minimal: Path) -> None:
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    letter.write_text(letter.read_text().replace("[minister]", "[ministre]"), encoding="utf-8")
    assert _json(cli, "check", cwd=minimal, code=65) == {
        "ok": False,
        "errors": [{
            "file": "data/letters/test-letter.yaml", "line": 3, "column": 14,
            "field": "recipients[0]", "message": "unknown recipient 'ministre'",
            "hint": "did you mean 'minister'? Recipients are defined in data/recipients.yaml",
            "severity": "error",
        }],
        "warnings": [],
        "checked": None,
    }  # fmt: skip


def test_cosign_list(cli: Cli) -> None:
    data = _json(cli, "cosign", "list", "harris-2021")
    assert data == {
        "letter": "harris-2021",
        "languages": ["en", "vi"],
        "signatories": [
            {"id": "vnhrn/tung-nguyen", "tier": "lead",
             "names": {"en": "Tung B Nguyen", "vi": "Nguyễn Bá Tùng"},
             "organisations": {"en": "Vietnam Human Rights Network",
                               "vi": "Mạng Lưới Nhân Quyền Việt Nam"},
             "joined": None, "listed": True},
            {"id": "dtd/ngu-vu", "tier": "lead",
             "names": {"en": "Ngu Q Vu", "vi": "Vũ Quốc Ngữ"},
             "organisations": {"en": "Defend the Defenders", "vi": "Người Bảo Vệ Nhân Quyền"},
             "joined": None, "listed": True},
        ],
        "counts": {"total": 2, "lead": 2, "organization": 0, "individual": 0, "unlisted": 0},
    }  # fmt: skip


def test_status(cli: Cli) -> None:
    data = _json(cli, "status", "biden-2023", "--date", "2023-09-01")
    assert (data["letter"], data["status"]) == ("biden-2023", "sent")
