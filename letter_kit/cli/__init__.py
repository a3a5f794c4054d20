"""The ``letterkit`` command line (see :mod:`letter_kit.cli.main`)."""

from . import (  # noqa: F401  (they register their commands)
    cosigners,
    letters,
    previewing,
    recipients,
    reviewing,
    sending,
    sources,
    translating,
)
from .main import app, main

__all__ = ["app", "main"]
