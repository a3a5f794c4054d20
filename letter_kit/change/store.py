"""Editing the workspace's YAML files: round-trip edits written as one change.

Commands that change the workspace (``cosign``, ``new``):

- edit YAML so that comments, key order, quoting and layout survive and the diff is
  only what the command changed (:class:`YamlEdit`): small edits on the text itself
  (:mod:`.yamltext`), any other through ruamel.yaml's round-trip mode;
- write every changed file at once, or none, and refuse to write over a file that
  changed on disk after it was read, because an editor saved it in between
  (:class:`Changes`);
- do so under the workspace lock (:mod:`.lock`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError, LetterkitError, Problem
from ..workspace import cache
from ..workspace.fields import ID_PATTERN
from ..workspace.filetext import YamlLoadError
from ..workspace.yamlsource import plain
from . import yamltext

# Indentation styles letterkit can write back unchanged: (mapping, sequence, offset).
_STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1))


def _yaml(style: tuple[int, int, int]) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=style[0], sequence=style[1], offset=style[2])
    # A value used twice (one date for several entries) must not become an alias:
    # workspace files may not contain any.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def _dump(yaml: Any, tree: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(tree, buffer)
    return buffer.getvalue()


def record_tree(value: Any) -> Any:
    """A new record as the round-trip writer should write it: mappings in block style,
    a list of ids in flow style (``groups: [congress, vietnam-caucus]``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = record_tree(item)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(record_tree(item) for item in value)
        if all(isinstance(item, str) and re.fullmatch(ID_PATTERN, item) for item in value):
            seq.fa.set_flow_style()
        return seq
    return value


def dump_yaml(tree: Any) -> str:
    """A new file's text, in the layout letterkit writes (2-space indents, no aliases)."""
    return _dump(_yaml(_STYLES[0]), tree)


@dataclass
class YamlEdit:
    """A YAML file opened for an edit, written back with every line it did not change.

    Small edits (:meth:`insert`, :meth:`delete`, :meth:`append`) are made on the text
    when :mod:`.yamltext` can make them, and checked by reading the new text back:
    a long file is then never parsed round-trip. Any other change goes through
    :attr:`tree`, the round-trip tree, read on first use with the edits made so far.
    """

    path: Path
    text: str | None = field(repr=False)  # None: the file does not exist yet
    original: bytes | None = field(repr=False)
    _tree: Any = field(default=None, repr=False)
    _yaml: Any = field(default=None, repr=False)
    _data: Any = field(default=None, repr=False)
    _edits: list[yamltext.Edit] = field(default_factory=list, repr=False)
    _styles: list[tuple[int, int, int]] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path) -> YamlEdit:
        """Read ``path`` (an empty mapping if it does not exist yet)."""
        from ..workspace.filetext import read_text

        if not path.exists():
            return cls(path, None, None)
        return cls(path, read_text(path), path.read_bytes())

    @property
    def blank_lines(self) -> bool:
        """Whether records are separated by blank lines."""
        return self.text is not None and "\n\n" in self.text

    @property
    def tree(self) -> Any:
        """The round-trip tree, with every edit made so far."""
        if self._tree is None:
            self._yaml, self._tree = _load(self.path, self.text)
            for edit in self._edits:
                _on_tree(self._tree, edit, self.blank_lines)
            self._edits.clear()
        return self._tree

    @tree.setter
    def tree(self, value: Any) -> None:
        self.tree  # noqa: B018  (the file's layout is found as it is read)
        self._tree = value

    @property
    def yaml(self) -> Any:
        """The round-trip reader and writer, set to the file's layout."""
        self.tree  # noqa: B018
        return self._yaml

    @property
    def data(self) -> Any:
        """The file's data as it will read once written (dates as text, as read)."""
        if self._tree is not None:
            return _as_read(self._tree)
        if self._data is None:
            self._data = {} if self.text is None else _read(self.path, self.text)
        return self._data

    # editing ---------------------------------------------------------------------------

    def insert(self, loc: yamltext.Loc, index: int, value: dict[str, Any]) -> None:
        """Put ``value`` at ``index`` of the list at ``loc``, made if missing."""
        self._edit(yamltext.Insert(loc, index, value))

    def delete(self, loc: yamltext.Loc, index: int) -> None:
        """Take out the item at ``index`` of the list at ``loc``."""
        self._edit(yamltext.Delete(loc, index))

    def append(self, key: str, value: Any) -> None:
        """Add a record at the end of a top-level mapping, spaced like the others."""
        self._edit(yamltext.Append(key, value))

    def _edit(self, edit: yamltext.Edit) -> None:
        if self._tree is None and self.text is not None and _on_data(self.data, edit):
            self._edits.append(edit)
        else:
            _on_tree(self.tree, edit, self.blank_lines)

    # writing -----------------------------------------------------------------------------

    def render(self) -> bytes:
        """The file as it will be written; it must read back under the workspace's rules."""
        if self._tree is None and self.text is not None:
            text = yamltext.apply(self.text, self._edits, self.data, self._read, self._record_text)
            if text is not None:
                # What it reads as is known: kept, so the next command need not parse it.
                cache.store(self.path, text, self.data)
                return text.encode("utf-8")
        text = _dump(self.yaml, self.tree)
        try:
            _read(self.path, text)
        except YamlLoadError as exc:
            raise LetterkitError(
                f"letterkit made a file it cannot read back ({exc.problem.message}); "
                f"nothing was written to {self.path}",
                hint="this is a bug in letterkit; please report it",
            ) from None
        return text.encode("utf-8")

    def _read(self, piece: str) -> Any:
        """The data of a piece of this file's text, read as the workspace reads it."""
        from ..workspace.yamlsource import parse

        return parse(piece, self.path).data

    def _record_text(self, key: str, value: Any) -> str | None:
        """A record as the round-trip writer would add it to this file, if the file's
        last record shows unambiguously how the file is laid out."""
        from ruamel.yaml.comments import CommentedMap

        if self._styles is None:
            snippet = yamltext.last_record(self.text or "")
            self._styles = [s for s in _STYLES if snippet is not None and _keeps(s, snippet)]
        written = {_dump(_yaml(style), CommentedMap([(key, value)])) for style in self._styles}
        return written.pop() if len(written) == 1 else None


def _keeps(style: tuple[int, int, int], text: str) -> bool:
    """Whether the round-trip writer in ``style`` writes ``text`` back unchanged."""
    yaml = _yaml(style)
    return _dump(yaml, yaml.load(text)) == text


def _load(path: Path, text: str | None) -> tuple[Any, Any]:
    """The round-trip reader set to the file's layout, and the file's tree."""
    from ruamel.yaml.comments import CommentedMap

    if text is None:
        return _yaml(_STYLES[0]), CommentedMap()
    for style in _STYLES:
        yaml = _yaml(style)
        tree = yaml.load(text)
        if tree is None:
            tree = CommentedMap()
        if tree == {} or _dump(yaml, tree) == text:
            return yaml, tree
    raise DataError(
        [
            Problem(
                "letterkit cannot change this file without reformatting lines it did not touch",
                path,
                hint="indent it consistently (2 spaces, list items as '  - ' under their "
                "key), then run the command again",
            )
        ]
    )


def _read(path: Path, text: str) -> Any:
    """The data of ``text`` as the workspace reads it (raises YamlLoadError)."""
    from ..workspace.yamlsource import from_cache, parse_and_keep

    return (from_cache(path, text) or parse_and_keep(path, text)).data


def _as_read(value: Any) -> Any:
    """``value`` as the workspace reads it back once written: dates as text."""
    if isinstance(value, dict):
        return {str(k): _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return plain(value)


def _on_data(data: Any, edit: yamltext.Edit) -> bool:
    """Make ``edit`` on plain data; False (and nothing done) if it is not there to make."""
    if not isinstance(data, dict):
        return False
    if isinstance(edit, yamltext.Append):
        if edit.key in data:
            return False
        data[edit.key] = _as_read(edit.value)
        return True
    node: Any = data
    for part in edit.loc:
        node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, list) or not node:
        return False
    if isinstance(edit, yamltext.Insert) and 0 <= edit.index <= len(node):
        node.insert(edit.index, _as_read(edit.value))
        return True
    if isinstance(edit, yamltext.Delete) and 0 <= edit.index < len(node):
        del node[edit.index]
        return True
    return False


def _on_tree(tree: Any, edit: yamltext.Edit, blank_lines: bool) -> None:
    """Make ``edit`` on the round-trip tree, making the lists and mappings it needs."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(edit, yamltext.Append):
        tree[edit.key] = edit.value
        if blank_lines and len(tree) > 1:
            tree.yaml_set_comment_before_after_key(edit.key, before="\n")
        return
    *parents, last = edit.loc
    node = tree
    for part in parents:
        node = node.setdefault(part, CommentedMap())
    items = node.setdefault(last, CommentedSeq())
    if isinstance(edit, yamltext.Delete):
        del items[edit.index]
        return
    item = CommentedMap(edit.value)
    if items and getattr(items[-1], "fa", None) and items[-1].fa.flow_style():
        item.fa.set_flow_style()  # written {org: x, joined: ...} like the others
    items.insert(edit.index, item)
