"""CSL-JSON, the format Zotero, Mendeley and most reference managers export, and sources.

One item of CSL-JSON is one source. How their fields correspond:

======================  ===========================================================
CSL-JSON                ``sources.yaml``
======================  ===========================================================
``citation-key``/``id`` the source's id (folded to lowercase letters, digits, hyphens)
``type``                ``kind`` (see :data:`KIND_OF_TYPE`; ``web`` for any other type)
``title``               ``title``
``author``              ``author``: one name, or a list of names
``publisher``           ``publisher``
``container-title``     ``container``: the journal, newspaper, website or book
``issued``              ``date``: a day, a month or a year
``URL`` (or ``DOI``)    ``url`` (a DOI becomes its https://doi.org/ address)
``accessed``            ``accessed``
``language``            the language of the item's texts
======================  ===========================================================

A CSL-JSON text is in one language; a source's texts may differ by language. Reading,
the item's texts are that language's; writing, they are taken in the language asked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from .fields import ID_PATTERN, MAX_ID_LENGTH
from .models import Source, SourceKind

KIND_OF_TYPE: dict[str, SourceKind] = {
    **dict.fromkeys(("report", "pamphlet"), "report"),
    **dict.fromkeys(
        ("article", "article-journal", "article-magazine", "article-newspaper", "post",
         "post-weblog", "chapter", "entry", "entry-dictionary", "entry-encyclopedia",
         "paper-conference", "review", "review-book", "interview"),
        "article",
    ),
    **dict.fromkeys(("document", "speech", "personal_communication"), "statement"),
    **dict.fromkeys(
        ("legislation", "bill", "regulation", "treaty", "legal_case", "hearing"), "law"
    ),
    **dict.fromkeys(
        ("book", "thesis", "manuscript", "classic", "collection", "periodical", "standard"),
        "book",
    ),
    "dataset": "index",
    "webpage": "web",
}  # fmt: skip
TYPE_OF_KIND: dict[SourceKind, str] = {
    "report": "report",
    "article": "article",
    "statement": "document",
    "law": "legislation",
    "book": "book",
    "web": "webpage",
    "index": "dataset",
}
FIELDS = ("kind", "title", "author", "publisher", "container", "date", "url", "accessed")
# The CSL-JSON key each field of a source comes from, to place a problem.
CSL_KEY = {"kind": "type", "title": "title", "author": "author", "publisher": "publisher",
           "container": "container-title", "date": "issued", "url": "URL",
           "accessed": "accessed"}  # fmt: skip

_ID = re.compile(ID_PATTERN)
_NOT_ID = re.compile(r"[^a-z0-9]+")
_PARTIAL = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class CslProblem(ValueError):
    """What is wrong with an item, and at which of its keys (None: the item itself)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


def item_id(item: dict[str, Any]) -> str:
    """The source id of an item: its citation key (or id), folded into an id."""
    raw = item.get("citation-key", item.get("id"))
    key = "citation-key" if "citation-key" in item else "id"
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str) or not raw.strip():
        raise CslProblem("the item has no citation key ('citation-key' or 'id')", key)
    if "://" in raw:
        raise CslProblem(
            f"'{raw}' is an address, not a citation key: export the library with citation "
            "keys (Zotero: Better BibTeX), or give the item a 'citation-key'",
            key,
        )
    folded = raw if _ID.match(raw) else _NOT_ID.sub("-", raw.lower()).strip("-")
    if not folded or len(folded) > MAX_ID_LENGTH:
        raise CslProblem(f"'{raw}' cannot be made an id of at most {MAX_ID_LENGTH} characters", key)
    return folded


def language_of(item: dict[str, Any], default: str) -> str:
    """The language of an item's texts (``en-US`` -> ``en``), or ``default``."""
    value = item.get("language")
    if isinstance(value, str) and re.match(r"^[A-Za-z]{2,3}(?:[-_]|$)", value):
        return re.split(r"[-_]", value)[0].lower()
    return default


def record_of(item: dict[str, Any], lang: str) -> dict[str, Any]:
    """The fields of the source an item describes, as YAML values, in :data:`FIELDS`
    order; raise :class:`CslProblem` for what cannot be read."""
    record: dict[str, Any] = {"kind": KIND_OF_TYPE.get(str(item.get("type", "")), "web")}
    record["title"] = _text(item, "title", required=True)
    names = [_name(name) for name in _list(item, "author")]
    if names:
        record["author"] = names[0] if len(names) == 1 else names
    for field in ("publisher", "container"):
        value = _text(item, CSL_KEY[field])
        if value is not None:
            record[field] = value
    issued = _date(item, "issued")
    if issued is not None:
        record["date"] = issued
    url = item.get("URL")
    if url is None and isinstance(item.get("DOI"), str):
        url = "https://doi.org/" + item["DOI"].removeprefix("https://doi.org/")
    if url is not None:
        record["url"] = _string(url, "URL")
    accessed = _date(item, "accessed")
    if accessed is not None:
        if accessed.count("-") != 2:
            raise CslProblem(f"accessed '{accessed}' is not a whole date", "accessed")
        record["accessed"] = accessed
    return record


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise CslProblem(f"'{key}' must be text", key)
    return value


def _text(item: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CslProblem(f"the item has no '{key}'", None)
        return None
    return " ".join(_string(value, key).split())


def _list(item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key, [])
    if not isinstance(value, list):
        raise CslProblem(f"'{key}' must be a list of names", key)
    return value


def _name(name: Any) -> str:
    """A CSL name as it is written: ``Given Family``, or ``Family Given`` when the name
    says so (``static-ordering``, as CSL processors read it); a ``literal`` name, as a
    reference manager keeps a name in one field (``Nguyễn Văn An``), as it is."""
    if not isinstance(name, dict):
        raise CslProblem('each author must be a name: {"family": ..., "given": ...}', "author")
    if isinstance(name.get("literal"), str):
        return " ".join(name["literal"].split())
    parts = {k: name.get(k) for k in ("given", "dropping-particle", "non-dropping-particle",
                                      "family", "suffix")}  # fmt: skip
    if not all(v is None or isinstance(v, str) for v in parts.values()) or not (
        parts["family"] or parts["given"]
    ):
        raise CslProblem("an author has neither a family nor a given name", "author")
    family = " ".join(p for p in (parts["non-dropping-particle"], parts["family"]) if p)
    given = " ".join(p for p in (parts["given"], parts["dropping-particle"]) if p)
    first = bool(name.get("static-ordering"))
    text = " ".join(p for p in ((family, given) if first else (given, family)) if p)
    if parts["suffix"]:
        text += f", {parts['suffix']}"
    return " ".join(text.split())


def _date(item: dict[str, Any], key: str) -> str | None:
    """A CSL date as ``2021``, ``2021-05`` or ``2021-05-31``."""
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, dict) and "date-parts" in value:
        parts = value["date-parts"]
        if not isinstance(parts, list) or len(parts) != 1 or not isinstance(parts[0], list):
            raise CslProblem(f"'{key}' must be one date (a range cannot be a source's date)", key)
        numbers = [int(p) if isinstance(p, str) and p.isdigit() else p for p in parts[0]]
        if not 1 <= len(numbers) <= 3 or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in numbers
        ):
            raise CslProblem(f"'{key}' has no year, month and day that can be read", key)
        text = f"{numbers[0]:04d}" + "".join(f"-{p:02d}" for p in numbers[1:])
    elif isinstance(value, dict) and isinstance(value.get("raw"), str):
        text = value["raw"].strip()
    else:
        raise CslProblem(f"'{key}' must be a date: {{\"date-parts\": [[2021, 5, 31]]}}", key)
    if not _PARTIAL.match(text):
        raise CslProblem(f"'{key}' ({text}) is not a date letterkit can read", key)
    return text


def item_of(source_id: str, source: Source, lang: str) -> dict[str, Any]:
    """The CSL-JSON item of a source, its texts in ``lang`` (or, lacking it, another)."""
    item: dict[str, Any] = {"id": source_id, "type": TYPE_OF_KIND[source.kind]}
    item["title"] = source.title.text_or_any(lang)
    if source.author is not None:
        names = source.author if isinstance(source.author, list) else [
            source.author.text_or_any(lang)]  # fmt: skip
        item["author"] = [{"literal": name} for name in names]
    if source.publisher is not None:
        item["publisher"] = source.publisher.text_or_any(lang)
    if source.container is not None:
        item["container-title"] = source.container.text_or_any(lang)
    if source.date is not None:
        item["issued"] = {"date-parts": [[int(p) for p in source.date.split("-")]]}
    if source.url is not None:
        item["URL"] = source.url
    if source.accessed is not None:
        day = source.accessed
        item["accessed"] = {"date-parts": [[day.year, day.month, day.day]]}
    item["language"] = lang
    return item


def export_items(sources: Mapping[str, Source], lang: str) -> str:
    """The sources as a CSL-JSON file, in their order, texts in ``lang``."""
    items = [item_of(source_id, source, lang) for source_id, source in sources.items()]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
