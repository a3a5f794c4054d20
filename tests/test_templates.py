"""The template reference (docs/templates.md): its worked override renders as it says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import ROOT, Cli

DOC = ROOT / "docs" / "templates.md"
TEMPLATE = Path("templates/open-letter/letter.md.j2")
VI = Path("templates/locale/vi/LC_MESSAGES/letterkit.po")


def _override() -> str:
    """The date line part the reference shows, as it shows it."""
    text = DOC.read_text(encoding="utf-8")
    marker = "<!-- the worked override: tests/test_templates.py renders it -->\n```jinja\n"
    return text[text.index(marker) + len(marker) :].split("```", 1)[0]


def test_the_worked_override_renders_as_the_reference_says(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    for name in ("data", "templates", "assets"):
        shutil.copytree(ROOT / name, root / name)
    template = root / TEMPLATE
    text = template.read_text(encoding="utf-8")
    part = "<!-- @dateline -->\n{{ letter.dateline }}\n"
    assert part in text
    template.write_text(text.replace(part, _override()), encoding="utf-8")

    drafted = cli("draft", "harris-2021", "-l", "en", "-f", "txt", cwd=root)
    assert drafted.code == 0, drafted.err
    assert drafted.out.splitlines()[9:11] == ["August 4, 2021", "Our reference: HARRIS-2021"]

    check = cli("check", cwd=root)
    assert check.code == 0
    assert check.err == (
        "warning: templates/locale/vi/LC_MESSAGES/letterkit.po: no translation of "
        "'Our reference: %(reference)s' into 'vi': letters print it in English\n"
        "  hint: add its msgid and translate it ('letterkit lang add' lists every phrase in "
        "a new catalog)\n"
    )
    shown = re.search(r"```\n(msgid \"Our reference.*?)```", DOC.read_text("utf-8"), re.S)
    assert shown is not None
    catalog = root / VI
    catalog.write_text(catalog.read_text("utf-8") + "\n" + shown.group(1), encoding="utf-8")
    assert cli("check", cwd=root).err == ""
    vi = cli("draft", "harris-2021", "-l", "vi", "-f", "txt", cwd=root).out
    assert "Ngày 04 tháng 8 năm 2021\nSố: HARRIS-2021\n" in vi


def test_the_reference_names_every_value_a_template_is_given() -> None:
    from letter_kit import load_workspace
    from letter_kit.composing.composer import composer

    context = composer(load_workspace(ROOT), "harris-2021", "en").context(
        load_workspace(ROOT).letters["harris-2021"].date
    )
    text = DOC.read_text(encoding="utf-8")
    for name in context:
        assert f"`{name}" in text, name
    for name in context["letter"]:
        assert f"`letter.{name}`" in text or f"letter.{name}`" in text, name
