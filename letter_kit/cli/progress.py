"""A progress bar on standard error for long runs: done and to do, the rate, the time
left. Drawn by rich (imported only when a bar is drawn), and only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .main import colour

Report = Callable[[int, int], None]


@contextmanager
def progress_bar(label: str, unit: str) -> Iterator[Report]:
    """A function to call with (done, total) as work goes on; it draws a bar on a
    terminal, and does nothing otherwise (a log file gets no bar)."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.0f} {unit}/s," if speed else f"– {unit}/s,")

    console = Console(file=sys.stderr, no_color=not colour(sys.stderr))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report
