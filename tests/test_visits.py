"""Visits, starting a letter from one, and the TODOs a final letter may not keep."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from letter_kit.workspace.models import Visit
from letter_kit.workspace.occasions import occurrence

from .conftest import Cli, snapshot


def test_all_visits_with_their_letters(cli: Cli) -> None:
    result = cli("visits", "--all", "--date", "2021-07-25")
    assert result.code == 0
    assert result.out.splitlines() == [
        "ID                        WHEN               OCCASION                                                                    WHO                   WHERE       SEND BY                     LETTERS",
        "harris-asia-2021          Aug 24\u2009–\u200926, 2021  Vice President Harris's visit to Singapore and Vietnam                      Kamala D. Harris      Hanoi       Aug 10, 2021 (in 16 days)   harris-2021 (sent, en+vi, 2 signatories)",
        "                                                                                                                                                                                       harris-2021-press (press-release, sent, en+vi, 2 signatories)",
        "vietnam-human-rights-day  May 11, 2022       Vietnam Human Rights Day                                                    –                     Washington  Apr 20, 2022 (in 9 months)  –",
        "biden-hanoi-2023          Sep 10\u2009–\u200911, 2023  President Biden's visit to Hanoi to upgrade relations with Vietnam          Joseph R. Biden, Jr.  Hanoi       Aug 27, 2023 (in 2 years)   biden-2023 (sent, en+vi, 13 signatories)",
        "upr-vietnam-2024          May 7, 2024        Fourth Universal Periodic Review of Vietnam at the UN Human Rights Council  –                     Geneva      Apr 7, 2024 (in 3 years)    –",
        "4 visits",
    ]


def test_past_visits_only_with_all_and_dates_in_vietnamese(cli: Cli) -> None:
    result = cli("visits", "--date", "2023-09-01", "-l", "vi")
    assert result.out.splitlines() == [
        "ID                        WHEN                 OCCASION                                                                                     WHO                   WHERE       SEND BY                           LETTERS",
        "biden-hanoi-2023          10\u2009–\u200911 thg 9, 2023  Chuyến thăm Hà Nội của Tổng thống Biden nhằm nâng cấp quan hệ với Việt Nam                   Joseph R. Biden, Jr.  Hà Nội      27 thg 8, 2023 (5 ngày trước)     biden-2023 (sent, en+vi, 13 signatories)",
        "upr-vietnam-2024          7 thg 5, 2024        Kỳ Kiểm điểm Định kỳ Phổ quát lần thứ tư về Việt Nam tại Hội đồng Nhân quyền Liên Hiệp Quốc  –                     Genève      7 thg 4, 2024 (sau 7 tháng nữa)   –",
        "vietnam-human-rights-day  11 thg 5, 2024       Ngày Nhân quyền cho Việt Nam                                                                 –                     Washington  20 thg 4, 2024 (sau 8 tháng nữa)  –",
        "3 visits (--all shows past ones too)",
    ]


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2030, 1, 1), date(2030, 5, 11)),
        (date(2030, 5, 11), date(2030, 5, 11)),  # on the day itself
        (date(2030, 5, 12), date(2031, 5, 11)),
    ],
)
def test_a_yearly_occasion_comes_round_again(today: date, start: date) -> None:
    day = Visit.model_validate(
        {"destination": "Washington", "start": "2024-05-11", "occasion": "Day", "recurs": "yearly"}
    )
    found = occurrence("day", day, today)
    assert (found.start, found.end) == (start, start)
    assert found.send_by == start - timedelta(days=14)


def test_the_29th_of_february_in_a_common_year() -> None:
    leap = Visit.model_validate(
        {"destination": "X", "start": "2024-02-29", "occasion": "Leap", "recurs": "yearly"}
    )
    assert occurrence("leap", leap, date(2025, 1, 1)).start == date(2025, 2, 28)


NEW_LETTER = """\
# test-2026: started by letterkit new from visit biden-hanoi-2023 and letter biden-2023.
# Replace every TODO before setting status: final.
kind: open-letter
status: draft
visit: biden-hanoi-2023
date: 2023-08-27
languages: [en, vi]
recipients: [biden]
sender: rsf
subject:
  en: President Biden's visit to Hanoi to upgrade relations with Vietnam
  vi: Chuyến thăm Hà Nội của Tổng thống Biden nhằm nâng cấp quan hệ với Việt Nam
body:
  en: |
    TODO: write this text.
  vi: |
    TODO: viết phần này.
demands:
  intro:
    en: |
      While you are in Vietnam, we ask you to:
    vi: |
      Trong thời gian Ngài ở Việt Nam, chúng tôi đề nghị Ngài:
  style: numbered
  items:
    - end-persecution
    - press-freedom
    - raise-cases-2023
    - meet-families
"""


def test_new_letter_from_a_visit_and_an_earlier_letter(cli: Cli, example: Path) -> None:
    result = cli(
        "new", "test-2026", "--visit", "biden-hanoi-2023", "--from", "biden-2023", cwd=example
    )
    path = example / "data" / "letters" / "test-2026.yaml"
    assert result.code == 0, result.err
    assert (
        result.out
        == f"created {path}\nnext: write the TODO parts, then 'letterkit draft test-2026'\n"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith(NEW_LETTER)
    assert "cases:\n  - pham-doan-trang\n" in text
    assert "signatories:\n  order: as-listed\n  entries:\n    - {org: acat-france}\n" in text
    assert text.endswith("    - {person: jean-daniel-vigny}\n    - {person: claire-doran}\n")
    # a draft with TODOs is fine
    assert cli("check", cwd=example).code == 0
    drafted = cli("draft", "test-2026", "-l", "en", "-f", "txt", cwd=example).out
    assert "Re: President Biden’s visit to Hanoi to upgrade relations with Vietnam" in drafted
    assert "TODO: write this text." in drafted
    # a final letter with TODOs is not
    path.write_text(text.replace("status: draft", "status: final"), encoding="utf-8")
    final = cli("check", cwd=example)
    assert final.code == 65
    assert final.err == (
        "data/letters/test-2026.yaml:15:5: body.en: TODO left in a letter marked final\n"
        "  hint: write this text, or set the letter back to status: draft\n"
        "data/letters/test-2026.yaml:17:5: body.vi: TODO left in a letter marked final\n"
        "  hint: write this text, or set the letter back to status: draft\n"
        "2 problems found\n"
    )


def test_new_letter_to_the_groups_of_an_earlier_letter(cli: Cli, example: Path) -> None:
    recipients = example / "data" / "recipients.yaml"
    recipients.write_text(
        recipients.read_text(encoding="utf-8").replace(
            "  email: president@whitehouse.example\n",
            "  email: president@whitehouse.example\n  groups: [white-house]\n",
        ),
        encoding="utf-8",
    )
    earlier = example / "data" / "letters" / "biden-2023.yaml"
    earlier.write_text(
        earlier.read_text(encoding="utf-8").replace("recipients: [biden]", "groups: [white-house]"),
        encoding="utf-8",
    )
    assert cli("check", cwd=example).code == 0
    result = cli("new", "day-2027", "--visit", "vietnam-human-rights-day", "--from",
                 "biden-2023", cwd=example)  # fmt: skip
    assert result.code == 0, result.err
    text = (example / "data" / "letters" / "day-2027.yaml").read_text(encoding="utf-8")
    assert "\ngroups: [white-house]\n" in text
    assert "recipients:" not in text
    drafted = cli("draft", "day-2027", "-l", "en", "-f", "txt", cwd=example)
    assert drafted.code == 0, drafted.err
    assert "Joseph R. Biden, Jr." in drafted.out


def test_new_refuses_to_overwrite(cli: Cli, example: Path) -> None:
    assert cli("new", "test-2026", "--visit", "biden-hanoi-2023", cwd=example).code == 0
    before = snapshot(example)
    again = cli(
        "new", "test-2026", "--visit", "biden-hanoi-2023", "--from", "biden-2023", cwd=example
    )
    assert again.code == 73
    assert again.err.endswith("test-2026.yaml already exists; nothing was changed\n"
                              "  hint: choose another name, or delete the file first\n")  # fmt: skip
    assert snapshot(example) == before
    assert cli("new", "harris-2021", "--visit", "harris-asia-2021", cwd=example).code == 73


def test_new_press_release(cli: Cli, example: Path) -> None:
    result = cli("new", "press-2", "--visit", "harris-asia-2021", "--kind", "press-release",
                 "--from", "harris-2021", cwd=example)  # fmt: skip
    assert result.code == 0, result.err
    text = (example / "data" / "letters" / "press-2.yaml").read_text(encoding="utf-8")
    assert "kind: press-release\n" in text and "about: harris-2021\n" in text
    assert "recipients" not in text and "signatories" not in text
    assert cli("check", cwd=example).code == 0
    drafted = " ".join(cli("draft", "press-2", "-l", "en", "-f", "txt", cwd=example).out.split())
    assert "urge Vice President Kamala D. Harris to put human rights at the centre" in drafted


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["x", "--visit", "nope"], 66, "error: no visit 'nope'"),
        (["x", "--visit", "harris-asia-2021", "--from", "harris"], 66, "did you mean 'harris-2021'?"),
        (["X Y", "--visit", "harris-asia-2021"], 2, "error: 'X Y' is not a valid letter id"),
        (["x", "--visit", "upr-vietnam-2024"], 2, "error: visit 'upr-vietnam-2024' has no visitor"),
        (["x", "--visit", "harris-asia-2021", "--kind", "press-release"], 2, "a press release announces a letter"),
        (["x", "--visit", "harris-asia-2021", "--kind", "memo"], 2, "Invalid value for '--kind'"),
        (["x", "--visit", "harris-asia-2021", "--recipient", "obama"], 66, "error: no recipient 'obama'"),
    ],
)  # fmt: skip
def test_new_errors(args: list[str], code: int, message: str, cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("new", *args, cwd=example)
    assert result.code == code
    assert message in result.err
    assert snapshot(example) == before


def test_a_visit_without_visitor_takes_a_recipient(cli: Cli, example: Path) -> None:
    result = cli("new", "upr-letter", "--visit", "upr-vietnam-2024", "--recipient", "biden",
                 "-l", "en", cwd=example)  # fmt: skip
    assert result.code == 0, result.err
    text = (example / "data" / "letters" / "upr-letter.yaml").read_text()
    assert "date: 2024-04-07\nlanguages: [en]\nrecipients: [biden]\n" in text
    assert "subject:\n  en: Fourth Universal Periodic Review of Vietnam" in text


def test_a_letter_tied_to_no_visit_is_dated_today(cli: Cli, example: Path) -> None:
    result = cli("new", "appeal", "--recipient", "blinken", "--recipient", "raimondo",
                 "-l", "en", cwd=example)  # fmt: skip
    assert result.code == 0, result.err
    text = (example / "data" / "letters" / "appeal.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# appeal: started by letterkit new from its recipients.\n"
        "# Replace every TODO before setting status: final.\n"
        "kind: open-letter\nstatus: draft\n"
        f"date: {date.today().isoformat()}\nlanguages: [en]\nrecipients: [blinken, raimondo]\n"
        "subject:\n  en: 'TODO: write this text.'\n"
    )
    assert "visit:" not in text
    assert cli("check", cwd=example).code == 0


def test_a_letter_from_an_earlier_one_and_its_press_release_invent_no_visit(
    cli: Cli, example: Path
) -> None:
    assert cli("new", "follow-up", "--from", "human-rights-day-2024", cwd=example).code == 0
    text = (example / "data" / "letters" / "follow-up.yaml").read_text(encoding="utf-8")
    assert "visit:" not in text and "recipients: [blinken]\n" in text
    assert "languages: [en]\n" in text and "    - {org: viet-tan}\n" in text
    release = cli("new", "follow-up-press", "--kind", "press-release", "--from", "follow-up",
                  cwd=example)  # fmt: skip
    assert release.code == 0, release.err
    text = (example / "data" / "letters" / "follow-up-press.yaml").read_text(encoding="utf-8")
    assert "visit:" not in text and "about: follow-up\n" in text
    drafted = " ".join(cli("draft", "follow-up-press", "-f", "txt", cwd=example).out.split())
    assert (
        "In an open letter released today, 4 organisations urge Secretary of State Antony J. "
        "Blinken to make human rights a priority."
    ) in drafted
    assert "visit" not in drafted
    # a press release of a letter for a visit takes the letter's visit
    assert (
        cli("new", "p2", "--kind", "press-release", "--from", "harris-2021", cwd=example).code == 0
    )
    assert "visit: harris-asia-2021\n" in (example / "data/letters/p2.yaml").read_text("utf-8")


def test_a_letter_with_neither_visit_nor_recipient_is_refused(cli: Cli, example: Path) -> None:
    before = snapshot(example)
    result = cli("new", "nobody", cwd=example)
    assert result.code == 2
    assert result.err == (
        "error: no visit, no recipient: say who the letter is to\n"
        "  hint: --recipient ID (see 'letterkit list recipients'), or --from LETTER, "
        "or --visit VISIT\n"
    )
    assert snapshot(example) == before
