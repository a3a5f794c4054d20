"""Errors and warnings: how a problem reads, and what stops a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_kit.errors import DataError, Problem, raise_errors

ERROR = Problem("date: not a date", Path("data/letters/x.yaml"), 3, 7, hint="write YYYY-MM-DD")
WARNING = Problem("older than the en text", Path("data/letters/x.yaml"), 30, 5, "body").warning()


def test_a_warning_reads_like_an_error_with_a_prefix() -> None:
    assert ERROR.format() == "data/letters/x.yaml:3:7: date: not a date\n  hint: write YYYY-MM-DD"
    assert WARNING.format() == "warning: data/letters/x.yaml:30:5: body: older than the en text"


def test_only_errors_stop_and_warnings_are_reported_beside_them() -> None:
    assert raise_errors([WARNING]) == [WARNING]
    with pytest.raises(DataError) as caught:
        raise_errors([ERROR, WARNING, ERROR])
    assert caught.value.problems == [ERROR, ERROR]
    assert caught.value.report() == "\n".join(
        [WARNING.format(), ERROR.format(), ERROR.format(), "2 problems found"]
    )


def test_an_error_without_warnings_reads_as_before() -> None:
    assert DataError([ERROR]).report() == ERROR.format()
