"""Watching the workspace's files (watchfiles: inotify, FSEvents or ReadDirectoryChanges
underneath, polling where there is none).

The folders are watched, not the files in them: an editor that saves by writing a new
file and renaming it over the old one (vim, most IDEs) replaces the file a watch on it
would follow, while the folder sees the new one arrive. Changes that come together (a
save is often several) are handled as one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..workspace.records import DATA_DIR

# The folders of a workspace whose files make the letter: its data and its templates.
WATCHED = (DATA_DIR, "templates")
STEP_MS = 30  # a change is handled once nothing more changed for this long


def watched(root: Path) -> list[Path]:
    """The folders of the workspace that are watched (those that exist)."""
    return [root / name for name in WATCHED if (root / name).is_dir()]


def watch(
    folders: list[Path],
    on_change: Callable[[list[Path]], None],
    stop: threading.Event,
    *,
    on_error: Callable[[Exception], None],
) -> threading.Thread:
    """Call ``on_change`` with the changed paths after each change in ``folders``, in a
    thread of its own, until ``stop`` is set; ``on_error`` if watching fails."""
    import watchfiles

    def run() -> None:
        try:
            changes = watchfiles.watch(
                *folders, step=STEP_MS, stop_event=stop, raise_interrupt=False, rust_timeout=500
            )
            for batch in changes:
                on_change(sorted(Path(path) for _, path in batch))
        except Exception as exc:  # a watched folder removed, too many files for inotify...
            on_error(exc)

    thread = threading.Thread(target=run, name="letterkit-preview-watch", daemon=True)
    thread.start()
    return thread
