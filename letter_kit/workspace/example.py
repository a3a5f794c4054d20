"""The example workspace that ships with letterkit, and ``letterkit init``.

In a source checkout the example is ``data/``, ``templates/`` and ``assets/`` (the
logos of its organisations) at the top of the repository; an installed package carries
a copy under ``letter_kit/example/``. Its templates are also the defaults for any
workspace that does not override them.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from ..errors import LetterkitError, OutputError

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def example_root() -> Path:
    """The folder holding the example ``data/`` and ``templates/``."""
    for candidate in (_PACKAGE / "example", _PACKAGE.parent):
        if (candidate / "data").is_dir() and (candidate / "templates").is_dir():
            return candidate
    raise LetterkitError(
        "the example workspace is missing from this installation",
        hint="reinstall letterkit (pip install --force-reinstall letterkit)",
    )


def builtin_templates() -> Path:
    """The built-in templates folder."""
    return example_root() / "templates"


def is_builtin(template: Path) -> bool:
    """Whether a template file is one of letterkit's own (not a workspace's)."""
    return template.resolve().is_relative_to(builtin_templates().resolve())


def init_workspace(target: Path) -> Path:
    """Create a new workspace at ``target`` from the example; refuse to overwrite anything."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(
            f"{target} already exists and is not empty",
            hint="choose a new folder name; letterkit init never overwrites files",
        )
    source = example_root()
    parent = target.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"cannot create {target}: folder {parent} does not exist")
    try:
        # Build the copy beside the target and rename it into place, so an
        # interrupted init leaves nothing half-made under the target's name.
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
        try:
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
