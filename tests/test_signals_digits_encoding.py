"""Piped sessions stopped by a signal, digits that are only 0-9, output in any encoding."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fakes import Recorder, scripted_keys
from fakes import phases as _phases
from fakes import terminal as _console
from helpers import balint, write
from logfixtures import log_files

from balint_cli.clock import FakeClock
from balint_cli.events import QUIT
from balint_cli.live import run_screen
from balint_cli.screen import Look
from balint_cli.session import Session

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))

# -- only 0-9 are digits ----------------------------------------------------------------------

# Each would have been read as a number the leader never saw written: 3, 10, 0, 38103, 13:15.
REFUSED = [
    (("run", "--speed", "٣", "--end-at", "99:99"), "--speed must be a number, not '٣'."),
    (("run", "--speed", "1_000"), "--speed must be a number, not '1_000'."),
    (("demo", "--speed", "٣٠٠٠٠"), "--speed must be a number, not '٣٠٠٠٠'."),
    (
        ("run", "--attendees", "1_0", "--speed", "100000"),
        "--attendees must be a whole number, not '1_0'.",
    ),
    (
        ("run", "--attendees", "٣", "--speed", "100000"),
        "--attendees must be a whole number, not '٣'.",
    ),
    (("run", "--cases", "٠", "--speed", "100000"), "--cases must be a whole number, not '٠'."),
    (("plan", "--cases", "١"), "--cases must be a whole number, not '١'."),
    (("view", "--port", "٣٨١٠٣"), "--port must be a whole number, not '٣٨١٠٣'."),
    (
        ("groups", "add", "Tuesday", "--members", "١٠"),
        "--members must be a whole number, not '١٠'.",
    ),
    (
        ("formats", "new", "mine", "--from", "45min", "--minutes", "٦٠"),
        "--minutes must be a number, not '٦٠'.",
    ),
    (
        ("plan", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("plan", "--start", "0٩:1٥"),
        "--start: '0٩:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("run", "--some-leave-at", "1٣:1٥", "--speed", "100000"),
        "--some-leave-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("groups", "add", "Tuesday", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("log", "summary", "--since", "2026-0٣-01"),
        "--since: '2026-0٣-01' is not a date; use YYYY-MM-DD, like 2026-03-01.",
    ),
]


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_only_0_to_9_are_digits_in_an_option(home: Path, args: tuple[str, ...], said: str) -> None:
    result = balint(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {said}\n"
    assert log_files(home) == [], "no session was run"
    assert not (home / "groups.toml").exists(), "no group was added"


def test_a_groups_end_at_in_other_digits_is_refused(home: Path) -> None:
    path = write(home / "groups.toml", '["Tuesday"]\nend_at = "1٣:1٥"\n')
    result = balint("run", "--group", "Tuesday", "--speed", "100000")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'Error: {path}: group "Tuesday": end_at must be a clock time such as 13:15.\n'
    )
    assert log_files(home) == []


def test_plain_digits_still_count(home: Path) -> None:
    result = balint("plan", "--start", "9:05", "--end-at", "09:50", "--cases", "1")
    assert result.exit_code == 0, result.output
    assert "09:50" in result.stdout


def test_a_keyboards_own_digits_are_not_a_count() -> None:
    """² (AltGr+2 on a German keyboard), ① or ٣ after a: ignored, as any other key."""
    clock = FakeClock()
    session = Session(_phases(5, 5))
    sink = Recorder()
    script = {
        60.0: ["a"],
        61.0: ["²"],
        62.0: ["①"],
        63.0: ["٣"],
        64.0: ["enter"],  # nothing typed yet: the question stays
        65.0: ["1", "²", "2"],
        66.0: ["enter"],
        70.0: ["q"],
        71.0: ["y"],
    }
    keys = scripted_keys(clock, script, 1.0)
    how = run_screen(session, clock, sink, Look("x", STARTED), keys, _console(), session.begin())
    assert how == QUIT
    counts = [e.data["attendees"] for e in sink.events if e.kind == "attendance"]
    assert counts == [12]
