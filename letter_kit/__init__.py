"""letterkit: open letters for human-rights advocacy, from structured data.

The library is usable without the command line::

    from letter_kit import load_workspace, compose, write_text
    ws = load_workspace(Path("my-campaign"))
    docs = [compose(ws, "harris-2021", lang) for lang in ("en", "vi")]
    print(write_text(docs, "md"))

Names are imported on first use, so that importing the package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .composing.composer import compose
    from .document import Document
    from .errors import DataError, LetterkitError
    from .reports.check import check_workspace
    from .workspace.loading import load_workspace
    from .workspace.records import Workspace
    from .writers import write_text

_EXPORTS = {
    "load_workspace": "workspace.loading",
    "Workspace": "workspace.records",
    "compose": "composing.composer",
    "Document": "document",
    "write_text": "writers",
    "check_workspace": "reports.check",
    "LetterkitError": "errors",
    "DataError": "errors",
}

__all__ = [
    "DataError",
    "Document",
    "LetterkitError",
    "Workspace",
    "check_workspace",
    "compose",
    "load_workspace",
    "write_text",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'letter_kit' has no attribute {name!r}")
