"""What a YAML syntax error most probably means, read from the indentation around it.

YAML's parser says where it stopped, not why: a key indented two spaces too far reads
to it as "mapping values are not allowed here", the message it also gives for a value
that holds ': '. Comparing the line with the one above tells the two apart, and names
the key to line it up with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that starts a key (after any list dashes): its indentation, its dashes, the key.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#:][^:#]*?):(?: |$)")


@dataclass(frozen=True)
class Hint:
    """A better message and hint for a syntax error, with the place to show."""

    message: str
    hint: str
    line: int  # 1-based
    column: int


@dataclass(frozen=True)
class _Key:
    name: str
    column: int  # 0-based, of the key
    dash: int | None  # 0-based, of the list item's dash, if the line starts an item
    has_value: bool  # a value follows the key on its line


def _key(line: str) -> _Key | None:
    """The key a line starts, where, and whether a value follows it on the line."""
    found = _KEY_LINE.match(line)
    if found is None:
        return None
    rest = line[found.end() :].strip()
    has_value = bool(rest) and not rest.startswith(("#", "|", ">", "&"))
    dash = len(found["indent"]) if found["dashes"] else None
    return _Key(found["key"].strip(), found.start("key"), dash, has_value)


def _above(lines: list[str], index: int) -> int | None:
    """The nearest line above ``index`` that holds something (not blank, not a comment)."""
    for number in range(index - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number
    return None


def _item_above(lines: list[str], index: int) -> tuple[int, int] | None:
    """The nearest list item above ``index``: its line and the column of its dash."""
    for number in range(index - 1, -1, -1):
        found = _key(lines[number])
        if found is not None and found.dash is not None:
            return number, found.dash
    return None


def indentation_hint(text: str, line: int, problem: str) -> Hint | None:
    """A hint for the syntax error ``problem`` reported on ``line`` (1-based), when the
    indentation explains it; None otherwise."""
    lines = text.splitlines()
    index = line - 1
    if not 0 <= index < len(lines):
        return None
    here = _key(lines[index])
    before = _above(lines, index)
    if here is None or before is None:
        return None
    above = _key(lines[before])
    if above is None:
        return None
    if "mapping values are not allowed" in problem:
        # 'vi:' under 'en: text', further right: read as part of en's text.
        if here.column > above.column and above.has_value:
            return Hint(
                f"invalid YAML: '{here.name}:' is indented more than '{above.name}:' "
                f"on line {before + 1}",
                f"start '{here.name}:' in column {above.column + 1}, under '{above.name}:'",
                line,
                here.column + 1,
            )
        return None
    if "expected <block end>" not in problem:
        return None
    item = _item_above(lines, index) if here.dash is not None else None
    if item is not None and here.dash is not None and here.dash != item[1]:
        side = "less" if here.dash < item[1] else "more"
        return Hint(
            f"invalid YAML: this list item is indented {side} than the one on line {item[0] + 1}",
            f"the items of one list start in the same column: put its '-' in column {item[1] + 1}",
            line,
            here.dash + 1,
        )
    if here.column != above.column:
        side = "less" if here.column < above.column else "more"
        return Hint(
            f"invalid YAML: '{here.name}:' is indented {side} than '{above.name}:' "
            f"on line {before + 1}",
            f"the keys of one mapping start in the same column: start '{here.name}:' in "
            f"column {above.column + 1}, under '{above.name}:', or under the key it belongs to",
            line,
            here.column + 1,
        )
    return None
