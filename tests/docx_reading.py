"""Reading a Word file back as a reader (or Word) would: paragraphs with their style,
language and text, footnotes with the numbers Word gives them."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def part(data: bytes, name: str) -> etree._Element:
    """A part of the package, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def rels(data: bytes, name: str) -> dict[str, tuple[str, str, str]]:
    """rId -> (type, target, target mode) of a part's relationships."""
    try:
        root = part(data, name)
    except KeyError:
        return {}
    return {
        r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], r.get("Target"), r.get("TargetMode", ""))
        for r in root
    }


@dataclass
class Para:
    section: int
    style: str
    column: int | None  # the table column it sits in, if any
    num: str = ""  # "numId.level" of a list item
    langs: set[str] = field(default_factory=set)
    text: str = ""


def _is_mark(run: etree._Element) -> bool:
    style = run.find(f"{W}rPr/{W}rStyle")
    return style is not None and style.get(f"{W}val") == "FootnoteReference"


def paragraphs(data: bytes) -> tuple[list[Para], dict[str, int]]:
    """The body's paragraphs in order, note marks as ``[^n]``; and the number Word
    shows for each footnote id (counted in each section, as numRestart eachSect says)."""
    body = part(data, "word/document.xml").find(f"{W}body")
    out: list[Para] = []
    numbers: dict[str, int] = {}
    section, counter = 0, 0
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        cell = next((a for a in p.iterancestors(f"{W}tc")), None)
        column = None
        if cell is not None:
            column = [c for c in cell.getparent() if c.tag == f"{W}tc"].index(cell)
        para = Para(section, style.get(f"{W}val") if style is not None else "", column)
        num = p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            para.num = (
                f"{num.find(f'{W}numId').get(f'{W}val')}.{num.find(f'{W}ilvl').get(f'{W}val')}"
            )
        for node in p.iter(f"{W}r"):
            lang = node.find(f"{W}rPr/{W}lang")
            if lang is not None:
                para.langs.add(lang.get(f"{W}val"))
            reference = node.find(f"{W}footnoteReference")
            if reference is not None:
                counter += 1
                numbers[reference.get(f"{W}id")] = counter
                para.text += f"[^{counter}]"
                continue
            if _is_mark(node):
                para.text += "[^" + "".join(t.text or "" for t in node.iter(f"{W}t")) + "]"
                continue
            for child in node:
                if child.tag == f"{W}t":
                    para.text += child.text or ""
                elif child.tag == f"{W}br":
                    para.text += "\n"
                elif child.tag == f"{W}tab":
                    para.text += "\t"
        out.append(para)
        if p.find(f"{W}pPr/{W}sectPr") is not None:
            section, counter = section + 1, 0
    return out, numbers


def footnotes(data: bytes) -> dict[str, tuple[set[str], str]]:
    """Footnote id -> (languages, text) of the notes (separators left out)."""
    try:
        root = part(data, "word/footnotes.xml")
    except KeyError:
        return {}
    out = {}
    for note in root.findall(f"{W}footnote"):
        if note.get(f"{W}type") not in (None, "normal"):
            continue
        langs = {lang.get(f"{W}val") for lang in note.iter(f"{W}lang")}
        text = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
        out[note.get(f"{W}id")] = (langs, text)
    return out


def dump(data: bytes) -> str:
    """The document as text: one line per paragraph (section, column, style, language,
    text), then the footnotes with their numbers: what the golden files hold."""
    paras, numbers = paragraphs(data)
    lines = []
    for p in paras:
        column = f" c{p.column}" if p.column is not None else ""
        tags = ",".join(sorted(p.langs))
        text = p.text.replace("\n", " / ")
        item = f" #{p.num}" if p.num else ""
        lines.append(f"{p.section}{column} {p.style}{item} [{tags}] {text}".rstrip())
    for note_id, (langs, note) in footnotes(data).items():
        lines.append(f"footnote {numbers.get(note_id, '?')} [{','.join(sorted(langs))}] {note}")
    return "\n".join(lines) + "\n"
