"""``letterkit translate``: record what translations were made from, and bring in the
translations of a PO file.

``mark`` records, after a review, that the letter's translation into a language is
made from its source text as it is now. ``import`` writes the translations of a PO
file (:mod:`.pofile`) into the letter file, round-trip (comments, order and quoting
kept; only the paragraphs that changed are rewritten) and records them. Both change
the workspace under its lock and write every file at once, or none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, Problem, UsageError
from ..reports.status import Block, LanguageStatus, language_status
from ..workspace.commit import Changes
from ..workspace.loading import load_workspace
from ..workspace.lock import workspace_lock
from ..workspace.records import Workspace
from ..workspace.references import SOURCE_LINK
from ..workspace.translations import Entry, fingerprint, load_state, state_path
from ..workspace.yamlsource import plain
from .pofile import PoFile, PoMessage, export_po
from .store import YamlEdit
from .wrapping import rewrite

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|(?<!\\)\[(@[^\]]*)\]", re.S)


@dataclass
class TranslateReport:
    """What ``mark`` or ``import`` did."""

    recorded: list[str] = field(default_factory=list)  # labels of the blocks recorded
    changed: list[str] = field(default_factory=list)  # labels of the blocks rewritten
    not_translated: list[str] = field(default_factory=list)
    skipped_fuzzy: int = 0
    set_aside: tuple[Problem, ...] = ()  # problems of other files, left aside


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


def export(ws: Workspace, letter_id: str, lang: str) -> bytes:
    """The letter's translation into ``lang`` as a PO file."""
    return export_po(ws, letter_id, translation_of(ws, letter_id, lang))


def mark(root: Path, letter_id: str, lang: str, keys: Sequence[str] = ()) -> TranslateReport:
    """Record that the translation into ``lang`` (of the blocks ``keys``, or of all)
    is made from the source text as it is now."""
    report = TranslateReport()
    with workspace_lock(root):
        ws = load_workspace(root, for_letters=[letter_id])
        report.set_aside = ws.set_aside
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
    changes = Changes(ws.root)
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


# Import ------------------------------------------------------------------------------


def import_po(
    root: Path, letter_id: str, po: PoFile, *, lang: str | None = None, force: bool = False
) -> TranslateReport:
    """Write the translations of a PO file into the letter and record them.

    A message whose msgid is not the source text as it is now was made from an older
    text: refused, unless ``force`` (then it is recorded as made from that older text,
    so ``status`` shows it stale). Nothing is written if any message is refused.
    """
    lang = _language(po, lang)
    report = TranslateReport()
    with workspace_lock(root):
        ws = load_workspace(root, for_letters=[letter_id])
        report.set_aside = ws.set_aside
        status = translation_of(ws, letter_id, lang)
        chosen = _match(ws, letter_id, po, status, force, report)
        edit = YamlEdit.open(ws.files[ws.file_key(letter_id)].path)
        made: dict[str, Entry] = {}
        by_field: dict[str, list[tuple[Block, PoMessage]]] = {}
        for block, message in chosen:
            by_field.setdefault(block.unit.field.name, []).append((block, message))
        problems: list[Problem] = []
        for name, pairs in by_field.items():
            problems += rewrite(edit.tree, ws, letter_id, lang, name, pairs, status, po.path)
        if problems:
            raise DataError(problems)
        for block, message in chosen:
            text = message.text
            made[block.unit.key] = _entry(message.source, text)
            report.recorded.append(block.unit.label)
            if " ".join(text.split()) != " ".join((block.unit.target_text or "").split()):
                report.changed.append(block.unit.label)
        from ..workspace.models import Letter

        Letter.model_validate(plain(edit.tree))
        _write(ws, letter_id, lang, status, made, edit if report.changed else None)
    return report


def _language(po: PoFile, lang: str | None) -> str:
    if lang is None:
        if po.lang is None:
            raise UsageError(
                f"{po.path} does not say its language", hint="give it with -l, e.g. -l vi"
            )
        return po.lang
    if po.lang is not None and po.lang.split("-")[0] != lang.split("-")[0]:
        raise UsageError(f"{po.path} is a translation into '{po.lang}', not '{lang}'")
    return lang


def _match(
    ws: Workspace, letter_id: str, po: PoFile, status: LanguageStatus, force: bool,
    report: TranslateReport,
) -> list[tuple[Block, PoMessage]]:  # fmt: skip
    """Each translated message with the block it translates; every message that
    cannot be matched, or would break the letter, is a problem at its line."""
    by_key = {b.unit.key: b for b in status.blocks}
    by_source: dict[str, list[Block]] = {}
    for each in status.blocks:
        by_source.setdefault(_words(each.unit.source_text), []).append(each)
    source = ws.letter(letter_id).languages[0]
    problems: list[Problem] = []
    chosen: list[tuple[Block, PoMessage]] = []
    for message in po.messages:
        if not message.text.strip():
            continue
        if message.fuzzy:
            report.skipped_fuzzy += 1
            continue
        found = by_source.get(_words(message.source), [])
        block = by_key.get(message.key or "") or (found[0] if len(found) == 1 else None)
        if block is None:
            problems.append(_at(
                po, message, f"this msgid matches no block of letter '{letter_id}'",
                f"export the PO file afresh: letterkit translate export {letter_id}",
            ))  # fmt: skip
            continue
        if _words(message.source) != _words(block.unit.source_text) and not force:
            problems.append(_at(
                po, message,
                f"made from an older {source} text of {block.unit.label}, which has changed since",
                "export the PO file afresh, or import it anyway with --force (the translation "
                "is then recorded as made from the older text, and shown stale)",
            ))  # fmt: skip
            continue
        wrong = _placeholders(message.source, message.text)
        if wrong:
            problems.append(_at(
                po, message, wrong,
                "keep every {{ ... }}, [@source] and (@source) of the msgid in the msgstr",
            ))  # fmt: skip
            continue
        chosen.append((block, message))
    if problems:
        raise DataError(problems)
    return chosen


def _placeholders(source: str, text: str) -> str | None:
    """What the translation does to the source's template calls and citations (the
    sources cited must stay; the page cited may be translated)."""
    ours, theirs = _calls(source), _calls(text)
    missing = list((ours - theirs).elements())
    if missing:
        return f"the msgstr leaves out or changes {missing[0]} of the msgid"
    added = list((theirs - ours).elements())
    if added:
        return f"the msgstr adds {added[0]}, which the msgid does not have"
    return None


def _calls(text: str) -> Counter[str]:
    """``{{ case("x") }}``, the sources of ``[@a, p. 3; @b]`` and of links ``[text](@a)``,
    each as often as it is."""
    found: Counter[str] = Counter()
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is None:
            found[re.sub(r"\s+", " ", match.group())] += 1
        else:
            for cite in match.group(1).split(";"):
                found[f"the citation [{cite.split(',')[0].strip()}]"] += 1
    for link in SOURCE_LINK.finditer(text):  # the words linked are translated, not the source
        found[f"the link to source '{link.group(1)}'"] += 1
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def _at(po: PoFile, message: PoMessage, text: str, hint: str) -> Problem:
    return Problem(text, po.path, message.line, hint=hint)
