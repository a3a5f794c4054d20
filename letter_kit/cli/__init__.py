"""The ``letterkit`` command line (see :mod:`letter_kit.cli.main`)."""

from . import (  # noqa: F401  (they register their commands)
    cosigners,
    languages,
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
