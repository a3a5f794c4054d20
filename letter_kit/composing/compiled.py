"""Templates and catalogs compiled by an earlier run, read back from the cache
(:mod:`..workspace.cache`) instead of compiled again: each entry is used only for the
very source it was compiled from, by the same code."""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from types import ModuleType

import jinja2
from jinja2.bccache import Bucket

from ..workspace import cache


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled code of each template file. The code Jinja makes depends on the
    environment's options as well as on the source: ``modules`` (those that configure
    the environment) salt every entry."""

    def __init__(self, *modules: ModuleType) -> None:
        salt = once(lambda: cache.code_salt(modules, jinja2.__version__))
        self.shelf = cache.Shelf("templates", salt)

    def load_bytecode(self, bucket: Bucket) -> None:
        blob = self.shelf.get(bucket.key, bucket.checksum)
        if blob is None:
            return
        try:
            bucket.bytecode_from_string(blob)
        except Exception:  # an entry that does not load is compiled afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.shelf.put(bucket.key, bucket.checksum, bucket.bytecode_to_string())


Compiled = tuple[bytes, list[str]]


def compiled_catalog(
    po: Path, text: str, locale: str, modules: tuple[ModuleType, ...], make: Callable[[], Compiled]
) -> Compiled:
    """The catalog ``po`` (whose text is ``text``) compiled for ``locale``: the bytes of
    its ``.mo`` file and the keys of the phrases it translates. ``make`` compiles it when
    the cache has no entry for this text; ``modules`` are those whose code decides the
    result."""
    shelf = _catalogs(modules)
    key = f"{po.resolve()}\0{locale}"
    blob = shelf.get(key, text)
    if blob is not None:
        try:
            mo, keys = marshal.loads(blob)
            if isinstance(mo, bytes) and isinstance(keys, list):
                return mo, keys
        except (ValueError, EOFError, TypeError):
            pass
    made = make()
    shelf.put(key, text, marshal.dumps(made))
    return made


@once
def _catalogs(modules: tuple[ModuleType, ...]) -> cache.Shelf:
    import babel

    return cache.Shelf("catalogs", once(lambda: cache.code_salt(modules, babel.__version__)))
