"""The ``letterkit`` command line (see :mod:`letter_kit.cli.run`)."""

import gc

# A command makes most of its objects once, at start-up (modules, the workspace, locale
# data), and keeps them to the end: with Python's default thresholds the collector
# scans them over and over (about a tenth of a draft's time). Young objects are
# collected rarely, and what start-up made is left out of the scans (gc.freeze, in
# run.main). Garbage in cycles is still collected, later.
gc.set_threshold(100_000, 50, 1000)

from .main import app  # noqa: E402
from .run import command, main  # noqa: E402

__all__ = ["app", "command", "main"]
