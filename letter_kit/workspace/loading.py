"""Loading a workspace: every file read, validated and cross-checked at once.

:func:`read_workspace` reads every file, validates it and cross-checks references and
returns a :class:`~letter_kit.workspace.loaded.LoadedWorkspace`: the valid records,
every problem found (each with its file, line and column) and what each problem
touches. :func:`load_workspace` gives the workspace itself, or one
:class:`~letter_kit.errors.DataError` with the problems that concern the work at hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from ..errors import MissingInputError, Problem
from ..parallel import fork_map, paused_collector
from . import crosscheck
from .collections import BY_NAME, DATA_FILES, LETTERS
from .commit import recover
from .config import read_config
from .filetext import YamlLoadError, read_text
from .loaded import Found, LoadedWorkspace, Owner
from .models import Letter, model_of
from .records import DATA_DIR, LETTERS_DIR, Workspace
from .validation import problems_from, salvage
from .yamlsource import YamlFile, from_cache, parse_and_keep


def load_workspace(path: Path, *, for_letters: Iterable[str] | None = None) -> Workspace:
    """Read, validate and cross-check the workspace at ``path``.

    Without ``for_letters``, any problem anywhere raises one
    :class:`~letter_kit.errors.DataError` listing them all. With it, only the problems
    that touch those letters (their files, and the records they draw on) do; the
    others are left aside, and named in the workspace's ``set_aside``.
    """
    loaded = read_workspace(path)
    if for_letters is None:
        return loaded.strict()
    return loaded.for_letters(for_letters)


def read_workspace(path: Path) -> LoadedWorkspace:
    """Read, validate and cross-check the workspace at ``path``, keeping every problem
    with what it belongs to (raises only if ``path`` is no workspace)."""
    # Loading makes many objects that all live on: the cycle collector would walk
    # them again and again, and find nothing to free.
    with paused_collector():
        return _Loader(path).run()


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[Found] = []
        self.files: dict[str, YamlFile] = {}
        # Ids present in the files, valid or not: a reference to a record that failed
        # validation is not reported a second time as "unknown". None: the file could
        # not be read at all, so references into it are not checked.
        self.known: dict[str, set[str] | None] = {}
        # What can be read of the records that are not valid (see validation.salvage).
        self.partial: dict[str, dict[str, Any]] = {}

    def problem(self, problem: Problem, owner: Owner | None) -> None:
        self.found.append(Found(problem, owner))

    def run(self) -> LoadedWorkspace:
        data_dir = self.path / DATA_DIR
        if not data_dir.is_dir():
            raise MissingInputError(
                f"{self.path} is not a letterkit workspace: it has no '{DATA_DIR}' folder",
                hint="run 'letterkit init FOLDER' to create one, or pass --workspace",
            )
        recover(self.path)  # a change a kill interrupted is completed before anything is read
        self.config = read_config(self.path)
        letters_dir = data_dir / LETTERS_DIR
        if letters_dir.exists() and not letters_dir.is_dir():
            self.problem(
                Problem(
                    f"'{LETTERS_DIR}' is not a folder",
                    letters_dir,
                    hint=f"letters live in a folder: data/{LETTERS_DIR}/<id>.yaml, one file each",
                ),
                None,
            )
        letter_files = sorted(letters_dir.glob("*.yaml")) if letters_dir.is_dir() else []
        data_files = [data_dir / f"{c.name}.yaml" for c in DATA_FILES]
        parsed = _parse_all([f for f in data_files if f.exists()] + letter_files)
        records = {c.name: self.collection(c.name, parsed) for c in DATA_FILES}
        letters, unreadable = self.letters(letter_files, parsed)
        workspace = Workspace(
            self.path, letters=letters, files=self.files, config=self.config, **cast(Any, records)
        )
        checked = crosscheck.check(workspace, self.known, self.partial)
        for problem, owner in checked.found:
            self.problem(problem, owner)
        return LoadedWorkspace(
            workspace,
            sorted(self.found, key=_order),
            checked.depends,
            self.partial,
            frozenset(unreadable),
        )

    def collection(self, name: str, parsed: dict[Path, YamlFile | Problem]) -> dict[str, Any]:
        """The valid records of one data file."""
        model = model_of(BY_NAME[name])
        records: dict[str, Any] = {}
        self.known[name] = set()
        self.partial[name] = {}
        file = self.path / DATA_DIR / f"{name}.yaml"
        if file not in parsed:
            return records
        loaded = self.readable(parsed[file], (name, None))
        if loaded is None:
            self.known[name] = None
            return records
        self.files[name] = loaded
        if loaded.data is None:
            return records
        if not isinstance(loaded.data, dict):
            self.known[name] = None
            self.problem(
                Problem(
                    f"expected a mapping of id to {name} record",
                    file,
                    1,
                    1,
                    hint="each entry starts with its id at the left margin, e.g. 'some-id:'",
                ),
                (name, None),
            )
            return records
        self.known[name] = set(loaded.data)
        for record_id, raw in loaded.data.items():
            bad = crosscheck.id_problem(record_id)
            if bad is not None:
                line, column = loaded.locate_key([record_id])
                self.problem(Problem(bad[0], file, line, column, hint=bad[1]), (name, record_id))
                continue
            try:
                records[record_id] = model.model_validate(raw)
            except ValidationError as exc:
                for problem in problems_from(exc, loaded, model, (record_id,)):
                    self.problem(problem, (name, record_id))
                self.partial[name][record_id] = salvage(model, raw, exc)
        return records

    def letters(
        self, files: list[Path], parsed: dict[Path, YamlFile | Problem]
    ) -> tuple[dict[str, Letter], list[str]]:
        """The valid letters, and the ids of those whose file could not be read."""
        letters: dict[str, Letter] = {}
        unreadable: list[str] = []
        letter_ids: set[str] = set()
        self.known[LETTERS] = letter_ids
        self.partial[LETTERS] = {}
        for file in files:
            # Known even if unreadable: a press release about it is not "about an
            # unknown letter" as well.
            letter_ids.add(file.stem)
            owner = (LETTERS, file.stem)
            loaded = self.readable(parsed[file], owner)
            if loaded is None:
                unreadable.append(file.stem)
                continue
            self.files[f"{LETTERS_DIR}/{file.stem}"] = loaded
            bad = crosscheck.id_problem(file.stem, noun="letter id")
            if bad is not None:
                self.problem(Problem(bad[0], file, hint="rename the file: " + bad[1]), owner)
                unreadable.append(file.stem)
                continue
            try:
                letters[file.stem] = Letter.model_validate(loaded.data)
            except ValidationError as exc:
                for problem in problems_from(exc, loaded, Letter):
                    self.problem(problem, owner)
                partial = salvage(Letter, loaded.data, exc)
                if partial is None:
                    unreadable.append(file.stem)
                else:
                    self.partial[LETTERS][file.stem] = partial
        return letters, unreadable

    def readable(self, result: YamlFile | Problem, owner: Owner) -> YamlFile | None:
        if isinstance(result, Problem):
            self.problem(result, owner)
            return None
        return result


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


def _order(found: Found) -> tuple[int, str, int, int]:
    """Shared files before letters: a problem in a record many letters draw on is a
    cause; what follows from it in a letter comes after."""
    problem = found.problem
    in_letter = found.owner is not None and found.owner[0] == LETTERS
    return (int(in_letter), str(problem.file or ""), problem.line or 0, problem.column or 0)
