"""letterkit: open letters for human-rights advocacy, from structured data.

The library is usable without the command line::

    from pathlib import Path
    from letter_kit import DraftOptions, compose, draft, load_workspace, write_text

    ws = load_workspace(Path("my-campaign"))
    docs = [compose(ws, "harris-2021", lang) for lang in ("en", "vi")]
    print(write_text(docs, "txt"))
    pdf = draft(ws, "harris-2021", DraftOptions(fmt="pdf", languages=["en", "vi"]))

Every error a user can cause is a :class:`LetterkitError`; a :class:`DataError` lists
each problem with its file, line and column. Names are imported on first use, so that
importing the package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .composing.composer import compose
    from .document import Document, Role
    from .drafting.batch import BatchResult, draft_each
    from .drafting.output import DraftOptions, draft
    from .errors import DataError, ExitCode, LetterkitError, Problem
    from .formats import Format, Layout, Paper
    from .reports.check import CheckReport, check_workspace
    from .workspace.loaded import LoadedWorkspace
    from .workspace.loading import load_workspace, read_workspace
    from .workspace.records import Workspace
    from .writers import write_text

# Public name -> the module that defines it.
_EXPORTS = {
    "load_workspace": "workspace.loading",
    "read_workspace": "workspace.loading",
    "LoadedWorkspace": "workspace.loaded",
    "Workspace": "workspace.records",
    "check_workspace": "reports.check",
    "CheckReport": "reports.check",
    "compose": "composing.composer",
    "Document": "document",
    "Role": "document",
    "Layout": "formats",
    "Paper": "formats",
    "draft": "drafting.output",
    "DraftOptions": "drafting.output",
    "draft_each": "drafting.batch",
    "BatchResult": "drafting.batch",
    "write_text": "writers",
    "Format": "formats",
    "LetterkitError": "errors",
    "DataError": "errors",
    "Problem": "errors",
    "ExitCode": "errors",
}

__all__ = [
    "BatchResult",
    "CheckReport",
    "DataError",
    "Document",
    "DraftOptions",
    "ExitCode",
    "Format",
    "Layout",
    "LetterkitError",
    "LoadedWorkspace",
    "Paper",
    "Problem",
    "Role",
    "Workspace",
    "check_workspace",
    "compose",
    "draft",
    "draft_each",
    "load_workspace",
    "read_workspace",
    "write_text",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # later lookups do not come here again
        return value
    raise AttributeError(f"module 'letter_kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
