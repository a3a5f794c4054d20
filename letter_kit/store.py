"""Writing files so that a failure never leaves a half-written file behind.

Every file letterkit writes goes to a temporary file in the same folder, is flushed to
disk, and then replaces the target in one step (``os.replace``). Either the old file or
the new one is there, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`OutputError` if it cannot be done."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {path}: folder {folder} does not exist",
            hint="create the folder first, or choose another path with -o",
        )
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", hint="give a file name with -o")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}") from exc
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            # Keep the permissions the user gave the file.
            temp.chmod(path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            temp.chmod(0o666 & ~umask)
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
