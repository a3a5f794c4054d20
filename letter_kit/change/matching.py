"""Telling names apart: exact matches and near-duplicates.

A cosigner reaches a campaign through emails, calls and forms, each spelling its name
a little differently: "Viet Tan", "Việt Tân", "VIET TAN", "Viet  Tan", the short name,
"Amnesty Intl" for "Amnesty International", "Reporters Without Borders" for
"Reporters Without Borders (RSF)". Exactly the same name is the same signer. A name
that differs only in case, spacing, punctuation or diacritics, that is another
organisation's short name, or whose words are all found in a known name (spelt
nearly the same, or abbreviated) is probably the same signer, and a person should
decide. Names that differ by a word of their own ("ACAT France", "ACAT Belgium";
"Trần Thị Lan", "Trần Thị Hân") are different signers.
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


# Words that say nothing about who a name is. Few: "Van", "Le", "La", "A" and "An" are
# parts of Vietnamese names ("Văn", "Lê").
_STOP_WORDS = frozenset(["the", "of", "for", "and", "va", "cua"])  # và, của
_ABBREVIATION = 3  # shortest abbreviation recognised ("intl" for "international")
_SPELLING = 0.8  # two words this similar (Levenshtein) are one word misspelt


@lru_cache(maxsize=8192)
def _tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in words(name) if w not in _STOP_WORDS)


def _same_word(a: str, b: str) -> bool:
    """One word, misspelt ("borders", "boarders") or abbreviated ("intl", "international")."""
    from rapidfuzz.distance import LCSseq, Levenshtein

    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and Levenshtein.normalized_similarity(a, b) >= _SPELLING:
        return True
    short, long = sorted((a, b), key=len)
    return (
        len(short) >= _ABBREVIATION
        and short[0] == long[0]
        and not short.isdigit()
        and LCSseq.similarity(short, long) == len(short)  # its letters, in order
    )


def near(a: str, b: str) -> bool:
    """Whether two names probably name the same signer (see the module's description).

    Every word of the shorter name must be a word of the longer one, spelt nearly the
    same or abbreviated; a one-word name only matches a name of at most two words.
    """
    x, y = _tokens(a), _tokens(b)
    small, large = sorted((x, y), key=len)
    if not small or (len(small) == 1 and len(large) > 2):
        return False
    if small <= large:
        return True
    rest = large - small
    return all(word in large or any(_same_word(word, o) for o in rest) for word in small)


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
    once case, spacing, punctuation and diacritics are set aside; failing that, the
    first whose name is :func:`near` it.
    """
    folded: Known | None = None
    fuzzy: Known | None = None
    key = fold(name)
    for signer in known:
        if any(same(name, other) for other in signer.names):
            return "exact", signer
        if folded is None and key and any(fold(o) == key for o in (*signer.names, *signer.aliases)):
            folded = signer
        if fuzzy is None and folded is None and any(near(name, o) for o in signer.names):
            fuzzy = signer
    found = folded or fuzzy
    return ("near", found) if found is not None else None


@dataclass(frozen=True)
class NewSigner:
    """A signer named on the command line or in a sheet, perhaps not in the data yet."""

    org: str | None = None
    org_vi: str | None = None
    person: str | None = None
    person_vi: str | None = None
    title: str | None = None
    title_vi: str | None = None
    affiliation: str | None = None
    affiliation_vi: str | None = None
    email: str | None = None
    country: str | None = None
    website: str | None = None

    @property
    def label(self) -> str:
        """How the signer is named in messages."""
        if self.org and self.person:
            return f"{self.person} ({self.org})"
        return self.org or self.person or "?"
