"""Several files written as one change: all of them, or none, even across a kill.

A change (a cosigner added: the organisations file and the letter) is written in five
steps:

1. each new file is written beside its target, complete and flushed to disk;
2. none of the targets may have changed on disk since it was read (an editor saved it);
3. an intent record, ``data/.letterkit-commit.json``, is written (atomically): for each
   file, its target, the new file beside it, and fingerprints of the old and new text;
4. each new file replaces its target;
5. the record is removed.

A failure inside the command puts the files it had replaced back. A kill leaves either
no record (the targets are untouched; only new files beside them remain) or a record
that the next letterkit command finds and completes, since every new file is whole on
disk before the record exists (:func:`recover`, which also removes what a kill left
beside the targets). A target that was edited by hand in between is never written
over: recovery stops and says which.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Protocol

from ..errors import OutputError, WorkspaceBusy
from ..files import STAGED, atomic_write, stage
from .lock import held, workspace_lock

INTENT = ".letterkit-commit.json"


class Edited(Protocol):
    """A file read, then changed: what it was, and what it is to be."""

    path: Path
    original: bytes | None

    def render(self) -> bytes: ...


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


class Changes:
    """The files of one change to the workspace at ``root``; :meth:`commit` writes them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[tuple[Path, bytes, bytes | None]] = []

    def add(self, edit: Edited) -> None:
        """Include an edited file."""
        self.files.append((edit.path, edit.render(), edit.original))

    def commit(self) -> None:
        """Write every file, or none."""
        intent = self.root / "data" / INTENT
        staged: list[tuple[Path, Path, bytes, bytes | None]] = []
        keep_staged = False
        try:
            for path, data, original in self.files:
                staged.append((path, stage(path, data), data, original))
            for path, _, _, original in staged:
                if _read(path) != original:
                    raise WorkspaceBusy(
                        f"{path} changed on disk while letterkit was working; nothing was written",
                        hint="another program saved it: run the command again",
                    )
            record = [
                {
                    "path": os.path.relpath(path, self.root),
                    "temp": os.path.relpath(temp, self.root),
                    "old": _digest(original),
                    "new": _digest(data),
                }
                for path, temp, data, original in staged
            ]
            atomic_write(intent, json.dumps({"files": record}, indent=1).encode("utf-8"))
            done: list[tuple[Path, bytes | None]] = []
            try:
                for path, temp, _, original in staged:
                    temp.replace(path)
                    done.append((path, original))
            except OSError as exc:
                keep_staged = not _put_back(done)
                if not keep_staged:
                    intent.unlink()
                raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
            _sync_folders({path.parent for path, *_ in staged})
            intent.unlink()
        finally:
            if not keep_staged:
                for _, temp, _, _ in staged:
                    with contextlib.suppress(OSError):
                        temp.unlink()


def _put_back(done: list[tuple[Path, bytes | None]]) -> bool:
    """Restore the files already replaced; False if one could not be."""
    ok = True
    for path, original in reversed(done):
        try:
            if original is None:
                path.unlink()
            else:
                atomic_write(path, original)
        except (OSError, OutputError):
            ok = False
    return ok


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames in these folders durable (where the system allows it)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def _leftovers(root: Path) -> list[Path]:
    """New files a killed change left beside their targets."""
    data = root / "data"
    folders = [data, *(p for p in data.iterdir() if p.is_dir())] if data.is_dir() else []
    return [p for folder in folders for p in folder.iterdir() if STAGED.match(p.name)]


def recover(root: Path) -> None:
    """Complete a change that a kill interrupted, and remove what it left behind.

    Called when a workspace is loaded; does nothing (and takes no lock) when there is
    nothing to do.
    """
    intent = root / "data" / INTENT
    if not intent.exists() and not _leftovers(root):
        return
    # A command that changes data loads the workspace with the lock already held.
    with contextlib.nullcontext() if held(root) else workspace_lock(root):
        if intent.exists():
            _complete(root, intent)
        for leftover in _leftovers(root):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _complete(root: Path, intent: Path) -> None:
    try:
        record = json.loads(intent.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkspaceBusy(
            f"{intent} cannot be read ({exc}): a change letterkit was making was "
            "interrupted, and what remains of it cannot be completed",
            hint="compare the files it names with your copies (git diff), then delete it",
        ) from None
    for entry in record:
        path, temp = root / entry["path"], root / entry["temp"]
        current = _digest(_read(path))
        if temp.exists() and current in (entry["old"], entry["new"]):
            temp.replace(path)
        elif current != entry["new"]:
            raise WorkspaceBusy(
                f"a change letterkit was making was interrupted, and {path} was edited "
                "since: letterkit will not write over it",
                hint=f"the file letterkit meant to write is {temp} (if it is there); merge "
                f"by hand, then delete {intent}",
            )
    _sync_folders({(root / entry["path"]).parent for entry in record})
    intent.unlink()
