"""What Word places on the page: pictures (logos, signatures), and the parts that stand
on one side of it (the date line, the address block, the closing, the signatures, by
the language's conventions)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Cm

from ...document import ImageFile, Part, Role
from ..common import aligned_right
from ..raster import as_png
from .xml import el, insert_in_order, val

if TYPE_CHECKING:
    from docx.opc.part import Part as OpcPart
    from docx.oxml.xmlchemy import BaseOxmlElement

    Element = BaseOxmlElement

# What the schema puts after w:ind and after w:jc in a paragraph's properties.
_AFTER_JC = ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
             "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_IND = ("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              *_AFTER_JC)  # fmt: skip
_INDENTED = frozenset({Role.RECIPIENT, Role.CLOSING, Role.SIGNATURES, Role.UNLISTED})


def picture(part: OpcPart, image: ImageFile, alt: str, height_cm: float) -> Element:
    """A run showing the image (an SVG drawn as PNG), ``height_cm`` high, in ``part``
    (the document, or a header): the part holds the image and its relationship."""
    png = as_png(image)
    height = Cm(height_cm)
    width = int(height * png.width / png.height)
    inline = part.new_pic_inline(io.BytesIO(png.data), width=width, height=height)  # type: ignore[attr-defined]
    inline.docPr.set("descr", alt)
    return el("w:r", {}, el("w:drawing", {}, inline))


def sided(elements: list[Element], part: Part, width: int) -> list[Element]:
    """The paragraphs of a part placed on its side: a date line flush right or left, an
    address block, closing or signatures on the right in the right half."""
    side = part.attrs.get("align")
    if side is None:
        return elements
    for paragraph in elements:
        if paragraph.tag != qn("w:p"):
            continue
        props = paragraph.find(qn("w:pPr"))
        if props is None:
            continue
        if part.role == Role.DATELINE:
            _replace(props, val("w:jc", "right" if side == "right" else "left"), _AFTER_JC)
        elif part.role in _INDENTED and aligned_right(part):
            _replace(props, el("w:ind", {"w:left": str(width // 2)}), _AFTER_IND)
    return elements


def _replace(props: Element, child: Element, after: tuple[str, ...]) -> None:
    for found in props.findall(child.tag):
        props.remove(found)
    insert_in_order(props, child, after)
