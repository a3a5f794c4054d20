"""One broken letter never blocks the team: problems touch only what draws on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letter_kit import DataError, load_workspace
from letter_kit.workspace.loading import read_workspace

from .conftest import GOLDEN, Cli, snapshot

BROKEN = "date: 2024-03-01\nlanguages: [en, vi\nrecipients: [harris]\n"
LEFT_ASIDE = (
    "warning: 2 other files have problems, left aside: data/letters/broken.yaml, "
    "data/letters/invalid.yaml ('letterkit check' lists them)\n"
)
UNKNOWN_RECIPIENT = (
    "data/letters/invalid.yaml:7:14: recipients[0]: unknown recipient 'haris'\n"
    "  hint: did you mean 'harris'? Recipients are defined in data/recipients.yaml\n"
)
BAD_YAML = (
    "data/letters/broken.yaml:3:11: invalid YAML: expected ',' or ']', but got ':'\n"
    "  hint: check the YAML syntax here; text with special characters (: # [ { ') needs quotes\n"
)


@pytest.fixture
def team(example: Path) -> Path:
    """The example with a colleague's unfinished letters: one whose YAML is broken, one
    that names a recipient who does not exist."""
    letters = example / "data" / "letters"
    (letters / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    harris = (letters / "harris-2021.yaml").read_text(encoding="utf-8")
    (letters / "invalid.yaml").write_text(
        harris.replace("recipients: [harris]", "recipients: [haris]"), encoding="utf-8"
    )
    return example


def test_the_good_letter_drafts_with_a_warning(team: Path, cli: Cli) -> None:
    result = cli("draft", "harris-2021", "-l", "vi", "-f", "txt", cwd=team)
    assert (result.code, result.err) == (0, LEFT_ASIDE)
    assert result.out == (GOLDEN / "harris-2021.vi.txt").read_text(encoding="utf-8")


def test_check_reports_both_in_one_run(team: Path, cli: Cli) -> None:
    before = snapshot(team)
    result = cli("check", cwd=team)
    assert (result.code, result.out) == (65, "")
    assert result.err == BAD_YAML + UNKNOWN_RECIPIENT + "2 problems found\n"
    assert snapshot(team) == before


def test_the_invalid_letter_fails_on_its_own_problem(team: Path, cli: Cli) -> None:
    result = cli("draft", "invalid", cwd=team)
    assert (result.code, result.out) == (65, "")
    assert result.err == (
        "warning: 1 other file has problems, left aside: data/letters/broken.yaml "
        "('letterkit check' lists them)\n" + UNKNOWN_RECIPIENT
    )


@pytest.mark.parametrize(
    "args",
    [
        ["status", "harris-2021"],
        ["cosign", "list", "harris-2021"],
        ["send", "harris-2021", "--to-recipients"],
        ["translate", "export", "harris-2021", "-l", "vi"],
    ],
)
def test_every_command_about_the_good_letter_works(args: list[str], team: Path, cli: Cli) -> None:
    result = cli(*args, cwd=team)
    assert (result.code, result.err) == (0, LEFT_ASIDE)


def test_cosign_add_works_beside_a_broken_letter(team: Path, cli: Cli) -> None:
    result = cli("cosign", "add", "harris-2021", "rsf", "--force", "--joined", "2021-08-01",
                 cwd=team)  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "added: Reporters Without Borders (RSF)\n"
    assert result.err == LEFT_ASIDE


def test_list_and_visits_mark_the_broken_letters(team: Path, cli: Cli) -> None:
    listed = cli("list", "letters", cwd=team)
    assert listed.code == 0
    assert listed.out.splitlines() == [
        "ID                     DATE        KIND           STATUS   LANGUAGES  RECIPIENTS  SIGNATORIES",
        "biden-2023             2023-09-05  open-letter    sent     en,vi      biden       13",
        "broken                                            invalid",
        "harris-2021-press      2021-08-06  press-release  sent     en,vi      harris      2",
        "harris-2021            2021-08-04  open-letter    sent     en,vi      harris      2",
        "human-rights-day-2024  2024-05-06  open-letter    draft    en         blinken     4",
        "invalid                2021-08-04  open-letter    invalid  en,vi      haris       2",
        "market-economy-2024    2024-06-03  open-letter    draft    en,vi      raimondo    4",
        "7 letters",
    ]
    assert listed.err == (
        "warning: 2 files have problems: data/letters/broken.yaml, data/letters/invalid.yaml "
        "('letterkit check' lists them)\n"
    )
    records = json.loads(cli("list", "letters", "--json", cwd=team).out)["records"]
    assert {r["id"]: r["valid"] for r in records} == {
        "biden-2023": True, "broken": False, "harris-2021-press": True,
        "harris-2021": True, "human-rights-day-2024": True, "invalid": False,
        "market-economy-2024": True,
    }  # fmt: skip
    visits = cli("visits", "--all", "--date", "2021-07-25", cwd=team)
    assert visits.code == 0
    letters = [line.rsplit("  ", 1)[-1] for line in visits.out.splitlines()[1:4]]
    assert letters == [
        "harris-2021 (sent, en+vi, 2 signatories)",
        "invalid (invalid: 'letterkit check' says why)",
        "harris-2021-press (press-release, sent, en+vi, 2 signatories)",
    ]


def test_a_problem_in_a_shared_record_touches_the_letters_that_draw_on_it(
    example: Path, cli: Cli
) -> None:
    orgs = example / "data" / "organizations.yaml"
    text = orgs.read_text(encoding="utf-8")
    # dtd signs harris-2021 (and so its press release); acat-usa signs biden-2023 only
    orgs.write_text(text.replace("  short: ACAT USA\n", "  short: ACAT USA\n  website: acatusa\n"))
    bad = cli("draft", "biden-2023", cwd=example)
    assert bad.code == 65
    assert bad.err.startswith("data/organizations.yaml:96:12: acat-usa.website: 'acatusa' is not")
    for letter in ("harris-2021", "harris-2021-press"):
        good = cli("draft", letter, "-f", "txt", cwd=example)
        assert good.code == 0
        assert good.err == (
            "warning: 1 other file has problems, left aside: data/organizations.yaml "
            "('letterkit check' lists them)\n"
        )


def test_a_press_release_is_touched_by_the_letter_it_announces(example: Path, cli: Cli) -> None:
    letter = example / "data" / "letters" / "harris-2021.yaml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("status: sent", "status: snet"))
    result = cli("draft", "harris-2021-press", cwd=example)
    assert result.code == 65
    assert "harris-2021.yaml:3:9: status: 'snet' is not one of" in result.err
    assert cli("draft", "biden-2023", "-f", "txt", cwd=example).code == 0


def test_a_file_that_cannot_be_read_touches_every_letter_that_draws_on_it(
    example: Path, cli: Cli
) -> None:
    (example / "data" / "recipients.yaml").write_text("harris: [\n", encoding="utf-8")
    result = cli("draft", "harris-2021", cwd=example)
    assert result.code == 65
    # the cause alone: no "unknown recipient" for every letter that names one
    assert result.err.startswith("data/recipients.yaml:2:1: invalid YAML")
    assert result.err.count("\n") == 2
    assert cli("check", cwd=example).err == result.err


RECIPIENTS = """\
a:
  name: A
  title: Senator
  salutation: Dear Senator A,
  groups: [senate]
b:
  name: B
  title: Senator
  salutation: Dear Senator B,
  groups: [senate]
c:
  name: C
  title: Governor
  salutation: Dear Governor C,
  groups: [governors]
"""


def _to_the_senate(minimal: Path) -> None:
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    text = letter.read_text(encoding="utf-8").replace("recipients: [minister]", "groups: [senate]")
    letter.write_text(text, encoding="utf-8")
    (minimal / "data" / "recipients.yaml").write_text(RECIPIENTS, encoding="utf-8")


def test_no_member_of_a_group_is_left_out_unnoticed(minimal: Path, cli: Cli) -> None:
    _to_the_senate(minimal)
    recipients = minimal / "data" / "recipients.yaml"
    assert cli("draft", "test-letter", "--per-recipient", "-o", "out", cwd=minimal).code == 0
    # a governor's record is broken: the letter to the senate does not need it
    recipients.write_text(RECIPIENTS.replace("Dear Governor C,", "''"), encoding="utf-8")
    assert cli("draft", "test-letter", cwd=minimal).code == 0
    # a senator's record is broken: drafting to the senate without them would leave
    # them out, so it stops
    recipients.write_text(RECIPIENTS.replace("Dear Senator B,", "''"), encoding="utf-8")
    assert cli("draft", "test-letter", cwd=minimal).code == 65
    # a record whose groups cannot be read might be in the senate
    recipients.write_text(RECIPIENTS.replace("[governors]", "{governors: 1}"), encoding="utf-8")
    result = cli("draft", "test-letter", "--per-recipient", "-o", "out2", cwd=minimal)
    assert result.code == 65
    assert "data/recipients.yaml:15:3: c.groups: expected a list" in result.err
    assert not (minimal / "out2").exists()


def test_cosign_add_needs_the_organisations_whole_remove_does_not(example: Path, cli: Cli) -> None:
    orgs = example / "data" / "organizations.yaml"
    text = orgs.read_text(encoding="utf-8")
    orgs.write_text(text.replace("  short: ACAT USA\n", "  short: ACAT USA\n  website: acatusa\n"))
    before = snapshot(example)
    added = cli("cosign", "add", "harris-2021", "--name", "Acat USA", "--force", cwd=example)
    assert added.code == 65
    assert "acat-usa.website" in added.err
    assert snapshot(example) == before
    removed = cli("cosign", "remove", "harris-2021", "dtd", "--force", cwd=example)
    assert (removed.code, removed.out) == (0, "removed: dtd\n")


def test_the_library_loads_strictly_or_for_some_letters(team: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_workspace(team)
    assert [p.file.name for p in caught.value.problems if p.file] == [
        "broken.yaml",
        "invalid.yaml",
    ]
    ws = load_workspace(team, for_letters=["harris-2021"])
    assert "harris-2021" in ws.letters
    assert [p.file.name for p in ws.set_aside if p.file] == ["broken.yaml", "invalid.yaml"]
    with pytest.raises(DataError) as caught:
        load_workspace(team, for_letters=["invalid"])
    assert [p.message for p in caught.value.problems] == ["unknown recipient 'haris'"]
    loaded = read_workspace(team)
    assert loaded.invalid_letters() == {"broken", "invalid"}
    assert set(loaded.clean().letters) == {
        "biden-2023", "harris-2021", "harris-2021-press", "human-rights-day-2024",
        "market-economy-2024",
    }  # fmt: skip
