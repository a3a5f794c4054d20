"""One writer per output format. Each turns composed documents into a file's content.

Writers are imported when used, so that ``letterkit --help`` does not pay for them.
Several documents (one per language) are laid out one after the other.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from ..document import Document
from ..formats import Paper

# Format name -> module in this package with a ``write(documents) -> str`` function.
TEXT_WRITERS = {"md": "markdown", "html": "html", "txt": "text"}


def write_text(documents: Sequence[Document], fmt: str, *, paper: Paper = "letter") -> str:
    """The documents in a text format (``md``, ``html`` or ``txt``); an HTML page is
    printed on ``paper``."""
    module = importlib.import_module(f".{TEXT_WRITERS[fmt]}", __name__)
    result: str = module.write(documents, paper=paper) if fmt == "html" else module.write(documents)
    return result
