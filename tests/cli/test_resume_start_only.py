"""Carrying on a session whose log stops at its first line: balint went before its first
phase was written."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.helpers import balint
from support.logfixtures import fake_log, log_lines, start_line


def _start_only(home: Path) -> Path:
    """A practice run killed as it began, ten seconds ago (its time is up by now)."""
    at = datetime.now(UTC) - timedelta(seconds=10)
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-0ne0", [start_line(at, speed=100000, auto=False)])
    os.utime(log, (at.timestamp(), at.timestamp()))
    return log


def test_the_first_phase_carried_on_is_begun_in_the_log(home: Path) -> None:
    log = _start_only(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)
    assert [line["event"] for line in lines[:2]] == ["session_start", "phase_start"]
    assert lines[1]["index"] == 0


def test_the_first_phase_carried_on_is_dated_when_the_session_began(home: Path) -> None:
    log = _start_only(home)
    balint("run", "--resume")
    began, first = (datetime.fromisoformat(line["at"]) for line in log_lines(log)[:2])
    assert abs(first - began) < timedelta(milliseconds=1)


def test_log_show_gives_the_first_phase_the_time_it_ran(home: Path) -> None:
    log = _start_only(home)
    balint("run", "--resume")
    result = balint("log", "show", log.stem)
    assert result.exit_code == 0, result.output
    facts = next(row for row in result.stdout.splitlines() if "Case facts" in row)
    assert not facts.rstrip().endswith("-"), result.stdout
