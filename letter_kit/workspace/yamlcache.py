"""Parsed YAML kept between runs, so that a file that did not change is not parsed again.

After one cosigner is added, only that letter's file has changed: every other file of
the workspace is read back from here in a fraction of the time parsing takes.

One entry per workspace file, in ``$LETTERKIT_CACHE_DIR`` (else
``$XDG_CACHE_HOME/letterkit``, else ``~/.cache/letterkit``); ``LETTERKIT_CACHE_DIR=``
(empty) turns the cache off. An entry holds a fingerprint of the file's text and of
the code that parsed it, and is used only if both match: an edited file, or another
version of letterkit, parses afresh. Entries are written atomically and only for files
that parsed without a problem; one that cannot be read or written is ignored. The
folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
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


@cache
def _salt() -> bytes:
    """What else decides the data: the parsing code, ruamel's version, the marshal format."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(Path(__file__).with_name("yamlsource.py").read_bytes())
    digest.update(f"{ruamel.yaml.__version__} {sys.version_info[:2]} {marshal.version}".encode())
    return digest.digest()


def _fingerprint(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16, key=_salt()).digest()


def _entry(base: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode("utf-8"), digest_size=16).hexdigest()
    return base / f"{name}.bin"


def lookup(path: Path, text: str) -> Any:
    """The data parsed earlier from this very text of ``path``, or :data:`MISSING`."""
    base = folder()
    if base is None:
        return MISSING
    try:
        blob = _entry(base, path).read_bytes()
        head = len(_MAGIC) + 16
        if blob[: len(_MAGIC)] != _MAGIC or blob[len(_MAGIC) : head] != _fingerprint(text):
            return MISSING
        return marshal.loads(blob[head:])
    except (OSError, ValueError, EOFError, TypeError):
        return MISSING


def store(path: Path, text: str, data: Any) -> None:
    """Keep the data parsed from this text of ``path``; quietly give up if that fails."""
    base = folder()
    if base is None:
        return
    try:
        blob = _MAGIC + _fingerprint(text) + marshal.dumps(data)
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
