"""Reading YAML: the fast reader gives exactly what the round-trip reader gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letter_kit.workspace.filetext import YamlLoadError
from letter_kit.workspace.yamlfast import fast_path_allowed
from letter_kit.workspace.yamlfast import fast_reader as _fast
from letter_kit.workspace.yamlsource import YamlFile, _yaml, parse, plain

from .conftest import FIXTURES, ROOT

FILES = sorted([*ROOT.glob("data/**/*.yaml"), *FIXTURES.rglob("*.yaml")], key=lambda p: str(p))


def _round_trip(text: str) -> object:
    return plain(_yaml().load(text))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_and_fixture_file_reads_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    try:
        expected = _round_trip(text)
    except Exception:
        with pytest.raises(YamlLoadError):
            parse(text, path)
        return
    assert parse(text, path).data == expected


# Plain scalars are where YAML guesses types: every guess must match the round trip.
SCALARS = ["0", "-0", "+1", "007", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.5e-3", ".5", "1.",
           ".inf", "-.Inf", ".nan", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes",
           "no", "on", "off", "y", "n", "2021-02-30", "2021-05-31", "2021-05-31T10:00:00Z",
           "12:30", "1:20:30", "-", "+", ".", "", "0.1.2", "1,000", "1 000", "Việt Tân", "nan",
           "Nguyễn Văn Đài", "tel: 0123", "'quoted'", '"double"', "|", ">", "[1, 2]", "{a: 1}",
           "# comment", "a # comment", "!!str 12", "!!int '12'", "!custom x", "&a x", "*a"]  # fmt: skip


def test_a_merge_key_reads_as_the_round_trip_reads_it() -> None:
    text = "base:\n  <<: {a: 1}\n  b: 2\n"
    assert parse(text, Path("t.yaml")).data == _round_trip(text)


@given(st.lists(st.sampled_from(SCALARS), min_size=1, max_size=6))
@settings(max_examples=400, deadline=None)
def test_scalars_are_typed_as_the_round_trip_types_them(values: list[str]) -> None:
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values))
    text += (
        "list: [" + ", ".join(v for v in values if not v.startswith(("#", "!", "&", "*"))) + "]\n"
    )
    try:
        expected = _round_trip(text)
    except Exception:
        with pytest.raises(YamlLoadError):
            parse(text, Path("t.yaml"))
        return
    assert parse(text, Path("t.yaml")).data == expected
    assert repr(parse(text, Path("t.yaml")).data) == repr(expected)  # 1 is not 1.0 or True


def test_the_fast_reader_reads_plain_files_itself() -> None:
    text = (ROOT / "data" / "recipients.yaml").read_text(encoding="utf-8")
    assert _fast().load(text) == _round_trip(text)
    for refused in ("a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: !!str 12\n", "<<: {a: 1}\n"):
        with pytest.raises(ValueError):
            _fast().load(refused)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title:\n  en: Something\n    vi: Khác\n",
         "x.yaml:3:5: invalid YAML: 'vi:' is indented more than 'en:' on line 2\n"
         "  hint: start 'vi:' in column 3, under 'en:'"),
        ("date: 2021-01-01\n  languages: [en]\n",
         "x.yaml:2:3: invalid YAML: 'languages:' is indented more than 'date:' on line 1\n"
         "  hint: start 'languages:' in column 1, under 'date:'"),
        ("title:\n    en: Something\n  vi: Khác\n",
         "x.yaml:3:3: invalid YAML: 'vi:' is indented less than 'en:' on line 2\n"
         "  hint: the keys of one mapping start in the same column: start 'vi:' in column 5, "
         "under 'en:', or under the key it belongs to"),
        ("entries:\n    - org: a\n      tier: lead\n   - org: b\n",
         "x.yaml:4:4: invalid YAML: this list item is indented less than the one on line 2\n"
         "  hint: the items of one list start in the same column: put its '-' in column 5"),
        # the same parser message, but on the key's own line: a value holding ': '
        ("title:\n  en: Re: the visit\n",
         "x.yaml:2:9: invalid YAML: mapping values are not allowed here\n"
         "  hint: a value that contains ': ' must be quoted"),
    ],
)  # fmt: skip
def test_indentation_mistakes_are_named_as_such(text: str, expected: str) -> None:
    with pytest.raises(YamlLoadError) as caught:
        parse(text, Path("x.yaml"))
    assert caught.value.problem.format() == expected


@pytest.mark.parametrize(
    ("word", "place"),
    [("Press", (3, 5)), ("information,", (4, 5)), ("release", (4, 53)), ("them.", (7, 5))],
)
def test_a_place_inside_a_folded_text_is_on_its_line(word: str, place: tuple[int, int]) -> None:
    text = (
        "press-freedom:\n"
        "  text: >-\n"
        "    Press the government to respect press freedom and the right to\n"
        "    information, guaranteed by the Constitution; to release the\n"
        "    journalists it holds, and to stop arresting\n"
        "\n"
        "    them.\n"
    )
    source = parse(text, Path("demands.yaml"))
    value = source.data["press-freedom"]["text"]
    assert source.locate(("press-freedom", "text"), offset=value.index(word)) == place


def _paths(value: object, here: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*here, index))


def test_places_from_the_fast_parser_are_those_of_the_round_trip_tree() -> None:
    """Messages are placed from the nodes the C parser composes: every value, key and
    character of every file of the example and of the test fixtures is placed where the
    round-trip tree places it."""
    files = sorted({*ROOT.glob("data/**/*.yaml"), *FIXTURES.glob("**/*.yaml")})
    checked = 0
    for path in files:
        try:
            text = path.read_text("utf-8")
            quick = parse(text, path)
        except (UnicodeDecodeError, YamlLoadError):
            continue  # a fixture that is broken on purpose
        if not fast_path_allowed(text):
            continue
        slow = YamlFile(path, quick.data, text)
        slow.tree  # noqa: B018  (the round-trip tree, which places are then found in)
        assert slow.places is slow.tree and quick.places is not quick.tree
        for loc in _paths(quick.data):
            value = _at(quick.data, loc)
            offsets = (
                [None, 0, len(value) // 2, len(value) - 1] if isinstance(value, str) else [None]
            )
            for offset in offsets:
                if offset is not None and offset < 0:
                    continue
                assert quick.locate(loc, offset=offset) == slow.locate(loc, offset=offset), (
                    path,
                    loc,
                )
            if loc:
                assert quick.locate_key(loc) == slow.locate_key(loc), (path, loc)
                assert quick.locate((*loc, "missing")) == slow.locate((*loc, "missing"))
            checked += 1
    assert checked > 1000


def _at(data: object, loc: tuple[str | int, ...]) -> object:
    for part in loc:
        data = data[part]  # type: ignore[index]
    return data
