"""The letter as the preview shows it, rebuilt from the workspace after each save, and
the latest view handed to every open page.

A build reads the whole workspace with the strict loader, composes the letter in each
language and lays it out (:mod:`.view`); whatever stops it (a YAML error, a missing
translation, a template that fails) becomes the errors' view, each problem at its
place, until a later build succeeds. A view that did not change is not sent again.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, LetterkitError, Problem
from ..formats import Format, Layout

if TYPE_CHECKING:
    from ..workspace.records import Workspace


@dataclass(frozen=True)
class PreviewOptions:
    """What to preview. ``None`` means the letter's own languages; for the layout,
    side by side when there are two languages, else one after the other."""

    letter_id: str
    today: date
    languages: Sequence[str] | None = None
    layout: Layout | None = None  # the page's, and the downloads' (default: the letter's)
    debug: bool = False  # an internal error's traceback on standard error


@dataclass(frozen=True)
class Snapshot:
    """One build: the view every page shows (``version`` counts the changes)."""

    version: int
    title: str
    lang: str
    html: str
    problems: tuple[Problem, ...] = ()  # why the letter could not be shown (none: it is)
    seconds: float = 0.0  # how long the build took


class Preview:
    """The latest build of the letter, and what the pages wait on for the next one.

    Builds and drafts share the loaded workspace, so they run one at a time.
    """

    def __init__(self, root: Path, options: PreviewOptions) -> None:
        self.root = root
        self.options = options
        self._work = threading.Lock()
        self._changed = threading.Condition()
        self._closed = False
        self._ws: Workspace | None = None
        self._error: LetterkitError | None = None
        self._latest = Snapshot(0, options.letter_id, "en", "")

    @property
    def error(self) -> LetterkitError | None:
        """What stopped the last build (None if it succeeded)."""
        with self._work:
            return self._error

    @property
    def latest(self) -> Snapshot:
        """The view as of the last build that changed it."""
        with self._changed:
            return self._latest

    def rebuild(self) -> Snapshot | None:
        """Read the workspace again; the new snapshot if the view changed, else None."""
        with self._work:
            start = time.perf_counter()
            title, lang, html, problems = self._build()
            seconds = time.perf_counter() - start
        with self._changed:
            if html == self._latest.html:
                return None
            self._latest = Snapshot(
                self._latest.version + 1, title, lang, html, tuple(problems), seconds
            )
            self._changed.notify_all()
            return self._latest

    def _build(self) -> tuple[str, str, str, list[Problem]]:
        from .page import error_html

        try:
            return self._letter()
        except Exception as exc:
            if not isinstance(exc, LetterkitError) and self.options.debug:
                traceback.print_exc()
            self._ws = None
            self._error = exc if isinstance(exc, LetterkitError) else LetterkitError(str(exc))
            problems, warnings = failure(exc)
            letter_id = self.options.letter_id
            html = error_html(f"{letter_id} cannot be shown", problems, warnings)
            return f"error – {letter_id}", "en", html, problems

    def _letter(self) -> tuple[str, str, str, list[Problem]]:
        from ..drafting.output import DraftOptions, documents
        from ..workspace.loading import load_workspace
        from .page import letter_html
        from .view import letter_view

        options = self.options
        # another letter's mistakes do not stop the preview of this one
        ws = load_workspace(self.root, for_letters=[options.letter_id])
        docs = documents(ws, options.letter_id, DraftOptions(languages=options.languages))
        layout = options.layout or ("parallel" if len(docs) == 2 else "sequential")
        view = letter_view(ws, options.letter_id, docs, layout, today=options.today)
        self._ws, self._error = ws, None
        return view.title, docs[0].meta.lang, letter_html(view), []

    def wait(self, since: int, timeout: float) -> Snapshot | None:
        """The latest snapshot once its version is not ``since`` (at most ``timeout``
        seconds later: then the same one again); None once the preview is closed."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or self._latest.version != since, timeout=timeout
            )
            return None if self._closed else self._latest

    def close(self) -> None:
        """Wake every waiting page: the preview is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def draft(self, fmt: Format) -> bytes:
        """The letter as a file in ``fmt``, drafted from the workspace of the last build
        (the problems of that build if it failed)."""
        from ..drafting.output import DraftOptions, draft

        with self._work:
            if self._ws is None:
                raise self._error or LetterkitError("the letter is not built yet")
            options = DraftOptions(
                fmt=fmt, languages=self.options.languages, layout=self.options.layout
            )
            return draft(self._ws, self.options.letter_id, options)


def failure(exc: Exception) -> tuple[list[Problem], list[Problem]]:
    """What stopped a build, as problems (and warnings found beside them). Anything but
    a :class:`LetterkitError` is a bug: the preview goes on, and says how to report it."""
    if isinstance(exc, DataError):
        return exc.problems, exc.warnings
    if isinstance(exc, LetterkitError):
        return [Problem(exc.message, hint=exc.hint)], []
    problem = Problem(
        f"internal error: {type(exc).__name__}: {exc}",
        hint="this is a bug in letterkit; run 'letterkit --debug preview' and report the "
        "traceback it prints",
    )
    return [problem], []
