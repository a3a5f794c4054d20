"""What is kept between runs (parsed YAML, compiled templates and catalogs): used only
for the very same text and code, never stale, and a damaged entry is ignored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from letter_kit import DataError, load_workspace
from letter_kit.workspace import cache as cachefolder
from letter_kit.workspace.yamlsource import load_yaml, parse

from .conftest import ROOT, snapshot


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cachefolder.CACHE_ENV, str(folder))
    cachefolder.root.cache_clear()
    yield folder
    cachefolder.root.cache_clear()


def test_an_unchanged_file_is_read_back_as_parsed(cache: Path, tmp_path: Path) -> None:
    file = tmp_path / "cases.yaml"
    file.write_text((ROOT / "data" / "cases.yaml").read_text("utf-8"), "utf-8")
    first = load_yaml(file)
    assert [p.suffix for p in (cache / "yaml").iterdir()] == [".bin"]
    again = cachefolder.lookup(file, file.read_text("utf-8"))
    assert again == first.data == parse(file.read_text("utf-8"), file).data
    assert load_yaml(file).data == first.data


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    file = tmp_path / "orgs.yaml"
    file.write_text("free:\n  name: Free Press\n", "utf-8")
    assert load_yaml(file).data == {"free": {"name": "Free Press"}}
    file.write_text("free:\n  name: Báo Tự do\n", "utf-8")  # the same size in bytes
    assert cachefolder.lookup(file, file.read_text("utf-8")) is cachefolder.MISSING
    assert load_yaml(file).data == {"free": {"name": "Báo Tự do"}}


def test_a_damaged_entry_is_ignored(cache: Path, tmp_path: Path) -> None:
    file = tmp_path / "orgs.yaml"
    file.write_text("free:\n  name: Free Press\n", "utf-8")
    load_yaml(file)
    (entry,) = (cache / "yaml").iterdir()
    entry.write_bytes(entry.read_bytes()[:-3])
    assert load_yaml(file).data == {"free": {"name": "Free Press"}}
    entry.write_bytes(b"nonsense")
    assert load_yaml(file).data == {"free": {"name": "Free Press"}}


def test_a_broken_workspace_reads_the_same_from_the_cache(cache: Path, minimal: Path) -> None:
    (minimal / "data" / "organizations.yaml").write_text("free:\n  nmae: Free\n", "utf-8")
    messages = []
    for _ in range(2):  # parsed, then read back
        with pytest.raises(DataError) as caught:
            load_workspace(minimal)
        messages.append([p.format() for p in caught.value.problems])
    assert messages[0] == messages[1]
    place = minimal / "data" / "organizations.yaml"
    assert f"{place}:2:3: free: unknown field 'nmae'\n  hint: did you mean 'name'?" in messages[1]


def test_a_file_that_does_not_parse_is_not_kept(cache: Path, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("a: 1\na: 2\n", "utf-8")
    with pytest.raises(Exception, match="duplicate key"):
        load_yaml(file)
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_cache_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal: Path
) -> None:
    monkeypatch.setenv(cachefolder.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    before = snapshot(minimal)
    cachefolder.root.cache_clear()
    try:
        assert cachefolder.root() is None
        load_workspace(minimal)
    finally:
        cachefolder.root.cache_clear()
    assert not (tmp_path / "xdg").exists()
    assert list(here.iterdir()) == []
    assert snapshot(minimal) == before


def test_the_default_place_and_a_cache_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal: Path
) -> None:
    monkeypatch.delenv(cachefolder.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cachefolder.root.cache_clear()
    try:
        assert cachefolder.root() == tmp_path / "xdg" / "letterkit"
        before = snapshot(minimal)
        load_workspace(minimal)
        assert len(list((tmp_path / "xdg" / "letterkit" / "yaml").iterdir())) == 4
        assert snapshot(minimal) == before  # nothing is written in the workspace
        monkeypatch.setenv("XDG_CACHE_HOME", str(minimal / "data" / "recipients.yaml"))
        cachefolder.root.cache_clear()
        assert load_workspace(minimal).recipients  # a file where the folder should be
    finally:
        cachefolder.root.cache_clear()


def test_another_parser_code_parses_afresh(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entries are keyed by the source of the modules that parse, not by file names:
    a changed parser (here one more module registered) finds none of the old entries."""
    import importlib.util

    file = tmp_path / "orgs.yaml"
    file.write_text("free:\n  name: Free Press\n", "utf-8")
    load_yaml(file)
    assert cachefolder.lookup(file, file.read_text("utf-8")) == {"free": {"name": "Free Press"}}
    extra = tmp_path / "parser_patch.py"
    extra.write_text("CHANGED = True\n", "utf-8")
    spec = importlib.util.spec_from_file_location("parser_patch", extra)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(cachefolder, "_PARSERS", [*cachefolder._PARSERS])
    cachefolder.parsed_by(module)
    try:
        assert cachefolder.lookup(file, file.read_text("utf-8")) is cachefolder.MISSING
    finally:
        cachefolder._yaml_salt.cache_clear()
