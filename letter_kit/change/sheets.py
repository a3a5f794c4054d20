"""Reading sign-on sheets: the CSV exports of Google Forms, Microsoft Forms, Excel,
Action Network.

Each row is one signer: an organisation, a person, or a person signing for an
organisation, with the day they joined and whether they agreed to be named. Columns
are recognised by their header in English or Vietnamese (:mod:`.columns`), the file
as each program writes it (:mod:`.tables`), dates in any of their forms
(:mod:`.timestamps`) and consent questions and answers (:mod:`.consent`). A row
that cannot be read for sure is held, with the reason, for a person to decide;
nothing is listed by default that a signer did not agree to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import DataError, Problem
from ..text import char_label, clean_line, find_forbidden
from . import consent
from .columns import Mapping, Vocabulary, is_web_address, map_columns
from .columns import parse_map as parse_columns
from .matching import NewSigner
from .tables import Column, Table, read_table
from .timestamps import Order, read_dates

_CONSENT_FIELDS: dict[str, consent.Polarity | None] = {
    "listed": "publish",
    "unlisted": "withhold",
    "consent": None,  # a question that does not say what "yes" means
}


def _consent_field(header: str) -> str | None:
    asked = consent.question(header)
    if asked is None:
        return None
    return {"publish": "listed", "withhold": "unlisted", None: "consent"}[asked.polarity]


SIGNERS = Vocabulary(
    phrases={
        "org": (
            "organization", "organisation", "organization name", "organisation name",
            "name of organization", "name of organisation", "name of your organization",
            "name of your organisation", "group", "group name", "org", "org name",
            "tổ chức", "tên tổ chức", "hội đoàn", "tên hội đoàn", "tên của tổ chức",
        ),
        "org_vi": (
            "organization vietnamese", "organisation vietnamese", "vietnamese name",
            "name in vietnamese", "tên tiếng việt", "tên tổ chức tiếng việt",
        ),
        "person": (
            "name", "full name", "signatory", "signatory name", "name of signatory",
            "signer", "signer name", "individual", "họ tên", "họ và tên", "tên", "người ký",
            "tên người ký", "họ và tên người ký", "tên của bạn",
        ),
        "first_name": ("first name", "first", "given name", "tên gọi"),
        "last_name": ("last name", "last", "surname", "family name", "họ"),
        "title": ("title", "position", "role", "job title", "chức vụ", "chức danh"),
        "affiliation": ("affiliation", "affiliation for identification", "đơn vị", "nơi làm việc"),
        "email": ("email", "email address", "e mail", "địa chỉ email", "thư điện tử"),
        "country": ("country", "quốc gia"),
        "website": ("website", "web", "site", "url", "trang web"),
        "listed": ("list publicly", "publish name", "may we list your name", "list my name",
                   "public", "công khai", "công khai tên"),
        "unlisted": ("unlisted", "anonymous", "do not list", "ẩn danh", "không công khai"),
        "joined": (
            "timestamp", "submitted at", "submission date", "date submitted", "date",
            "created date", "completion time", "dấu thời gian", "thời gian", "ngày",
        ),
        "ignore": ("contact", "contact name", "contact person", "người liên lạc", "phone",
                   "id", "start time", "last modified time", "số điện thoại"),
    },
    generic=frozenset(
        ("date", "name", "ten", "ngay", "first", "last", "web", "site", "url", "public",
         "group", "org", "ho", "individual", "thoi gian", "id")
    ),
    anywhere={"website": ("website", "web site", "url", "homepage", "trang web", "link")},
    translated=frozenset(("org", "person", "title", "affiliation")),
    names=frozenset(("org", "org_vi", "person", "person_vi", "first_name", "last_name")),
    guess=_consent_field,
)  # fmt: skip
FIELD_NAMES = SIGNERS.fields
_NAME_FIELDS = ("org", "org_vi", "person", "person_vi", "first_name", "last_name")


@dataclass(frozen=True)
class Row:
    """One signer from a sheet, with the line it came from.

    ``answer`` is the signer's consent ("listed", "unlisted", "org-only"), or None when
    it cannot be read (``unread`` says why); ``held`` says what else is wrong with it.
    """

    line: int
    signer: NewSigner
    answer: consent.Answer | None
    joined: date | None
    held: str | None = None
    unread: str = ""


@dataclass
class Sheet:
    """The rows of a sheet and how its columns were read."""

    table: Table
    rows: list[Row]
    mapping: Mapping

    @property
    def path(self) -> Path:
        """Where the sheet was read from."""
        return self.table.path


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``["Tên=org", ...]`` -> ``{"Tên": "org"}``; unknown fields are a usage error."""
    return parse_columns(items, SIGNERS)


def read_sheet(
    path: Path,
    *,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    order: Order | None = None,
) -> Sheet:
    """Read a sign-on sheet. Raises :class:`DataError` with the line of any problem.

    ``order`` says how dates such as 03/09/2023 are written, when the values do not.
    """
    table = read_table(path, encoding=encoding)
    columns = map_columns(table, SIGNERS, mapping or {})
    found = set(columns.fields.values())
    if not found & {"org", "org_vi", "person", "person_vi", "first_name", "last_name"}:
        raise DataError(
            [Problem(
                "no column holds a name: expected a header such as 'Organization', "
                "'Full name', 'Tên tổ chức' or 'Họ và tên'", path, 1,
                hint=f"the sheet ({table.form}) has the columns "
                + ", ".join(repr(c.header) for c in table.columns)
                + "; name one with --map, e.g. --map 'Group=org' or --map 'Who=person'",
            )]
        )  # fmt: skip
    asked = _question(table, columns)
    dates: dict[int, date] = {}
    for column in columns.columns("joined"):
        dates = read_dates(path, column.header, table.cells(column), order)
    rows = [_row(table, line, cells, columns, asked, dates.get(line)) for line, cells in table.rows]
    return Sheet(table, rows, columns)


def _question(table: Table, columns: Mapping) -> tuple[Column, consent.Question] | None:
    """The consent column and its question; raise if its answers cannot be read."""
    found = [c for c, f in columns.fields.items() if f in _CONSENT_FIELDS]
    if not found:
        return None
    column = found[0]
    polarity = _CONSENT_FIELDS[columns.fields[column]]
    asked = consent.Question(polarity)
    why = consent.unreadable_column(asked, [v for _, v in table.cells(column)])
    if why is not None:
        raise DataError(
            [Problem(f"column '{column.header}' asks whether signers may be named, but {why}",
                     table.path, 1,
                     hint=f"say what its answers mean: --map '{column.header}=listed' if yes "
                     f"means the name is published, --map '{column.header}=unlisted' if yes "
                     "means anonymous")]
        )  # fmt: skip
    return column, asked


def _row(
    table: Table,
    line: int,
    cells: list[str],
    columns: Mapping,
    asked: tuple[Column, consent.Question] | None,
    joined: date | None,
) -> Row:
    names: dict[str, str] = {}
    held = None
    for column, target in columns.fields.items():
        value = cells[column.index] if column.index < len(cells) else ""
        found = find_forbidden(value, multiline=False)
        if found is not None:
            raise DataError(
                [Problem(f"column '{column.header}' holds {char_label(value[found[0]])} "
                         f"at position {found[0] + 1}", table.path, line,
                         hint="remove it from the sheet and import again")]
            )  # fmt: skip
        value = clean_line(value)
        if not value or target in ("joined", *_CONSENT_FIELDS):
            continue
        if target == "email" and value.lower() == "anonymous":
            continue  # Microsoft Forms, when the form does not ask who answers
        if target in _NAME_FIELDS and is_web_address(value):
            held = held or f"'{value}' in column '{column.header}' is a web address, not a name"
        names[target] = value
    first, last = names.pop("first_name", ""), names.pop("last_name", "")
    if "person" not in names and (first or last):
        names["person"] = clean_line(f"{first} {last}")
    signer = NewSigner(**names)
    if asked is None:
        return Row(line, signer, "listed", joined, held)
    column, question = asked
    value = cells[column.index] if column.index < len(cells) else ""
    said = clean_line(value)
    unread = (f"the answer to '{column.header}' ('{said}') cannot be read" if said
              else f"no answer to '{column.header}'")  # fmt: skip
    return Row(line, signer, consent.answer(value, question), joined, held, unread)
