"""What a writer made of a block that many documents share, kept for the next one.

A letter addressed to each of its 535 recipients in turn is 535 documents that share
every block but the address and the salutation (see :mod:`letter_kit.drafting.copies`):
the same objects. While :func:`sharing` is in force, a writer asks :func:`made` for
its text of such a block, and makes it only once. Only the objects handed to
:func:`sharing` are remembered, by identity; they are kept alive meanwhile, so no other
object can take their identity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_held: dict[int, object] = {}  # id -> the object, while sharing
_made: dict[tuple[Any, ...], Any] = {}


@contextmanager
def sharing(objects: Iterable[object]) -> Iterator[None]:
    """Remember what writers make of ``objects`` until the end of the block."""
    _held.update((id(o), o) for o in objects)
    try:
        yield
    finally:
        _held.clear()
        _made.clear()


def made(kind: str, obj: object, make: Callable[[], T], *args: Any) -> T:
    """``make()``, or what it gave for ``obj`` (with the same ``args``) before."""
    if _held.get(id(obj)) is not obj:
        return make()
    key = (kind, id(obj), *args)
    try:
        result: T = _made[key]
    except KeyError:
        result = _made[key] = make()
    return result
