"""The group view beside a real running session: in a pseudo-terminal and in a real browser."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from support import browser
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.groupview.state import Publisher
from balint_cli.groupview.web import ViewServer
from balint_cli.groupview.words import Words
from balint_cli.live.screen import Look

FOR_GROUP_FORMAT = SHORT_FORMAT.replace(
    'purpose = "The group gets the facts."',
    'purpose = "The group gets the facts."\nfor_group = "The presenter tells it; we listen."',
).replace(
    'purpose = "The heart of it."',
    'purpose = "The heart of it."\nfor_group = "We wonder together, no advice."',
)


@pytest.fixture
def started(tmp_path: Path) -> Iterator[list[PtyScreen]]:
    shown: list[PtyScreen] = []
    yield shown
    for term in shown:
        term.close()


def _view_shows(view: PtyScreen, session: PtyScreen, pattern: str, timeout: float = 10) -> None:
    """Wait for pattern on the view, reading the session's screen meanwhile (a terminal
    nobody reads from would stop the session's output, and so the session)."""
    deadline = time.monotonic() + timeout
    while True:
        session.watch(0.05)
        view.watch(0.05)
        if view.search(pattern):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} never came. The view:\n{view.text()}")


@pytest.mark.pty
def test_view_follows_a_session_in_another_terminal(
    started: list[PtyScreen], home: Path, tmp_path: Path
) -> None:
    fmt = write(tmp_path / "group.toml", FOR_GROUP_FORMAT)
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"^ *No session is running$")
    assert view.bottom() == "q leaves the view"
    session = PtyScreen(balint_argv("run", str(fmt), "--no-log"), 80, 24)
    started.append(session)
    session.wait_for(r"\d\d:\d\d left of ")
    _view_shows(view, session, r"^ *Case facts  ·  Case 1$")
    _view_shows(view, session, r"^ *about 2 min$")
    assert view.search(r"The presenter tells it; we listen\.")
    assert view.search(r"Next: Group discussion \(case 1\)")
    assert not view.search("Tell us the facts"), "never the leader's prompt"
    assert not view.search("█"), "no countdown unless asked for"
    view.resize(40, 12)
    _view_shows(view, session, r"^ *Case facts")
    assert view.bottom() == "q leaves the view"
    assert all(len(line) <= 40 for line in view.lines())
    session.press(" ")
    _view_shows(view, session, r"Paused · about 2 min")
    session.press(" ")
    session.wait_gone("PAUSED")
    session.press("n")
    _view_shows(view, session, r"^ *Group discussion")
    session.press("q")
    session.wait_for(r"End the session now\? y/n")
    session.press("y")
    assert session.wait_exit() == 0
    view.wait_for(r"^ *No session is running$")
    view.press("q")
    assert view.wait_exit() == 0


@pytest.mark.pty
def test_view_keys_do_nothing_but_q(started: list[PtyScreen]) -> None:
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"No session is running")
    for key in ("n", " ", "y", "\x1b", "+"):  # one at a time: a burst would be a paste
        view.press(key)
        view.watch(0.15)
    view.watch(0.3)
    assert not view.eof
    view.press("q")
    assert view.wait_exit() == 0
    out = view.raw.decode("utf-8", errors="replace")
    assert out.rfind("\x1b[?1049h") < out.rfind("\x1b[?1049l"), "still on the other screen"
    assert out.rfind("\x1b[?25l") < out.rfind("\x1b[?25h"), "the cursor is still hidden"


@pytest.mark.pty
def test_ctrl_c_leaves_the_view_with_the_terminal_restored(started: list[PtyScreen]) -> None:
    view = PtyScreen(balint_argv("view"), 60, 20)
    started.append(view)
    view.wait_for(r"No session is running")
    view.press("\x03")
    assert view.wait_exit() == 130
    out = view.raw.decode("utf-8", errors="replace")
    assert out.rfind("\x1b[?1049h") < out.rfind("\x1b[?1049l")
    assert out.rfind("\x1b[?25l") < out.rfind("\x1b[?25h")
    assert "Traceback" not in out


# -- in a real browser ------------------------------------------------------------------------


def _phases() -> list[Phase]:
    return [
        Phase(id="facts", title="Case facts", minutes=6, case=1,
              for_group="The presenter tells the case; we listen."),
        Phase(id="discussion", title="Group discussion", minutes=20, case=1, flexible=True,
              for_group="The presenter listens; we wonder together, no advice."),
    ]  # fmt: skip


class _MovingOn(ViewServer):
    """A server whose session moves on to its next phase once the page has been served:
    what the browser then shows can only have come from the page's own script."""

    def __init__(self, home: Path) -> None:
        super().__init__(0, home, None)
        self.session = Session(_phases())
        self.session.begin()
        self.look = Look("Test", datetime.now().astimezone())
        self.board = Publisher(home, 1.0, "en")
        self.board.publish(self.session.view(0.0), self.look)
        self.pages = 0

    def said(self) -> Words:
        found = super().said()
        self.pages += 1
        if self.pages == 1:  # the page itself, then the session moves on
            self.session.next(30.0)
            self.board.publish(self.session.view(30.0), self.look)
        return found


def test_the_web_view_in_a_real_browser_follows_the_session(home: Path) -> None:
    browser.chromium()
    server = _MovingOn(home)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        dom = browser.dom(f"http://127.0.0.1:{server.port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        server.board.close()
    title = re.search(r'<h1 id="title">([^<]*)</h1>', dom)
    time = re.search(r'<p id="time">([^<]*)</p>', dom)
    assert title is not None and time is not None, dom
    assert title[1] == "Group discussion", "the script fetched the state and showed it"
    assert re.fullmatch(r"about \d+ min", time[1]), time[1]
    assert "we wonder together" in dom and "Case facts" not in dom
    assert 'data-running="true"' in dom
    assert server.pages >= 2, "the page asked for the state by itself"
