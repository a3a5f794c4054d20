"""Loading a workspace: validation, cross-references, and the messages for broken data."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from letter_kit import DraftOptions, draft, load_workspace
from letter_kit.errors import DataError, MissingInputError
from letter_kit.files import MAX_FILE_BYTES
from letter_kit.workspace.records import Workspace, find_workspace

from .conftest import FIXTURES, ROOT, Cli, snapshot

INVALID = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def test_example_workspace_loads_with_everything_in_it() -> None:
    ws = load_workspace(ROOT)
    assert set(ws.letters) == {
        "harris-2021", "harris-2021-press", "biden-2023", "human-rights-day-2024",
        "market-economy-2024",
    }  # fmt: skip
    assert len(ws.organizations) == 13
    assert ws.cases["pham-doan-trang"].name.get("vi") == "Phạm Đoan Trang"
    assert ws.recipients["harris"].address is not None
    assert ws.letters["biden-2023"].demands is not None
    assert len(ws.letters["biden-2023"].demands.items) == 4
    assert len(ws.signatories_of(ws.letters["biden-2023"]).entries) == 13


def test_the_invalid_fixtures_are_all_here() -> None:
    assert {
        "bad-yaml",
        "unknown-field",
        "dangling-reference",
        "duplicate-key",
        "bad-date",
        "control-character",
        "missing-translation",
        "unknown-group",
    } <= set(INVALID)


@pytest.mark.parametrize("case", INVALID)
def test_broken_workspace_gets_its_exact_message_and_changes_nothing(
    case: str, minimal: Path, cli: Cli
) -> None:
    for folder in ("data", "templates"):
        if (FIXTURES / "invalid" / case / folder).is_dir():
            shutil.copytree(
                FIXTURES / "invalid" / case / folder, minimal / folder, dirs_exist_ok=True
            )
    before = snapshot(minimal)
    expected = (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8")
    result = cli("check", cwd=minimal)
    assert (result.code, result.out, result.err) == (65, "", expected)
    # Drafting the letter fails on the same problems, unless they are in files it does
    # not draw on: then it drafts, with a warning naming those files (draft.txt).
    left_aside = FIXTURES / "invalid" / case / "draft.txt"
    result = cli("draft", "test-letter", cwd=minimal)
    if left_aside.exists():
        assert (result.code, result.err) == (0, left_aside.read_text(encoding="utf-8"))
        assert result.out.startswith("Free Press")
    else:
        assert (result.code, result.out, result.err) == (65, "", expected)
    assert snapshot(minimal) == before


def test_every_problem_is_reported_in_one_run(minimal: Path) -> None:
    orgs = minimal / "data" / "organizations.yaml"
    orgs.write_text(
        "free:\n  name: Free Press Group\n  website: not-a-url\n  colour: red\n"
        "other:\n  name: ''\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    messages = [(p.line, p.field, p.message) for p in caught.value.problems]
    assert messages == [
        (3, "free.website", "'not-a-url' is not a web address starting with https:// or http://"),
        (4, "free", "unknown field 'colour'"),
        (6, "other.name", "must not be empty"),
    ]


def test_a_record_that_fails_validation_is_not_also_reported_as_unknown(minimal: Path) -> None:
    orgs = minimal / "data" / "organizations.yaml"
    orgs.write_text("free:\n  name: Free Press Group\n  website: nope\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    assert [p.field for p in caught.value.problems] == ["free.website"]


def test_names_are_normalised_to_nfc_and_trimmed(minimal: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn  Bá Tùng")
    assert nfd != unicodedata.normalize("NFC", nfd)
    (minimal / "data" / "organizations.yaml").write_text(
        f"free:\n  name: '  {nfd} '\n", encoding="utf-8"
    )
    ws = load_workspace(minimal)
    assert ws.organizations["free"].name.get("en") == "Nguyễn Bá Tùng"
    assert unicodedata.is_normalized("NFC", ws.organizations["free"].name.get("vi"))


def test_oversize_file_is_refused(minimal: Path) -> None:
    big = minimal / "data" / "cases.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    problem = caught.value.problems[0]
    assert problem.file == big
    assert "over the limit of 4,194,304 bytes" in problem.message


def test_a_file_that_is_not_a_mapping_is_refused(minimal: Path) -> None:
    (minimal / "data" / "sources.yaml").write_text("- report\n- other\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    assert caught.value.problems[0].format() == (
        f"{minimal / 'data' / 'sources.yaml'}:1:1: expected a mapping of id to sources record\n"
        "  hint: each entry starts with its id at the left margin, e.g. 'some-id:'"
    )


def test_letter_file_name_must_be_an_id(minimal: Path) -> None:
    letters = minimal / "data" / "letters"
    (letters / "test-letter.yaml").rename(letters / "Test Letter.yaml")
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    assert caught.value.problems[0].message == "'Test Letter' is not a valid letter id"


def test_empty_data_files_are_allowed(minimal: Path) -> None:
    (minimal / "data" / "people.yaml").write_text("# nobody yet\n", encoding="utf-8")
    assert load_workspace(minimal).people == {}


def test_unknown_letter_names_the_close_ones() -> None:
    ws = load_workspace(ROOT)
    with pytest.raises(MissingInputError) as caught:
        ws.letter("harris-2012")
    assert caught.value.hint == "did you mean 'harris-2021' or 'harris-2021-press'?"


def test_a_folder_without_data_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="has no 'data' folder"):
        load_workspace(tmp_path)


def test_workspace_is_found_from_a_subfolder(example: Path) -> None:
    assert find_workspace(example / "data" / "letters") == example.resolve()
    assert find_workspace(example.parent) is None


def test_an_unknown_field_with_no_close_match_lists_the_allowed_ones(minimal: Path) -> None:
    (minimal / "data" / "organizations.yaml").write_text(
        "free:\n  name: Free Press Group\n  colour: red\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_workspace(minimal)
    assert caught.value.problems[0].hint == (
        "allowed here: name, name_in_sentence, short, country, website, email, phone, address, "
        "logo, about, contact"
    )


def test_a_letter_to_a_group_is_to_its_members_after_its_recipients(minimal: Path) -> None:
    people = [("ann", "Ann Lê", "[caucus]"), ("bao", "Bảo Trần", "[caucus, senate]"),
              ("cuong", "Cường Phạm", "[senate]"), ("minister", "Jan Novak", "[]")]  # fmt: skip
    (minimal / "data" / "recipients.yaml").write_text(
        "".join(
            f"{rid}:\n  name: {name}\n  title: {{en: Member, vi: Dân biểu}}\n"
            f"  salutation: {{en: Dear {name}, vi: Kính thưa {name}}}\n"
            f"  groups: {groups}\n"
            for rid, name, groups in people
        ),
        encoding="utf-8",
    )
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace(
            "recipients: [minister]", "recipients: [bao]\ngroups: [senate, caucus]"
        ),
        encoding="utf-8",
    )
    ws = load_workspace(minimal)
    assert ws.group("caucus") == ["ann", "bao"]
    assert ws.recipients_of(ws.letters["test-letter"]) == ["bao", "cuong", "ann"]
    text = draft(ws, "test-letter", DraftOptions(fmt="txt", languages=("vi",))).decode()
    names = [line for line in text.splitlines() if line.endswith(("Trần", "Phạm", "Lê"))]
    assert names == ["Kính gửi Bảo Trần", "Kính gửi Cường Phạm", "Kính gửi Ann Lê"]
    assert "Kính thưa Quý vị," in text.splitlines()


def test_the_workspace_holds_each_collection_and_nothing_else() -> None:
    """The Workspace's typed fields are the collections named in collections.py."""
    import dataclasses

    from letter_kit.workspace.collections import COLLECTIONS
    from letter_kit.workspace.models import model_of

    names = [
        f.name
        for f in dataclasses.fields(Workspace)
        if f.name not in ("root", "files", "config", "set_aside")
    ]
    assert names == [c.name for c in COLLECTIONS]
    ws = load_workspace(ROOT)
    for collection in COLLECTIONS:
        records = ws.records(collection.name)
        assert records, collection.name
        assert all(type(r) is model_of(collection) for r in records.values())
