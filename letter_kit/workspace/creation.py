"""``letterkit init``: a new workspace, a copy of the example or empty (``--bare``).

Either way it is built beside the target and renamed into place, so an interrupted
init leaves nothing half-made under the target's name, and it never overwrites.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import OutputError
from .example import example_root
from .skeleton import write_skeleton


def init_workspace(target: Path, *, bare: bool = False) -> Path:
    """Create a new workspace at ``target``: a copy of the example letters and
    templates, or (``bare``) data files holding only comments that say what goes in
    them. Refuse to overwrite anything."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(
            f"{target} already exists and is not empty",
            hint="choose a new folder name; letterkit init never overwrites files",
        )
    parent = target.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"cannot create {target}: folder {parent} does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
        try:
            if bare:
                write_skeleton(staging)
            else:
                source = example_root()
                for name in ("data", "templates", "assets"):
                    shutil.copytree(
                        source / name,
                        staging / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
                    )
            if target.exists():
                target.rmdir()
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot create {target}: {exc.strerror or exc}") from exc
    return target
