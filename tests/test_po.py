"""Translations through PO files: export, a translator's tool, import, and bad files."""

from __future__ import annotations

import contextlib
import difflib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from letter_kit.workspace.commit import Changes

from .conftest import Cli, snapshot

BIDEN = Path("data/letters/biden-2023.yaml")
HARRIS = Path("data/letters/harris-2021.yaml")
OLD = '"Việt Nam dùng luật pháp để bỏ tù những người phê phán và để bóp nghẹt tự "'
NEW = '"Việt Nam dùng luật pháp để bỏ tù các người phê phán và để bóp nghẹt tự "'


def _export(cli: Cli, example: Path, letter: str = "biden-2023") -> Path:
    target = example / "vi.po"
    result = cli("translate", "export", letter, "-l", "vi", "-o", str(target), cwd=example)
    assert result.code == 0, result.err
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_export_is_a_po_file_gettext_reads(example: Path, cli: Cli) -> None:
    po = _export(cli, example)
    text = po.read_text(encoding="utf-8")
    assert '"Language: vi\\n"' in text
    assert '"Content-Type: text/plain; charset=utf-8\\n"' in text
    assert (
        '#. body, paragraph 3\n#: data/letters/biden-2023.yaml:24\nmsgctxt "body.3"\nmsgid ""\n'
        '"Vietnam uses its laws to jail its critics and to curb press freedom, "\n'
    ) in text
    assert text.count("\nmsgctxt ") == 12
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_a_stale_block_is_fuzzy_with_the_text_it_was_made_from(example: Path, cli: Cli) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    _replace(example / BIDEN, "to jail its critics", "to imprison its critics")
    text = _export(cli, example).read_text(encoding="utf-8")
    block = text[text.index("#. body, paragraph 3") : text.index('msgctxt "body.3"')]
    assert block.splitlines()[:6] == [
        "#. body, paragraph 3",
        "#. the en text changed since it was translated",
        "#: data/letters/biden-2023.yaml:24",
        "#, fuzzy",
        '#| msgid ""',
        '#| "Vietnam uses its laws to jail its critics and to curb press freedom, "',
    ]
    # gettext's own tools read the previous msgid (Babel's would break its strings)
    out = subprocess.run(["msgcat", "--width=79", "-"], input=text, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert '#| "Vietnam uses its laws to jail its critics and to curb press freedom, "' in out


def test_an_edited_msgstr_changes_exactly_that_text(example: Path, cli: Cli) -> None:
    po = _export(cli, example)
    _replace(po, OLD, NEW)
    before = (example / BIDEN).read_text(encoding="utf-8")
    result = cli("translate", "import", "biden-2023", str(po), cwd=example)
    assert (result.code, result.out, result.err) == (
        0, "changed: body, paragraph 3\n12 translations recorded, 1 changed\n", ""
    )  # fmt: skip
    after = (example / BIDEN).read_text(encoding="utf-8")
    assert _changed_lines(before, after) == [
        "-    Việt Nam dùng luật pháp để bỏ tù những người phê phán và để bóp nghẹt tự do báo chí,",
        "+    Việt Nam dùng luật pháp để bỏ tù các người phê phán và để bóp nghẹt tự do báo chí,",
    ]
    assert after.startswith("# Coalition letter to President Biden before his visit to Hanoi")
    status = cli("status", "biden-2023", cwd=example).out
    assert "vi: 12 up to date\n" in status
    assert cli("check", cwd=example).code == 0


@pytest.mark.parametrize(
    "tool",
    [["msgcat", "--width=79"], ["msgcat", "--no-wrap"], ["msgcat", "--width=40"]],
    ids=["wrapped at 79 (Poedit)", "not wrapped (Weblate)", "narrow"],
)
def test_a_file_saved_by_a_translation_tool_imports_the_same(
    tool: list[str], example: Path, cli: Cli
) -> None:
    po = _export(cli, example)
    _replace(po, OLD, NEW)
    saved = example / "saved.po"
    subprocess.run([*tool, "-o", str(saved), str(po)], check=True)
    assert saved.read_text(encoding="utf-8") != po.read_text(encoding="utf-8")
    result = cli("translate", "import", "biden-2023", str(saved), cwd=example)
    assert result.out == "changed: body, paragraph 3\n12 translations recorded, 1 changed\n"


def test_a_text_not_yet_translated_is_written_whole(example: Path, cli: Cli) -> None:
    path = example / HARRIS
    text = path.read_text(encoding="utf-8")
    start = text.index("  vi: |\n    Chúng tôi cũng đề nghị")
    path.write_text(text[:start] + text[text.index("signatories:") - 1 :], encoding="utf-8")
    po = _export(cli, example, "harris-2021")
    content = po.read_text(encoding="utf-8")
    assert content.count('msgstr ""\n\n') == 2  # conclusion, paragraphs 1 and 2
    _replace(po, 'msgctxt "conclusion.1"', 'msgctxt "conclusion.1"')
    content = po.read_text(encoding="utf-8")
    first, second = (content.index(f'msgctxt "conclusion.{n}"') for n in (1, 2))
    content = (
        content[:first] + content[first:second].replace('msgstr ""\n', 'msgstr "Đoạn một."\n', 1)
        + content[second:].replace('msgstr ""\n', 'msgstr "Đoạn hai."\n', 1)
    )  # fmt: skip
    po.write_text(content, encoding="utf-8")
    result = cli("translate", "import", "harris-2021", str(po), cwd=example)
    assert result.code == 0, result.err
    assert "conclusion:\n  en: |\n" in path.read_text(encoding="utf-8")
    assert "  vi: |\n    Đoạn một.\n\n    Đoạn hai.\nsignatories:" in path.read_text(
        encoding="utf-8"
    )
    assert cli("check", cwd=example).code == 0


def test_fuzzy_and_empty_messages_are_left_out(example: Path, cli: Cli) -> None:
    po = _export(cli, example)
    _replace(po, 'msgctxt "body.3"', '#, fuzzy\nmsgctxt "body.3"')
    _replace(po, OLD, NEW)
    before = (example / BIDEN).read_bytes()
    result = cli("translate", "import", "biden-2023", str(po), cwd=example)
    assert result.out == "11 translations recorded, 0 changed; 1 fuzzy left out\n"
    assert (example / BIDEN).read_bytes() == before


def test_a_po_file_made_from_an_older_text_is_refused_unless_forced(
    example: Path, cli: Cli
) -> None:
    po = _export(cli, example)
    _replace(po, OLD, NEW)
    _replace(example / BIDEN, "to jail its critics", "to imprison its critics")
    before = snapshot(example / "data")
    result = cli("translate", "import", "biden-2023", "vi.po", cwd=example)
    assert result.code == 65
    line = _msgstr_line(po, 'msgctxt "body.3"')
    assert result.err == (
        f"vi.po:{line}: made from an older en text of body, paragraph 3, which has changed since\n"
        "  hint: export the PO file afresh, or import it anyway with --force (the translation "
        "is then recorded as made from the older text, and shown stale)\n"
    )
    assert snapshot(example / "data") == before
    forced = cli("translate", "import", "biden-2023", str(po), "--force", cwd=example)
    assert forced.code == 0, forced.err
    assert "vi: 11 up to date, 1 stale\n" in cli("status", "biden-2023", cwd=example).out


def _msgstr_line(po: Path, marker: str) -> int:
    """The line of the msgstr of the message whose msgctxt (or msgid) line is ``marker``."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = lines.index(marker)
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


def _rewrite(po: Path, key: str, *, msgid: str | None = None, msgstr: Any = None,
             keep_key: bool = True) -> None:  # fmt: skip
    """Change one message, as a translation tool would save the file."""
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    old = next(m for m in catalog if m.context == key)
    catalog.delete(old.id, context=old.context)
    string = msgstr(old.string) if msgstr is not None else old.string
    catalog.add(msgid or old.id, string, old.locations, auto_comments=old.auto_comments,
                context=key if keep_key else None)  # fmt: skip
    with po.open("wb") as out:
        write_po(out, catalog, width=76)


def _remove(old: str, new: str) -> Any:
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return change


CONTENT = [
    ("placeholder removed", "body.3",
     _remove('{{ case("mai-phan-loi") }}', "Mai Phan Lợi"),
     'the msgstr leaves out or changes {{ case("mai-phan-loi") }} of the msgid'),
    ("placeholder changed", "body.7",
     _remove('{{ fact("journalists-detained-2023") }}', '{{ fact("journalists-2023") }}'),
     'the msgstr leaves out or changes {{ fact("journalists-detained-2023") }} of the msgid'),
    ("citation removed", "body.7", _remove("2023[@rsf-index-2023],", "2023,"),
     "the msgstr leaves out or changes the citation [@rsf-index-2023] of the msgid"),
    ("citation added", "body.2", _remove("hai giá trị này.", "hai giá trị này.[@rsf-vietnam]"),
     "the msgstr adds the citation [@rsf-vietnam], which the msgid does not have"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "key", "change", "message"), CONTENT, ids=[c[0] for c in CONTENT])
def test_a_translation_that_drops_a_placeholder_is_refused_at_its_line(
    case: str, key: str, change: Any, message: str, example: Path, cli: Cli
) -> None:
    po = _export(cli, example)
    _rewrite(po, key, msgstr=change)
    before = snapshot(example / "data")
    result = cli("translate", "import", "biden-2023", "vi.po", cwd=example)
    assert result.code == 65
    line = _msgstr_line(po, f'msgctxt "{key}"')
    assert result.err.splitlines()[0] == f"vi.po:{line}: {message}"
    assert snapshot(example / "data") == before


def test_a_msgid_that_matches_no_block_is_refused_at_its_line(example: Path, cli: Cli) -> None:
    po = _export(cli, example)
    _rewrite(po, "subject", msgid="A strategic partner", keep_key=False)
    before = snapshot(example / "data")
    result = cli("translate", "import", "biden-2023", "vi.po", cwd=example)
    line = _msgstr_line(po, 'msgid "A strategic partner"')
    assert (result.code, result.err.splitlines()[0]) == (
        65, f"vi.po:{line}: this msgid matches no block of letter 'biden-2023'"
    )  # fmt: skip
    assert snapshot(example / "data") == before


SYNTAX = [
    ("not UTF-8", 'msgstr "Một'.encode(), b'msgstr "M\xe9t', "vi.po:{line}:10: not valid UTF-8 (byte 0xE9)"),
    ("unterminated string", b'"Nam."\n', b'"Nam.\n', "vi.po:{line}: not a PO file: expected a string in double quotes"),
    ("not a keyword", b'msgctxt "body.2"', b'msgcontext "body.2"', "vi.po:{line}: not a PO file: expected a PO keyword"),
    ("unknown escape", b'"Nam."\n', b'"Nam.\\q"\n', "vi.po:{line}: not a PO file: unknown escape '\\q'"),
    ("no msgstr", b'msgstr "Tr\xc3\xa2n tr\xe1\xbb\x8dng,"\n', b"", "vi.po:{line}: not a PO file: missing msgstr for msgid 'Yours sincerely,'"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "old", "new", "message"), SYNTAX, ids=[s[0] for s in SYNTAX])
def test_a_file_that_is_not_a_utf8_po_file_is_refused_at_its_line(
    case: str, old: bytes, new: bytes, message: str, example: Path, cli: Cli
) -> None:
    po = _export(cli, example)
    data = po.read_bytes()
    assert old in data
    at = data.index(old)
    po.write_bytes(data[:at] + new + data[at + len(old) :])
    line = data[:at].count(b"\n") + 1
    if case == "no msgstr":
        line -= 2  # where the message starts, at its msgctxt
    before = snapshot(example / "data")
    result = cli("translate", "import", "biden-2023", "vi.po", cwd=example)
    assert result.code == 65
    assert result.err.splitlines()[0] == message.format(line=line)
    assert snapshot(example / "data") == before


def test_a_cosigner_added_during_an_import_lands_and_so_does_the_import(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cosign add`` starts while ``translate import`` holds the workspace and is about
    to write the same letter file: it waits for the lock, and both changes land."""
    letter_file = example / BIDEN
    open_again = letter_file.read_text("utf-8").replace("status: sent", "status: draft")
    letter_file.write_text(open_again, "utf-8")
    po = _export(cli, example)
    _replace(po, OLD, NEW)
    commit = Changes.commit
    started: list[subprocess.Popen[bytes]] = []

    def meanwhile(self: Changes) -> None:
        if not started:
            started.append(subprocess.Popen(
                [sys.executable, "-m", "letter_kit", "cosign", "add", "biden-2023", "vnhrn",
                 "--joined", "2023-09-04"],
                cwd=example, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            ))  # fmt: skip
            # it would have written the letter by now, had it not waited for the lock
            with contextlib.suppress(subprocess.TimeoutExpired):
                started[0].wait(timeout=3)
        commit(self)

    monkeypatch.setattr(Changes, "commit", meanwhile)
    result = cli("translate", "import", "biden-2023", str(po), cwd=example)
    assert result.code == 0, result.err
    _, err = started[0].communicate(timeout=60)
    assert started[0].returncode == 0, err.decode()
    letter = (example / BIDEN).read_text(encoding="utf-8")
    assert "    Việt Nam dùng luật pháp để bỏ tù các người phê phán" in letter
    assert "    - org: vnhrn\n      joined: 2023-09-04\n" in letter
    assert cli("check", cwd=example).code == 0
