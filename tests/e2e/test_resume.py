"""The offer of an unfinished session, and --resume's question, in a real terminal: y or n
answer them, Enter does not, Escape and Ctrl-C leave with nothing started; a resumed
session's clock goes on from its resume."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import SHORT_FORMAT, write
from support.logfixtures import fake_log, log_files, phase, start_line
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty

QUESTION = r"A session stopped at \d\d:\d\d in Group discussion\. Carry on with it\? y/n"


def _stopped(home: Path, minutes_ago: float, lines_after: int = 4) -> Path:
    """A session killed in its discussion, begun minutes ago (cut after lines_after lines:
    3 leaves the move to the discussion half written)."""
    at = datetime.now().astimezone() - timedelta(minutes=minutes_ago)
    lines = [
        start_line(at, auto=False),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at, by="next"),
    ][:lines_after]
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = (at + timedelta(seconds=100)).timestamp()
    os.utime(log, (stopped, stopped))  # as balint left it: its last write
    return log


@pytest.fixture
def spawn(home: Path) -> Iterator[Any]:
    """Start balint in a pseudo-terminal, with the short format at hand; stopped after."""
    write(home / "formats" / "short.toml", SHORT_FORMAT)
    started: list[PtyScreen] = []

    def start(*args: str) -> PtyScreen:
        term = PtyScreen(balint_argv(*args), cols=120)  # the longest question on one line
        started.append(term)
        return term

    yield start
    for term in started:
        term.close()


def test_enter_does_not_answer_the_offer(home: Path, spawn: Any) -> None:
    stopped = _stopped(home, 20)
    term = spawn("run", "short")
    term.wait_for_line(QUESTION)
    term.press("\r")
    term.watch(0.5)
    assert not term.search(r"phase \d of 3"), "no session started"
    assert log_files(home) == [stopped]
    term.press("y")
    term.wait_for(r"^Group discussion .*phase 2 of 3$")
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    assert term.wait_exit() == 0
    assert log_files(home) == [stopped], "carried on in its own log"


@pytest.mark.parametrize(("key", "status"), [("\x1b", 1), ("\x03", 130)], ids=["escape", "ctrl-c"])
def test_escape_and_ctrl_c_leave_the_offer_with_nothing_started(
    home: Path, spawn: Any, key: str, status: int
) -> None:
    stopped = _stopped(home, 20)
    before = stopped.read_bytes()
    term = spawn("run", "short")
    term.wait_for_line(QUESTION)
    term.press(key)
    assert term.wait_exit() == status
    lines = [line for line in term.lines() if line]
    assert lines[-2].endswith("Carry on with it? y/n"), "left on a fresh line"
    assert lines[-1] == "Nothing started."
    assert log_files(home) == [stopped]
    assert stopped.read_bytes() == before


@pytest.mark.parametrize("answer", ["n", "y"])
def test_resume_asks_first_about_a_session_stopped_hours_ago(
    home: Path, spawn: Any, answer: str
) -> None:
    stopped = _stopped(home, 5 * 60 + 2)
    before = stopped.read_bytes()
    term = spawn("run", "--resume")
    term.wait_for_line(
        rf"Session {stopped.stem} stopped 5 hours ago, in Group discussion\. "
        r"Carry on with it\? y/n"
    )
    term.press(answer)
    if answer == "n":
        assert term.wait_exit() == 0
        assert term.search(r"^Nothing started\.$")
        assert stopped.read_bytes() == before
        return
    term.wait_for(r"^Group discussion .*phase 2 of 3$")
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    assert term.wait_exit() == 0
    assert b"session_resume" in stopped.read_bytes()


def test_after_a_move_cut_in_two_the_clock_goes_on_from_the_resume(home: Path, spawn: Any) -> None:
    _stopped(home, 10, lines_after=3)  # killed between the discussion's two lines
    term = spawn("run", "--resume")
    term.wait_for(r"^Group discussion .*phase 2 of 3$")
    term.wait_until(lambda: term.shown_seconds() is not None, "the time")
    shown = term.shown_seconds()
    assert shown is not None and shown < -4 * 60, f"about 5 min over, not left:\n{term.text()}"
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    assert term.wait_exit() == 0
