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

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..text import clean_line, words


@lru_cache(maxsize=8192)
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


class Directory:
    """Known signers, indexed so that looking a name up does not compare it with every
    known name.

    Exact and folded names are keys of a table. A name :func:`near` another shares
    words with it: every word of the shorter name is a word of the longer one, or
    :func:`_same_word` as one. So only two kinds of known names are compared: those
    with a word like each word of the name looked up, and those whose every word is
    like one of its words.
    """

    def __init__(self, known: Iterable[Known] = ()) -> None:
        self.signers: list[Known] = []
        self._exact: dict[str, int] = {}  # a name, once normalised: its first signer
        self._folded: dict[str, int] = {}  # the same, folded (names and short names)
        self._names: list[tuple[int, str, frozenset[str]]] = []  # signer, name, its words
        self._words: dict[str, list[int]] = {}  # a word: the names (in _names) holding it
        self._vocabulary: list[str] = []  # every word of _words, for rapidfuzz to scan
        self._initials: dict[str, list[str]] = {}  # the words that start with each letter
        for signer in known:
            self.add(signer)

    def add(self, signer: Known) -> None:
        """Know one more signer (after the others: an earlier one wins a tie)."""
        number = len(self.signers)
        self.signers.append(signer)
        for name in signer.names:
            self._exact.setdefault(_cleaned(name), number)
            split = words(name)
            if split:
                self._folded.setdefault("".join(split), number)
            tokens = frozenset(w for w in split if w not in _STOP_WORDS)
            for word in tokens:
                if word not in self._words:
                    self._words[word] = []
                    self._vocabulary.append(word)
                    self._initials.setdefault(word[0], []).append(word)
                self._words[word].append(len(self._names))
            self._names.append((number, name, tokens))
        for alias in signer.aliases:
            key = fold(alias)
            if key:
                self._folded.setdefault(key, number)

    def find(self, name: str) -> tuple[str, Known] | None:
        """``("exact", signer)`` or ``("near", signer)`` for the known signer ``name``
        matches, as :func:`find_match` says."""
        found = self._exact.get(_cleaned(name))
        if found is not None:
            return "exact", self.signers[found]
        key = fold(name)
        found = self._folded.get(key) if key else None
        if found is None:
            found = next((self._names[i][0] for i in self._near(name)
                          if near(name, self._names[i][1])), None)  # fmt: skip
        return ("near", self.signers[found]) if found is not None else None

    def _near(self, name: str) -> list[int]:
        """The known names that may be :func:`near` ``name``, in the order of _names."""
        alike = [{word, *self._same_words(word)} for word in _tokens(name)]
        if not alike:
            return []
        holding = [{i for w in words_ for i in self._words.get(w, ())} for words_ in alike]
        every = set.intersection(*holding)  # a word like each of its words
        counts = Counter(i for w in set.union(*alike) for i in self._words.get(w, ()))
        within = {i for i, count in counts.items() if count == len(self._names[i][2])}
        return sorted(every | within)

    def _same_words(self, word: str) -> list[str]:
        """The known words :func:`_same_word` as ``word``: misspelt (found by rapidfuzz in
        one pass over them all) or abbreviated (among those of the same first letter)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        found = [w for w in self._initials.get(word[0], ()) if _same_word(word, w)]
        if len(word) >= 4:
            # A little below the bar: the scan rounds otherwise than _same_word does.
            misspelt = process.extract(word, self._vocabulary, limit=None,
                                       scorer=Levenshtein.normalized_similarity,
                                       score_cutoff=_SPELLING - 0.05)  # fmt: skip
            found += [w for w, _, _ in misspelt if _same_word(word, w)]
        return found


def find_match(name: str, known: Iterable[Known]) -> tuple[str, Known] | None:
    """``("exact", signer)`` or ``("near", signer)`` for the known signer ``name`` matches.

    Exact: one of its names, once normalised. Near: one of its names or short names
    once case, spacing, punctuation and diacritics are set aside; failing that, the
    first whose name is :func:`near` it. (To look up many names, make a
    :class:`Directory` once.)
    """
    return Directory(known).find(name)


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
