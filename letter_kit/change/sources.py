"""``letterkit sources import``: a reference manager's CSL-JSON into ``sources.yaml``.

Each item is a source, its id the item's citation key (:mod:`..workspace.csl`). A
source not yet in the data is added; one that is, with the same fields, is left as it
is, so importing the same file again writes nothing; one whose fields differ is shown
as the diff of ``sources.yaml`` it would make, and changed only with ``update``. A
text that differs by language is changed in the item's language only; fields the item
does not give are kept. All of it is written at once under the workspace lock, or
nothing, with the file's comments and layout kept.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Problem, display_path
from ..workspace.commit import Changes
from ..workspace.csl import FIELDS
from ..workspace.loading import read_workspace
from ..workspace.lock import workspace_lock
from ..workspace.records import DATA_DIR
from .csljson import Item, read_items
from .store import YamlEdit

SOURCES_HEADER = """\
Sources that letters cite with [@id] or link to with [text](@id), keyed by id.
  kind:      report, article, statement, law, book, web or index
  title:     per language; reports and books are set in italics, the rest in quotes
  author:    a name, or a list of names; publisher: who published it
  container: the journal, newspaper, website or book it is part of
  date:      a day (2021-05-31), or the month (2021-05) or year (2021)
  url, accessed: its web address, and the day it was last read there
"""


@dataclass(frozen=True)
class SourcesRequest:
    """``sources import``: the language of texts without one, whether to change
    sources already there, whether to write at all."""

    lang: str = "en"
    update: bool = False
    dry_run: bool = False


@dataclass
class ImportReport:
    """What an import did: a line per source, the diff of the changed ones, counts."""

    lines: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)
    added: int = 0
    unchanged: int = 0
    changed: int = 0
    applied: bool = False
    set_aside: tuple[Problem, ...] = ()  # problems of other files, left aside

    def summary(self) -> str:
        """``2 added, 1 unchanged, 1 changed``, and what was not done."""
        text = f"{self.added} added, {self.unchanged} unchanged, {self.changed} changed"
        if self.changed and not self.applied:
            text += " (not applied: add --update to apply the changes shown)"
        return text


def import_sources(root: Path, path: Path, request: SourcesRequest) -> ImportReport:
    """Import the CSL-JSON file at ``path`` into ``data/sources.yaml``."""
    items = read_items(path, lang=request.lang)
    report = ImportReport()
    target = root / DATA_DIR / "sources.yaml"
    with workspace_lock(root):
        # Problems of letters and other records do not stop an import; those of the
        # sources do (a new one may have the id of one that is not valid).
        ws = read_workspace(root).for_letters(records=[("sources", None)])
        report.set_aside = ws.set_aside
        edit, preview = YamlEdit.open(target), YamlEdit.open(target)
        if edit.original is None:
            edit.tree.yaml_set_start_comment(SOURCES_HEADER + "\n")
        for item in items:
            if item.id not in ws.sources:
                edit.append(item.id, _tree(item.record))
                report.added += 1
                report.lines.append(f"added: {item.id} ({item.record['title']})")
            elif _merge(preview.tree[item.id], item):
                report.changed += 1
                report.lines.append(f"changed: {item.id}")
                if request.update:
                    _merge(edit.tree[item.id], item)
            else:
                report.unchanged += 1
        if report.changed:
            report.diff = _diff(target, preview)
        report.applied = request.update and not request.dry_run
        if (report.added or (report.changed and request.update)) and not request.dry_run:
            changes = Changes(root)
            changes.add(edit)
            changes.commit()
    return report


def _merge(entry: Any, item: Item) -> bool:
    """Bring an entry of ``sources.yaml`` in line with the item; whether it changed."""
    changed = False
    for name in FIELDS:
        if name not in item.record:
            continue
        new = item.record[name]
        old = entry.get(name, "web" if name == "kind" else None)
        if isinstance(old, dict) and isinstance(new, str):  # a text per language
            if old.get(item.lang) != new:
                old[item.lang] = new
                changed = True
        elif _plain(old) != _plain(new):
            entry[name] = _value(name, new)
            changed = True
    return changed


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [str(v) for v in value]
    return None if value is None else str(value)


def _tree(record: dict[str, Any]) -> Any:
    """A new entry as the YAML writer should write it."""
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for name, value in record.items():
        out[name] = _value(name, value)
    return out


def _value(name: str, value: Any) -> Any:
    """A field's value for the YAML writer: days, months and years unquoted."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, list):
        return CommentedSeq(value)
    if name in ("date", "accessed") and value.isdigit():
        return int(value)  # a year
    if name in ("date", "accessed") and value.count("-") == 2:
        return date.fromisoformat(value)
    return value


def _diff(target: Path, preview: YamlEdit) -> list[str]:
    """The lines of ``sources.yaml`` the changes would make, as a unified diff."""
    before = target.read_text(encoding="utf-8")
    buffer = io.StringIO()
    preview.yaml.dump(preview.tree, buffer)
    name = display_path(target)
    return list(
        difflib.unified_diff(
            before.splitlines(), buffer.getvalue().splitlines(), name, name, n=1, lineterm=""
        )
    )
