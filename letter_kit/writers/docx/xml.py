"""Building WordprocessingML: elements made from names and values, never from text
that is parsed, so any string from the data is placed as text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def el(
    tag: str, attrs: dict[str, str] | None = None, *children: BaseOxmlElement
) -> BaseOxmlElement:
    """The element ``tag`` (``w:p``) with these attributes (``{"w:val": "1"}``) and children."""
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name), value)
    element.extend(children)
    return element


def val(tag: str, value: str | int) -> BaseOxmlElement:
    """An element with a single ``w:val`` (``<w:pStyle w:val="Title"/>``)."""
    return el(tag, {"w:val": str(value)})


def text(content: str) -> BaseOxmlElement:
    """A ``w:t`` holding ``content`` exactly, spaces at its ends included."""
    element = el("w:t")
    element.text = content
    if content != content.strip():
        element.set(XML_SPACE, "preserve")
    return element


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, after: Iterable[str]) -> None:
    """Insert ``child`` before the first of the elements that the schema puts after it."""
    names = {qn(name) for name in after}
    for index, existing in enumerate(parent):
        if existing.tag in names:
            parent.insert(index, child)
            return
    parent.append(child)
