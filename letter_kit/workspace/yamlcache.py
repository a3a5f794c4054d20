"""Parsed YAML kept between runs, so that a file that did not change is not parsed again.

After one cosigner is added, only that letter's file has changed: every other file of
the workspace is read back from here in a fraction of the time parsing takes.

One entry per workspace file, in ``$LETTERKIT_CACHE_DIR`` (else
``$XDG_CACHE_HOME/letterkit``, else ``~/.cache/letterkit``); ``LETTERKIT_CACHE_DIR=``
(empty) turns the cache off. An entry holds a fingerprint of the file's text and of
the code that parsed it, and is used only if both match: an edited file, another
version of letterkit, or a change to the code that parses (the modules that register
with :func:`parsed_by`) parses afresh. Entries are written atomically and only for
files that parsed without a problem; one that cannot be read or written is ignored. The
folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import marshal
import os
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

import ruamel.yaml

CACHE_ENV = "LETTERKIT_CACHE_DIR"
_MAGIC = b"lkyaml1\n"
MISSING = object()


@cache
def folder() -> Path | None:
    """Where the entries are kept; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "letterkit" / "yaml"


_PARSERS: list[ModuleType] = []


def parsed_by(*modules: ModuleType) -> None:
    """Name the modules whose code decides what a file parses to: their source salts
    every entry, so a change to any of them (or another letterkit) parses afresh."""
    _PARSERS.extend(m for m in modules if m not in _PARSERS)
    _salt.cache_clear()


def _version() -> str:
    try:
        return metadata.version("letterkit")
    except metadata.PackageNotFoundError:  # run from a source folder that is not installed
        return "unknown"


@cache
def _salt() -> bytes | None:
    """What else decides the data: letterkit's version and parsing code, ruamel's
    version, the marshal format. None (no cache) until a parser has said which it is."""
    if not _PARSERS:
        return None
    digest = hashlib.blake2b(digest_size=16)
    for module in _PARSERS:
        digest.update(inspect.getsource(module).encode("utf-8"))
    versions = f"{_version()} {ruamel.yaml.__version__} {sys.version_info[:2]} {marshal.version}"
    digest.update(versions.encode())
    return digest.digest()


def _fingerprint(text: str, salt: bytes) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16, key=salt).digest()


def _entry(base: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return base / f"{name}.bin"


def lookup(path: Path, text: str) -> Any:
    """The data parsed earlier from this very text of ``path``, or :data:`MISSING`."""
    base, salt = folder(), _salt()
    if base is None or salt is None:
        return MISSING
    try:
        blob = _entry(base, path).read_bytes()
        head = len(_MAGIC) + 16
        if blob[: len(_MAGIC)] != _MAGIC or blob[len(_MAGIC) : head] != _fingerprint(text, salt):
            return MISSING
        return marshal.loads(blob[head:])
    except (OSError, ValueError, EOFError, TypeError):
        return MISSING


def store(path: Path, text: str, data: Any) -> None:
    """Keep the data parsed from this text of ``path``; quietly give up if that fails."""
    base, salt = folder(), _salt()
    if base is None or salt is None:
        return
    try:
        blob = _MAGIC + _fingerprint(text, salt) + marshal.dumps(data)
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=base, prefix=".", suffix=".tmp")
        temp = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            temp.replace(_entry(base, path))
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    except (OSError, ValueError):
        return
