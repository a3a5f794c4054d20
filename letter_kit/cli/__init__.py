"""The ``letterkit`` command line (see :mod:`letter_kit.cli.main`)."""

from . import cosigners, letters, recipients, sending, translating  # noqa: F401  (they register their commands)
from .main import app, main

__all__ = ["app", "main"]
