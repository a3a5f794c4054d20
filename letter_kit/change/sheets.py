"""Reading sign-on sheets: the CSV exports of Google Forms, Microsoft Forms, Action Network.

Columns are recognised by their header, in English or Vietnamese (``Organization``,
``Tên tổ chức``, ``Full name``, ``Họ và tên``, ``Timestamp``, ``Dấu thời gian`` ...), or
assigned with ``--map COLUMN=FIELD``. Text must be UTF-8 (a byte-order mark is fine)
unless another encoding is named; a byte that does not decode stops the import with its
line, because a replacement character in a name is a name lost.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import DataError, MissingInputError, Problem, UsageError
from ..text import char_label, clean_line, find_forbidden, words
from .matching import NewSigner

# Field -> header names it is recognised by (compared without case, accents or punctuation).
FIELDS: dict[str, tuple[str, ...]] = {
    "org": (
        "organization", "organisation", "organization name", "organisation name",
        "name of organization", "name of organisation", "group", "group name",
        "org", "org name", "tổ chức", "tên tổ chức", "hội đoàn", "tên hội đoàn",
    ),
    "org_vi": (
        "organization vietnamese", "organisation vietnamese", "vietnamese name",
        "name in vietnamese", "tên tiếng việt", "tên tổ chức tiếng việt",
    ),
    "person": (
        "name", "full name", "your name", "signatory", "signer", "individual",
        "họ tên", "họ và tên", "tên", "người ký", "tên người ký",
    ),
    "first_name": ("first name", "first", "given name", "tên gọi"),
    "last_name": ("last name", "last", "surname", "family name", "họ"),
    "title": ("title", "position", "role", "job title", "chức vụ", "chức danh"),
    "affiliation": ("affiliation", "affiliation for identification", "đơn vị", "nơi làm việc"),
    "email": ("email", "email address", "e mail", "địa chỉ email", "thư điện tử"),
    "country": ("country", "quốc gia"),
    "website": ("website", "web", "site", "url", "trang web"),
    "listed": (
        "list publicly", "publish name", "may we list your name", "list my name",
        "public", "công khai", "công khai tên",
    ),
    "unlisted": ("unlisted", "anonymous", "do not list", "ẩn danh", "không công khai"),
    "joined": (
        "timestamp", "submitted at", "submission date", "date", "created date",
        "start time", "completion time", "dấu thời gian", "thời gian", "ngày",
    ),
    "ignore": ("contact", "contact name", "contact person", "người liên lạc", "phone"),
}  # fmt: skip
FIELD_NAMES = tuple(FIELDS)

_YES = {"yes", "y", "true", "1", "x", "có", "co", "đồng ý", "dong y", "ok"}
_NO = {"no", "n", "false", "0", "không", "khong"}


def _key(header: str) -> str:
    return " ".join(words(header))


_BY_HEADER = {_key(name): f for f, names in FIELDS.items() for name in names}
# Names too general to recognise a longer header by ("Date of birth" is not "date").
_GENERIC = {
    _key(n)
    for n in ("date", "name", "tên", "ngày", "first", "last", "web", "site", "url", "public",
              "group", "org", "họ", "individual", "thời gian")
}  # fmt: skip


def field_for(header: str) -> str | None:
    """The field a column header names: exactly, or as the start of a longer question."""
    key = _key(header)
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    starts = [k for k in _BY_HEADER if k not in _GENERIC and key.startswith(k + " ")]
    return _BY_HEADER[max(starts, key=len)] if starts else None


@dataclass(frozen=True)
class Row:
    """One signer from a sheet, with the line it came from."""

    line: int
    signer: NewSigner
    listed: bool
    joined: date | None


@dataclass
class Sheet:
    """The rows of a sheet and how its columns were read."""

    path: Path
    rows: list[Row]
    columns: dict[str, str]  # header -> field
    ignored: list[str] = field(default_factory=list)


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``["Tên=org", ...]`` -> ``{"Tên": "org"}``; unknown fields are a usage error."""
    mapping = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or target.strip() not in FIELDS:
            raise UsageError(
                f"--map '{item}' is not COLUMN=FIELD",
                hint="FIELD is one of " + ", ".join(FIELD_NAMES),
            )
        mapping[column.strip()] = target.strip()
    return mapping


def read_sheet(
    path: Path, *, encoding: str | None = None, mapping: dict[str, str] | None = None
) -> Sheet:
    """Read a CSV sign-on sheet. Raises :class:`DataError` with the line of any problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MissingInputError(f"no sheet at {path}") from None
    except OSError as exc:
        raise MissingInputError(f"cannot read {path}: {exc.strerror}") from exc
    text = _decode(path, raw, encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError([Problem("the sheet is empty", path, hint="export it again")]) from None
    columns = _columns(path, header, mapping or {})
    ignored = [h for h in header if h.strip() and h not in columns]
    rows = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        rows.append(_row(path, line, dict(zip(header, record, strict=False)), columns))
    return Sheet(path, rows, columns, ignored)


def _decode(path: Path, raw: bytes, encoding: str | None) -> str:
    name = encoding or "utf-8-sig"
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(
            f"unknown encoding '{encoding}'", hint="for example cp1258, latin-1"
        ) from None
    try:
        return raw.decode(name)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = (
            "the sheet is not UTF-8: export it again as UTF-8 CSV, or name its encoding, "
            "e.g. --encoding cp1258 (Vietnamese Windows) or --encoding latin-1"
            if encoding is None
            else f"the sheet is not {encoding}: check the encoding it was saved in"
        )
        raise DataError(
            [Problem(f"byte 0x{raw[exc.start]:02X} is not valid {name}", path, line, hint=hint)]
        ) from None


def _columns(path: Path, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    missing = [column for column in mapping if column not in header]
    if missing:
        raise UsageError(
            f"--map names a column the sheet does not have: '{missing[0]}'",
            hint="the columns are: " + ", ".join(repr(h) for h in header),
        )
    columns = {}
    for name in header:
        target = mapping.get(name) or field_for(name)
        if target and target != "ignore":
            columns[name] = target
    found = set(columns.values())
    if not found & {"org", "person", "first_name", "last_name"}:
        raise DataError(
            [
                Problem(
                    "no column holds a name: expected a header such as 'Organization', "
                    "'Name', 'Tên tổ chức' or 'Họ và tên'",
                    path,
                    1,
                    hint="name the column with --map, e.g. --map 'Group=org' or --map 'Who=person'",
                )
            ]
        )
    return columns


def _row(path: Path, line: int, cells: dict[str, str], columns: dict[str, str]) -> Row:
    names: dict[str, str] = {}
    first = last = ""
    listed, joined = True, None
    for header, target in columns.items():
        value = cells.get(header, "")
        found = find_forbidden(value, multiline=False)
        if found is not None:
            raise DataError(
                [
                    Problem(
                        f"column '{header}' holds {char_label(value[found[0]])} "
                        f"at position {found[0] + 1}",
                        path,
                        line,
                        hint="remove it from the sheet and import again",
                    )
                ]
            )
        value = clean_line(value)
        if not value:
            continue
        if target == "first_name":
            first = value
        elif target == "last_name":
            last = value
        elif target == "listed":
            listed = _yes_no(path, line, header, value)
        elif target == "unlisted":
            listed = not _yes_no(path, line, header, value)
        elif target == "joined":
            joined = _date(path, line, header, value)
        else:
            names[target] = value
    if "person" not in names and (first or last):
        names["person"] = clean_line(f"{first} {last}")
    return Row(line, NewSigner(**names), listed, joined)


def _yes_no(path: Path, line: int, header: str, value: str) -> bool:
    word = value.casefold()
    if word in _YES or word.startswith(("yes", "có")):
        return True
    if word in _NO or word.startswith(("no", "không")):
        return False
    raise DataError(
        [
            Problem(
                f"column '{header}': '{value}' is neither yes nor no",
                path,
                line,
                hint="answer yes/no (có/không)",
            )
        ]
    )


_DATE_FORMATS = (
    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y",
)  # fmt: skip


def _date(path: Path, line: int, header: str, value: str) -> date:
    text = re.sub(r"\s*(GMT|UTC)[+-]?\d*(:\d\d)?$", "", value.strip())
    text = re.sub(r"(\.\d+)?(Z|[+-]\d\d:?\d\d)$", "", text)
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise DataError(
        [
            Problem(
                f"column '{header}': '{value}' is not a date",
                path,
                line,
                hint="use YYYY-MM-DD, or name the column 'ignore' with --map",
            )
        ]
    )
