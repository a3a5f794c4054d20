"""Telling names apart: exact matches, near-duplicates, and ids made from names.

A cosigner reaches a campaign through emails, calls and forms, each spelling its name
a little differently: "Viet Tan", "Việt Tân", "VIET TAN", "Viet  Tan", or just the
short name. Exactly the same name is the same signer. A name that differs only in
case, spacing, punctuation or diacritics, or that is another organisation's short
name, is probably the same signer, and a person should decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..text import clean_line, words


@lru_cache(maxsize=8192)  # every known name is folded again for each name looked up
def fold(name: str) -> str:
    """The name without case, diacritics, punctuation or spacing: ``Việt Tân`` -> ``viettan``."""
    return "".join(words(name))


@lru_cache(maxsize=8192)
def _cleaned(name: str) -> str:
    return clean_line(name)


def same(a: str, b: str) -> bool:
    """Exactly the same name once normalised (NFC, trimmed, spaces collapsed)."""
    return _cleaned(a) == _cleaned(b)


@dataclass(frozen=True)
class Known:
    """A signer already known: its id, its names (in every language) and its short names."""

    id: str
    names: tuple[str, ...]
    label: str  # how it is shown in messages
    aliases: tuple[str, ...] = ()


def find_match(name: str, known: Iterable[Known]) -> tuple[str, Known] | None:
    """``("exact", signer)`` or ``("near", signer)`` for the known signer ``name`` matches.

    Exact: one of its names, once normalised. Near: one of its names or short names
    once case, spacing, punctuation and diacritics are set aside.
    """
    near: Known | None = None
    key = fold(name)
    for signer in known:
        if any(same(name, other) for other in signer.names):
            return "exact", signer
        if near is None and key and any(fold(o) == key for o in (*signer.names, *signer.aliases)):
            near = signer
    return ("near", near) if near is not None else None


@dataclass(frozen=True)
class NewSigner:
    """A signer named on the command line or in a sheet, perhaps not in the data yet."""

    org: str | None = None
    org_vi: str | None = None
    person: str | None = None
    title: str | None = None
    affiliation: str | None = None
    email: str | None = None
    country: str | None = None
    website: str | None = None

    @property
    def label(self) -> str:
        """How the signer is named in messages."""
        if self.org and self.person:
            return f"{self.person} ({self.org})"
        return self.org or self.person or "?"
