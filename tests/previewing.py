"""``letterkit preview`` as a real process on 127.0.0.1, and a real headless browser
(Debian's chromium, driven by Playwright without a browser of its own) to read it."""

from __future__ import annotations

import http.client
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

# As the machine's notes say Chromium must be started here: no network of its own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Running:
    """A ``letterkit preview`` process and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    log: Path  # its standard error

    @property
    def port(self) -> int:
        port = urlsplit(self.url).port
        assert port is not None
        return port

    @property
    def token(self) -> str:
        return urlsplit(self.url).path.strip("/")

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """``GET path`` as sent (not normalised), with this Host header (default: the
        address the preview printed)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"127.0.0.1:{self.port}" if host is None else host)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def interrupt(self, timeout: float = 20) -> int:
        """Ctrl-C: SIGINT to the process; its exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)


@contextmanager
def previewing(root: Path, *args: str) -> Iterator[Running]:
    """``letterkit preview ARGS --no-open`` in ``root``, stopped at the end."""
    log = Path(tempfile.mkstemp(prefix="letterkit-preview-", suffix=".log")[1])
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "letter_kit", "preview", *args, "--no-open"],
            cwd=root, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8",
        )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("preview of "), f"{line!r}; {log.read_text()}"
        yield Running(process, line.split(": ", 1)[1].strip(), log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
        log.unlink()


def chromium() -> str:
    """Debian's chromium (``.ci/run`` installs it)."""
    found = shutil.which("chromium")
    assert found is not None, "these tests need Debian's chromium: apt-get install chromium"
    return found


@contextmanager
def browser() -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield context
        finally:
            context.close()
