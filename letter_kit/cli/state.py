"""What the global options set for the command being run (``-w``, ``--debug``): they
may come before the command or after it, and completion reads them too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Options:
    """The global options of one run of the command line."""

    workspace: Path | None = None
    debug: bool = False


options = Options()
