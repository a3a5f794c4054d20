"""Shell completion of ids: letters, recipients, organisations and people, visits.

Completion runs on every press of Tab, so it reads names, never validates: a letter's
id is its file name, a record's id a key at the left margin of its data file. A
workspace with mistakes still completes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .state import options

_TOP_KEY = re.compile(r"^([a-z0-9][a-z0-9-]*)\s*:", re.MULTILINE)
_MAX_BYTES = 4 * 1024 * 1024


def _workspace(ctx: Any) -> Path | None:
    """The workspace of the command line being completed: -w (before or after the
    command), LETTERKIT_WORKSPACE, else the nearest folder with a data/ folder."""
    given = options.workspace or ctx.find_root().params.get("workspace")
    if given is None and os.environ.get("LETTERKIT_WORKSPACE"):
        given = Path(os.environ["LETTERKIT_WORKSPACE"])
    if given is not None:
        return Path(given)
    here = Path.cwd()
    return next((f for f in (here, *here.parents) if (f / "data").is_dir()), None)


def _ids(path: Path) -> list[str]:
    """The ids at the left margin of a data file (empty if it cannot be read)."""
    try:
        with path.open("rb") as file:
            text = file.read(_MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return []
    return _TOP_KEY.findall(text)


def _matching(found: list[str], incomplete: str) -> list[str]:
    return sorted({item for item in found if item.startswith(incomplete)})


def letters(ctx: Any, incomplete: str) -> list[str]:
    """Letter ids: the files in data/letters/."""
    root = _workspace(ctx)
    if root is None:
        return []
    return _matching([p.stem for p in (root / "data" / "letters").glob("*.yaml")], incomplete)


def _records(*names: str) -> Callable[[Any, str], list[str]]:
    def complete(ctx: Any, incomplete: str) -> list[str]:
        root = _workspace(ctx)
        if root is None:
            return []
        return _matching([i for n in names for i in _ids(root / "data" / f"{n}.yaml")], incomplete)

    complete.__doc__ = f"Ids of {' and '.join(names)}."
    return complete


recipients = _records("recipients")
signers = _records("organizations", "people")
visits = _records("visits")
