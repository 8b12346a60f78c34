"""A session whose log lacks only its last line had ended: it is not offered as unfinished."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.helpers import balint
from support.logfixtures import fake_log, phase, start_line


def _ended_but_for_its_last_line(home: Path) -> Path:
    """Killed as it completed: the closing's end written, the session's end not."""
    at = datetime.now(UTC) - timedelta(minutes=10)
    lines = [
        start_line(at, auto=False),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 120, 0, at, actual=120.0, by="next"),
        phase("phase_start", 120, 1, at, by="next"),
        phase("phase_end", 300, 1, at, actual=180.0, by="next"),
        phase("phase_start", 300, 2, at, by="next"),
        phase("phase_end", 360, 2, at, actual=60.0, by="completed"),
    ]
    return fake_log(home, f"{at:%Y%m%d-%H%M}-e0d0", lines)


def test_a_session_ended_but_for_its_last_line_is_not_offered(home: Path) -> None:
    _ended_but_for_its_last_line(home)
    result = balint("run", "45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "did not finish" not in result.stderr
