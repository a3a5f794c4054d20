"""Shared fixtures: the example workspace, copies of fixture workspaces, the CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from letter_kit.cli import main
from letter_kit.workspace import cache as cachefolder

from .smtp import Server, smtp_server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_configure(config: pytest.Config) -> None:
    # The tests (and the commands they start) keep parsed YAML in a cache of their own,
    # never in the user's.
    cache = Path(tempfile.mkdtemp(prefix="letterkit-test-cache-"))
    os.environ[cachefolder.CACHE_ENV] = str(cache)
    cachefolder.root.cache_clear()
    config.add_cleanup(lambda: shutil.rmtree(cache, ignore_errors=True))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files from the current output (review the diff!).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``letterkit ARGS`` in this process, in folder ``cwd``; return code and output."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or ROOT)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example workspace."""
    target = tmp_path / "example"
    for name in ("data", "templates", "assets"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A private copy of the minimal fixture workspace (one letter, one of everything)."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, to prove that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file, or rewrite it with --update-golden."""
    if update or not path.exists():
        if not update:
            pytest.fail(f"golden file {path.name} is missing; run pytest --update-golden")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as out:  # keep CRLF as written
            out.write(actual)
        return
    with path.open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert actual == expected, f"output differs from {path.relative_to(ROOT)}"


@pytest.fixture(autouse=True)
def _no_stray_files() -> Iterator[None]:
    """No test may write into the repository."""
    before = snapshot(ROOT / "data")
    yield
    assert snapshot(ROOT / "data") == before, "a test changed the example workspace"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A plain SMTP server for the test."""
    with smtp_server(tmp_path) as running:
        yield running


@pytest.fixture
def no_smtp_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No LETTERKIT_SMTP_* setting of the machine's environment reaches the test."""
    for name in ("HOST", "PORT", "SECURITY", "USER", "CAFILE", "PASSWORD"):
        monkeypatch.delenv(f"LETTERKIT_SMTP_{name}", raising=False)
