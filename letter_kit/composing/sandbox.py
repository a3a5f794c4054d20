"""The Jinja2 sandbox that letter templates and prose run in, with limits.

Templates and the prose of letter files are untrusted: they come from whoever edits the
workspace. The sandbox already stops them reaching Python's internals; this module also
stops them exhausting the machine or reading files outside the workspace:

- operators and string methods that could build a huge value in one step (``9 **
  99999999``, ``'x' * 999999999``, ``'%999999999d' % 1``, ``'x'.center(10**9)``) are
  refused before they run;
- ``range`` counts every step it gives across a render, and ``lipsum`` is gone;
- a render stops when its output passes :data:`MAX_OUTPUT` characters, or after
  :data:`MAX_SECONDS` seconds (a timer in the main thread);
- a template that calls or includes itself without end is reported as such;
- a template file that is not UTF-8, or that resolves (through a link) outside the
  folder it is looked up in, is refused with its place.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import display_path

MAX_OUTPUT = 4 * 1024 * 1024  # characters a render may produce
SECONDS_ENV = "LETTERKIT_RENDER_SECONDS"
MAX_SECONDS = 10.0  # a render's time budget, unless $LETTERKIT_RENDER_SECONDS says otherwise
MAX_SIZE = 1_000_000  # characters or items one operation may build
MAX_STEPS = 2_000_000  # loop steps range() may give in one render
MAX_BITS = 64 * 1024  # bits of an integer a power may build
MAX_FRAMES = 300  # Python frames a render may stack (nested includes, calls, filters)

_WIDTH = re.compile(r"\d{5,}")  # a width or precision of 10,000 or more in a format
_SIZED_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}
_FORMAT_METHODS = {"format", "format_map"}


class BudgetExceeded(jinja2.TemplateError):
    """A template or prose asked for more than a render may use."""


class _OutOfTime(BaseException):
    """Raised by the timer wherever the render is. Not an Exception, so that Jinja's
    error handling (which rewrites tracebacks, and trips on a frame interrupted where
    it has no line number) lets it through untouched."""


class _Steps:
    """The range() steps left to the render in progress (one per thread)."""

    local = threading.local()

    @classmethod
    def take(cls) -> None:
        left = getattr(cls.local, "left", MAX_STEPS) - 1
        if left < 0:
            raise BudgetExceeded(f"the loops take more than {MAX_STEPS:,} steps")
        cls.local.left = left

    @classmethod
    def reset(cls) -> None:
        cls.local.left = MAX_STEPS


def _range(*args: int) -> Iterator[int]:
    for number in range(*args):
        _Steps.take()
        yield number


def _too_big(what: str) -> BudgetExceeded:
    return BudgetExceeded(f"{what} would be too large (over {MAX_SIZE:,} characters or items)")


def _sized(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def _checked_mul(left: Any, right: Any) -> Any:
    for seq, count in ((left, right), (right, left)):
        if _sized(seq) and isinstance(count, int) and len(seq) * max(count, 0) > MAX_SIZE:
            raise _too_big("a repeated text or list")
    return left * right


def _checked_pow(left: Any, right: Any) -> Any:
    huge = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
    if huge and right * abs(left).bit_length() > MAX_BITS:
        raise BudgetExceeded(f"{left} ** {right} would be a number too large to write")
    return left**right


def _check_format(spec: str) -> None:
    if _WIDTH.search(spec):
        raise _too_big("a formatted value")


def _checked_mod(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_format(left)
    return left % right


def _checked_add(left: Any, right: Any) -> Any:
    if _sized(left) and _sized(right) and len(left) + len(right) > MAX_OUTPUT:
        raise _too_big("a joined text or list")
    return left + right


def _checked_method(name: str, method: Callable[..., Any], text: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        if name in _FORMAT_METHODS:
            _check_format(text)
        numbers = [v for v in (*args, *kwargs.values()) if isinstance(v, int)]
        if any(n > MAX_SIZE for n in numbers):
            raise _too_big(f"the result of {name}()")
        return method(*args, **kwargs)

    return call


def _filter(original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numeric arguments big enough to build a huge text."""

    @functools.wraps(original)  # keeps Jinja's mark of what the filter is passed
    def checked(*args: Any, **kwargs: Any) -> Any:
        numbers = [v for v in (*args[1:], *kwargs.values()) if isinstance(v, int)]
        if any(n > MAX_SIZE for n in numbers):
            raise _too_big("the filter's result")
        for value in (*args, *kwargs.values()):
            if isinstance(value, str) and original is jinja2.filters.do_format:
                _check_format(value)
        result = original(*args, **kwargs)
        if _sized(result) and len(result) > MAX_SIZE:
            raise _too_big("the filter's result")
        return result

    return checked


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with the limits of this module."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.binop_table = {
            **self.binop_table,
            "*": _checked_mul,
            "**": _checked_pow,
            "%": _checked_mod,
            "+": _checked_add,
        }
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)
        for name in ("center", "format", "indent", "replace", "wordwrap", "truncate"):
            if name in self.filters:
                self.filters[name] = _filter(self.filters[name])

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        if isinstance(obj, str) and attribute in _SIZED_METHODS | _FORMAT_METHODS:
            return _checked_method(attribute, value, obj)
        return value

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if __obj is range:  # a template cannot name range, but data could hand it one
            __obj = _range
        return super().call(__context, __obj, *args, **kwargs)


def time_budget() -> float:
    """Seconds one render may take: :data:`MAX_SECONDS`, or $LETTERKIT_RENDER_SECONDS."""
    try:
        seconds = float(os.environ.get(SECONDS_ENV, MAX_SECONDS))
    except ValueError:
        return MAX_SECONDS
    return seconds if seconds > 0 else MAX_SECONDS


@contextmanager
def budget(seconds: float | None = None) -> Iterator[None]:
    """Give what runs inside ``seconds`` (default :func:`time_budget`) and a fresh count
    of loop steps.

    The time limit is a timer signal, so it holds only in the main thread (where
    letterkit renders); elsewhere the other limits still do.
    """
    seconds = time_budget() if seconds is None else seconds
    _Steps.reset()
    with _recursion_allowance(MAX_FRAMES), _timer(seconds):
        yield


@contextmanager
def _recursion_allowance(frames: int) -> Iterator[None]:
    """At most ``frames`` more frames of Python inside: a template that includes or
    calls itself ends after a few dozen levels instead of a few hundred (each level
    renders the template again)."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back  # type: ignore[assignment]
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(min(previous, depth + frames))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` (main thread only)."""
    use_timer = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer"
    )
    if not use_timer:
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise BudgetExceeded(f"rendering took longer than {seconds:g} seconds") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_bounded(template: jinja2.Template, *args: Any, **kwargs: Any) -> str:
    """``template.render(...)`` within the budget, stopping once the output passes
    :data:`MAX_OUTPUT` characters."""
    out: list[str] = []
    size = 0
    with budget():
        for chunk in template.generate(*args, **kwargs):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise BudgetExceeded(f"the output would pass {MAX_OUTPUT:,} characters")
            out.append(chunk)
    return "".join(out)


class ConfinedLoader(jinja2.FileSystemLoader):
    """Loads templates only from files inside the folders it searches, following no
    link out of them, and only UTF-8 text."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.searchpath:
            root = Path(folder)
            candidate = root.joinpath(*pieces)
            if candidate.is_symlink() or candidate.exists():
                return _read(root, candidate, template)
        raise jinja2.TemplateNotFound(template)


def _read(root: Path, file: Path, name: str) -> tuple[str, str, Callable[[], bool]]:
    try:
        real = file.resolve(strict=True)
    except (OSError, RuntimeError):
        raise jinja2.TemplateError(
            f"template '{name}' is a broken link or a loop of links"
        ) from None
    if not real.is_relative_to(root.resolve()):
        raise jinja2.TemplateError(
            f"template '{name}' is a link to a file outside {display_path(root)}: "
            "templates may only use the files of their own folder"
        )
    if not real.is_file():
        kind = "a folder" if real.is_dir() else "not a regular file"
        raise jinja2.TemplateError(f"template '{name}' is {kind}, not a template file")
    raw = real.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise jinja2.TemplateError(
            f"template '{name}' is not valid UTF-8 "
            f"(byte 0x{raw[exc.start]:02X} on line {line}): save it as UTF-8"
        ) from None
    mtime = real.stat().st_mtime_ns
    return text, str(file), lambda: real.exists() and real.stat().st_mtime_ns == mtime
