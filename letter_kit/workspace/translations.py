"""What each translation of a letter was made from: its translation state.

For each translated paragraph (or one-line text) of a letter, letterkit records a
fingerprint of the source text it was translated from, with that text, and a
fingerprint of the translation. ``letterkit status`` compares them with the letter as
it is now: a translation whose source changed since is *stale*, and the source's old
text shows what changed. Only letterkit writes the record (``translate mark``,
``translate import``); people write the letter.

The record is kept beside the letter, in ``data/translations/<letter>.yaml``, not in
it: the letter file stays what people write and edit, and every
``data/letters/*.yaml`` is read as a letter. It is YAML with one entry per paragraph,
so that its diff shows which translations were recorded::

    source: en
    translations:
      vi:
        body.3:
          source: 5c1a0d3e9b2f7a44      # fingerprint of the en text
          translation: 0e8f1d2c3b4a5968 # fingerprint of the vi text
          text: Vietnam uses its laws to jail its critics ...
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import Field, ValidationError

from ..errors import DataError, Problem
from .fields import Lang
from .filetext import YamlLoadError
from .models import Record
from .records import DATA_DIR, Workspace
from .validation import problems_from
from .yamlsource import load_yaml

TRANSLATIONS_DIR = "translations"

Fingerprint = str


def fingerprint(text: str) -> Fingerprint:
    """A fingerprint of a text's words: the same for the same words however the lines
    are wrapped (16 hex digits of SHA-256)."""
    words = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


class Entry(Record):
    """What one translated block was made from."""

    source: str = Field(pattern=r"^[0-9a-f]{16}$", description="fingerprint of the source")
    translation: str = Field(pattern=r"^[0-9a-f]{16}$", description="of the translation")
    text: str = Field(description="the source text it was translated from")


class StateFile(Record):
    """The file ``data/translations/<letter>.yaml``."""

    source: Lang
    translations: dict[Lang, dict[str, Entry]] = Field(default_factory=dict)


@dataclass(frozen=True)
class TranslationState:
    """The translation state of one letter (empty if nothing was recorded yet)."""

    path: Path
    source: str | None = None  # the language the recorded sources are in
    translations: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def entries(self, lang: str, source: str) -> dict[str, Entry]:
        """What was recorded for ``lang``, if it was recorded against ``source``."""
        return self.translations.get(lang, {}) if self.source == source else {}


def state_path(root: Path, letter_id: str) -> Path:
    """Where the translation state of a letter is kept."""
    return root / DATA_DIR / TRANSLATIONS_DIR / f"{letter_id}.yaml"


def load_state(ws: Workspace, letter_id: str) -> TranslationState:
    """The letter's translation state; a file that is not as letterkit writes it is a
    :class:`DataError` at its line."""
    path = state_path(ws.root, letter_id)
    if not path.exists():
        return TranslationState(path)
    try:
        loaded = load_yaml(path)
    except YamlLoadError as exc:
        raise DataError([_rewrite(exc.problem, letter_id)]) from None
    try:
        state = StateFile.model_validate(loaded.data)
    except ValidationError as exc:
        raise DataError(
            [_rewrite(p, letter_id) for p in problems_from(exc, loaded, StateFile)]
        ) from None
    return TranslationState(path, state.source, {k: dict(v) for k, v in state.translations.items()})


def _rewrite(problem: Problem, letter_id: str) -> Problem:
    """A problem in the state file, with the hint that letterkit writes that file."""
    return replace(
        problem,
        hint=f"letterkit writes this file: delete it and run 'letterkit translate mark "
        f"{letter_id} -l LANG' to record the translations again",
    )
