"""Word (.docx): the letter as an editable document, for coalitions that circulate
drafts for comments and sign-off.

Made with python-docx (imported only when a Word file is written) from letterkit's own
styles or an organisation's reference document; footnotes, lists, sections and
hyperlinks are written as WordprocessingML directly, since python-docx has no API for
footnotes. Every value from the data is placed as the text of an element, never parsed
as XML. The same documents give the same bytes.
"""

from __future__ import annotations

from .layout import DocxOptions, aligned, write_docx
from .package import Reference

__all__ = ["DocxOptions", "Reference", "aligned", "write_docx"]
