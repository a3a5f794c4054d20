"""Talking to the Typst worker process (:mod:`.typst_worker`).

Each :class:`TypstProcess` starts one worker for one compiler root and sends it compile
requests. A compile that takes longer than its time limit is stopped by ending the
worker; a worker that dies is reported with what it last wrote on its error output.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKER = Path(__file__).with_name("typst_worker.py")
SECONDS_ENV = "LETTERKIT_TYPST_SECONDS"
MAX_SECONDS = 60.0  # one compile's time limit, unless $LETTERKIT_TYPST_SECONDS says otherwise


@dataclass
class CompileFailed(Exception):
    """Typst refused the template or the document, with its diagnostic."""

    message: str
    diagnostic: str = ""
    hints: list[str] = field(default_factory=list)


class WorkerFailed(Exception):
    """The worker took too long, died, or could not start."""


def time_limit() -> float:
    """Seconds one compile may take."""
    try:
        seconds = float(os.environ.get(SECONDS_ENV, MAX_SECONDS))
    except ValueError:
        return MAX_SECONDS
    return seconds if seconds > 0 else MAX_SECONDS


class TypstProcess:
    """A Typst compiler for ``root / entry`` in a process of its own, with no network."""

    def __init__(self, root: Path, entry: str) -> None:
        self._log = root / ".typst-errors.log"
        self._buffer = bytearray()
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-I", str(WORKER), str(root), entry],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=root,
            )
        assert self._process.stdout is not None
        self._fd = self._process.stdout.fileno()
        # The worker says it is ready (and whether seccomp seals it) when it has started;
        # that answer is read when first needed, so the caller can work meanwhile.
        self._sealed: bool | None = None

    @property
    def sealed(self) -> bool:
        """Whether the system itself keeps the worker off the network (seccomp)."""
        if self._sealed is None:
            self._sealed = bool(self._header(time.monotonic() + time_limit()).get("sealed"))
        return self._sealed

    @property
    def pid(self) -> int:
        """The worker's process id."""
        return self._process.pid

    def compile(self, timestamp: int, standards: list[str]) -> bytes:
        """The PDF; raises :class:`CompileFailed` or :class:`WorkerFailed`."""
        return self._request({"timestamp": timestamp, "standards": standards})

    def picture(self, ppi: float) -> bytes:
        """The first page as a PNG image of ``ppi`` pixels an inch."""
        return self._request({"format": "png", "ppi": ppi})

    def _request(self, request: dict[str, Any]) -> bytes:
        self.sealed  # noqa: B018  (the worker's first answer comes first)
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            stdin.flush()
        except OSError:
            raise WorkerFailed(self._died()) from None
        deadline = time.monotonic() + time_limit()
        header = self._header(deadline)
        if not header.get("ok"):
            raise CompileFailed(
                str(header.get("message", "")),
                str(header.get("diagnostic", "")),
                [str(h) for h in header.get("hints", [])],
            )
        size = int(header["size"])
        while len(self._buffer) < size:
            self._fill(deadline)
        pdf = bytes(self._buffer[:size])
        del self._buffer[:size]
        return pdf

    def _header(self, deadline: float) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            self._fill(deadline)
        end = self._buffer.index(b"\n")
        line = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        try:
            header: dict[str, Any] = json.loads(line)
        except ValueError:
            raise WorkerFailed(self._died()) from None
        return header

    def _fill(self, deadline: float) -> None:
        """Read what the worker has written, waiting for it until ``deadline``."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._fd, selectors.EVENT_READ)
            while not selector.select(max(0.0, deadline - time.monotonic())):
                if time.monotonic() >= deadline:
                    self.close()
                    raise WorkerFailed(f"Typst took longer than {time_limit():g} seconds")
        data = os.read(self._fd, 1 << 20)
        if not data:
            raise WorkerFailed(self._died())
        self._buffer += data

    def _died(self) -> str:
        self.close()
        try:
            tail = self._log.read_text("utf-8", errors="replace").strip().splitlines()[-3:]
        except OSError:
            tail = []
        return "Typst stopped unexpectedly" + (": " + " / ".join(tail) if tail else "")

    def close(self) -> None:
        """End the worker (its input closed, it stops; if it does not, it is killed)."""
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):
                process.stdin.close()
        if process.poll() is None:
            try:
                process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None and not process.stdout.closed:
            process.stdout.close()
