"""Every test gets its own empty balint home, a plain, fixed-width terminal and English.

The language is pinned (the system's locale would otherwise choose it), and put back to
English after each test, since a session or a handout chooses it for the whole process.
A test's kind is its folder (unit/, cli/, e2e/), and each is marked with it. The fixtures
import balint as they run, so that a test that takes modules away imports it afresh.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import settings

KINDS = ("unit", "cli", "e2e")  # the folders under tests/, each a marker of the same name

# A property test without a count of its own tries hypothesis's usual hundred examples; this
# profile tries ten times as many (`pytest --hypothesis-profile=thorough`).
settings.register_profile("thorough", max_examples=1000)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point BALINT_HOME at a temporary folder: no test touches the real one."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BALINT_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BALINT_DEBUG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield folder
    from balint_cli.i18n import use

    use("en")


@pytest.fixture
def german() -> Iterator[None]:
    """balint speaks German for the test, and English again after it."""
    from balint_cli.i18n import use

    use("de")
    yield
    use("en")


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer in Berlin, where summer time ends on 2026-10-25 and begins 2027-03-28."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def running(home: Path) -> Iterator[None]:
    """A session running in home, in its case facts, with a little over 2 minutes left."""
    from datetime import datetime

    from balint_cli.core.format import Phase
    from balint_cli.core.session import Session
    from balint_cli.groupview.state import Publisher
    from balint_cli.live.screen import Look

    session = Session([Phase(id="facts", title="Case facts", minutes=2.5, case=1)])
    session.begin()
    board = Publisher(home, 1.0, "en")
    board.publish(session.view(0.0), Look("Test", datetime.now().astimezone()))
    yield
    board.close()


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A test that waits on a FIFO or a device fails after 20 seconds instead of hanging."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError("balint hung")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its kind, the folder it is filed in."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            kind = item.path.relative_to(here).parts[0]
            if kind in KINDS:
                item.add_marker(kind)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder a user types -o in, as the current one."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
