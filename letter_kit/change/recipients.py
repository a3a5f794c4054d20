"""``letterkit recipients import``: officials from a sheet into ``recipients.yaml``.

A list of officials (the 535 members of Congress, a parliament's delegation) is a
spreadsheet before it is data: one row per official with the name, honorific, title,
address lines, salutation, email and groups, in English and Vietnamese columns. The
sheet is read as sign-on sheets are (:mod:`.tables`, :mod:`.columns`); each row
becomes a recipient with an id made from the name. A name already in the data is
skipped, one that looks like a known recipient's is held until ``--accept ROW``, a row
the data model refuses is held with the reason, and all of it is written at once
under the workspace lock, or nothing.

Names are the same in every language unless a Vietnamese column says otherwise; the
other texts (title, address, salutation...) are written for the language of their
column (English unless marked "(Vietnamese)" or "(tiếng Việt)"), so that ``check``
names any translation a letter still needs instead of printing English in its place.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataError, Problem
from ..text import char_label, clean_line, find_forbidden, slug
from ..workspace.commit import Changes
from ..workspace.fields import ID_PATTERN
from ..workspace.loaded import set_aside_warning
from ..workspace.loading import read_workspace
from ..workspace.lock import workspace_lock
from ..workspace.models import Recipient
from ..workspace.records import DATA_DIR
from .columns import Mapping, Vocabulary, map_columns
from .columns import parse_map as parse_columns
from .identities import refusal
from .matching import Directory, Known
from .session import Report
from .store import YamlEdit, record_tree
from .tables import Table, read_table

RECIPIENTS = Vocabulary(
    phrases={
        "name": ("name", "full name", "official", "recipient", "member", "họ tên", "họ và tên",
                 "tên"),
        "honorific": ("honorific", "prefix", "courtesy title", "form of address", "danh xưng"),
        "title": ("title", "office", "position", "job title", "chức vụ", "chức danh"),
        "address": ("address", "address line", "mailing address", "office address", "street",
                    "street address", "địa chỉ", "dòng địa chỉ"),
        "salutation": ("salutation", "greeting", "dear", "lời chào", "kính thưa"),
        "reference": ("reference", "referred to as", "cách gọi"),
        "email": ("email", "email address", "e mail", "địa chỉ email", "thư điện tử"),
        "groups": ("group", "groups", "nhóm", "caucus"),
        "id": ("id", "identifier"),
        "ignore": ("phone", "fax", "party", "website", "số điện thoại"),
    },
    generic=frozenset(("name", "ten", "id", "member", "dear")),
    anywhere={"email": ("email",)},
    translated=frozenset(("name", "honorific", "title", "address", "salutation", "reference")),
    repeatable=frozenset(("address", "address_vi", "groups")),
)  # fmt: skip
_GROUP_SPLIT = re.compile(r"[;,\n]")


@dataclass(frozen=True)
class RecipientsRequest:
    """``recipients import``: groups for every row, rows accepted, whether to write."""

    groups: Sequence[str] = ()
    accept: Collection[int] = ()
    dry_run: bool = False


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """``["Office=title", ...]`` -> ``{"Office": "title"}``."""
    return parse_columns(items, RECIPIENTS)


def read_recipients(
    path: Path, *, encoding: str | None = None, mapping: dict[str, str] | None = None
) -> tuple[Table, Mapping]:
    """Read a sheet of officials and how its columns map; raise if it cannot be used."""
    table = read_table(path, encoding=encoding)
    columns = map_columns(table, RECIPIENTS, mapping or {})
    found = set(columns.fields.values())
    for needed, example in (("name", "'Name'"), ("title", "'Title'"),
                            ("salutation", "'Salutation' (Dear ...)")):  # fmt: skip
        if not {needed, f"{needed}_vi"} & found:
            raise DataError(
                [Problem(f"no column holds the {needed}: expected a header such as {example}",
                         path, 1, hint="the columns are " + ", ".join(
                             repr(c.header) for c in table.columns) + f"; name one with "
                         f"--map 'COLUMN={needed}'")]
            )  # fmt: skip
    return table, columns


def import_recipients(
    root: Path, table: Table, columns: Mapping, request: RecipientsRequest
) -> Report:
    """Add the sheet's officials to ``data/recipients.yaml``, all at once or none."""
    report = Report()
    added, held = ("would add", "would be held for review") if request.dry_run else (
        "added", "held for review")  # fmt: skip
    with workspace_lock(root):
        # Letters with problems do not stop an import; recipients with problems do
        # (a new official may be one of them).
        ws = read_workspace(root).for_letters(records=[("recipients", None)])
        warning = set_aside_warning(ws.set_aside)
        report.warnings += [warning.format()] if warning else []
        edit = YamlEdit.open(root / DATA_DIR / "recipients.yaml")
        known = Directory(
            Known(rid, tuple(r.name.root.values()), f"{rid} ({r.name.text_or_any('en')})")
            for rid, r in ws.recipients.items()
        )
        taken = set(ws.recipients)
        earlier: dict[str, int] = {}
        for line, cells in table.rows:
            record, new_id = _record(table, line, cells, columns, request.groups)
            name = _first(record["name"])
            where = f"row {line}"
            if name in earlier:
                report.present += 1
                report.say(f"{where}: same recipient as row {earlier[name]}; skipped")
                continue
            earlier[name] = line
            match = known.find(name)
            if match is not None and match[0] == "exact":
                report.present += 1
                report.say(f"{where}: already present: {name} ({match[1].id})")
                continue
            reason = _invalid(record)
            if reason is None and match is not None and line not in request.accept:
                reason = (f"'{name}' is a possible duplicate of {match[1].label}; "
                          f"if it is another recipient: --accept {line}")  # fmt: skip
            if (
                reason is None
                and new_id is not None
                and (new_id in taken or not re.match(ID_PATTERN, new_id))
            ):
                reason = f"id '{new_id}' is " + ("taken" if new_id in taken else "not an id")
            if reason is not None:
                report.held += 1
                report.say(f"{where}: {held}: {reason}")
                continue
            record_id = new_id or slug(name, taken)
            taken.add(record_id)
            known.add(Known(record_id, (name,), f"{record_id} ({name})"))
            edit.append(record_id, record_tree(record))
            report.added += 1
            report.say(f"{where}: {added}: {name} (new recipient {record_id})")
        if report.added and not request.dry_run:
            changes = Changes(root)
            changes.add(edit)
            changes.commit()
    return report


def _record(
    table: Table, line: int, cells: list[str], columns: Mapping, groups: Sequence[str]
) -> tuple[dict[str, Any], str | None]:
    """The recipient a row describes (as YAML values), and the id it gives, if any."""
    values: dict[str, list[str]] = {}
    for column, target in columns.fields.items():
        raw = cells[column.index] if column.index < len(cells) else ""
        for part in raw.splitlines() or [""]:
            found = find_forbidden(part, multiline=False)
            if found is not None:
                raise DataError(
                    [Problem(f"column '{column.header}' holds {char_label(part[found[0]])}",
                             table.path, line, hint="remove it from the sheet and import again")]
                )  # fmt: skip
            if clean_line(part):
                values.setdefault(target, []).append(clean_line(part))
    record: dict[str, Any] = {}
    names = [*values.get("name", []), *values.get("name_vi", [])]
    if names:
        name, name_vi = values.get("name", names)[0], values.get("name_vi", [None])[0]
        name_field: Any = name if name_vi in (None, name) else {"en": name, "vi": name_vi}
    else:
        name_field = ""
    for key in ("honorific", "name", "title", "address", "salutation", "reference"):
        if key == "name":
            record["name"] = name_field
            continue
        per_language = {lang: values[f] for lang, f in (("en", key), ("vi", f"{key}_vi"))
                        if values.get(f)}  # fmt: skip
        if per_language:
            record[key] = {lang: v if key == "address" else " ".join(v)
                           for lang, v in per_language.items()}  # fmt: skip
    if values.get("email"):
        record["email"] = values["email"][0]
    found_groups = [slug(g) for v in values.get("groups", []) for g in _GROUP_SPLIT.split(v)
                    if g.strip()]  # fmt: skip
    if found_groups or groups:
        record["groups"] = list(dict.fromkeys([*groups, *found_groups]))
    return record, (values["id"][0] if values.get("id") else None)


def _first(name: Any) -> str:
    return str(next(iter(name.values())) if isinstance(name, dict) else name)


def _invalid(record: dict[str, Any]) -> str | None:
    """Why the data model refuses a recipient, or None."""
    if not record["name"]:
        return "no name"
    try:
        Recipient.model_validate(record)
    except ValidationError as exc:
        return refusal(exc)
    return None
