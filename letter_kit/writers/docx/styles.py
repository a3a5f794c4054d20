"""Which Word style each part of a letter takes, found by name in the document's styles
(an organisation's reference document may define any of them) or copied from
letterkit's own, and the language tags Word's spelling checker reads."""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from typing import TYPE_CHECKING, cast

from docx.oxml.ns import qn

from ...document import Role
from .package import base_styles

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

# The paragraph style of each role's text; a role not named here is body text.
ROLE_STYLES: dict[str, str] = {
    Role.LETTERHEAD: "Letterhead",
    Role.TITLE: "Title",
    Role.SUBTITLE: "Subtitle",
    Role.DATELINE: "Date",
    Role.RECIPIENT: "Inside Address",
    Role.CC: "Copy List",
    Role.SUBJECT: "Subject Line",
    Role.SALUTATION: "Salutation",
    Role.BODY: "Body Text",
    Role.CASES: "Cases",
    Role.CLOSING: "Closing",
    Role.SIGNATURES: "Signature",
    Role.UNLISTED: "Unlisted Signatories",
    Role.ABOUT: "About",
    Role.ENDMARK: "End Mark",
    Role.CONTACT: "Contact",
}
BODY = "Body Text"
# A heading in these roles is not a heading of the text: the letter's title, the label
# of a group of signatories.
ROLE_HEADINGS: dict[str, str] = {Role.TITLE: "Title", Role.SIGNATURES: "Signature Group"}
DEEPEST = 6  # heading levels below this one take its style


def paragraph_style(role: str) -> str:
    """The name of the paragraph style of a role's paragraphs."""
    return ROLE_STYLES.get(role, BODY)


def heading_style(role: str, level: int) -> str:
    """The name of the paragraph style of a heading (level 1 to 6) in a role."""
    return ROLE_HEADINGS.get(role, f"heading {max(1, min(level, DEEPEST))}")


class Styles:
    """The document's styles, looked up by name; a missing one is copied from letterkit's.

    Names, not ids: a template saved by a Word in another language has the same style
    names ("heading 1") under other ids ("Titre1").
    """

    def __init__(self, root: BaseOxmlElement) -> None:
        self.root = root
        self._ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        """The id of the style called ``name``, copied into the document if need be."""
        key = name.lower()
        if key in self._ids:
            return self._ids[key]
        found = _by_name(self.root, key)
        if found is None:
            found = self._copy(key)
        style_id = found.get(qn("w:styleId")) or ""
        self._ids[key] = style_id
        return style_id

    def _copy(self, key: str) -> BaseOxmlElement:
        original = _by_name(base_styles(), key)
        if original is None:
            raise KeyError(f"letterkit defines no Word style '{key}'")
        style = deepcopy(original)
        taken = {s.get(qn("w:styleId")) for s in self.root.iter(qn("w:style"))}
        wanted = style.get(qn("w:styleId")) or "".join(key.title().split())
        style_id, number = wanted, 1
        while style_id in taken:
            number += 1
            style_id = f"{wanted}{number}"
        style.set(qn("w:styleId"), style_id)
        style.attrib.pop(qn("w:default"), None)
        self.root.append(style)
        self._ids[key] = style_id
        for link in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(link))
            if ref is None:
                continue
            target = _by_id(base_styles(), ref.get(qn("w:val")) or "")
            if target is None:
                style.remove(ref)
            else:
                ref.set(qn("w:val"), self.id(_name(target)))
        return style


def _name(style: BaseOxmlElement) -> str:
    name = style.find(qn("w:name"))
    return (name.get(qn("w:val")) or "") if name is not None else ""


def _by_name(root: BaseOxmlElement, key: str) -> BaseOxmlElement | None:
    for style in root.iter(qn("w:style")):
        if _name(style).lower() == key:
            return cast("BaseOxmlElement", style)
    return None


def _by_id(root: BaseOxmlElement, style_id: str) -> BaseOxmlElement | None:
    for style in root.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return cast("BaseOxmlElement", style)
    return None


@cache
def language_tag(code: str) -> str:
    """The tag Word files a language under: ``vi`` -> ``vi-VN``, ``en`` -> ``en-US``
    (the language's most likely country, from the Unicode CLDR)."""
    from babel.core import get_global

    code = code.replace("_", "-")
    if "-" in code:
        return code
    likely = str(get_global("likely_subtags").get(code, ""))
    region = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{code}-{region}" if region.isalpha() and region.isupper() else code
