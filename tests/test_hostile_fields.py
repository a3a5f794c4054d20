"""Data never becomes markup: every text field of every model, in every format.

The fields are found by walking the models, so a field added later is covered without
touching this test. Each text field of the example workspace gets a payload of markup
from every format letterkit writes (Markdown, GitHub and Pandoc extensions, HTML,
Typst, Jinja, citations) with a token of its own; every letter is drafted in md, html,
txt, pdf, eml and docx; wherever a field's token shows, its whole payload must show,
literally. A field the letters never print must be named below, with why.
"""

from __future__ import annotations

import email
import io
import re
import shutil
import types
import typing
import unicodedata
from collections.abc import Iterator
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args, get_origin
from urllib.parse import unquote

import docx
import pytest
from markdown_it import MarkdownIt
from pydantic import BaseModel, RootModel
from pydantic.functional_validators import BeforeValidator
from pypdf import PdfReader
from ruamel.yaml import YAML

from letter_kit import DataError, DraftOptions, draft, load_workspace
from letter_kit.workspace import fields
from letter_kit.workspace.collections import COLLECTIONS, LETTERS
from letter_kit.workspace.models import model_of

from .conftest import ROOT
from .docx_reading import footnotes

Path_ = tuple[str, ...]  # "*" stands for every item of a list, every value of a mapping

# Markup of every kind a writer could read: Markdown, GFM/Pandoc tables and images,
# entities, HTML, Typst, Jinja, letterkit's own citations and part markers.
PAYLOAD = (
    "*b* _i_ [l](https://evil.example/) ![x](https://evil.example/i.png) <u>h</u> "
    "&amp; |t| `c` $m$ ~s~ ^u^ @cite #h {{ 1 }} [@report] <!-- @body --> "
    '#read("/etc/hostname") \\ Nguyễn'
)
PROSE_PAYLOAD = "<script>bad()</script> ![x](https://evil.example/i.png)"
# Fields that letters do not print, and why.
NOT_PRINTED = {
    ("organizations", ("country",)): "data for the team (lists, sheets)",
    ("organizations", ("phone",)): "the press contact prints the person's phone first",
    ("organizations", ("short",)): "for matching near names",
    ("visits", ("occasion",)): "shown by 'letterkit visits'; 'new' makes a subject of it",
    ("recipients", ("salutation",)): "each letter here sets its own (letters.salutation)",
    ("sources", ("author", "*")): "sources.author as a list: this test sets it to one name, "
    "which prints through the same join",
    ("letters", ("addressing", "*", "address")): "the example addresses so only a copy, "
    "whose cc entry is its name and title (tests/test_shapes.py prints one)",
    ("letters", ("addressing", "*", "salutation")): "as addressing.address",
    ("letters", ("signatories", "entries", "*", "line")): "no example signer has a line "
    "of its own (tests/test_shapes.py prints one)",
}
# Fields that refer to other data and must keep their exact form.
REFERENCES = {("cases", ("charges", "*", "article"))}
# Fields set only where the example has them: added everywhere, they would hide others.
PRESENT_ONLY = {
    # a signer's own line replaces the title and affiliation letterkit writes
    ("letters", ("signatories", "entries", "*", "line")),
}


def _kind(annotation: Any) -> str | None:
    """``line``, ``lines``, ``text``, ``prose``, ``url``, ``email``, a nested model's
    name (``model``), or None for what is not free text."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a) for a in get_args(annotation) if a is not type(None)]
        return next((k for k in kinds if k), None)
    if origin is typing.Annotated:
        _base, *metadata = get_args(annotation)
        for item in metadata:
            func = getattr(item, "func", None)
            if isinstance(item, BeforeValidator) and func is fields._line:
                return "line"
            if isinstance(item, BeforeValidator) and func is fields._prose:
                return "prose"
            pattern = str(getattr(item, "pattern", "") or "")
            if pattern.startswith("^https?"):
                return "url"
            if "@" in pattern:
                return "email"
        return None
    if annotation is fields.Text:
        return "text"
    if annotation is fields.Lines:
        return "lines"
    if annotation is fields.Prose:
        return "prose"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None if issubclass(annotation, RootModel) else "model"
    return None


def _paths(model: type[BaseModel], prefix: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    for name, info in model.model_fields.items():
        yield from _annotation_paths(info.annotation, (*prefix, name))


def _annotation_paths(annotation: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for member in get_args(annotation):
            if member is not type(None):
                yield from _annotation_paths(member, path)
        return
    if origin in (list, dict):
        yield from _annotation_paths(get_args(annotation)[-1], (*path, "*"))
        return
    kind = _kind(annotation)
    if kind == "model":
        yield from _paths(annotation, path)
    elif kind is not None:
        yield path, kind


FIELDS = sorted(
    {(c.name, path): kind for c in COLLECTIONS for path, kind in _paths(model_of(c))}.items()
)
TEXT_FIELDS = [(key, kind) for key, kind in FIELDS if key not in REFERENCES]


def _value(kind: str, token: str) -> Any:
    if kind == "url":
        return f"https://evil.example/{token}/*b*_i_[l](x)"
    if kind == "email":
        return f"{token.lower()}.*b*@evil.example"
    if kind == "prose":
        return f"+{token} {PROSE_PAYLOAD}"
    if kind == "lines":
        return [f"{token} {PAYLOAD}", "a | b", ":-- | --:"]
    return f"{token} {PAYLOAD}"


def _appended(old: Any, addition: str) -> Any:
    """Prose with ``addition`` after it, in every language (so that the citations and
    figures of the prose, and with them the notes, stay)."""
    if isinstance(old, dict):
        return {lang: _appended(text, addition) for lang, text in old.items()}
    return f"{old}\n\n{addition}" if isinstance(old, str) else addition


def _set(node: Any, path: Path_, value: Any, *, add: bool = True) -> bool:
    """Set ``value`` at ``path`` in the YAML tree wherever the path exists (the last
    part may be missing: the field is then added, if ``add``). True if anything was set."""
    head, rest = path[0], path[1:]
    if head == "*" and not isinstance(node, list | dict):
        return False  # a field that is one text or a list of them, here one text
    if head == "*":
        items = range(len(node)) if isinstance(node, list) else list(node)
        return any([_set_at(node, key, rest, value, add) for key in items])  # noqa: C419  (set every one)
    if not isinstance(node, dict):
        return False
    return _set_at(node, head, rest, value, add)


def _set_at(node: Any, key: Any, rest: Path_, value: Any, add: bool) -> bool:
    if not rest and not add and not (isinstance(node, list) or key in node):
        return False
    if not rest:
        if isinstance(value, str) and value.startswith("+"):  # prose: append
            node[key] = _appended(node.get(key) if isinstance(node, dict) else node[key], value[1:])
        else:
            node[key] = value
        return True
    child = node[key] if (isinstance(node, list) or key in node) else None
    return child is not None and _set(child, rest, value, add=add)


def _mutate(workspace: Path, tokens: dict[tuple[str, Path_], str]) -> None:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    files = {c.name: workspace / "data" / f"{c.name}.yaml" for c in COLLECTIONS}
    for collection in COLLECTIONS:
        targets = (
            sorted((workspace / "data" / "letters").glob("*.yaml"))
            if collection.name == LETTERS
            else [files[collection.name]]
        )
        for file in targets:
            tree = yaml.load(file.read_text("utf-8"))
            records = [tree] if collection.name == LETTERS else list(tree.values())
            for (name, path), kind in TEXT_FIELDS:
                if name != collection.name or (name, path) not in tokens:
                    continue
                add = (name, path) not in PRESENT_ONLY
                for record in records:
                    _set(record, path, _value(kind, tokens[(name, path)]), add=add)
            out = io.StringIO()
            yaml.dump(tree, out)
            file.write_text(out.getvalue(), "utf-8")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html(markup: str) -> _Text:
    page = _Text()
    page.feed(markup)
    page.close()
    return page


_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _texts(
    ws_root: Path, letter: str
) -> dict[str, tuple[str, list[tuple[str, dict[str, str | None]]]]]:
    """Each format's visible text, and the HTML elements of those that have them."""
    ws = load_workspace(ws_root)
    out: dict[str, tuple[str, list[tuple[str, dict[str, str | None]]]]] = {}
    md = draft(ws, letter, DraftOptions(fmt="md")).decode()
    page = _html(_MARKDOWN.render(md))
    out["md"] = ("".join(page.parts), page.tags)
    page = _html(draft(ws, letter, DraftOptions(fmt="html")).decode())
    out["html"] = ("".join(page.parts), page.tags)
    out["txt"] = (draft(ws, letter, DraftOptions(fmt="txt")).decode(), [])
    message = email.message_from_bytes(
        draft(ws, letter, DraftOptions(fmt="eml")), policy=policy.default
    )
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    page = _html(rich.get_content())
    names = [
        f"{address.display_name} {address.addr_spec}"
        for header in ("From", "To", "Cc")
        if message[header] is not None
        for address in message[header].addresses
    ]
    headers = " ".join([*names, str(message["Subject"])])
    out["eml"] = (headers + "\n" + plain.get_content() + "\n" + "".join(page.parts), page.tags)
    reader = PdfReader(io.BytesIO(draft(ws, letter, DraftOptions(fmt="pdf"))))
    out["pdf"] = ("\n".join(p.extract_text() for p in reader.pages), [])
    data = draft(ws, letter, DraftOptions(fmt="docx"))
    word = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    notes = "\n".join(text for _, text in footnotes(data).values())
    out["docx"] = (body + "\n" + cells + "\n" + notes, [])
    return out


def _shown(text: str, squeezed: str) -> bool:
    """Whether ``text`` is in the squeezed output as it is, or in capitals (a press
    release's dateline sets its place so)."""
    return _squeezed(text) in squeezed or _squeezed(text.upper()) in squeezed


# The quotation marks letterkit sets in place of straight quotes (its typography, the
# same in every format), read back as the straight quotes the data holds.
_TYPESET_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _squeezed(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").translate(_TYPESET_QUOTES)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def drafted(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[tuple[str, Path_], str], dict[str, dict[str, Any]], set[tuple[str, Path_]]]:
    """The example workspace with a payload in every text field, drafted in every
    format. Fields whose payload the data rules refuse (with a located problem) are
    put back as they were, and named."""
    root = tmp_path_factory.mktemp("hostile")
    tokens = {key: f"Z{number:03d}Z" for number, (key, _) in enumerate(TEXT_FIELDS)}
    refused: set[tuple[str, Path_]] = set()
    for _ in range(5):
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "assets", root / "assets")
        _mutate(root, {k: v for k, v in tokens.items() if k not in refused})
        try:
            letters = sorted(load_workspace(root).letters)
            results = {letter: _texts(root, letter) for letter in letters}
        except DataError as exc:
            found = {
                k for k, token in tokens.items() if any(token in p.format() for p in exc.problems)
            }
            assert all(p.file is not None and p.line is not None for p in exc.problems), (
                exc.report()
            )
            assert found, exc.report()
            refused |= found
            continue
        return tokens, results, refused
    raise AssertionError(f"still refused after five rounds: {sorted(refused)}")


def test_every_text_field_is_found_in_the_models() -> None:
    kinds = dict(TEXT_FIELDS)
    assert kinds[("facts", ("locator",))] == "line"
    assert kinds[("recipients", ("address",))] == "lines"
    assert kinds[("letters", ("body",))] == "prose"
    assert kinds[("letters", ("demands", "intro"))] == "prose"
    assert kinds[("laws", ("articles", "*"))] == "text"
    assert len(TEXT_FIELDS) > 40


def test_text_fields_print_literally_in_every_format(drafted: Any) -> None:
    tokens, results, refused = drafted
    printed: set[tuple[str, Path_]] = set()
    kinds = dict(TEXT_FIELDS)
    for letter, formats in results.items():
        for fmt, (text, _tags) in formats.items():
            squeezed = _squeezed(text)
            for key, token in tokens.items():
                seen = text.replace("\u00ad", "")
                if key in refused or (token not in seen and token.lower() not in seen):
                    continue
                printed.add(key)
                if kinds[key] == "prose":
                    continue  # Markdown by design; see the next test
                expected = _value(kinds[key], token)
                lines = expected if isinstance(expected, list) else [expected]
                for line in lines:
                    if kinds[key] == "url" and not _shown(line, squeezed):
                        line = line.split("://", 1)[1]  # a letterhead shows a site without it
                    if fmt == "pdf":
                        # Text taken from a PDF can interleave cells set side by side;
                        # each word must still be there, whole (markup read as markup
                        # would lose its characters: *b* its stars, [l](...) its brackets).
                        for word in line.split():
                            assert _shown(word, squeezed), (letter, fmt, key, word)
                    else:
                        assert _shown(line, squeezed), (letter, fmt, key)
    missing = {k for k, kind in TEXT_FIELDS if k not in printed and k not in refused}
    assert missing == set(NOT_PRINTED), sorted(missing ^ set(NOT_PRINTED))


def test_markup_in_data_makes_no_element(drafted: Any) -> None:
    """No image, table, script or strikethrough comes out of the data, and every link
    leads to an address the data gives as an address."""
    tokens, results, _ = drafted
    urls = {_value("url", token) for (_, _), token in tokens.items()}
    for letter, formats in results.items():
        for fmt, (_text, tags) in formats.items():
            names = {tag for tag, _ in tags}
            assert not names & {"table", "script", "del", "s", "u"}, (letter, fmt, names)
            for tag, attrs in tags:  # the only images: the logos of assets/, in the page
                if tag == "img":
                    assert (attrs.get("src") or "").startswith(
                        ("data:image/", "cid:", "assets/")
                    ), attrs
            for tag, attrs in tags:
                href = unquote(attrs.get("href") or "")
                if tag == "a" and "evil.example" in href:
                    # a link written in prose by its author, or a source's own address
                    assert href in urls or href in (
                        "https://evil.example/",
                        "https://evil.example/i.png",
                    ), (letter, fmt, href)
