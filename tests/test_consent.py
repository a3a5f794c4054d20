"""Consent questions and answers, and the dates of a column, read for sure or not at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letter_kit.change.consent import Question, answer, question
from letter_kit.change.timestamps import read_dates
from letter_kit.errors import DataError


@pytest.mark.parametrize(
    ("header", "polarity"),
    [
        ("Can we publish your name?", "publish"),
        ("May we list your name publicly?", "publish"),
        ("Publish my name on the letter", "publish"),
        ("Công khai tên?", "publish"),
        ("Bạn có đồng ý công khai tên không?", "publish"),  # 'không' ends a question
        ("Do you wish to remain anonymous?", "withhold"),
        ("Ẩn danh", "withhold"),
        ("Không công khai tên", "withhold"),
        ("Can we publish your name, or would you rather stay anonymous?", None),
        ("Consent", None),
    ],
)
def test_consent_questions(header: str, polarity: str | None) -> None:
    assert question(header) == Question(polarity)  # type: ignore[arg-type]


@pytest.mark.parametrize("header", ["Organization name", "Email Address", "Date", "Họ và tên"])
def test_other_questions_ask_no_consent(header: str) -> None:
    assert question(header) is None


PUBLISH, WITHHOLD, EITHER = Question("publish"), Question("withhold"), Question(None)


@pytest.mark.parametrize(
    ("value", "asked", "expected"),
    [
        ("Yes", PUBLISH, "listed"),
        ("No", PUBLISH, "unlisted"),
        ("Có", PUBLISH, "listed"),
        ("Không", PUBLISH, "unlisted"),
        ("Không đồng ý", PUBLISH, "unlisted"),
        ("Đồng ý", PUBLISH, "listed"),
        ("Yes, publish my name", PUBLISH, "listed"),
        ("No, keep me anonymous", PUBLISH, "unlisted"),
        ("Yes", WITHHOLD, "unlisted"),
        ("No", WITHHOLD, "listed"),
        ("Only my organisation", PUBLISH, "org-only"),
        ("Yes, but only my organization", PUBLISH, "org-only"),
        ("Chỉ nêu tên tổ chức", PUBLISH, "org-only"),
        ("Publish my name", EITHER, "listed"),
        ("Keep me anonymous", EITHER, "unlisted"),
        ("Yes", EITHER, None),  # a yes to "publish, or stay anonymous?"
        ("Yes - anonymously", PUBLISH, None),  # contradicts itself
        ("Maybe", PUBLISH, None),
        ("", PUBLISH, None),
    ],
)  # fmt: skip
def test_consent_answers(value: str, asked: Question, expected: str | None) -> None:
    assert answer(value, asked) == expected


@pytest.mark.parametrize(
    ("values", "order", "expected"),
    [
        (["2023-09-03T10:15:02Z", "2023-09-04 08:00:00+07:00"], None, ["2023-09-03", "2023-09-04"]),
        (["2023/09/03 10:15:02 AM GMT+7", "2023/09/03 9:05:14 PM GMT-4"], None,
         ["2023-09-03", "2023-09-03"]),
        (["9/3/2023 10:15:02", "9/25/2023 17:30"], None, ["2023-09-03", "2023-09-25"]),
        (["9/3/23 10:15:02", "9/3/23 10:15", "9/25/23 5:30 PM"], None,
         ["2023-09-03", "2023-09-03", "2023-09-25"]),
        (["03/09/2023 10:15", "25/09/2023"], None, ["2023-09-03", "2023-09-25"]),
        (["03.09.2023 10:15 CEST"], "day-first", ["2023-09-03"]),
        (["03/09/2023"], "month-first", ["2023-03-09"]),
        (["01/01/2024"], None, ["2024-01-01"]),  # the same date either way
    ],
)  # fmt: skip
def test_dates_as_forms_write_them(
    values: list[str], order: str | None, expected: list[str]
) -> None:
    cells = list(enumerate(values, start=2))
    dates = read_dates(Path("s.csv"), "Timestamp", cells, order)  # type: ignore[arg-type]
    assert [dates[line].isoformat() for line, _ in cells] == expected
    assert all(isinstance(d, date) for d in dates.values())


def test_a_column_of_dates_that_read_either_way_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        read_dates(Path("s.csv"), "Timestamp", [(2, "03/09/2023"), (3, "04/09/2023")], None)
    assert caught.value.problems[0].message == (
        "column 'Timestamp': every date can be read day first or month first "
        "('03/09/2023' is 3 September or 9 March)"
    )
