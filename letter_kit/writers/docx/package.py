"""The Word file around the letter: the starting package (letterkit's own, or an
organisation's reference document with its body emptied), the parts a letter adds,
the properties, and the zip written the same way every time.

A reference document is untrusted input: anything wrong with it is a :class:`DataError`
located at the file, and nothing of it but its styles, numbering, page setup, headers
and footers reaches the letter. Its properties, comments to the template's path and
preview picture are dropped.
"""

from __future__ import annotations

import io
import os
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement, parse_xml

from ...errors import DataError, MissingInputError, Problem
from ...files import Unreadable, read_bytes
from .xml import el, insert_in_order

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

ASSETS = Path(__file__).parent.parent / "assets" / "docx"
LIMIT = 64 * 1024 * 1024  # what a reference document may unpack to
MAIN = "wordprocessingml.document.main+xml"
TEMPLATE = "wordprocessingml.template.main+xml"
MACROS = "ms-word.document.macroEnabled.main+xml", "ms-word.template.macroEnabledTemplate.main+xml"
# Package relationships a letter keeps: everything else (the template's extended and
# custom properties, its thumbnail) describes the template, not the letter.
KEPT = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES}
ATTACHED_TEMPLATE = (  # the path of the template on its author's machine
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
# What may follow w:footnotePr in w:settings (ECMA-376 Part 1, 17.15.1.78).
SETTINGS_AFTER_FOOTNOTES = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
CORE_LIMIT = 255  # Word keeps this many UTF-16 code units of a property


@dataclass(frozen=True)
class Reference:
    """An organisation's Word document whose styles and page setup a letter takes."""

    path: Path
    data: bytes

    @classmethod
    def read(cls, path: Path) -> Reference:
        """Read and check the document at ``path``; a template (.dotx) is taken as a document."""
        if not os.path.lexists(path):
            raise MissingInputError(
                f"no reference document {path}", hint="give the path of a .docx file"
            )
        try:
            data = read_bytes(path, max_bytes=LIMIT, expected="give a .docx file")
        except Unreadable as exc:
            raise _refused(path, exc.problem.message) from None
        reference = cls(path, _as_document(path, data))
        reference.open()  # fails here, once, rather than for every copy of a batch
        return reference

    def open(self) -> WordDocument:
        """A fresh copy of the document, body emptied."""
        try:
            document = docx.Document(io.BytesIO(self.data))
            body = document.element.body
        except Exception as exc:  # any failure to read untrusted input is the input's fault
            raise _refused(self.path, f"not a Word document that can be read ({exc})") from None
        if body is None:
            raise _refused(self.path, "the document has no body")
        _empty(body)
        return document


def _refused(path: Path, why: str) -> DataError:
    return DataError(
        [
            Problem(
                f"reference document: {why}",
                path,
                hint="save it from Word or LibreOffice as a Word document (.docx)",
            )
        ]
    )


def _as_document(path: Path, data: bytes) -> bytes:
    """The bytes of a .docx: a .dotx template gets the content type of a document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > LIMIT:
                raise _refused(path, f"it unpacks to more than {LIMIT // 2**20} MiB")
            types = archive.read("[Content_Types].xml")
            if not any(kind.encode() in types for kind in (*MACROS, TEMPLATE)):
                return data
            if any(kind.encode() in types for kind in MACROS):
                raise _refused(path, "it holds macros")
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise _refused(path, f"not a Word document ({exc})") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE.encode(), MAIN.encode())
            archive.writestr(info, content)
    return out.getvalue()


@cache
def _base() -> bytes:
    """letterkit's own starting document, zipped from the XML files in ``assets/docx``."""
    out = io.BytesIO()
    files = sorted(p for p in ASSETS.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files, key=lambda p: p.name != "[Content_Types].xml"):
            archive.writestr(path.relative_to(ASSETS).as_posix(), path.read_bytes())
    return out.getvalue()


def base_document() -> WordDocument:
    """letterkit's own starting document: its styles, Letter paper, no header or footer."""
    return docx.Document(io.BytesIO(_base()))


@cache
def base_styles() -> BaseOxmlElement:
    """The styles of letterkit's starting document (copied into a reference that lacks one)."""
    return parse_xml((ASSETS / "word" / "styles.xml").read_bytes())


def _empty(body: BaseOxmlElement) -> None:
    """Remove every block of the body; keep (only) the first section's properties."""
    sections = body.findall(".//" + qn("w:sectPr"))
    first = deepcopy(sections[0]) if sections else el("w:sectPr")
    for child in list(body):
        body.remove(child)
    body.append(first)


# Parts --------------------------------------------------------------------------------


def xml_part(
    document: WordDocument, reltype: str, name: str, content_type: str, root: str
) -> XmlPart:
    """The document's part of this type as XML, created (empty ``root``) if it has none."""
    main = document.part
    try:
        found = main.part_related_by(reltype)
    except KeyError:
        found = None
    if isinstance(found, XmlPart):
        return found
    if found is not None:  # python-docx reads parts it has no class for as bytes
        part = XmlPart.load(found.partname, found.content_type, found.blob, main.package)
        for rid, rel in list(main.rels.items()):
            if rel.reltype == reltype:
                del main.rels[rid]
        part.rels.update(found.rels)
    else:
        # Declare r: on the root, or each hyperlink's r:id would declare it again.
        element = OxmlElement(root, nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
        part = XmlPart(PackURI(name), content_type, element, main.package)
    main.relate_to(part, reltype)
    return cast("XmlPart", part)


def footnotes_part(document: WordDocument) -> XmlPart:
    """The footnotes part, with its separators and none of the template's own notes."""
    part = xml_part(document, RT.FOOTNOTES, "/word/footnotes.xml", CT.WML_FOOTNOTES, "w:footnotes")
    root = part.element
    for note in root.findall(qn("w:footnote")):
        if note.get(qn("w:type")) in (None, "normal"):
            root.remove(note)
    if not root.findall(qn("w:footnote")):
        separators = (("-1", "separator"), ("0", "continuationSeparator"))
        for number, kind in separators:
            spacing = el("w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"})
            paragraph = el("w:p", {}, el("w:pPr", {}, spacing), el("w:r", {}, el(f"w:{kind}")))
            root.append(el("w:footnote", {"w:type": kind, "w:id": number}, paragraph))
    _declare_separators(document, [n.get(qn("w:id"), "") for n in root])
    return part


def _declare_separators(document: WordDocument, ids: list[str]) -> None:
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        declared = el("w:footnotePr", {}, *(el("w:footnote", {"w:id": i}) for i in ids))
        insert_in_order(settings, declared, SETTINGS_AFTER_FOOTNOTES)


def numbering_root(document: WordDocument) -> BaseOxmlElement:
    """The numbering definitions, created empty if the document has none."""
    part = xml_part(document, RT.NUMBERING, "/word/numbering.xml", CT.WML_NUMBERING, "w:numbering")
    return cast("BaseOxmlElement", part.element)


def scrub(document: WordDocument) -> None:
    """Drop what describes the template rather than the letter, and ask for a spell check."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype not in KEPT:
            del package.rels[rid]
    settings = document.settings.element
    for name in ("w:proofState", "w:attachedTemplate"):
        for found in settings.findall(qn(name)):
            settings.remove(found)
    settings_part = document.part.part_related_by(RT.SETTINGS)
    for rid, rel in list(settings_part.rels.items()):
        if rel.reltype == ATTACHED_TEMPLATE:
            del settings_part.rels[rid]


def set_properties(
    document: WordDocument, *, title: list[str], authors: list[str], day: date, lang: str
) -> None:
    """The core properties, from the letter only: no "last modified by", no clock."""
    props = document.core_properties
    element: Any = props._element
    for child in list(element):
        element.remove(child)
    props.title = _fit(title, " / ")
    props.author = _fit(authors, ", ")
    props.language = lang
    stamp = datetime.combine(day, time(0))
    props.created = stamp
    props.modified = stamp


def _fit(values: list[str], separator: str) -> str:
    """As many whole values as Word keeps in a property, then an ellipsis."""
    unique = list(dict.fromkeys(values))

    def size(text: str) -> int:
        return len(text.encode("utf-16-le")) // 2

    for count in range(len(unique), 0, -1):
        text = separator.join(unique[:count]) + ("" if count == len(unique) else " …")
        if size(text) <= CORE_LIMIT:
            return text
    words = unique[0].split() if unique else []
    while words and size(" ".join(words) + " …") > CORE_LIMIT:
        words.pop()
    return " ".join(words) + " …" if words else ""


def save(document: WordDocument, day: date) -> bytes:
    """The document as bytes that depend on its content only: every member of the zip
    is stamped with the letter's date, in the order python-docx writes them."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            target.writestr(member, source.read(info))
    return out.getvalue()
