"""The command line: every command, its help, its output and its exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from letter_kit.cli import command
from letter_kit.formats import EXTENSIONS
from letter_kit.reports.listing import KINDS
from letter_kit.workspace.collections import BY_NAME

from .conftest import GOLDEN, ROOT, Cli, snapshot


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the command line, nested groups included."""
    out = []
    for name, sub in sorted(group.commands.items()):
        out.append((*prefix, name))
        if hasattr(sub, "commands"):
            out += _commands(sub, (*prefix, name))
    return out


COMMANDS = _commands(command())


def test_the_commands() -> None:
    assert [" ".join(c) for c in COMMANDS] == [
        "check", "cosign", "cosign add", "cosign export", "cosign import", "cosign list",
        "cosign remove", "draft", "init", "lang", "lang add", "lint", "list", "new", "preview",
        "recipients", "recipients import", "send", "sources", "sources export",
        "sources import", "status", "translate", "translate export", "translate import",
        "translate mark", "visits",
    ]  # fmt: skip


def test_draft_prints_every_language_of_the_letter_by_default(cli: Cli) -> None:
    result = cli("draft", "harris-2021")
    assert (result.code, result.err) == (0, "")
    assert result.out == (GOLDEN / "harris-2021.en-vi.md").read_text(encoding="utf-8")


def test_draft_to_a_file_in_one_language(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    result = cli("draft", "biden-2023", "-f", "txt", "-l", "vi", "-o", str(target))
    assert (result.code, result.out) == (0, "")
    assert result.err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == (GOLDEN / "biden-2023.vi.txt").read_text(
        encoding="utf-8"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_draft_languages_in_the_order_given(cli: Cli) -> None:
    result = cli("draft", "harris-2021", "-l", "vi,en", "-f", "txt")
    assert result.code == 0
    assert result.out.index("Kính thưa") < result.out.index("Dear Vice President")


def test_draft_with_another_date(cli: Cli) -> None:
    result = cli("draft", "harris-2021", "-l", "vi", "--date", "2021-02-03", "-f", "txt")
    assert result.code == 0
    assert "Ngày 03 tháng 02 năm 2021" in result.out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["draft", "nope"], 66, "error: no letter 'nope' in"),
        (
            ["draft", "harris-2021", "-l", "fr"],
            2,
            "error: letter 'harris-2021' is not written in 'fr'",
        ),
        (["draft", "harris-2021", "-l", ","], 2, "error: --lang needs at least one language code"),
        (["draft", "harris-2021", "--date", "4 Aug"], 2, "error: --date '4 Aug' is not a date"),
        (["draft", "harris-2021", "-f", "doc"], 2, "Invalid value for '--format' / '-f'"),
        (["draft"], 2, "Missing argument 'LETTER'"),
        (["list", "things"], 2, "'things' is not one of 'organizations', 'people'"),
        (["frobnicate"], 2, "No such command 'frobnicate'"),
        (["-w", "draft", "drat"], 2, "No such command 'drat'. Did you mean 'draft'?"),
        (["cosign", "ad"], 2, "No such command 'ad'. Did you mean 'add'?"),
        (["--debug", "draft", "--frobnicate"], 2, "No such option: --frobnicate"),
    ],
)
def test_usage_and_input_errors(args: list[str], code: int, message: str, cli: Cli) -> None:
    result = cli(*args)
    assert result.code == code
    assert message in result.err
    assert result.out == ""


def test_writing_into_a_missing_folder_fails_cleanly(cli: Cli, tmp_path: Path) -> None:
    result = cli("draft", "harris-2021", "-o", str(tmp_path / "no" / "such" / "letter.md"))
    assert result.code == 73
    assert result.err == (
        f"error: cannot write {tmp_path / 'no/such/letter.md'}: folder {tmp_path / 'no/such'} "
        "does not exist\n  hint: create the folder first, or choose another path with -o\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_failed_draft_leaves_the_old_output_in_place(cli: Cli, example: Path) -> None:
    target = example / "letter.md"
    target.write_text("previous draft\n", encoding="utf-8")
    (example / "data" / "letters" / "harris-2021.yaml").write_text("date: [\n", encoding="utf-8")
    result = cli("draft", "harris-2021", "-o", str(target), cwd=example)
    assert result.code == 65
    assert target.read_text(encoding="utf-8") == "previous draft\n"
    assert sorted(p.name for p in example.iterdir()) == ["assets", "data", "letter.md", "templates"]


def test_no_workspace_here(cli: Cli, tmp_path: Path) -> None:
    result = cli("draft", "harris-2021", cwd=tmp_path)
    assert result.code == 66
    assert result.err.startswith("error: no workspace here: no data/ folder")
    assert cli("check", cwd=tmp_path).code == 66


def test_workspace_option_and_environment(
    cli: Cli, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("-w", str(example), "list", "letters", cwd=tmp_path).code == 0
    assert cli("-w", str(tmp_path / "gone"), "check").code == 66
    monkeypatch.setenv("LETTERKIT_WORKSPACE", str(example))
    assert cli("check", cwd=tmp_path).code == 0


def test_check_the_example(cli: Cli) -> None:
    result = cli("check")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "ok: 5 letters in 9 documents, 13 organisations, 4 people, 4 recipients, 25 cases, "
        "8 demands, 4 sources, 5 facts\n"
    )


def test_list_letters(cli: Cli) -> None:
    result = cli("list", "letters")
    assert result.code == 0
    assert result.out == (
        "ID                     DATE        KIND           STATUS  LANGUAGES  RECIPIENTS  SIGNATORIES\n"
        "biden-2023             2023-09-05  open-letter    sent    en,vi      biden       13\n"
        "harris-2021-press      2021-08-06  press-release  sent    en,vi      harris      2\n"
        "harris-2021            2021-08-04  open-letter    sent    en,vi      harris      2\n"
        "human-rights-day-2024  2024-05-06  open-letter    draft   en         blinken     4\n"
        "market-economy-2024    2024-06-03  open-letter    draft   en,vi      raimondo    4\n"
        "5 letters\n"
    )


def test_list_people_in_vietnamese(cli: Cli) -> None:
    result = cli("list", "people", "-l", "vi")
    assert result.code == 0
    assert result.out.splitlines()[:3] == [
        "ID                 NAME               TITLE                 ORGANISATION",
        "tung-nguyen        Nguyễn Bá Tùng     Trưởng Ban Điều Hành  Mạng Lưới Nhân Quyền Việt Nam",
        "ngu-vu             Vũ Quốc Ngữ        Giám Đốc              Người Bảo Vệ Nhân Quyền",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_list_every_kind(kind: str, cli: Cli) -> None:
    result = cli("list", kind)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("ID ")
    assert lines[-1] == BY_NAME[kind].count(len(lines) - 2)


def test_init_creates_a_workspace_that_drafts(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "campaign", cwd=tmp_path)
    assert result.code == 0
    assert (
        result.out
        == "created workspace campaign\nnext: cd campaign && letterkit draft harris-2021\n"
    )
    campaign = tmp_path / "campaign"
    assert (campaign / "data" / "letters" / "harris-2021.yaml").is_file()
    assert (campaign / "templates" / "locale" / "vi" / "LC_MESSAGES" / "letterkit.po").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["campaign"]
    draft = cli("draft", "harris-2021", cwd=campaign)
    assert draft.code == 0
    assert draft.out == (GOLDEN / "harris-2021.en-vi.md").read_text(encoding="utf-8")


def test_init_never_overwrites(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    before = snapshot(tmp_path)
    result = cli("init", str(folder))
    assert result.code == 73
    assert "already exists and is not empty" in result.err
    assert snapshot(tmp_path) == before


def test_an_internal_error_is_reported_as_a_bug(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr("letter_kit.writers.write_text", broken)
    result = cli("draft", "harris-2021")
    assert result.code == 70
    assert result.err == (
        "internal error: RuntimeError: boom\n"
        "  hint: this is a bug in letterkit; run again with --debug and report the traceback\n"
    )
    with pytest.raises(RuntimeError):
        cli("--debug", "draft", "harris-2021")


def test_the_installed_command_and_the_module_run() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # output must not depend on it
    script = Path(sys.executable).parent / "letterkit"
    for started in ([str(script)], [sys.executable, "-m", "letter_kit"]):
        result = subprocess.run(
            [*started, "draft", "harris-2021", "-l", "vi", "-f", "txt"],
            cwd=ROOT,
            capture_output=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8") == (GOLDEN / "harris-2021.vi.txt").read_text(
            encoding="utf-8"
        )


HEAVY = {"pydantic", "jinja2", "ruamel", "babel", "markdown_it", "typst", "pypdf", "docx",
         "lxml", "rich", "watchfiles", "http"}  # fmt: skip


@pytest.mark.parametrize("run", ["", "main(['--help'])"])
def test_starting_the_command_line_imports_nothing_heavy(run: str) -> None:
    code = (
        "import sys, contextlib, io, letter_kit.cli\n"
        "from letter_kit.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): {run or 'pass'}\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("ending", "start"),
    [(".pdf", b"%PDF-"), (".docx", b"PK\x03\x04"), (".html", b"<!DOCTYPE html>"),
     (".eml", b"From: "),
     (".md", b"![Vietnam Human Rights Network](assets/logos/vnhrn.svg)Vietnam Human"),
     (".txt", b"Vietnam Human Rights Network\nwww.vietnamhumanrights.net")],
)  # fmt: skip
def test_the_file_name_gives_the_format(
    ending: str, start: bytes, cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / f"harris-2021{ending}"
    result = cli("draft", "harris-2021", "-l", "en", "-o", str(target))
    assert (result.code, result.err) == (0, f"wrote {target}\n")
    assert target.read_bytes().startswith(start)
    assert ending in EXTENSIONS
    # the same with -f saying the same, and in capitals
    same = tmp_path / f"SAME{ending.upper()}"
    assert cli("draft", "harris-2021", "-f", EXTENSIONS[ending], "-o", str(same)).code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "md", "-o", "x.pdf"],
         "error: -f md contradicts the file name x.pdf, which says pdf\n"
         "  hint: leave out -f (the name gives the format), or name the file x.md\n"),
        (["-o", "x.doc"],
         "error: cannot tell the format of x.doc from its ending '.doc'\n"
         "  hint: end the file name with .md, .html, .txt, .pdf, .docx, .eml, or give -f FORMAT\n"),
    ],
)  # fmt: skip
def test_a_format_and_a_name_that_disagree(args: list[str], message: str, cli: Cli,
                                           tmp_path: Path) -> None:  # fmt: skip
    result = cli("draft", "harris-2021", *args)
    assert (result.code, result.out, result.err) == (2, "", message)
    # a name letterkit does not know is fine when -f says what to write
    assert cli("draft", "harris-2021", "-f", "md", "-o", str(tmp_path / "x.doc")).code == 0
