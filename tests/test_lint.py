"""``letterkit lint``: each planted problem found, with its exact line; ``check`` agrees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from letter_kit import load_workspace
from letter_kit.reports.lint import lint, months_between
from letter_kit.reports.typography import slips
from letter_kit.workspace.config import LintSettings

from .conftest import FIXTURES, Cli, snapshot

FIGURE = (
    "warning: data/letters/test-letter.yaml:9:27: body.en: figure 'held-2022' holds as of "
    "2022-12-31, over 14 months before the letter's date (2024-03-01)\n"
    "  hint: quote a newer figure, or update its value and as_of at data/facts.yaml:3 (a "
    "figure older than 12 months is stale: [lint] figure_months in letterkit.toml)\n"
)
CASE = (
    "warning: data/letters/test-letter.yaml:13:9: cases[0]: 'Trần Văn A' (tran-van-a) was "
    "released (2023-11-02) before the letter's date (2024-03-01), but the letter lists them "
    "among the prisoners it names\n"
    "  hint: take them off, or correct their events or status at data/cases.yaml:1\n"
)
ACCESS = (
    "warning: data/letters/test-letter.yaml:10:18: body.en: source 'page' was last read on "
    "2021-06-01, 33 months before the letter's date (2024-03-01)\n"
    "  hint: check that it still says what the letter cites, then update accessed at "
    "data/sources.yaml:8 ([lint] accessed_months in letterkit.toml)\n"
)
TYPOGRAPHY = (
    "warning: data/letters/test-letter.yaml:9:61: body.en: two spaces between words\n"
    "  hint: write one space\n"
    "warning: data/letters/test-letter.yaml:9:72: body.en: space before '.'\n"
    "  hint: put the punctuation mark right after the word\n"
)
UNUSED = (
    "warning: data/sources.yaml:9:1: spare: no letter cites source 'spare'\n"
    "  hint: cite it with [@spare], or remove it\n"
)
INFO = "info: data/cases.yaml:7:1: le-thi-b: no letter uses case 'le-thi-b'\n"


@pytest.fixture
def planted(minimal: Path) -> Path:
    """The minimal workspace with one of each problem lint finds (see fixtures/lint)."""
    shutil.copytree(FIXTURES / "lint" / "data", minimal / "data", dirs_exist_ok=True)
    return minimal


def test_lint_finds_each_planted_problem_at_its_place(planted: Path, cli: Cli) -> None:
    before = snapshot(planted)
    result = cli("lint", cwd=planted)
    assert result.code == 0, result.err
    assert result.out == FIGURE + CASE + ACCESS + TYPOGRAPHY + UNUSED + INFO + (
        "6 warnings, 1 info\n"
    )
    assert snapshot(planted) == before


def test_lint_of_one_letter_leaves_out_the_workspace_findings(planted: Path, cli: Cli) -> None:
    result = cli("lint", "test-letter", cwd=planted)
    assert result.out == FIGURE + CASE + ACCESS + TYPOGRAPHY + "5 warnings\n"


def test_in_a_final_letter_findings_are_errors(planted: Path, cli: Cli) -> None:
    letter = planted / "data" / "letters" / "test-letter.yaml"
    letter.write_text("status: final\n" + letter.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("lint", "test-letter", cwd=planted)
    assert result.code == 65
    lines = result.out.splitlines()
    assert lines[0].startswith("data/letters/test-letter.yaml:10:27: body.en: figure 'held-2022'")
    assert lines[-1] == "5 errors"


def test_check_reports_the_same_as_warnings_without_the_infos(planted: Path, cli: Cli) -> None:
    result = cli("check", cwd=planted)
    assert result.code == 0, result.err
    assert result.err == FIGURE + CASE + ACCESS + TYPOGRAPHY + UNUSED
    assert result.out.startswith("ok: 1 letter in 2 documents")


def test_check_fails_on_lint_findings_in_a_final_letter(planted: Path, cli: Cli) -> None:
    letter = planted / "data" / "letters" / "test-letter.yaml"
    letter.write_text("status: final\n" + letter.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", cwd=planted)
    assert result.code == 65
    assert "data/letters/test-letter.yaml:14:9: cases[0]: 'Trần Văn A'" in result.err
    # the source no letter cites is no letter's: a warning still
    assert result.err.startswith(UNUSED + "data/letters/test-letter.yaml:10:27: body.en: figure")
    assert result.err.endswith("5 problems found\n")


def test_lint_json_gives_rule_record_and_place(planted: Path, cli: Cli) -> None:
    result = cli("lint", "--json", cwd=planted)
    findings = json.loads(result.out)
    assert [(f["rule"], f["record"], f["line"], f["severity"]) for f in findings] == [
        ("stale-figure", "held-2022", 9, "warning"),
        ("case-status", "tran-van-a", 13, "warning"),
        ("old-access", "page", 10, "warning"),
        ("double-space", "test-letter", 9, "warning"),
        ("space-before-punctuation", "test-letter", 9, "warning"),
        ("unused-source", "spare", 9, "warning"),
        ("unused-case", "le-thi-b", 7, "info"),
    ]
    assert findings[0] == {
        "rule": "stale-figure",
        "severity": "warning",
        "letter": "test-letter",
        "record": "held-2022",
        "file": "data/letters/test-letter.yaml",
        "line": 9,
        "column": 27,
        "field": "body.en",
        "message": "figure 'held-2022' holds as of 2022-12-31, over 14 months before the "
        "letter's date (2024-03-01)",
        "hint": "quote a newer figure, or update its value and as_of at data/facts.yaml:3 (a "
        "figure older than 12 months is stale: [lint] figure_months in letterkit.toml)",
    }


def test_thresholds_come_from_letterkit_toml(planted: Path, cli: Cli) -> None:
    (planted / "letterkit.toml").write_text(
        "[lint]\nfigure_months = 15\naccessed_months = 36\n", encoding="utf-8"
    )
    result = cli("lint", "test-letter", cwd=planted)
    assert result.out == CASE + TYPOGRAPHY + "3 warnings\n"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("figure_months = 0", "[lint] figure_months: must be a whole number of months, from 1 to 600"),
        ("figure_months = true", "[lint] figure_months: must be a whole number of months, from 1 to 600"),
        ("months = 3", "unknown [lint] setting 'months'\n  hint: did you mean 'figure_months'?"),
    ],
)  # fmt: skip
def test_a_bad_lint_setting_is_a_configuration_error(
    planted: Path, cli: Cli, setting: str, message: str
) -> None:
    (planted / "letterkit.toml").write_text(f"[lint]\n{setting}\n", encoding="utf-8")
    result = cli("lint", cwd=planted)
    assert result.code == 78
    assert result.err == f"error: letterkit.toml:2:1: {message}\n"


def test_the_example_workspace_has_nothing_to_lint(cli: Cli) -> None:
    result = cli("lint")
    assert (result.code, result.out) == (0, "no findings\n")


def test_a_case_listed_before_anything_is_recorded_of_them(planted: Path) -> None:
    cases = planted / "data" / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    start, end = text.index("    - arrested"), text.index("le-thi-b:")
    cases.write_text(text[:start] + "    - arrested: 2024-06\n" + text[end:], encoding="utf-8")
    ws = load_workspace(planted)
    found = [f for f in lint(ws, LintSettings(), ["test-letter"]) if f.rule == "case-status"]
    assert [f.problem.message for f in found] == [
        "'Trần Văn A' (tran-van-a): nothing is recorded of them before the letter's date "
        "(2024-03-01); the first event is 'arrested' (2024-06)"
    ]


def test_a_demand_naming_someone_who_died(planted: Path) -> None:
    (planted / "data" / "demands.yaml").write_text(
        "free-them:\n  text: Free them.\n  cases: [le-thi-b]\n", encoding="utf-8"
    )
    cases = planted / "data" / "cases.yaml"
    cases.write_text(
        cases.read_text(encoding="utf-8").replace(
            "  status: imprisoned\n", "  events:\n    - died: 2023-02\n"
        ),
        encoding="utf-8",
    )
    letter = planted / "data" / "letters" / "test-letter.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8") + "demands:\n  items: [free-them]\n", encoding="utf-8"
    )
    ws = load_workspace(planted)
    found = [f for f in lint(ws, LintSettings(), ["test-letter"]) if f.record == "le-thi-b"]
    assert [(f.problem.line, f.problem.message) for f in found] == [
        (18, "'Lê Thị B' (le-thi-b) died (2023-02) before the letter's date (2024-03-01), "
             "but demand 'free-them' names them"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("He said “no”, and it's the prisoners' right.", "en", []),
        ('He said "no", it\'s theirs.', "en", []),  # letterkit sets the marks itself
        ("Two  spaces, and a hard break  \nnext line", "en", [("double-space", 3, 1)]),
        ("Không có khoảng trắng , trước dấu phẩy .", "vi", [("space-before-punctuation", 21, 2)]),
        ('{{ fact("x") }} and [@a, p. 3] and [link](@a) and `"code"`', "en", []),
        ('Il dit : "oui" !', "fr", []),  # letterkit sets the spaces and marks itself
        ("Il dit  oui", "fr", [("double-space", 6, 1)]),
    ],
)
def test_typography_per_language(text: str, lang: str, found: list[tuple[str, int, int]]) -> None:
    assert [(s.rule, s.offset, s.count) for s in slips(text, lang)] == found


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [("2022-12-31", "2024-03-01", (14, True)), ("2023-03-01", "2024-03-01", (12, False)),
     ("2023-03-02", "2024-03-01", (11, True))],
)  # fmt: skip
def test_months_between(earlier: str, later: str, expected: tuple[int, bool]) -> None:
    from datetime import date

    assert months_between(date.fromisoformat(earlier), date.fromisoformat(later)) == expected
