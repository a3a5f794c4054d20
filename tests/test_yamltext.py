"""Edits made on a file's text say exactly what the same edits on the round-trip tree
say, lay the file out the same way, and leave every other line as it was."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letter_kit.change.store import YamlEdit
from letter_kit.workspace.yamlsource import parse

ENTRIES = ("signatories", "entries")
NEW_LINE = re.compile(r" *(- )?\{?((org|person): signer-\d|joined: 2024-01-0\d|listed: false)")

LETTERS = {
    "two spaces": """\
date: 2024-03-01
# who signs
signatories:
  order: as-listed
  entries:
    - org: free
    - org: rsf
      joined: 2024-02-01  # late
    # individuals
    - person: tung
      listed: false
closing:
  en: |
    Sincerely,

    the undersigned
""",
    "indentless": """\
signatories:
  entries:
  - org: free
  - org: rsf
  - person: tung
    joined: 2024-02-01
other: 1
""",
    "four spaces": """\
signatories:
    entries:
        - org: free
        - org: rsf

        - person: tung
""",
    "flow items": """\
signatories:
  entries:
    - {org: free}
    - {org: rsf, joined: 2024-02-01}
    - {person: tung}
# the end
""",
    "last in file": """\
subject: Release them
signatories:
  entries:
    - org: free
    - person: tung
      joined: 2024-01-02

# trailing comment
""",
}

RECORDS = {
    "blank lines": """\
# Organisations.

free:
  name: Free Press
  email: press@free.example

rsf:
  name:
    en: Reporters Without Borders
    vi: Phóng viên Không Biên giới
""",
    "packed": """\
free:
  name: Free Press
rsf:
  name: {en: RSF, vi: "Phóng viên"}
""",
    "four spaces": """\
free:
    name:
        en: Free Press
        vi: Báo Tự do
""",
}


def content(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def comments(text: str) -> set[str]:
    return {line for line in text.splitlines() if "#" in line}


def edits_for(rng: random.Random, count: int) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for number in range(rng.randint(1, 4)):
        if count > 1 and rng.random() < 0.3:
            out.append(("delete", rng.randrange(count)))
            count -= 1
            continue
        entry: dict[str, Any] = {rng.choice(["org", "person"]): f"signer-{number}"}
        if rng.random() < 0.5:
            entry["joined"] = date(2024, 1, 1 + number)
        if rng.random() < 0.3:
            entry["listed"] = False
        out.append(("insert", (rng.randint(0, count), entry)))
        count += 1
    return out


def edited(path: Path, edits: list[tuple[str, Any]], *, tree_first: bool) -> YamlEdit:
    edit = YamlEdit.open(path)
    if tree_first:
        edit.tree  # noqa: B018  (the round-trip way, for comparison)
    for kind, argument in edits:
        if kind == "insert":
            edit.insert(ENTRIES, *argument)
        elif kind == "delete":
            edit.delete(ENTRIES, argument)
        else:
            edit.append(*argument)
    return edit


@pytest.mark.parametrize("layout", sorted(LETTERS))
def test_sequence_edits_on_the_text_match_the_tree(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text(LETTERS[layout], encoding="utf-8")
    count = len(parse(LETTERS[layout], path).data["signatories"]["entries"])
    rng = random.Random(layout)
    for _ in range(40):
        edits = edits_for(rng, count)
        fast = edited(path, edits, tree_first=False)
        text = fast.render().decode()
        assert fast._tree is None, "made on the text, without the round-trip tree"
        slow = edited(path, edits, tree_first=True)
        # The same lines, but for where a blank or comment line after the list goes:
        # the tree keeps it after the item it followed, the text at the end of the list.
        tree_text = slow.render().decode()
        assert content(text) == content(tree_text), edits
        # Comments go with the item they follow, but not those after the list.
        assert comments(tree_text) <= comments(text) <= comments(LETTERS[layout]), edits
        assert parse(text, path).data == slow.data
        new = [line for line in text.splitlines() if line not in LETTERS[layout].splitlines()]
        assert all(NEW_LINE.match(line) for line in new), new


@pytest.mark.parametrize("layout", sorted(RECORDS))
def test_records_appended_to_the_text_match_the_tree(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "organizations.yaml"
    path.write_text(RECORDS[layout], encoding="utf-8")
    records = [
        ("hoi-moi", {"name": "Hội Mới"}),
        (
            "viet-tan",
            {"name": {"en": "Viet Tan", "vi": "Việt Tân"}, "website": "https://x.example"},
        ),
        ("quoted", {"name": "Name: with a colon", "country": "#1 'quoted'"}),
    ]
    fast = edited(path, [("append", r) for r in records], tree_first=False)
    text = fast.render().decode()
    assert fast._tree is None
    slow = edited(path, [("append", r) for r in records], tree_first=True)
    assert text == slow.render().decode()
    assert text.startswith(RECORDS[layout])
    assert parse(text, path).data == {**parse(RECORDS[layout], path).data, **dict(records)}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("signatories:\n  entries: [org: free, org: rsf]\n", "a flow sequence"),
        ("signatories:\n  entries: []\n", "an empty list"),
        ("subject: Release them\n", "no list yet"),
        ("signatories: {entries: [org: free]}\n", "a flow mapping"),
    ],
)
def test_layouts_the_text_edits_do_not_know_go_through_the_tree(
    text: str, why: str, tmp_path: Path
) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    edit = YamlEdit.open(path)
    before = parse(text, path).data.get("signatories", {"entries": []})["entries"]
    edit.insert(ENTRIES, len(before), {"org": "new", "joined": date(2024, 5, 6)})
    written = edit.render().decode()
    assert edit._tree is not None, why
    expected = [*before, {"org": "new", "joined": "2024-05-06"}]
    assert parse(written, path).data["signatories"]["entries"] == expected, why


@pytest.mark.parametrize("value", ["true", "null", "2024", "1e3", "~", "yes"])
def test_an_id_that_would_read_as_something_else_is_quoted(value: str, tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text(LETTERS["two spaces"], encoding="utf-8")
    edit = YamlEdit.open(path)
    edit.insert(ENTRIES, 0, {"org": value})
    written = edit.render().decode()
    assert parse(written, path).data["signatories"]["entries"][0] == {"org": value}
