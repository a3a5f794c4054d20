"""The preview's web server: Python's own (``http.server``), a thread per request.

It serves three things under its token, and nothing else: the page, its events (the
view after each save, as server-sent events, on a connection each page keeps open),
and this letter drafted as a PDF, Word file or email. No path maps to a file: there
is no way to ask it for one. Every answer forbids loading anything from elsewhere
(Content-Security-Policy) and sends no address on when a link is followed.
"""

from __future__ import annotations

import json
import secrets
import signal
import socket
import threading
import traceback
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs, urlsplit

from ..errors import LetterkitError, MissingInputError, UsageError, display_path
from ..formats import MEDIA_TYPES, Format
from .access import Access, url_host
from .build import Preview, PreviewOptions, Snapshot, failure
from .page import DOWNLOADS, error_html, page_html
from .watch import watch, watched

KEEPALIVE_SECONDS = 15.0  # a comment line on a quiet event stream: a closed page is noticed
RETRY_MS = 500  # how soon a page reconnects after the connection drops
MEDIA: dict[str, str] = {**dict(MEDIA_TYPES.items()), "eml": "message/rfc822"}


class PreviewServer(ThreadingHTTPServer):
    """The server, with the preview it shows and who may read it."""

    daemon_threads = True  # a page's open event stream does not hold up stopping

    def __init__(
        self, address: tuple[str, int], preview: Preview, access: Callable[[int], Access]
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)
        self.preview = preview
        self.access = access(self.server_address[1])


class Handler(BaseHTTPRequestHandler):
    """One request: checked for its host and token, then answered."""

    server: PreviewServer
    server_version = "letterkit-preview"
    sys_version = ""

    def do_GET(self) -> None:
        access = self.server.access
        if not access.host_allowed(self.headers.get("Host")):
            self._plain(HTTPStatus.FORBIDDEN, "this preview answers to its own address only\n")
            return
        url = urlsplit(self.path)
        token, _, rest = url.path.removeprefix("/").partition("/")
        if not access.token_matches(token):
            self._plain(HTTPStatus.FORBIDDEN, "not a preview address: open the one printed\n")
            return
        if rest == "" and not url.path.endswith("/"):
            self._redirect(f"/{access.token}/")
        elif rest == "":
            self._page()
        elif rest == "events":
            self._events(self._since(url.query))
        elif rest.startswith("download/"):
            self._download(rest.removeprefix("download/"))
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n")

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows the builds."""

    # The answers -------------------------------------------------------------------------

    def _headers(self, status: HTTPStatus, media: str, nonce: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        scripts = f"'nonce-{nonce}'" if nonce else "'none'"
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src {scripts}; style-src {scripts}; "
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'",
        )
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")

    def _send(self, status: HTTPStatus, media: str, body: bytes, nonce: str = "") -> None:
        self._headers(status, media, nonce)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _plain(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"))

    def _redirect(self, target: str) -> None:
        self._headers(HTTPStatus.SEE_OTHER, "text/plain; charset=utf-8")
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _page(self) -> None:
        snapshot = self.server.preview.latest
        nonce = secrets.token_urlsafe(12)
        body = page_html(
            letter_id=self.server.preview.options.letter_id,
            lang=snapshot.lang,
            title=snapshot.title,
            version=snapshot.version,
            view=snapshot.html,
            nonce=nonce,
            live=True,
        )
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"), nonce)

    def _since(self, query: str) -> int:
        """The version the page shows: the last event it had, else the one it was sent with."""
        given = self.headers.get("Last-Event-ID") or parse_qs(query).get("since", [""])[0]
        return int(given) if given.isdigit() else -1

    def _events(self, since: int) -> None:
        self._headers(HTTPStatus.OK, "text/event-stream; charset=utf-8")
        self.end_headers()
        preview = self.server.preview
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while (snapshot := preview.wait(since, KEEPALIVE_SECONDS)) is not None:
                if snapshot.version == since:
                    self.wfile.write(b": still here\n\n")
                else:
                    data = {"version": snapshot.version, "title": snapshot.title}
                    data["html"] = snapshot.html
                    text = json.dumps(data, ensure_ascii=False)
                    event = f"id: {snapshot.version}\nevent: update\ndata: {text}\n\n"
                    self.wfile.write(event.encode("utf-8"))
                    since = snapshot.version
                self.wfile.flush()
        except OSError:  # the page was closed
            return

    def _download(self, name: str) -> None:
        preview = self.server.preview
        letter_id = preview.options.letter_id
        kinds = {f"{letter_id}.{kind}": kind for kind, _ in DOWNLOADS}
        if name not in kinds:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n")
            return
        kind = cast("Format", kinds[name])
        try:
            content = preview.draft(kind)
        except Exception as exc:
            if not isinstance(exc, LetterkitError) and preview.options.debug:
                traceback.print_exc()
            problems, warnings = failure(exc)
            view = error_html(f"{name} could not be drafted", problems, warnings)
            nonce = secrets.token_urlsafe(12)
            page = page_html(
                letter_id=letter_id, lang="en", title=f"error – {name}", version=0,
                view=view, nonce=nonce, live=False,
            )  # fmt: skip
            self._send(HTTPStatus.CONFLICT, "text/html; charset=utf-8", page.encode(), nonce)
            return
        self._headers(HTTPStatus.OK, MEDIA[kind])
        self.send_header("Content-Disposition", f'attachment; filename="{name}"')
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


# Running it ------------------------------------------------------------------------------


def serve(
    root: Path,
    options: PreviewOptions,
    *,
    host: str,
    port: int,
    open_browser: bool,
    say: Callable[[str], None],
    log: Callable[[str], None],
) -> None:
    """Serve the preview of a letter until Ctrl-C (or SIGTERM), rebuilding it after
    each change to the workspace's files. ``say`` prints the address, ``log`` the builds.

    A letter that is not in the workspace stops it at once (exit 66); any other
    problem is shown in the page until it is fixed.
    """
    preview = Preview(root, options)
    first = preview.rebuild()
    if isinstance(preview.error, MissingInputError):
        raise preview.error
    try:
        server = PreviewServer((host, port), preview, lambda bound: Access.new(host, bound))
    except OSError as exc:
        raise UsageError(
            f"cannot serve the preview on {url_host(host, port)}: {exc.strerror or exc}",
            hint="choose another port with --port, or leave --port out for a free one",
        ) from None
    url = f"http://{url_host(host, server.server_address[1])}/{server.access.token}/"
    say(f"preview of {options.letter_id}: {url}")
    folders = watched(root)
    log(f"watching {', '.join(display_path(f) for f in folders)}; Ctrl-C stops it")
    stop = threading.Event()

    def report(snapshot: Snapshot | None) -> None:
        if snapshot is None:
            return
        if snapshot.problems:
            log(f"{options.letter_id} cannot be shown:")
            for problem in snapshot.problems:
                log(problem.format())
        else:
            log(f"updated {options.letter_id} ({snapshot.seconds:.2f} s)")

    report(first)

    def lost(exc: Exception) -> None:
        log(f"error: stopped watching the files ({exc}); the page shows them as they were")
        log("  hint: stop the preview with Ctrl-C and start it again")

    watch(folders, lambda _: report(preview.rebuild()), stop, on_error=lost)
    if open_browser:  # in a thread: a browser in the terminal would hold the server up
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.close()
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
    log("stopped")


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the preview as Ctrl-C does."""
    raise KeyboardInterrupt
