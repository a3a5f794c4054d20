"""What letterkit made from a file, kept between runs so that an unchanged file is not
worked on again: parsed YAML, compiled templates, compiled catalogs.

After one cosigner is added, only that letter's file has changed: every other file of
the workspace is read back from here in a fraction of the time parsing takes, and the
letter's template and catalogs are not compiled again.

The cache is ``$LETTERKIT_CACHE_DIR`` (else ``$XDG_CACHE_HOME/letterkit``, else
``~/.cache/letterkit``); ``LETTERKIT_CACHE_DIR=`` (empty) turns it off. Each kind of
entry has a :class:`Shelf` (a subfolder). An entry holds a fingerprint of the text it
was made from and of the code that made it (the *salt*: letterkit's version and the
source of the modules that decide the result), and a checksum of its content; it is
used only if all match, so an edited file, another letterkit or a damaged entry makes
it afresh. Entries are written atomically; one that cannot be read or written is
ignored. The folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

CACHE_ENV = "LETTERKIT_CACHE_DIR"
_MAGIC = b"lkcache2\n"
_DIGEST = 16
MISSING = object()


@cache
def root() -> Path | None:
    """The cache folder; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "letterkit"


@cache
def version() -> str:
    """letterkit's version (an entry made by another version is not used)."""
    try:
        return metadata.version("letterkit")
    except metadata.PackageNotFoundError:  # run from a source folder that is not installed
        return "unknown"


def code_salt(modules: Iterable[ModuleType], *versions: str) -> bytes:
    """A salt from the source of the modules that decide an entry, letterkit's version,
    Python's and the other ``versions`` given (of the libraries that make the entry)."""
    digest = hashlib.blake2b(digest_size=_DIGEST)
    for module in modules:
        digest.update(inspect.getsource(module).encode("utf-8"))
    digest.update(" ".join([version(), sys.version, str(marshal.version), *versions]).encode())
    return digest.digest()


class Shelf:
    """The entries of one kind: each is the bytes made from one text of one key (a file
    path, a template name)."""

    def __init__(self, kind: str, salt: Callable[[], bytes | None]) -> None:
        self.kind, self.salt = kind, salt

    def _place(self, key: str) -> tuple[Path, bytes] | None:
        base, salt = root(), self.salt()
        if base is None or salt is None:
            return None
        name = hashlib.blake2b(key.encode("utf-8"), digest_size=_DIGEST).hexdigest()
        return base / self.kind / f"{name}.bin", salt

    def get(self, key: str, text: str | bytes) -> bytes | None:
        """The bytes kept for this very text of ``key``, or None."""
        place = self._place(key)
        if place is None:
            return None
        entry, salt = place
        try:
            blob = entry.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 2 * _DIGEST
        content = blob[head:]
        if blob[: len(_MAGIC)] != _MAGIC or blob[len(_MAGIC) : head] != _sums(text, content, salt):
            return None
        return content

    def put(self, key: str, text: str | bytes, content: bytes) -> None:
        """Keep the bytes made from this text of ``key``; quietly give up if that fails."""
        place = self._place(key)
        if place is None:
            return
        entry, salt = place
        with contextlib.suppress(OSError):
            _write(entry, _MAGIC + _sums(text, content, salt) + content)


def _sums(text: str | bytes, content: bytes, salt: bytes) -> bytes:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    made_from = hashlib.blake2b(raw, digest_size=_DIGEST, key=salt).digest()
    return made_from + hashlib.blake2b(content, digest_size=_DIGEST, key=salt).digest()


def _write(entry: Path, blob: bytes) -> None:
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        temp.replace(entry)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


# Parsed YAML, by the modules that parse it.

_PARSERS: list[ModuleType] = []


def parsed_by(*modules: ModuleType) -> None:
    """Name the modules whose code decides what a YAML file parses to: their source
    salts every entry, so a change to any of them (or another letterkit) parses afresh."""
    _PARSERS.extend(m for m in modules if m not in _PARSERS)
    _yaml_salt.cache_clear()


@cache
def _yaml_salt() -> bytes | None:
    """None (no cache) until a parser has said which it is."""
    if not _PARSERS:
        return None
    import ruamel.yaml

    return code_salt(_PARSERS, ruamel.yaml.__version__)


_YAML = Shelf("yaml", _yaml_salt)


def lookup(path: Path, text: str) -> Any:
    """The data parsed earlier from this very text of ``path``, or :data:`MISSING`."""
    blob = _YAML.get(str(path.resolve()), text)
    if blob is None:
        return MISSING
    try:
        return marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return MISSING


def store(path: Path, text: str, data: Any) -> None:
    """Keep the data parsed from this text of ``path``; quietly give up if that fails."""
    try:
        blob = marshal.dumps(data)
    except ValueError:  # not plain data
        return
    _YAML.put(str(path.resolve()), text, blob)
