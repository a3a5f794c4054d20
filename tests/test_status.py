"""Translation status: what each translation was made from, stale blocks, warnings."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Cli, snapshot

BIDEN = Path("data/letters/biden-2023.yaml")
STATE = Path("data/translations/biden-2023.yaml")
MARKED = "recorded 12 blocks of biden-2023 in vi as translated from the original as it is now\n"
OK = (
    "ok: 5 letters in 9 documents, 13 organisations, 4 people, 4 recipients, 25 cases, "
    "8 demands, 4 sources, 5 facts\n"
)
STALE = (
    "data/letters/biden-2023.yaml:82:5: body.vi: the vi translation of body, paragraph 3 was "
    "made from an older en text\n"
    "  hint: 'letterkit status biden-2023' shows what changed; update the translation, then "
    "record it with 'letterkit translate mark biden-2023 -l vi'\n"
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _blocks(status: str) -> dict[str, str]:
    """The state of each block, by label, from ``letterkit status``."""
    out = {}
    for line in status.splitlines():
        for state in ("up to date", "stale", "missing", "untracked"):
            if line.startswith(f"  {state} "):
                out[line[14:].split("  ")[0].strip()] = state
    return out


def test_an_edited_paragraph_makes_its_translation_stale_until_marked(
    example: Path, cli: Cli
) -> None:
    assert cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example).out == MARKED
    _edit(
        example / BIDEN,
        "uses its laws to jail its critics",
        "uses its laws to imprison its critics",
    )

    status = cli("status", "biden-2023", cwd=example)
    assert status.code == 0
    assert status.out.splitlines()[:11] == [
        "biden-2023: open-letter, sent, dated 2023-09-05; written in en, translated into vi",
        "sign-on deadline: none",
        "signatories: 13 (11 organisations, 2 individuals; 0 unlisted)",
        "TODO: none",
        "vi: 11 up to date, 1 stale",
        "  up to date  subject                     data/letters/biden-2023.yaml:12",
        "  up to date  body, paragraph 1           data/letters/biden-2023.yaml:73",
        "  up to date  body, paragraph 2           data/letters/biden-2023.yaml:77",
        "  stale       body, paragraph 3           data/letters/biden-2023.yaml:82",
        "              en changed: Vietnam uses its laws to [-jail-]{+imprison+} its critics and",
        "                to curb …",
    ]
    assert set(_blocks(status.out).values()) == {"up to date", "stale"}

    check = cli("check", cwd=example)
    assert (check.code, check.out, check.err) == (0, OK, "warning: " + STALE)

    assert cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example).out == MARKED
    assert set(_blocks(cli("status", "biden-2023", cwd=example).out).values()) == {"up to date"}
    assert cli("check", cwd=example).err == ""


def test_a_stale_translation_stops_a_letter_marked_final(example: Path, cli: Cli) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    _edit(example / BIDEN, "status: sent", "status: final")
    _edit(
        example / BIDEN,
        "uses its laws to jail its critics",
        "uses its laws to imprison its critics",
    )
    check = cli("check", cwd=example)
    assert (check.code, check.out, check.err) == (65, "", STALE)


def test_the_record_is_one_entry_per_block_with_the_text_it_was_made_from(
    example: Path, cli: Cli
) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    lines = (example / STATE).read_text(encoding="utf-8").splitlines()
    assert lines[4:13] == [
        "source: en",
        "translations:",
        "  vi:",
        "    subject:",
        "      source: 4c1db63b34ebcbb2",
        "      translation: 61813fa05ee9c291",
        "      text: |-",
        "        A strategic partner of the United States must respect human rights",
        "    body.1:",
    ]
    assert lines[0].startswith("# What each translation of data/letters/biden-2023.yaml")
    # recording again changes nothing
    before = snapshot(example)
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    assert snapshot(example) == before


def test_a_paragraph_inserted_in_both_languages_leaves_the_others_up_to_date(
    example: Path, cli: Cli
) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    _edit(
        example / BIDEN,
        "    A closer partnership",
        "    A new paragraph.\n\n    A closer partnership",
    )
    _edit(
        example / BIDEN, "    Một quan hệ đối tác", "    Một đoạn mới.\n\n    Một quan hệ đối tác"
    )
    blocks = _blocks(cli("status", "biden-2023", cwd=example).out)
    assert blocks["body, paragraph 2"] == "untracked"
    assert {state for label, state in blocks.items() if label != "body, paragraph 2"} == {
        "up to date"
    }
    assert len(blocks) == 13


def test_status_as_json(example: Path, cli: Cli) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", "body.3", cwd=example)
    _edit(
        example / BIDEN,
        "uses its laws to jail its critics",
        "uses its laws to imprison its critics",
    )
    data = json.loads(cli("status", "biden-2023", "--json", cwd=example).out)
    assert {k: data[k] for k in ("letter", "status", "source", "signon_deadline", "todos")} == {
        "letter": "biden-2023", "status": "sent", "source": "en", "signon_deadline": None,
        "todos": [],
    }  # fmt: skip
    assert data["signatories"] == {"lead": 0, "organization": 11, "individual": 2, "unlisted": 0}
    (vi,) = data["translations"]
    assert vi["counts"] == {"up to date": 0, "stale": 1, "missing": 0, "untracked": 11}
    stale = next(b for b in vi["blocks"] if b["state"] == "stale")
    assert {k: stale[k] for k in ("key", "label", "file", "line")} == {
        "key": "body.3", "label": "body, paragraph 3",
        "file": "data/letters/biden-2023.yaml", "line": 82,
    }  # fmt: skip
    assert stale["translated_from"].startswith("Vietnam uses its laws to jail its critics")
    assert stale["source"].startswith("Vietnam uses its laws to imprison its critics")


def test_a_new_letter_shows_its_todos_deadline_and_what_is_not_translated(
    example: Path, cli: Cli
) -> None:
    cli("new", "hanoi-2026", "--visit", "biden-hanoi-2023", "--from", "biden-2023", cwd=example)
    _edit(example / "data/letters/hanoi-2026.yaml", "sender: rsf\n",
          "sender: rsf\nsignon_deadline: 2026-03-10\n")  # fmt: skip
    status = cli("status", "hanoi-2026", "--date", "2026-03-07", cwd=example)
    assert status.out.splitlines()[1:8] == [
        "sign-on deadline: 2026-03-10 (in 3 days)",
        "signatories: 13 (11 organisations, 2 individuals; 0 unlisted)",
        "TODO: 2 left",
        "  data/letters/hanoi-2026.yaml:16:5: body.en: TODO left",
        "  data/letters/hanoi-2026.yaml:18:5: body.vi: TODO left",
        "vi: 1 missing, 2 untracked",
        "  untracked   subject                     data/letters/hanoi-2026.yaml:13",
    ]
    # the English is written, the Vietnamese not yet: not a problem for check
    _edit(example / "data/letters/hanoi-2026.yaml", "TODO: write this text.",
          "First paragraph.\n\n    Second paragraph.")  # fmt: skip
    assert cli("check", cwd=example).code == 0


def test_drafting_the_english_of_a_letter_not_yet_in_vietnamese_warns(
    minimal: Path, cli: Cli
) -> None:
    letter = minimal / "data/letters/test-letter.yaml"
    _edit(letter, "  vi: |\n    Chúng tôi viết về các nhà báo đang bị giam.[@report]\n", "")
    result = cli("draft", "test-letter", "-l", "en", "-f", "txt", cwd=minimal)
    assert result.code == 0
    assert "We write about the journalists in prison.[1]" in result.out
    assert result.err == (
        "warning: data/letters/test-letter.yaml:7:1: body: no 'vi' text, but letter "
        "'test-letter' is written in 'vi'\n"
        "  hint: add a 'vi:' entry under body, or remove 'vi' from the languages of test-letter\n"
    )
    assert cli("draft", "test-letter", "-l", "vi", cwd=minimal).code == 65


def test_a_broken_record_is_located(example: Path, cli: Cli) -> None:
    cli("translate", "mark", "biden-2023", "-l", "vi", cwd=example)
    _edit(example / STATE, "      source: 4c1db63b34ebcbb2\n", "      source: nope\n")
    result = cli("check", cwd=example)
    assert result.code == 65
    assert result.err.startswith(
        "data/translations/biden-2023.yaml:9:15: translations.vi.subject.source: "
    )
    assert "hint: letterkit writes this file: delete it and run 'letterkit translate mark" in (
        result.err
    )


def test_mark_needs_a_language_the_letter_is_translated_into(example: Path, cli: Cli) -> None:
    before = snapshot(example)
    for lang, message in (("en", "error: letter 'biden-2023' is not translated into 'en'"),
                          ("fr", "error: letter 'biden-2023' is not translated into 'fr'")):  # fmt: skip
        result = cli("translate", "mark", "biden-2023", "-l", lang, cwd=example)
        assert (result.code, result.err.splitlines()[0]) == (2, message)
    result = cli("translate", "mark", "biden-2023", "-l", "vi", "body.99", cwd=example)
    assert (result.code, result.err.splitlines()[0]) == (
        2,
        "error: letter 'biden-2023' has no block body.99",
    )
    assert snapshot(example) == before
