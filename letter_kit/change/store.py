"""Editing the workspace's YAML files: round-trip edits written as one change.

Commands that change the workspace (``cosign``, ``new``):

- edit YAML with ruamel.yaml's round-trip mode, so comments, key order, quoting and
  layout survive and the diff is only what the command changed (:class:`YamlEdit`);
- write every changed file at once, or none, and refuse to write over a file that
  changed on disk after it was read, because an editor saved it in between
  (:class:`Changes`);
- do so under the workspace lock (:mod:`.lock`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, LetterkitError, Problem

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


def dump_yaml(tree: Any) -> str:
    """A new file's text, in the layout letterkit writes (2-space indents, no aliases)."""
    return _dump(_yaml(_STYLES[0]), tree)


@dataclass
class YamlEdit:
    """A YAML file opened for a round-trip edit: change :attr:`tree`, then commit it."""

    path: Path
    tree: Any
    original: bytes | None
    yaml: Any = field(repr=False)
    blank_lines: bool = True  # records are separated by blank lines

    @classmethod
    def open(cls, path: Path) -> YamlEdit:
        """Read ``path`` (an empty mapping if it does not exist yet)."""
        from ruamel.yaml.comments import CommentedMap

        from ..workspace.filetext import read_text

        if not path.exists():
            return cls(path, CommentedMap(), None, _yaml(_STYLES[0]))
        text = read_text(path)
        for style in _STYLES:
            yaml = _yaml(style)
            tree = yaml.load(text)
            if tree is None:
                tree = CommentedMap()
            if tree == {} or _dump(yaml, tree) == text:
                return cls(path, tree, path.read_bytes(), yaml, "\n\n" in text)
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

    def render(self) -> bytes:
        """The file as it will be written; it must read back under the workspace's rules."""
        from ..workspace.filetext import YamlLoadError
        from ..workspace.yamlsource import parse

        text = _dump(self.yaml, self.tree)
        try:
            parse(text, self.path)
        except YamlLoadError as exc:
            raise LetterkitError(
                f"letterkit made a file it cannot read back ({exc.problem.message}); "
                f"nothing was written to {self.path}",
                hint="this is a bug in letterkit; please report it",
            ) from None
        return text.encode("utf-8")

    def append(self, key: str, value: Any) -> None:
        """Add a record at the end of a top-level mapping, spaced like the others."""
        self.tree[key] = value
        if self.blank_lines and len(self.tree) > 1:
            self.tree.yaml_set_comment_before_after_key(key, before="\n")
