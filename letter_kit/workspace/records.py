"""A loaded workspace: the validated records of a campaign folder, and where they came from.

:class:`Workspace` is what every later stage reads. It is made by
:func:`letter_kit.workspace.loading.load_workspace`, which validates and cross-checks
everything first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import DataError, MissingInputError, Problem
from .collections import COLLECTIONS, LETTERS
from .config import Config, Defaults
from .example import builtin_templates
from .fields import MissingText, _PerLanguage, gaps_collected
from .models import (
    Case,
    Demand,
    Fact,
    Law,
    Letter,
    Organization,
    Person,
    Recipient,
    Signatories,
    Source,
    Visit,
)
from .validation import field_name
from .yamlsource import YamlFile

DATA_DIR = "data"
LETTERS_DIR = "letters"
TEMPLATES_DIR = "templates"


@dataclass(frozen=True)
class Workspace:
    """Validated, cross-checked workspace data."""

    root: Path
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    recipients: dict[str, Recipient] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    laws: dict[str, Law] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    demands: dict[str, Demand] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    letters: dict[str, Letter] = field(default_factory=dict)
    files: dict[str, YamlFile] = field(default_factory=dict, repr=False)
    config: Config = field(default_factory=Config, repr=False)
    """``letterkit.toml``."""
    set_aside: tuple[Problem, ...] = field(default=(), repr=False)
    """Problems of records this workspace was not loaded for, left aside (see
    :meth:`letter_kit.workspace.loaded.LoadedWorkspace.for_letters`)."""

    def records(self, collection: str) -> dict[str, Any]:
        """The records of one collection (see :mod:`.collections`), by id."""
        records: dict[str, Any] = getattr(self, collection)
        return records

    @property
    def defaults(self) -> Defaults:
        """``[defaults]`` of ``letterkit.toml``: what commands do unless told otherwise."""
        return self.config.settings.defaults

    @property
    def data_dir(self) -> Path:
        """The folder of YAML files."""
        return self.root / DATA_DIR

    def template_dirs(self) -> list[Path]:
        """Where templates are looked up: the workspace's own, then the built-in ones."""
        own = self.root / TEMPLATES_DIR
        builtin = builtin_templates()
        return [own, builtin] if own.resolve() != builtin.resolve() else [own]

    def template(self, name: str) -> Path | None:
        """The file ``templates/<name>``: the workspace's own, else the built-in one."""
        for folder in self.template_dirs():
            if (folder / name).is_file():
                return folder / name
        return None

    def announced(self, letter: Letter) -> Letter | None:
        """The letter a press release is about, if it names one that exists."""
        return self.letters.get(letter.about) if letter.about else None

    def signatories_of(self, letter: Letter) -> Signatories:
        """The letter's signatories, or those of the letter it announces."""
        if letter.signatories is not None:
            return letter.signatories
        about = self.announced(letter)
        if about is not None and about.signatories is not None:
            return about.signatories
        return Signatories.model_construct(order="as-listed", entries=[])

    def recipients_of(self, letter: Letter) -> list[str]:
        """Who the letter is to: its recipients, then the members of its groups (in the
        order of recipients.yaml), each once; a press release's are its letter's."""
        about = self.announced(letter)
        if about is not None and not (letter.recipients or letter.groups):
            return self.recipients_of(about)
        members = [rid for group in letter.groups for rid in self.group(group)]
        return list(dict.fromkeys([*letter.recipients, *members]))

    def group(self, name: str) -> list[str]:
        """The recipients in a group."""
        return [rid for rid, r in self.recipients.items() if name in r.groups]

    def letter(self, letter_id: str) -> Letter:
        """The letter with this id, or a :class:`MissingInputError` naming the close ones."""
        try:
            return self.letters[letter_id]
        except KeyError:
            raise MissingInputError(
                f"no letter '{letter_id}' in {self.data_dir / LETTERS_DIR}",
                hint=_suggest(letter_id, self.letters, "letterkit list letters"),
            ) from None

    def file_key(self, letter_id: str) -> str:
        """Key of a letter's file in :attr:`files`."""
        return f"{LETTERS_DIR}/{letter_id}"

    def where(self, value: object) -> tuple[str, tuple[str | int, ...]] | None:
        """The file key and place of a value the records hold (found by identity)."""
        for collection in COLLECTIONS:
            for record_id, record in self.records(collection.name).items():
                start: tuple[str | int, ...] = () if collection.name == LETTERS else (record_id,)
                file = self.file_key(record_id) if collection.name == LETTERS else collection.name
                loc = _find(record, value, start)
                if loc is not None:
                    return file, loc
        return None

    @contextmanager
    def texts(self, letter_id: str | None = None) -> Iterator[None]:
        """Read texts in some language inside: every one that has no version in it is
        collected, and on leaving they are raised together as one :class:`DataError`,
        each at its place (``letter_id`` names the letter that needed them)."""
        with gaps_collected() as gaps:
            yield
        if gaps:
            raise DataError([self._gap(text, lang, letter_id) for text, lang in gaps])

    def _gap(self, text: _PerLanguage, lang: str, letter_id: str | None) -> Problem:
        found = self.where(text)
        if found is None:  # a text the records do not hold: made by letterkit itself
            raise MissingText(text, lang)
        file, loc = found
        name = field_name(loc)
        if letter_id is None:
            return self.problem(
                file, loc, f"no '{lang}' text", hint=f"add a '{lang}:' entry under {name}"
            )
        return self.problem(
            file,
            loc,
            f"no '{lang}' text, but letter '{letter_id}' is written in '{lang}'",
            hint=f"add a '{lang}:' entry under {name}, "
            f"or remove '{lang}' from the languages of {letter_id}",
        )

    def problem(
        self,
        file_key: str,
        loc: Sequence[str | int],
        message: str,
        *,
        hint: str | None = None,
        offset: int | None = None,
    ) -> Problem:
        """A problem placed at ``loc`` in one of the workspace's files."""
        source = self.files[file_key]
        line, column = source.locate(loc, offset=offset)
        return Problem(message, source.path, line, column, field_name(loc), hint)


def _suggest(name: str, known: dict[str, Any], command: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=3)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return f"'{command}' shows what there is"


def find_workspace(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``data`` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DATA_DIR).is_dir():
            return folder
    return None


def _find(node: object, value: object, loc: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """Where ``value`` is inside ``node`` (a model, list or mapping), by identity."""
    if node is value:
        return loc
    if isinstance(node, BaseModel) and not isinstance(node, _PerLanguage):
        for name in type(node).model_fields:
            found = _find(getattr(node, name), value, (*loc, name))
            if found is not None:
                return found
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found = _find(item, value, (*loc, index))
            if found is not None:
                return found
    elif isinstance(node, dict):
        for key, item in node.items():
            found = _find(item, value, (*loc, key))
            if found is not None:
                return found
    return None
