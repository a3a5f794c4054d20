"""The ``letterkit`` command line (see :mod:`letter_kit.cli.run`)."""

from .main import app
from .run import command, main

__all__ = ["app", "command", "main"]
