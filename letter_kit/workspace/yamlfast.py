"""The fast way to read a workspace file: ruamel's C parser, the same data as the
round-trip loader of :mod:`.yamlsource` gives, and no positions.

A file that may hold what the workspace refuses (an anchor, an alias, a tag, a
``%YAML`` directive), or that this reader cannot read exactly as the round-trip loader
would (a duplicate key, a merge key), goes the round-trip way, which says where.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

MAX_DEPTH = 50  # nesting the workspace reads (as the round-trip loader's max_depth)


def fast_path_allowed(text: str) -> bool:
    """Whether ``text`` may go through the fast reader (nothing in it can be refused)."""
    return not _MAY_BE_REFUSED.search(text) and "%YAML" not in text


# An anchor, alias or tag can only start a node: after a line's indent or "- ", after
# ": ", or inside a flow collection. Text that may hold one takes the round-trip path,
# which refuses it with its place (this also sends some harmless text that way, such as
# " *" or " !" inside quotes).
# Written to start with the rare characters, so the search skims: one of & * ! with no
# other text before it, then (for & and *) a name.
_MAY_BE_REFUSED = re.compile(r"[&*!](?<![^\s\[{,][&*!])(?:(?<=!)|[^\s\[\]{},])")


STR = "tag:yaml.org,2002:str"
UNTAGGED = "tag:letterkit,2026:untagged"  # a scalar with no tag in the file
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MISSING = object()
# Only a plain scalar starting with one of these can be anything but text in YAML 1.2.
_MAY_BE_TYPED = frozenset("-+0123456789.~nNtTfF")


class _Untyped(VersionedResolver):  # type: ignore[misc]
    """Marks every scalar without a tag: letterkit types the few that may be more than
    text (see _Fast)."""

    @property
    def processing_version(self) -> tuple[int, int]:
        return (1, 2)  # files with a %YAML directive take the round-trip path

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        return UNTAGGED if kind is ScalarNode else super().resolve(kind, value, implicit)


class _Fast:
    """Reads a file through ruamel's C parser into the same data the round-trip loader
    gives. Typing goes through ruamel's own YAML 1.2 resolver and constructor, but only
    for plain scalars that could be a number, a boolean or null; dates stay text. A
    duplicate key or an alias raises, and the round-trip path then says where; an
    explicit tag or a merge key (<<) raises too, and the round-trip path reads it."""

    def __init__(self) -> None:
        self.yaml = YAML(typ="safe", pure=False)
        self.yaml.Resolver = _Untyped
        self.resolver = VersionedResolver(version=(1, 2))
        # The constructor asks its loader for the resolver (to read ints like 010).
        self.constructor = SafeConstructor(loader=self)
        self.typed: dict[str, Any] = {}  # plain scalars seen, as typed: years, counts

    @property
    def _resolver(self) -> Any:
        return self.resolver

    def load(self, text: str) -> Any:
        root = self.yaml.compose(text)
        return None if root is None else self.build(root, set(), 0)

    def build(self, node: Any, seen: set[int], depth: int) -> Any:
        if id(node) in seen:
            raise ValueError("alias")
        if depth > MAX_DEPTH:
            raise ValueError("too deep")  # the round-trip path says where
        seen.add(id(node))
        tag = _tag(node)
        if isinstance(node, MappingNode):
            if tag != MAP:
                raise ValueError("explicit tag")  # the round-trip path reads those
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, seen, depth + 1)
                key = key if isinstance(key, str) else str(key)  # as plain() does
                if key in out:
                    raise ValueError("duplicate key")
                if key == "<<" and not key_node.style:
                    raise ValueError("merge key")  # the round-trip path merges it
                out[key] = self.build(value_node, seen, depth + 1)
            return out
        if isinstance(node, SequenceNode):
            if tag != SEQ:
                raise ValueError("explicit tag")
            return [self.build(item, seen, depth + 1) for item in node.value]
        value = node.value
        if tag != UNTAGGED:
            raise ValueError("explicit tag")
        if node.style or (value and value[0] not in _MAY_BE_TYPED):
            return value
        typed = self.typed.get(value, _MISSING)
        if typed is _MISSING:
            typed = self.typed[value] = self.type_of(value)
        return typed

    def type_of(self, value: str) -> Any:
        """A plain scalar as YAML 1.2 reads it (dates stay text)."""
        tag = str(self.resolver.resolve(ScalarNode, value, (True, False)))
        if tag in (STR, TIMESTAMP):
            return value
        return self.constructor.construct_object(ScalarNode(tag, value))


def _tag(node: Any) -> str:
    """A node's tag as text; the common (implicit) case without ruamel's URI decoding,
    which its ``tag`` property does on every read."""
    raw = getattr(node, "ctag", None)
    if raw is None or isinstance(raw, str):
        return str(node.tag)
    if raw.handle is None and "%" not in raw.suffix:
        return str(raw.suffix)
    return str(raw)


@lru_cache(maxsize=1)
def fast_reader() -> _Fast:
    """The one fast reader of this process (it keeps the plain scalars it has typed)."""
    return _Fast()
