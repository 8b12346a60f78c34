"""Resuming in a real terminal: the offer and --resume's question answered by a key, a
session killed with SIGKILL carried on in its phase, and in German."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.german import english_in, stopped_german
from support.helpers import SHORT_FORMAT, balint, write
from support.logfixtures import fake_log, log_files, only_log_lines, phase, start_line
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.core.words import length_text
from balint_cli.terminal.keys import HELD_SECONDS

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
    assert term.end_session() == 0
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
    assert term.end_session() == 0
    assert b"session_resume" in stopped.read_bytes()


def test_after_a_move_cut_in_two_the_clock_goes_on_from_the_resume(home: Path, spawn: Any) -> None:
    _stopped(home, 10, lines_after=3)  # killed between the discussion's two lines
    term = spawn("run", "--resume")
    term.wait_for(r"^Group discussion .*phase 2 of 3$")
    term.wait_until(lambda: term.shown_seconds() is not None, "the time")
    shown = term.shown_seconds()
    assert shown is not None, f"about 5 min over, not left:\n{term.text()}"
    assert shown < -4 * 60, f"about 5 min over, not left:\n{term.text()}"
    assert term.end_session() == 0


OFFER = (
    r"Eine Sitzung wurde um \d\d:\d\d in der Phase „Gruppengespräch“ unterbrochen\. "
    r"Fortsetzen\? j/n"
)


@pytest.mark.pty
@pytest.mark.parametrize("how", ["offered", "resume"])
def test_a_german_session_is_offered_in_german_and_j_carries_it_on(home: Path, how: str) -> None:
    if how == "offered":
        stopped = stopped_german(home, 20)
        term = PtyScreen(balint_argv("run", "de-45min"), cols=120)
        question = OFFER
    else:  # stopped hours ago, --resume asks first, in the words of the session it carries on
        stopped = stopped_german(home, 5 * 60 + 5)
        term = PtyScreen(balint_argv("run", "--resume"), cols=120)
        question = (
            rf"Sitzung {stopped.stem} wurde vor 5 Stunden in der Phase „Gruppengespräch“ "
            r"unterbrochen\. Fortsetzen\? j/n"
        )
    try:
        term.wait_for_line(question)
        assert english_in(term.text(), stopped.stem) == [], term.text()
        term.press("j")
        term.wait_for(r"^Gruppengespräch .*Phase\s2 von 3$")
        term.press("q")
        term.wait_for(r"Sitzung jetzt beenden\? j/n")
        term.press("j")
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert b"session_resume" in stopped.read_bytes(), "carried on in its own log"


def test_kill_9_then_resume_in_the_same_phase_with_its_time(home: Path) -> None:
    write(home / "formats" / "short.toml", SHORT_FORMAT)
    first = PtyScreen(balint_argv("run", "short", "--speed", "30", "--attendees", "7"))
    try:
        first.wait_for(r"Case facts")
        first.press("n")
        first.wait_for(r"^Group discussion ")
        first.press("+")
        first.wait_for(r"One more minute for Group discussion\.")
        before_kill = only_log_lines(home)
        first.child.kill(signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        first.close()

    after_kill = only_log_lines(home)
    assert after_kill == before_kill, "every event was on disk before the kill"
    kinds = [e["event"] for e in after_kill]
    assert kinds == ["session_start", "phase_start", "phase_end", "phase_start", "extend"]
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert [(s["status"], s["attendees"]) for s in listed] == [("interrupted", 7)]

    extended = after_kill[-1]
    assert isinstance(extended["allotted"], float | int)
    assert isinstance(extended["t"], float)
    again = PtyScreen(balint_argv("run", "--resume"))
    try:
        again.wait_for(r"^Group discussion .*phase 2 of 3")
        minutes = length_text(float(extended["allotted"]))
        line = again.wait_for(rf"(\d\d):(\d\d) left of {minutes}")
        assert again.search("What is it like to be this doctor?"), "the prompt is back"
        shown = int(line[1]) * 60 + int(line[2])
        down = (time.monotonic() - killed_at) * 30  # session seconds while balint was down
        expected = extended["allotted"] - (extended["t"] - after_kill[3]["t"]) - down  # type: ignore[operator]
        assert shown == pytest.approx(expected, abs=45), "the group went on while it was down"
        again.press("n")
        again.wait_for(r"^Closing ")
        again.watch(HELD_SECONDS)  # a press of its own, not the last one held down
        again.press("n")
        again.wait_for(r"End the session now\? y/n")
        again.press("y")
        assert again.wait_exit() == 0
        assert re.search(r"Session completed at \d\d:\d\d after", again.raw.decode())
    finally:
        again.close()

    events = only_log_lines(home)
    assert events[: len(after_kill)] == after_kill, "the same log, carried on"
    kinds = [e["event"] for e in events[len(after_kill) :]]
    assert kinds[0] == "session_resume"
    assert kinds[-1] == "session_end"
    assert events[-1]["how"] == "completed"
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert listed[0]["status"] == "completed"
