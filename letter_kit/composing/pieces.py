"""The pieces of a letter template that name the recipient, rendered alone for each copy.

A letter addressed to each of 535 recipients in turn differs from copy to copy only
where its template uses ``recipients`` or ``salutation``. Rendering the whole template
for every copy repeats all the rest. So the template is read once (its syntax tree):

- a *piece* is a top-level statement (``{% for recipient in recipients %}...``), or an
  expression printed at the top level (``{{ pgettext(..., salutation=salutation) }}``),
  that uses one of those names;
- the template is rendered once with every piece fenced by marks, which gives the
  text around the pieces (the *frame*), the same for every copy;
- for each copy only the pieces are rendered, as a template of their own, and set
  into the frame.

This gives exactly what rendering the whole template would, because nothing outside
the pieces can see the recipient (no other node names them), and nothing inside them
can change what the rest prints: a piece may not assign, define or import anything,
and may only use names of the context, of Jinja's globals, or that it binds itself
(the loop variable). A template where this does not hold (one that extends, includes
or imports another, say) is rendered whole for each copy, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes

from .sandbox import render_bounded

# Marks no rendered text can hold: NUL is refused in every data file, and a template
# holding one is not split.
_OPEN, _CLOSE, _NEXT = "\x00<piece>\x00", "\x00</piece>\x00", "\x00<next>\x00"
# What a piece may hold: no node that assigns, defines, imports or changes how the
# rest is rendered.
_SAFE = (
    nodes.Output, nodes.For, nodes.If, nodes.Continue, nodes.Break, nodes.Name, nodes.Const,
    nodes.TemplateData, nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Filter,
    nodes.Test, nodes.Call, nodes.Keyword, nodes.CondExpr, nodes.Compare, nodes.Operand,
    nodes.BinExpr, nodes.UnaryExpr, nodes.Concat, nodes.List, nodes.Tuple, nodes.Dict,
    nodes.Pair,
)  # fmt: skip


@dataclass(frozen=True)
class Pieces:
    """A template split into the text every copy shares and the pieces that name the
    recipient."""

    frame: tuple[str, ...]  # the text before, between and after the pieces
    pieces: jinja2.Template  # the pieces alone, each after a _NEXT mark

    def render(self, context: Mapping[str, Any]) -> str | None:
        """The whole template's text for ``context``; None if the pieces did not come
        out as they should (the caller then renders the whole template)."""
        texts = render_bounded(self.pieces, context).split(_NEXT)
        if len(texts) != len(self.frame) or texts[0]:
            return None
        out = [self.frame[0]]
        for text, after in zip(texts[1:], self.frame[1:], strict=True):
            out += (text, after)
        return "".join(out)


def split_template(
    env: jinja2.Environment, name: str, names: frozenset[str], context: Mapping[str, Any]
) -> Pieces | None:
    """The pieces of template ``name`` that use any of ``names``, and its frame as
    rendered with ``context``; None if the template cannot be split safely."""
    source, _, _ = env.loader.get_source(env, name) if env.loader else ("", None, None)
    if "\x00" in source:
        return None
    tree = env.parse(source, name)
    if _reaches_out(tree):
        return None
    body: list[nodes.Node] = []
    alone: list[nodes.Node] = []
    # What a piece may read: the context and Jinja's globals, unless the template sets
    # that name somewhere (then what the piece reads depends on where it is).
    known = (set(context) | set(env.globals)) - _set_names(tree)
    for node in tree.body:
        if isinstance(node, nodes.Output):
            children: list[nodes.Node] = []
            for child in node.nodes:
                if _uses(child, names):
                    if not _confined(child, known):
                        return None
                    children += _fenced(child)
                    alone.append(nodes.Output([child]))
                else:
                    children.append(child)
            body.append(nodes.Output(children, lineno=node.lineno))
        elif _uses(node, names):
            if not _confined(node, known):
                return None
            body += [nodes.Output([nodes.TemplateData(_OPEN)]), node,
                     nodes.Output([nodes.TemplateData(_CLOSE)])]  # fmt: skip
            alone.append(node)
        else:
            body.append(node)
    if not alone:
        return None
    whole = _compiled(env, body, tree)
    pieces = _compiled(env, [n for piece in alone for n in (_next(), piece)], tree)
    frame, fenced = _unfenced(render_bounded(whole, context))
    if frame is None:
        return None
    split = Pieces(tuple(frame), pieces)
    # The pieces alone print what they print within the whole template.
    if render_bounded(pieces, context) != "".join(_NEXT + text for text in fenced):
        return None
    return split


def _uses(node: nodes.Node, names: frozenset[str]) -> bool:
    return any(n.name in names for n in _walk(node, nodes.Name))


def _reaches_out(tree: nodes.Template) -> bool:
    """Whether the template takes in another, or defines blocks another may fill."""
    kinds = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport, nodes.Block)
    return any(True for _ in _walk(tree, kinds))


def _set_names(tree: nodes.Template) -> set[str]:
    """Every name the template sets: variables, loop variables, macros and their
    parameters."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return names | {m.name for m in tree.find_all(nodes.Macro)}


def _confined(piece: nodes.Node, known: set[str]) -> bool:
    """Whether a piece only reads what every copy has, and changes nothing."""
    if not all(isinstance(node, _SAFE) for node in piece.find_all(nodes.Node)):
        return False
    if not isinstance(piece, _SAFE):
        return False
    bound = {n.name for n in _walk(piece, nodes.Name) if n.ctx == "store"} | {"loop"}
    return all(n.name in known or n.name in bound for n in _walk(piece, nodes.Name))


def _walk(node: nodes.Node, kind: Any) -> Iterator[Any]:
    if isinstance(node, kind):
        yield node
    yield from node.find_all(kind)


def _fenced(child: nodes.Node) -> list[nodes.Node]:
    return [nodes.TemplateData(_OPEN), child, nodes.TemplateData(_CLOSE)]


def _next() -> nodes.Output:
    return nodes.Output([nodes.TemplateData(_NEXT)])


def _compiled(env: jinja2.Environment, body: list[nodes.Node], tree: nodes.Template) -> Any:
    template = nodes.Template(body, lineno=1)
    template.set_environment(env)
    for node in template.find_all(nodes.Node):
        if node.lineno is None:
            node.lineno = tree.lineno or 1
    return env.from_string(template)


def _unfenced(text: str) -> tuple[list[str] | None, list[str]]:
    """The frame and the pieces' texts of a render with fenced pieces."""
    frame, fenced = [], []
    rest = text
    while _OPEN in rest:
        before, _, rest = rest.partition(_OPEN)
        piece, found, rest = rest.partition(_CLOSE)
        if not found or _OPEN in piece:
            return None, []
        frame.append(before)
        fenced.append(piece)
    if _CLOSE in rest:
        return None, []
    frame.append(rest)
    return frame, fenced
