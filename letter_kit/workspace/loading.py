"""A workspace: the folder of YAML data and templates a campaign lives in.

:func:`load_workspace` reads every file, validates it, cross-checks references and
translations, and either returns a :class:`Workspace` or raises one
:class:`~letter_kit.errors.DataError` that lists every problem found, each with its
file, line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataError, MissingInputError, Problem
from ..parallel import fork_map, paused_collector
from . import crosscheck
from .example import builtin_templates
from .models import (
    DATA_FILES,
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
from .validation import field_name, problems_from
from .yamlsource import YamlFile, YamlLoadError, from_cache, parse_and_keep, read_text

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


def load_workspace(path: Path) -> Workspace:
    """Read, validate and cross-check the workspace at ``path``."""
    # Loading makes many objects that all live on: the cycle collector would walk
    # them again and again, and find nothing to free.
    with paused_collector():
        return _load_workspace(path)


def _load_workspace(path: Path) -> Workspace:
    data_dir = path / DATA_DIR
    if not data_dir.is_dir():
        raise MissingInputError(
            f"{path} is not a letterkit workspace: it has no '{DATA_DIR}' folder",
            hint="run 'letterkit init FOLDER' to create one, or pass --workspace",
        )
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    records: dict[str, dict[str, Any]] = {}
    letter_files = sorted((data_dir / LETTERS_DIR).glob("*.yaml"))
    data_files = [data_dir / f"{name}.yaml" for name in DATA_FILES]
    parsed = _parse_all([f for f in data_files if f.exists()] + letter_files)
    # Ids present in the files, valid or not: a reference to a record that failed
    # validation is not reported a second time as "unknown". None: the file could
    # not be read at all, so references into it are not checked.
    known: dict[str, set[str] | None] = {}

    for name, model in DATA_FILES.items():
        records[name] = {}
        known[name] = set()
        file = data_dir / f"{name}.yaml"
        if not file.exists():
            continue
        loaded = _loaded(parsed[file], problems)
        if loaded is None:
            known[name] = None
            continue
        files[name] = loaded
        if loaded.data is None:
            continue
        if not isinstance(loaded.data, dict):
            known[name] = None
            problems.append(
                Problem(
                    f"expected a mapping of id to {name} record",
                    file,
                    1,
                    1,
                    hint="each entry starts with its id at the left margin, e.g. 'some-id:'",
                )
            )
            continue
        known[name] = set(loaded.data)
        for record_id, raw in loaded.data.items():
            if not crosscheck.valid_id(record_id):
                line, column = loaded.locate_key([record_id])
                problems.append(
                    Problem(
                        f"'{record_id}' is not a valid id",
                        file,
                        line,
                        column,
                        hint="use lowercase letters, digits and hyphens, e.g. 'viet-tan'",
                    )
                )
                continue
            try:
                records[name][record_id] = model.model_validate(raw)
            except ValidationError as exc:
                problems.extend(problems_from(exc, loaded, model, (record_id,)))

    letters: dict[str, Letter] = {}
    letter_ids: set[str] = set()
    known["letters"] = letter_ids
    for file in letter_files:
        loaded = _loaded(parsed[file], problems)
        if loaded is None:
            continue
        key = f"{LETTERS_DIR}/{file.stem}"
        files[key] = loaded
        letter_ids.add(file.stem)
        if not crosscheck.valid_id(file.stem):
            problems.append(
                Problem(
                    f"'{file.stem}' is not a valid letter id",
                    file,
                    hint="rename the file: lowercase letters, digits and hyphens, "
                    "e.g. harris-2021.yaml",
                )
            )
            continue
        try:
            letters[file.stem] = Letter.model_validate(loaded.data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, loaded, Letter))

    workspace = Workspace(root=path, letters=letters, files=files, **records)
    problems.extend(crosscheck.check(workspace, known))
    if problems:
        raise DataError(sorted(problems, key=_order))
    return workspace


def _parse(item: tuple[Path, str]) -> YamlFile | Problem:
    try:
        return parse_and_keep(*item)
    except YamlLoadError as exc:
        return exc.problem


# Below this many characters of YAML, starting workers costs more than it saves.
PARALLEL_CHARS = 256 * 1024


def _parse_all(files: list[Path]) -> dict[Path, YamlFile | Problem]:
    """Every file parsed (or the problem that stopped it): the unchanged ones from the
    cache, the others on every core if there is enough YAML to pay for the workers."""
    done: dict[Path, YamlFile | Problem] = {}
    rest: list[tuple[Path, str]] = []
    for file in files:
        try:
            text = read_text(file)
        except YamlLoadError as exc:
            done[file] = exc.problem
            continue
        hit = from_cache(file, text)
        if hit is not None:
            done[file] = hit
        else:
            rest.append((file, text))
    if sum(len(text) for _, text in rest) < PARALLEL_CHARS:
        done.update((file, _parse((file, text))) for file, text in rest)
    else:
        rest.sort(key=lambda item: len(item[1]), reverse=True)  # even out the work
        parsed = fork_map(_parse, rest, chunk=1)
        done.update(zip((file for file, _ in rest), parsed, strict=True))
    return {f: done[f] for f in files}


def _loaded(result: YamlFile | Problem, problems: list[Problem]) -> YamlFile | None:
    if isinstance(result, Problem):
        problems.append(result)
        return None
    return result


def _order(problem: Problem) -> tuple[str, int, int]:
    return (str(problem.file or ""), problem.line or 0, problem.column or 0)
