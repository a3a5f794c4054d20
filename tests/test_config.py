"""letterkit.toml: validated as a whole, every problem at its line; [defaults] honoured."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from letter_kit.workspace.collections import DATA_FILES
from letter_kit.workspace.config import CONFIG_FILE, Settings, read_config
from letter_kit.workspace.models import model_of

from .conftest import Cli, snapshot


def _settings(workspace: Path, text: str) -> None:
    (workspace / CONFIG_FILE).write_text(text, encoding="utf-8")


def test_every_problem_at_its_line_with_the_nearest_name(cli: Cli, example: Path) -> None:
    _settings(example, '[defaults]\npaper = "A4"\nlanguage = ["vi"]\n\n[smpt]\nhost = "x"\n'
              '[docx]\nreferense = "r.docx"\n')  # fmt: skip
    before = snapshot(example)
    for args in (["check"], ["draft", "harris-2021"], ["list", "letters"]):
        result = cli(*args, cwd=example)
        assert (result.code, result.out) == (78, "")
        assert result.err == (
            "error: letterkit.toml:2:1: [defaults] paper: 'A4' is not one of: 'letter' or 'a4'\n"
            "error: letterkit.toml:3:1: unknown [defaults] setting 'language'\n"
            "  hint: did you mean 'languages'?\n"
            "error: letterkit.toml:5:1: unknown section [smpt]\n"
            "  hint: did you mean [smtp]? the sections are [defaults], [docx], [lint], [smtp]\n"
            "error: letterkit.toml:8:1: unknown [docx] setting 'referense'\n"
            "  hint: did you mean 'reference'?\n"
            "4 problems found\n"
        )
    assert snapshot(example) == before


def test_a_toml_syntax_error_is_placed(cli: Cli, example: Path) -> None:
    _settings(example, '[defaults]\npaper = "a4\n')
    result = cli("check", cwd=example)
    assert (result.code, result.err) == (
        78,
        "error: letterkit.toml:2:12: invalid TOML: Illegal character '\\n'\n"
        "  hint: fix the TOML syntax\n",
    )


def _page_width(pdf: bytes) -> float:
    return float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)


A4, LETTER = 595.28, 612.0


def test_defaults_paper_and_layout(cli: Cli, example: Path, tmp_path: Path) -> None:
    _settings(example, '[defaults]\npaper = "a4"\nlayout = "parallel"\n')
    out = tmp_path / "h.pdf"
    assert cli("draft", "harris-2021", "-o", str(out), cwd=example).code == 0
    assert _page_width(out.read_bytes()) == pytest.approx(A4, abs=0.5)
    # side by side: the first page holds both languages
    first = PdfReader(str(out)).pages[0].extract_text()
    assert "Dear Vice President Harris" in first and "Kính thưa" in first
    assert cli("draft", "harris-2021", "-o", str(tmp_path / "h.docx"), cwd=example).code == 0
    section = docx.Document(str(tmp_path / "h.docx")).sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210
    # the command line, then the letter's own setting, win over the defaults
    assert cli("draft", "harris-2021", "--paper", "letter", "-o", str(out), cwd=example).code == 0
    assert _page_width(out.read_bytes()) == pytest.approx(LETTER, abs=0.5)
    letter = example / "data" / "letters" / "harris-2021.yaml"
    letter.write_text(letter.read_text(encoding="utf-8") + "paper: letter\n", encoding="utf-8")
    assert cli("draft", "harris-2021", "-o", str(out), cwd=example).code == 0
    assert _page_width(out.read_bytes()) == pytest.approx(LETTER, abs=0.5)


def test_defaults_languages(cli: Cli, example: Path) -> None:
    _settings(example, '[defaults]\nlanguages = ["vi", "en"]\n')
    listed = cli("list", "people", cwd=example).out.splitlines()
    assert re.split(r"\s{2,}", listed[1])[1] == "Nguyễn Bá Tùng"
    assert "27 thg 8, 2023" in cli("visits", "--all", cwd=example).out
    assert cli("new", "upr", "--visit", "upr-vietnam-2024", "--recipient", "biden",
               cwd=example).code == 0  # fmt: skip
    text = (example / "data" / "letters" / "upr.yaml").read_text(encoding="utf-8")
    assert "\nlanguages: [vi, en]\n" in text


def test_defaults_date_style(cli: Cli, example: Path) -> None:
    _settings(example, '[defaults]\ndate_style = "full"\n')
    drafted = cli("draft", "harris-2021", "-f", "txt", cwd=example).out
    assert "Wednesday, August 4, 2021" in drafted
    assert "Ngày 04 tháng 8 năm 2021" in drafted  # Vietnamese keeps its administrative style


def test_a_missing_reference_document_is_a_setting_at_its_line(cli: Cli, example: Path) -> None:
    _settings(example, '# Word\n[docx]\nreference = "missing.docx"\n')
    result = cli("draft", "harris-2021", "-f", "docx", "-o", "x.docx", cwd=example)
    assert (result.code, result.err) == (
        78,
        f"error: letterkit.toml:3:1: [docx] reference: no file {example / 'missing.docx'}\n"
        "  hint: put the organisation's Word document there, or remove the setting\n",
    )


def test_init_bare_makes_an_empty_workspace_that_checks(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "campaign", "--bare", cwd=tmp_path)
    assert result.code == 0
    assert result.out == (
        "created workspace campaign (empty)\n"
        "next: cd campaign, add records to data/*.yaml, then 'letterkit new'\n"
    )
    campaign = tmp_path / "campaign"
    assert sorted(str(p.relative_to(campaign)) for p in campaign.rglob("*") if p.is_file()) == [
        "data/cases.yaml", "data/demands.yaml", "data/facts.yaml", "data/laws.yaml",
        "data/letters/README.txt", "data/organizations.yaml", "data/people.yaml",
        "data/recipients.yaml", "data/sources.yaml", "data/visits.yaml", "letterkit.toml",
    ]  # fmt: skip
    checked = cli("check", cwd=campaign)
    assert (checked.code, checked.err) == (0, "")
    assert checked.out.startswith("ok: 0 letters in 0 documents, 0 organisations")
    # each data file names every field of its records
    for collection in DATA_FILES:
        text = (campaign / "data" / f"{collection.name}.yaml").read_text(encoding="utf-8")
        named = re.findall(r"^#   (\w+):", text, re.MULTILINE)
        assert named == list(model_of(collection).model_fields), collection.name
    # the settings, with their # taken off, are valid settings
    toml = (campaign / CONFIG_FILE).read_text(encoding="utf-8")
    live = "\n".join(line[2:] for line in toml.splitlines() if re.match(r"# (\[|\w+ = )", line))
    (campaign / CONFIG_FILE).write_text(live + "\n", encoding="utf-8")
    settings = read_config(campaign).settings
    assert set(re.findall(r"^\[(\w+)\]", live, re.MULTILINE)) == set(Settings.model_fields)
    assert settings.defaults.paper == "a4"
    assert cli("check", cwd=campaign).code == 0
