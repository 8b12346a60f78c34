"""A session carried on long after it began: its log must still read back afterwards."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import complete, fake_log


def _killed(home: Path, begun: timedelta, speed: float = 1.0) -> Path:
    """A session killed in its closing, begun that long ago, as balint left it."""
    at = datetime.now(UTC) - begun
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-0ld0", complete(at, speed=speed)[:6])
    stopped = (at + timedelta(seconds=330 / speed)).timestamp()
    os.utime(log, (stopped, stopped))
    return log


@pytest.mark.parametrize(
    ("begun", "speed", "why"),
    [
        (timedelta(days=120), 1.0, ""),
        (timedelta(days=2), 60.0, " (at --speed 60 it has run 120 days by its own clock)"),
    ],
)
def test_a_session_begun_too_long_ago_is_left_as_it_is(
    home: Path, begun: timedelta, speed: float, why: str
) -> None:
    log = _killed(home, begun, speed)
    before = log.read_bytes()
    result = balint("run", "--resume", "--yes")
    assert result.exit_code == 1, result.output
    began = datetime.now(UTC).astimezone() - begun
    assert result.stderr == (
        f"Error: Session {log.stem} began on {began:%Y-%m-%d}, too long ago to carry on{why}: "
        "a session's log holds 100 days at most.\n"
    )
    assert log.read_bytes() == before


def test_a_session_begun_too_long_ago_is_still_listed_after_resume(home: Path) -> None:
    log = _killed(home, timedelta(days=120))
    balint("run", "--resume", "--yes")
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    assert log.stem in result.stdout
    assert "Skipped" not in result.stderr
