"""``letterkit preview`` as a process: who it answers, what it serves, how it stops."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from letter_kit.errors import UsageError
from letter_kit.preview.access import bind_address

from .conftest import ROOT, Cli
from .previewing import Running, previewing

LETTER = Path("data/letters/harris-2021.yaml")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``letterkit preview ARGS`` that must fail before it serves anything."""
    return subprocess.run(
        [sys.executable, "-m", "letter_kit", "preview", *args, "--no-open"],
        cwd=root, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One preview of the example's harris-2021, for the tests that only read it."""
    root = tmp_path_factory.mktemp("served")
    for name in ("data", "templates", "assets"):
        shutil.copytree(ROOT / name, root / name)
    with previewing(root, "harris-2021") as running:
        yield running


def test_the_page_is_served_to_its_own_address_only(served: Running) -> None:
    status, headers, body = served.get(f"/{served.token}/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Protecting Human Rights Activists in Vietnam" in body.decode()
    assert "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam" in body.decode()
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; script-src 'nonce-")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert served.get(f"/{served.token}/", f"localhost:{served.port}")[0] == 200


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:{port}",
        "127.0.0.1.attacker.example:{port}",
        "127.0.0.1:1",
        "",
        "localhost",
    ],
)
def test_a_foreign_host_header_is_refused(served: Running, host: str) -> None:
    # DNS rebinding: a page of attacker.example whose name now points at 127.0.0.1.
    status, _, body = served.get(f"/{served.token}/", host.format(port=served.port))
    assert (status, body) == (403, b"this preview answers to its own address only\n")


@pytest.mark.parametrize(
    "path", ["/", "/{wrong}/", "/{wrong}/events", "/favicon.ico", "/{token}x/"]
)
def test_a_wrong_token_is_refused(served: Running, path: str) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    status, _, body = served.get(path.format(token=served.token, wrong=wrong))
    assert (status, body) == (403, b"not a preview address: open the one printed\n")


@pytest.mark.parametrize(
    "path",
    [
        "/{token}/../data/letters/harris-2021.yaml",
        "/{token}/data/letters/harris-2021.yaml",
        "/{token}/%2e%2e/%2e%2e/etc/passwd",
        "/{token}/../../../../etc/passwd",
        "/{token}/download/../../../../etc/passwd",
        "/{token}/download/..%2f..%2fdata%2fpeople.yaml",
        "/{token}/download/biden-2023.pdf",  # another letter of the workspace
        "/{token}/download/harris-2021.yaml",
        "/{token}/letterkit.toml",
    ],
)
def test_no_file_is_served(served: Running, path: str) -> None:
    status, _, body = served.get(path.format(token=served.token))
    assert (status, body) == (404, b"not found\n")


def test_the_address_without_its_slash_leads_to_the_page(served: Running) -> None:
    status, headers, _ = served.get(f"/{served.token}")
    assert (status, headers["Location"]) == (303, f"/{served.token}/")


def test_the_downloads_are_the_drafts_of_the_letter(example: Path, cli: Cli) -> None:
    with previewing(example, "harris-2021") as running:
        pdf = running.get(f"/{running.token}/download/harris-2021.pdf")
        docx = running.get(f"/{running.token}/download/harris-2021.docx")
        eml = running.get(f"/{running.token}/download/harris-2021.eml")
    assert pdf[:2] == (200, pdf[1]) and pdf[1]["Content-Type"] == "application/pdf"
    assert pdf[1]["Content-Disposition"] == 'attachment; filename="harris-2021.pdf"'
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf[2])).pages)
    assert "Protecting Human Rights Activists in Vietnam" in text
    assert "Bảo vệ các nhà hoạt động nhân quyền ở Việt Nam" in text
    for kind, answer in (("docx", docx), ("eml", eml)):
        assert answer[0] == 200
        assert answer[1]["Content-Disposition"] == f'attachment; filename="harris-2021.{kind}"'
        drafted = example / f"drafted.{kind}"
        assert cli("draft", "harris-2021", "-f", kind, "-o", str(drafted), cwd=example).code == 0
        assert answer[2] == drafted.read_bytes(), kind
    assert zipfile.ZipFile(io.BytesIO(docx[2])).testzip() is None
    assert docx[1]["Content-Type"].endswith("wordprocessingml.document")
    assert eml[1]["Content-Type"] == "message/rfc822"


def test_a_download_while_the_letter_is_broken_shows_why(example: Path) -> None:
    (example / "data/people.yaml").write_text("- id: [\n", encoding="utf-8")
    with previewing(example, "harris-2021") as running:
        status, _, body = running.get(f"/{running.token}/download/harris-2021.pdf")
    page = body.decode()
    assert status == 409
    assert "<h1>harris-2021.pdf could not be drafted</h1>" in page
    assert '<code class="place">data/people.yaml:2:1</code>' in page


def test_ctrl_c_stops_it_and_frees_the_port(example: Path) -> None:
    with previewing(example, "harris-2021") as running:
        # A page is open: its event stream must not keep the server from stopping.
        page = socket.create_connection(("127.0.0.1", running.port), timeout=30)
        host = f"127.0.0.1:{running.port}"
        page.sendall(f"GET /{running.token}/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        received = b""
        while b"\n\n" not in received.partition(b"data: ")[2]:  # the page has its view
            received += page.recv(4096)
        port = running.port
        assert running.interrupt() == 0
        log = running.log.read_text(encoding="utf-8")
    while chunk := page.recv(4096):  # and then the stream ends
        received += chunk
    page.close()
    assert received.startswith(b"HTTP/1.0 200 OK\r\n")
    assert b"\r\n\r\nretry: 500\n\nid: 1\nevent: update\ndata: {" in received
    assert log.endswith("stopped\n")
    assert "Traceback" not in log
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    with socket.socket() as again:  # the port can be served again at once
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def test_an_address_other_computers_reach_is_refused(example: Path) -> None:
    result = _run(example, "harris-2021", "--host", "0.0.0.0")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: will not serve the preview on '0.0.0.0': other computers could read the letter\n"
        "  hint: leave --host out to serve this computer only (127.0.0.1); to serve another "
        "address anyway, add --force-host\n"
    )


def test_a_letter_that_is_not_there_stops_it_at_once(example: Path) -> None:
    result = _run(example, "harris-2012")
    assert (result.returncode, result.stdout) == (66, "")
    assert result.stderr == (
        f"error: no letter 'harris-2012' in {example / 'data/letters'}\n"
        "  hint: did you mean 'harris-2021' or 'harris-2021-press'?\n"
    )


def test_a_port_in_use_is_refused(example: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(example, "harris-2021", "--port", str(port))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: cannot serve the preview on 127.0.0.1:{port}: Address already in use\n"
        "  hint: choose another port with --port, or leave --port out for a free one\n"
    )


def test_one_language_cannot_be_side_by_side(example: Path) -> None:
    result = _run(example, "harris-2021", "-l", "en", "--layout", "parallel")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: the parallel layout sets two languages side by side; got 1\n"
        "  hint: give two languages with -l, e.g. -l en,vi, or use --layout sequential\n"
    )


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.5", "::1", "[::1]", "localhost", "LocalHost"]
)
def test_this_computer_s_addresses_are_served(host: str) -> None:
    assert bind_address(host, force=False) == host.strip("[]")


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "localhost.example.org"]
)
def test_other_addresses_only_when_forced(host: str) -> None:
    with pytest.raises(UsageError, match="other computers could read the letter"):
        bind_address(host, force=False)
    assert bind_address(host, force=True) == host
