"""Terminal habits: help, colour, tables that fit, a progress bar, shell completion."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

import pytest

from letter_kit.cli import command

from .conftest import ROOT, Cli

LETTERKIT = str(Path(sys.executable).parent / "letterkit")
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the command line, nested groups included."""
    out = []
    for name, sub in sorted(group.commands.items()):
        out.append((*prefix, name))
        if hasattr(sub, "commands"):
            out += _commands(sub, (*prefix, name))
    return out


COMMANDS = _commands(command())


def _group(words: tuple[str, ...]) -> Any:
    found = command()
    for word in words:
        found = found.commands[word]
    return found


def terminal(
    *args: str, cwd: Path = ROOT, columns: int = 100, env: dict[str, str] | None = None
) -> str:
    """What ``letterkit ARGS`` shows on a terminal of ``columns`` columns (both streams)."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    environ |= {"TERM": "xterm-256color", **(env or {})}
    process = subprocess.Popen(
        [LETTERKIT, *args], cwd=cwd, stdin=child, stdout=child, stderr=child, env=environ
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_help_speaks_of_what_a_user_types(
    words: tuple[str, ...], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = cli(*words, "--help")
    assert result.code == 0
    usage, summary = result.out.split("\n\n")[:2]
    assert usage.startswith(f"Usage: letterkit {' '.join(words)} [OPTIONS]")
    assert summary.startswith("  ") and summary.rstrip().endswith("."), summary
    assert len(summary.strip()) > 20, f"'{words}' needs a description"
    for internal in ("{", "}", "<", ">", "[[", "list["):
        assert internal not in result.out, f"{internal!r} in the help of {' '.join(words)}"
    # messages spell organisation so; the data's own words (the tier 'organization',
    # the kind 'organizations') are given as they are typed
    prose = result.out.replace("lead, organization or individual", "")
    assert "organiz" not in prose.replace("What to list: organizations", "")


def test_command_summaries_are_whole_sentences_on_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    groups = [(), *(words for words in COMMANDS if hasattr(_group(words), "commands"))]
    for group in groups:
        out = cli(*group, "--help").out
        rows = out.split("Commands:\n")[1].split("\n\n")[0].splitlines()
        for row in rows:
            assert re.fullmatch(r"  [a-z]+ +[A-Z].*\.", row), f"cut or wrapped: {row!r}"
            assert "..." not in row


def test_main_help_lists_commands_and_every_exit_code(cli: Cli) -> None:
    from letter_kit import ExitCode

    result = cli("--help")
    assert result.code == 0
    for words in COMMANDS:
        if len(words) == 1:
            assert f"\n  {words[0]} " in result.out
    for code in ExitCode:
        assert f"\n    {int(code):<3} " in result.out, code


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str, cli: Cli) -> None:
    assert (cli(flag).code, cli(flag).out) == (0, "letterkit 0.1.0\n")


def test_global_options_after_the_command(cli: Cli, example: Path, tmp_path: Path) -> None:
    before = cli("-w", str(example), "list", "letters", cwd=tmp_path)
    after = cli("list", "letters", "-w", str(example), cwd=tmp_path)
    assert (after.code, after.out) == (0, before.out)
    assert cli("cosign", "list", "harris-2021", "--workspace", str(example), cwd=tmp_path).code == 0
    missing = cli("draft", "harris-2021", "-w", str(tmp_path / "gone"))
    assert (missing.code, missing.err) == (
        66,
        f"error: workspace {tmp_path / 'gone'} does not exist\n",
    )


def test_debug_after_the_command_shows_the_traceback(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr("letter_kit.writers.write_text", broken)
    assert cli("draft", "harris-2021").code == 70
    with pytest.raises(RuntimeError):
        cli("draft", "harris-2021", "--debug")


def test_no_colour_when_not_a_terminal_or_when_no_color(example: Path) -> None:
    on_terminal = terminal("list", "letters", cwd=example)
    assert ESCAPE.search(on_terminal)
    plain = terminal("list", "letters", cwd=example, env={"NO_COLOR": "1"})
    assert not ESCAPE.search(plain)
    assert plain.splitlines()[0].split() == ["ID", "DATE", "KIND", "STATUS", "LANGUAGES",
                                             "RECIPIENTS", "SIGNATORIES"]  # fmt: skip
    piped = subprocess.run([LETTERKIT, "list", "letters"], cwd=example, capture_output=True,
                           text=True, check=True, env={**os.environ, "TERM": "xterm"})  # fmt: skip
    assert not ESCAPE.search(piped.stdout)


def test_errors_and_warnings_in_colour_on_a_terminal(tmp_path: Path) -> None:
    shown = terminal("draft", "nope", cwd=tmp_path)
    assert "\x1b[" in shown.split("no workspace here")[0]
    assert not ESCAPE.search(terminal("draft", "nope", cwd=tmp_path, env={"NO_COLOR": "1"}))


def test_tables_fit_the_terminal_and_wrap_nothing_is_cut() -> None:
    wide = terminal("visits", "--all", "--date", "2021-07-25", env={"NO_COLOR": "1"},
                    columns=300)  # fmt: skip
    narrow = terminal("visits", "--all", "--date", "2021-07-25", env={"NO_COLOR": "1"},
                      columns=90)  # fmt: skip
    assert max(len(line) for line in narrow.splitlines()) <= 90
    assert max(len(line) for line in wide.splitlines()) > 90
    occasion = "President Biden's visit to Hanoi to upgrade relations with Vietnam"
    assert occasion in wide
    assert occasion not in narrow  # wrapped over lines, every word still there
    assert set(occasion.split()) <= set(narrow.split())
    assert "…" not in narrow + wide
    # ids are never broken, in their own column or among words
    assert "biden-hanoi-2023" in narrow and "harris-2021-press" in narrow


def _complete(words: str, cwd: Path, **env: str) -> list[str]:
    environ = {**os.environ, "_LETTERKIT_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), **env}  # fmt: skip
    result = subprocess.run([LETTERKIT], cwd=cwd, env=environ, capture_output=True, text=True,
                            check=True)  # fmt: skip
    return result.stdout.split()


def test_completion_of_letters_recipients_and_signers(example: Path, tmp_path: Path) -> None:
    assert _complete("letterkit draft harris", example) == ["harris-2021", "harris-2021-press"]
    assert _complete("letterkit new x --recipient h", example) == ["harris"]
    assert _complete("letterkit cosign add biden-2023 acat-", example) == [
        "acat-belgium", "acat-france", "acat-germany", "acat-spain-catalonia", "acat-usa",
    ]  # fmt: skip
    assert _complete("letterkit new x --visit viet", example) == ["vietnam-human-rights-day"]
    assert _complete("letterkit list le", example) == ["letters"]
    # the workspace given after the command, or by the environment
    assert _complete(f"letterkit status b -w {example}", tmp_path) == []  # -w comes later
    assert _complete(f"letterkit status -w {example} b", tmp_path) == ["biden-2023"]
    assert _complete("letterkit status b", tmp_path, LETTERKIT_WORKSPACE=str(example)) == [
        "biden-2023"
    ]
    # a workspace full of mistakes still completes: nothing is validated
    (example / "data" / "letters" / "broken.yaml").write_text("date: [\n", encoding="utf-8")
    assert _complete("letterkit draft bro", example) == ["broken"]


def test_the_completion_script_is_generated() -> None:
    # (without the variable, typer finds the shell the command runs in)
    environ = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    for shell, mark in [("bash", "complete -o"), ("zsh", "compdef"),
                        ("fish", "complete --command letterkit")]:  # fmt: skip
        result = subprocess.run([LETTERKIT, "--show-completion", shell], capture_output=True,
                                text=True, check=True, env=environ)  # fmt: skip
        assert "_LETTERKIT_COMPLETE" in result.stdout and mark in result.stdout, shell


def test_bash_completes_with_the_script(example: Path) -> None:
    script = (
        "source <(letterkit --show-completion bash)\n"
        "COMP_WORDS=(letterkit draft harris); COMP_CWORD=2\n"
        "_letterkit_completion letterkit\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    environ = {**os.environ, "PATH": f"{Path(LETTERKIT).parent}:{os.environ['PATH']}",
               "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}  # fmt: skip
    result = subprocess.run(["bash", "-c", script], cwd=example,
                            env=environ, capture_output=True, text=True, check=True)  # fmt: skip
    assert result.stdout.split() == ["harris-2021", "harris-2021-press"]
