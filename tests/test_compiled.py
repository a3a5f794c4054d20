"""Templates and catalogs compiled by one run and read back by the next: never stale
(an edited template or catalog, another letterkit, is compiled afresh), and a damaged
entry is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from letter_kit import compose, load_workspace, write_text
from letter_kit.composing import compiled, i18n, templating
from letter_kit.workspace import cache as cachefolder

PO = Path("templates/locale/vi/LC_MESSAGES/letterkit.po")
TEMPLATE = Path("templates/open-letter/letter.md.j2")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache of the test's own; each compose starts as a new run would."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cachefolder.CACHE_ENV, str(folder))
    cachefolder.root.cache_clear()
    _new_run()
    yield folder
    cachefolder.root.cache_clear()
    _new_run()


def _new_run() -> None:
    templating.markdown_environment.cache_clear()
    i18n._compiled.cache_clear()


def _letter(example: Path, language: str = "vi") -> str:
    _new_run()
    return write_text([compose(load_workspace(example), "harris-2021", language)], "md")


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The template files Jinja compiles from now on (prose in data is compiled from
    strings, never cached)."""
    seen: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None,
                 *args: object, **kwargs: object) -> object:  # fmt: skip
        if name is not None:
            seen.append(name)
        return original(self, source, name, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


def test_a_template_is_compiled_once_and_an_edit_is_seen(
    cache: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiles = _compiles(monkeypatch)
    first = _letter(example)
    assert compiles == ["open-letter/letter.md.j2"]
    assert len(list((cache / "templates").iterdir())) == 1
    assert _letter(example) == first
    assert compiles == ["open-letter/letter.md.j2"]  # read back, not compiled again
    template = example / TEMPLATE
    original = template.read_text("utf-8")
    template.write_text(original + "A line added to the template.\n", "utf-8")
    assert "A line added to the template." in _letter(example)
    assert compiles == ["open-letter/letter.md.j2"] * 2
    template.write_text(original, "utf-8")
    assert _letter(example) == first
    assert compiles == ["open-letter/letter.md.j2"] * 3  # one entry per template: made again


def test_a_catalog_is_compiled_once_and_an_edit_is_seen(
    cache: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _letter(example)
    assert "Kính gửi Bà Kamala D. Harris" in first
    assert len(list((cache / "catalogs").iterdir())) == 1

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    with monkeypatch.context() as patched:
        patched.setattr(i18n, "catalog_from_text", no_compiling)
        assert _letter(example) == first  # read back
        po = example / PO
        po.write_text(po.read_text("utf-8").replace('"Kính gửi %(name)s"', '"Kính thưa %(name)s"'))
        with pytest.raises(AssertionError, match="compiled again"):
            _letter(example)
    assert "Kính thưa Bà Kamala D. Harris" in _letter(example)


def test_another_letterkit_compiles_afresh(
    cache: Path, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are salted with letterkit's version and the code that configures Jinja."""
    _letter(example)
    compiles = _compiles(monkeypatch)
    monkeypatch.setattr(cachefolder, "version", lambda: "0.0.0-another")
    _letter(example)
    assert compiles == ["open-letter/letter.md.j2"]
    salt = cachefolder.code_salt([templating])
    monkeypatch.setattr(cachefolder, "version", lambda: "0.0.0-yet-another")
    assert cachefolder.code_salt([templating]) != salt
    assert cachefolder.code_salt([templating, compiled]) != cachefolder.code_salt([templating])


def test_damaged_entries_are_ignored_and_made_again(cache: Path, example: Path) -> None:
    """A whole run, as a user starts it, over entries of every kind damaged in four ways."""
    command = [sys.executable, "-m", "letter_kit", "-w", str(example), "draft", "harris-2021"]
    environ = {**os.environ, cachefolder.CACHE_ENV: str(cache)}
    first = subprocess.run(command, env=environ, capture_output=True, text=True, check=True)
    entries = sorted(cache.glob("*/*.bin"))
    assert {entry.parent.name for entry in entries} == {"yaml", "templates", "catalogs"}
    kept = {entry: entry.read_bytes() for entry in entries}
    for number, entry in enumerate(entries):
        blob = kept[entry]
        damage = [blob[: len(blob) // 2], blob[:-1] + bytes([blob[-1] ^ 1]), b"", b"\x00" * 64]
        entry.write_bytes(damage[number % 4])
    again = subprocess.run(command, env=environ, capture_output=True, text=True)
    assert (again.returncode, again.stderr, again.stdout) == (0, "", first.stdout)
    assert {entry: entry.read_bytes() for entry in entries} == kept  # made again
