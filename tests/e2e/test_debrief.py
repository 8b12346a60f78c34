"""The co-leaders' debrief in a real terminal: the question once a co-led session ends, the
debrief's questions and its countdown, the group's view saying the session has ended, and
one line in the log."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import write
from support.logfixtures import fake_log, log_lines
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.core.events import Event
from balint_cli.core.session import Session
from balint_cli.formats.catalogue import resolve
from balint_cli.groupview.state import current
from balint_cli.logbook.writing import to_line
from balint_cli.terminal.keys import HELD_SECONDS

pytestmark = pytest.mark.pty

QUESTION = r"Debrief together now\? y/n"


def _in_its_closing(home: Path) -> Path:
    """A co-led 45-minute session that stopped in its closing, its time long up: carried on,
    it is one `q` from its end (and long past a false start)."""
    loaded = resolve("45min", home)
    phases = loaded.format.phases
    at = datetime.now().astimezone() - timedelta(minutes=50)
    session = Session(phases)
    events, t = session.begin(), 0.0
    for _ in range(len(phases) - 1):
        t += session.allotted()
        events += session.next(t)
    outline = [
        {"id": p.id, "title": p.title, "case": p.case, "minutes": p.minutes,
         "planned": p.seconds, "flexible": p.flexible, "warn_minutes": p.warn_minutes,
         "at_zero": p.at_zero}
        for p in phases
    ]  # fmt: skip
    first = {
        "event": "session_start", "t": 0.0, "at": at.isoformat(), "v": 1, "format": "45min",
        "format_source": "built-in", "format_title": loaded.format.name,
        "format_hash": loaded.digest, "phases": outline, "target": None, "auto": False,
        "speed": 1.0, "role": "co-lead", "practice": False,
    }  # fmt: skip

    def dated(event: Event) -> dict[str, Any]:
        return to_line(Event(event.kind, event.t, {**event.data, "at": _at(at, event.t)}))

    log = fake_log(home, f"{at:%Y%m%d-%H%M}-cold", [first, *map(dated, events)])
    stopped = (at + timedelta(seconds=events[-1].t)).timestamp()
    os.utime(log, (stopped, stopped))  # as balint left it: its last write
    return log


def _at(at: datetime, t: float) -> str:
    return (at + timedelta(seconds=t)).isoformat(timespec="milliseconds")


@pytest.fixture
def spawn(home: Path) -> Iterator[Any]:
    """Start balint in a pseudo-terminal; stopped after."""
    started: list[PtyScreen] = []

    def begin(*args: str) -> PtyScreen:
        term = PtyScreen(balint_argv(*args))
        started.append(term)
        return term

    yield begin
    for term in started:
        term.close()


def _end_it(term: PtyScreen) -> None:
    term.wait_for(r"^Closing .*phase 7 of 7$")
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    term.wait_for(QUESTION)


def test_the_debrief_after_a_co_led_session_in_a_real_terminal(home: Path, spawn: Any) -> None:
    write(home / "config.toml", "debrief_minutes = 0.05\n")  # three seconds, to its end
    log = _in_its_closing(home)
    term = spawn("run", "--resume")
    _end_it(term)
    assert term.search(r"^Session completed after 50 min, 5 min late$"), term.text()
    shown = current(home)
    assert shown is not None, "the group's view says the session has ended"
    assert shown.ended, "the group's view says the session has ended"
    term.watch(HELD_SECONDS)  # y again at once is the first y held down, read as one press
    term.press("y")
    term.wait_for(r"^Debrief .*leaders only · the session has ended$")
    assert term.search(r"left of 1 min$"), term.text()
    assert term.search(r"^• How did the frame hold today: the time, the ground rules"), term.text()
    assert term.search(r"^n or q ends the debrief$")
    assert term.wait_exit() == 0, "it ends by itself when its time is up"
    assert term.search(r"^Debrief held: ½ min\.$"), term.text()
    assert current(home) is None
    last = log_lines(log)[-1]
    assert set(last) == {"event", "t", "at", "minutes"}, json.dumps(last)
    assert last["event"] == "debrief"
    assert last["minutes"] == 0.1  # 3 s, to a tenth of a minute
    assert log_lines(log)[-2]["event"] == "session_end"


def test_n_to_the_question_ends_balint_with_nothing_logged(home: Path, spawn: Any) -> None:
    log = _in_its_closing(home)
    term = spawn("run", "--resume")
    _end_it(term)
    term.press("n")
    assert term.wait_exit() == 0
    assert not term.search(r"Debrief held")
    assert log_lines(log)[-1]["event"] == "session_end"
