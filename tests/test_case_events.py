"""Cases with dated events: the status a letter shows is the one on its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letter_kit import compose, load_workspace, write_text
from letter_kit.workspace.events import Event, agrees, derive, status_on
from letter_kit.workspace.fields import first_day, last_day

from .conftest import Cli

CASES = """\
tran-van-a:
  name: Trần Văn A
  description: {en: blogger, vi: blogger}
  sentence: {years: 6, year: 2021}
  events:
    - arrested: 2020-01-05
    - sentenced: 2021-04
    - released: 2023-11-02
"""


@pytest.fixture
def with_case(minimal: Path) -> Path:
    (minimal / "data" / "cases.yaml").write_text(CASES, encoding="utf-8")
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8") + "cases: [tran-van-a]\n", encoding="utf-8"
    )
    return minimal


def _case_line(root: Path, lang: str, day: str) -> str:
    ws = load_workspace(root)
    text = write_text([compose(ws, "test-letter", lang, date=date.fromisoformat(day))], "md")
    return next(line for line in text.splitlines() if line.startswith("- **Trần Văn A**"))


@pytest.mark.parametrize(
    ("day", "en", "vi"),
    [
        ("2020-06-01", "- **Trần Văn A**, blogger: detained.",
         "- **Trần Văn A**, blogger: đang bị tạm giam."),
        ("2021-03-31", "- **Trần Văn A**, blogger: detained.",  # sentenced in April
         "- **Trần Văn A**, blogger: đang bị tạm giam."),
        ("2021-04-01", "- **Trần Văn A**, blogger: sentenced to 6 years in prison (2021); "
         "imprisoned.", "- **Trần Văn A**, blogger: bị kết án 6 năm tù (2021); đang thụ án tù."),
        ("2023-11-02", "- **Trần Văn A**, blogger: sentenced to 6 years in prison (2021); "
         "released.", "- **Trần Văn A**, blogger: bị kết án 6 năm tù (2021); đã được trả tự do."),
        ("2019-12-31", "- **Trần Văn A**, blogger.", "- **Trần Văn A**, blogger."),
    ],
)  # fmt: skip
def test_a_letter_shows_the_status_on_its_date(with_case: Path, day: str, en: str, vi: str) -> None:
    assert _case_line(with_case, "en", day) == en
    assert _case_line(with_case, "vi", day) == vi


def test_the_letters_own_date_is_the_default(with_case: Path, cli: Cli) -> None:
    # The letter is dated 2024-03-01, after the release.
    result = cli("draft", "test-letter", "-l", "en", "-f", "txt", cwd=with_case)
    assert "- Trần Văn A, blogger: sentenced to 6 years in prison (2021); released." in result.out


def test_status_given_with_events_is_the_status_after_the_last() -> None:
    events: list[Event] = [("arrested", "2023-04")]
    assert status_on(events, "awaiting-trial", date(2023, 9, 5)) == "awaiting-trial"
    assert status_on(events, "awaiting-trial", date(2023, 3, 31)) is None
    assert status_on([], "wanted", date(2000, 1, 1)) == "wanted"


def test_how_events_lead_to_a_status() -> None:
    assert derive(["arrested", "tried"]) == "detained"
    assert derive(["arrested", "sentenced", "released"]) == "released"
    assert derive(["exiled", "tried", "sentenced"]) == "exiled"  # in their absence
    assert derive(["arrested", "sentenced", "died"]) == "deceased"
    assert agrees("awaiting-trial", "detained")
    assert agrees("wanted", "exiled")
    assert not agrees("imprisoned", "released")


def test_an_event_known_by_its_month_or_year_counts_from_its_first_day() -> None:
    assert (first_day("2023"), last_day("2023")) == (date(2023, 1, 1), date(2023, 12, 31))
    assert (first_day("2024-02"), last_day("2024-02")) == (date(2024, 2, 1), date(2024, 2, 29))
    assert (first_day("2023-12"), last_day("2023-12")) == (date(2023, 12, 1), date(2023, 12, 31))
    assert status_on([("exiled", "2023")], None, date(2023, 9, 5)) == "exiled"


def test_the_example_exiles_and_the_journalist_abducted_in_april() -> None:
    from .conftest import ROOT

    ws = load_workspace(ROOT)
    assert ws.cases["dang-dinh-manh"].status_on(date(2023, 9, 5)) == "exiled"
    assert ws.cases["dang-dinh-manh"].status_on(date(2022, 9, 5)) is None
    assert ws.cases["duong-van-thai"].status_on(date(2023, 9, 5)) == "awaiting-trial"
    assert ws.cases["dinh-thi-thu-thuy"].status_on(date(2021, 1, 19)) is None
    assert ws.cases["dinh-thi-thu-thuy"].status_on(date(2021, 1, 20)) == "imprisoned"


def test_list_cases_shows_the_status_after_every_event(with_case: Path, cli: Cli) -> None:
    result = cli("list", "cases", cwd=with_case)
    assert "Trần Văn A" in result.out
    assert "released" in result.out.splitlines()[1]
