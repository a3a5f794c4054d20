"""Loading a workspace: every file read, validated and cross-checked at once.

:func:`load_workspace` reads every file, validates it, cross-checks references and
translations, and either returns a :class:`~letter_kit.workspace.records.Workspace` or
raises one :class:`~letter_kit.errors.DataError` that lists every problem found, each
with its file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataError, MissingInputError, Problem
from ..parallel import fork_map, paused_collector
from . import crosscheck
from .collections import DATA_FILES, LETTERS
from .commit import recover
from .filetext import YamlLoadError, read_text
from .models import Letter, model_of
from .records import DATA_DIR, LETTERS_DIR, Workspace
from .validation import problems_from
from .yamlsource import YamlFile, from_cache, parse_and_keep


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
    recover(path)  # a change a kill interrupted is completed before anything is read
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    records: dict[str, dict[str, Any]] = {}
    letters_dir = data_dir / LETTERS_DIR
    if letters_dir.exists() and not letters_dir.is_dir():
        problems.append(
            Problem(
                f"'{LETTERS_DIR}' is not a folder",
                letters_dir,
                hint=f"letters live in a folder: data/{LETTERS_DIR}/<id>.yaml, one file each",
            )
        )
    letter_files = sorted(letters_dir.glob("*.yaml")) if letters_dir.is_dir() else []
    data_files = [data_dir / f"{c.name}.yaml" for c in DATA_FILES]
    parsed = _parse_all([f for f in data_files if f.exists()] + letter_files)
    # Ids present in the files, valid or not: a reference to a record that failed
    # validation is not reported a second time as "unknown". None: the file could
    # not be read at all, so references into it are not checked.
    known: dict[str, set[str] | None] = {}

    for collection in DATA_FILES:
        name, model = collection.name, model_of(collection)
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
            bad = crosscheck.id_problem(record_id)
            if bad is not None:
                line, column = loaded.locate_key([record_id])
                problems.append(Problem(bad[0], file, line, column, hint=bad[1]))
                continue
            try:
                records[name][record_id] = model.model_validate(raw)
            except ValidationError as exc:
                problems.extend(problems_from(exc, loaded, model, (record_id,)))

    letters: dict[str, Letter] = {}
    letter_ids: set[str] = set()
    known[LETTERS] = letter_ids
    for file in letter_files:
        # Known even if unreadable: a press release about it is not "about an unknown
        # letter" as well.
        letter_ids.add(file.stem)
        loaded = _loaded(parsed[file], problems)
        if loaded is None:
            continue
        key = f"{LETTERS_DIR}/{file.stem}"
        files[key] = loaded
        bad = crosscheck.id_problem(file.stem, noun="letter id")
        if bad is not None:
            problems.append(Problem(bad[0], file, hint="rename the file: " + bad[1]))
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
