"""``letterkit translate``: record what translations were made from.

``mark`` records, after a review, that the letter's translation into a language is
made from its source text as it is now. It changes the workspace under its lock and
writes its file atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, UsageError
from ..reports.status import LanguageStatus, language_status
from ..workspace.loading import load_workspace
from ..workspace.records import Workspace
from ..workspace.translations import Entry, fingerprint, load_state, state_path
from .lock import workspace_lock
from .store import Changes, YamlEdit


@dataclass
class TranslateReport:
    """What ``mark`` did."""

    recorded: list[str] = field(default_factory=list)  # labels of the blocks recorded
    not_translated: list[str] = field(default_factory=list)


def translation_of(ws: Workspace, letter_id: str, lang: str) -> LanguageStatus:
    """The state of the letter's translation into ``lang``; a :class:`DataError` if
    some of its paragraphs cannot be paired with the source's."""
    letter = ws.letter(letter_id)
    if lang not in letter.languages[1:]:
        raise UsageError(
            f"letter '{letter_id}' is not translated into '{lang}'",
            hint=f"it is written in {letter.languages[0]} and translated into "
            + (", ".join(letter.languages[1:]) or "no other language"),
        )
    status = language_status(ws, letter_id, lang, load_state(ws, letter_id))
    if status.problems:
        raise DataError(status.problems)
    return status


def mark(root: Path, letter_id: str, lang: str, keys: Sequence[str] = ()) -> TranslateReport:
    """Record that the translation into ``lang`` (of the blocks ``keys``, or of all)
    is made from the source text as it is now."""
    report = TranslateReport()
    with workspace_lock(root):
        ws = load_workspace(root)
        status = translation_of(ws, letter_id, lang)
        unknown = set(keys) - {b.unit.key for b in status.blocks}
        if unknown:
            raise UsageError(
                f"letter '{letter_id}' has no block {sorted(unknown)[0]}",
                hint=f"'letterkit status {letter_id}' lists its blocks",
            )
        made: dict[str, Entry] = {}
        for block in status.blocks:
            if keys and block.unit.key not in keys:
                continue
            if not block.unit.target:
                report.not_translated.append(block.unit.label)
                continue
            made[block.unit.key] = _entry(block.unit.source_text, block.unit.target_words)
            report.recorded.append(block.unit.label)
        _write(ws, letter_id, lang, status, made, None)
    return report


def _entry(source: str, translation: str) -> Entry:
    return Entry(source=fingerprint(source), translation=fingerprint(translation), text=source)


def _write(
    ws: Workspace, letter_id: str, lang: str, status: LanguageStatus,
    made: dict[str, Entry], letter_file: YamlEdit | None,
) -> None:  # fmt: skip
    """Write the translation state (and the letter file, if edited) as one change.

    The blocks of ``lang`` are written in the letter's order: those just recorded,
    and those recorded before that still exist.
    """
    source = ws.letter(letter_id).languages[0]
    state = load_state(ws, letter_id)
    languages = dict(state.translations) if state.source == source else {}
    before = languages.get(lang, {})
    keys = [b.unit.key for b in status.blocks]
    languages[lang] = {k: made.get(k) or before[k] for k in keys if k in made or k in before}
    edit = YamlEdit.open(state_path(ws.root, letter_id))
    edit.tree = _state_tree(letter_id, source, languages)
    changes = Changes()
    if letter_file is not None:
        changes.add(letter_file)
    changes.add(edit)
    edit.path.parent.mkdir(exist_ok=True)
    changes.commit()


def _state_tree(letter_id: str, source: str, languages: dict[str, dict[str, Entry]]) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import LiteralScalarString

    tree = CommentedMap([("source", source), ("translations", CommentedMap())])
    for lang in sorted(languages):
        tree["translations"][lang] = CommentedMap(
            (key, CommentedMap([("source", entry.source), ("translation", entry.translation),
                                ("text", LiteralScalarString(entry.text))]))
            for key, entry in languages[lang].items()
        )  # fmt: skip
    tree.yaml_set_start_comment(
        f"What each translation of data/letters/{letter_id}.yaml was made from: for each\n"
        f"block, a fingerprint of the {source} text and that text, and a fingerprint of its\n"
        "translation. Written by 'letterkit translate mark' and 'translate import', read\n"
        f"by 'letterkit status {letter_id}' and 'letterkit check'. Do not edit it by hand."
    )
    return tree
