"""Carrying on an unfinished session without a terminal: which one --resume takes, by its id
or not, after how long; the offer made only once a new session is known to be sound; and a
resumed session whose time never runs backwards."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes import phases
from helpers import balint
from logfixtures import fake_log, log_lines, phase, start_line

from balint_cli.clock import FakeClock
from balint_cli.session import Session

# -- time never runs backwards -----------------------------------------------------------------


def test_a_phase_that_ran_out_while_balint_was_down_ends_when_it_came_back() -> None:
    clock = FakeClock()
    session = Session(phases(1, 3))
    logged = session.begin()
    clock.advance(73)  # stopped with Ctrl-C 13 s over, its time said to be up
    logged += session.tick(clock.t)
    again = Session(phases(1, 3))
    again.replay(logged)
    again.auto = True  # as without a terminal: nobody is there to press n
    clock.advance(500)  # balint was down; the group went on
    (resumed,) = again.carry_on(clock.t, down=500.0)
    ended, started = again.tick(clock.now() + 0.5)
    assert ended.t == started.t == resumed.t == 573, "not back at 60, when its time ran out"
    assert ended.data["actual"] == 573, "what it ran, the time balint was down included"


def test_nothing_moves_on_before_the_last_thing_that_happened() -> None:
    clock = FakeClock()
    session = Session(phases(1, 3), auto=True)
    session.begin()
    clock.advance(80)  # its time ran out at 60, before anything ticked it on
    (marked,) = session.mark(clock.t)
    moved = session.tick(clock.t + 1)
    assert marked.data["index"] == 0
    assert [(e.kind, e.t) for e in moved] == [("due", 80), ("phase_end", 80), ("phase_start", 80)]


def _ran_over_then_ctrl_c(home: Path) -> Path:
    """A session begun ten minutes ago, stopped with Ctrl-C 13 s into its case facts' overrun
    (its discussion and closing shortened to nothing, so that it ends at once)."""
    at = datetime.now(UTC) - timedelta(minutes=10)
    outline = start_line(at)["phases"]
    for later in outline[1:]:
        later["planned"] = 0.01
    stop = at + timedelta(seconds=133)
    lines = [
        start_line(at, auto=False, phases=outline),
        phase("phase_start", 0, 0, at, by="start"),
        {"event": "due", "t": 120.0, "at": (at + timedelta(seconds=120)).isoformat()},
        phase("phase_end", 133, 0, at, actual=133.0, by="interrupted"),
        {"event": "session_end", "t": 133.0, "at": stop.isoformat(), "how": "interrupted",
         "seconds": 133.0, "paused": 0.0, "late": 13.0},
    ]  # fmt: skip
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    os.utime(log, (stop.timestamp(), stop.timestamp()))
    return log


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def test_piped_a_resumed_session_never_runs_backwards(home: Path) -> None:
    log = _ran_over_then_ctrl_c(home)
    kept = len(log_lines(log))
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)[kept:]
    assert lines[0]["event"] == "session_resume"
    assert [line for line in lines if line["t"] < lines[0]["t"]] == [], "nothing before it"
    facts = next(line for line in lines if line["event"] == "phase_end")
    assert facts["actual"] == pytest.approx(600, abs=5), "the 2:13 it ran, and while down"
    printed = result.stdout.splitlines()
    assert re.fullmatch(r"\d\d:\d\d  Resumed in Case facts, its time is up", printed[0])
    assert re.fullmatch(r"\d\d:\d\d  Case facts ended after 10 min", printed[1]), printed
    resumed = _minutes(printed[0][:5])
    later = [(_minutes(line[:5]) - resumed) % (24 * 60) for line in printed[1:]]
    assert max(later) <= 1, f"no line earlier than the resume: {printed}"
    shown = json.loads(balint("log", "show", log.stem, "--json").stdout)
    assert shown["phases"][0]["actual_minutes"] == pytest.approx(10, abs=0.1)
