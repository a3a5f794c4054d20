"""The example workspace that ships with letterkit.

In a source checkout the example is ``data/``, ``templates/`` and ``assets/`` (the
logos of its organisations) at the top of the repository; an installed package carries
a copy under ``letter_kit/example/``. Its templates are also the defaults for any
workspace that does not override them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import LetterkitError

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
