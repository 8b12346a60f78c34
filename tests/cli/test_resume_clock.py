"""Carrying on a session whose log has the wall clock set back in it: the time down is
counted from the latest moment the log shows, and no hour is added to the session."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.helpers import balint
from support.logfixtures import fake_log, log_lines, phase, start_line


def _set_back_an_hour(home: Path) -> Path:
    """A session begun three minutes ago, the wall clock set back an hour as its discussion
    began (its discussion and closing shortened to nothing, so that it ends at once), and
    balint stopped a minute later."""
    at = datetime.now(UTC) - timedelta(minutes=3)
    outline = start_line(at)["phases"]
    for later in outline[1:]:
        later["planned"] = 0.01
    lines = [
        start_line(at, auto=False, phases=outline, target=None),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at - timedelta(hours=1), by="next"),
    ]
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-set-back", lines)
    stop = (at + timedelta(seconds=160)).timestamp()
    os.utime(log, (stop, stop))
    return log


def test_a_wall_clock_set_back_adds_no_hour_to_a_resumed_session(home: Path) -> None:
    log = _set_back_an_hour(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    resumed = next(line for line in log_lines(log) if line["event"] == "session_resume")
    assert resumed["t"] < 300, "the three minutes it has run, not an hour more"
    shown = json.loads(balint("log", "show", log.stem, "--json").stdout)
    assert shown["minutes"] < 5


def test_a_wall_clock_set_back_shows_the_resume_at_the_time_it_is(home: Path) -> None:
    _set_back_an_hour(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert re.match(r"\d\d:\d\d  Resumed in ", first), first
    now = datetime.now().astimezone()
    shown = int(first[:2]) * 60 + int(first[3:5])
    assert (shown - (now.hour * 60 + now.minute)) % (24 * 60) in (0, 1, 24 * 60 - 1), first
