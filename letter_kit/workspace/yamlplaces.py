"""Where a value is in a YAML file, for messages: found in the round-trip tree, or in
the nodes ruamel's C parser composes (with the same places, many times quicker to make).
Places are 0-based (line, column)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from .yamlfast import fast_reader


def entry(
    node: Any, part: str | int, known: Keys
) -> tuple[Any, tuple[int, int], tuple[int, int]] | None:
    """The child of a mapping or sequence at ``part`` (of the round-trip tree or of the
    composed nodes), where its key is and where its value is (0-based); None if there
    is none. Keys are compared as text, as validation sees them (``117:`` is "117")."""
    if isinstance(node, CommentedMap):
        key = _find_key(node, part)
        return None if key is None else (node[key], node.lc.key(key), node.lc.value(key))
    if isinstance(node, CommentedSeq):
        if isinstance(part, int) and part < len(node):
            return node[part], node.lc.item(part), node.lc.item(part)
        return None
    if isinstance(node, MappingNode):
        keys = _keys(node, known)
        pair = keys.get(str(part))
        if pair is None:
            return None
        key_node, value_node = pair
        return value_node, _place(key_node), _place(value_node)
    if isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item, _place(item), _place(item)
    return None


def _find_key(node: CommentedMap, part: str | int) -> Any:
    if part in node:
        return part
    for key in node:
        if str(key) == str(part):
            return key
    return None


Keys = dict[int, dict[str, tuple[Any, Any]]]


def _keys(node: MappingNode, known: Keys) -> dict[str, tuple[Any, Any]]:
    """The mapping's pairs by key text, the first of equal keys (made once per mapping,
    kept in ``known`` by the file: its problems are many lookups in the same mappings)."""
    pairs = known.get(id(node))
    if pairs is None:
        pairs = known[id(node)] = {}
        for key_node, value_node in node.value:
            pairs.setdefault(_key_text(key_node), (key_node, value_node))
    return pairs


def _key_text(node: Any) -> str:
    """A composed key as the data has it: read as the fast reader reads keys."""
    if not isinstance(node, ScalarNode):
        return ""
    try:
        key = fast_reader().build(node, set(), 0)
    except ValueError:  # a tag: the round-trip tree, which such a file uses, says where
        return str(node.value)
    return key if isinstance(key, str) else str(key)  # as the fast reader's load does


def _place(node: Any) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def is_collection(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq, MappingNode, SequenceNode))


def is_mapping(node: Any) -> bool:
    return isinstance(node, (CommentedMap, MappingNode))


def scalar_kind(node: Any) -> tuple[str, str] | None:
    """A text value's style (``>``, ``|``, a quote, or "" when plain) and its text."""
    if isinstance(node, ScalarNode):
        return node.style or "", node.value
    if not isinstance(node, str):
        return None
    if isinstance(node, FoldedScalarString):
        return ">", node
    if isinstance(node, LiteralScalarString):
        return "|", node
    if isinstance(node, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        return '"', node
    return "", node
