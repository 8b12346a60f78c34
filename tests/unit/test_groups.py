"""A group's defaults help rather than trap (an end time outside its usual slot, or already
passed, is set aside with a note), and the lock on groups.toml waits on a fake clock."""

from __future__ import annotations

import math
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock
from support.helpers import FAST, tuesday_group
from support.logfixtures import log_files, log_lines

from balint_cli.errors import BadInput
from balint_cli.fs import locks
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.start import start, with_group
from balint_cli.terminal import console

TZ = timezone(timedelta(hours=1))
TUESDAY = datetime(2026, 11, 24, 12, 30, tzinfo=TZ)  # the group's usual start; it ends 13:15


def _at(hour: int, minute: int) -> datetime:
    return TUESDAY.replace(hour=hour, minute=minute)


def _started(home: Path, request: Request, now: datetime) -> dict[str, Any]:
    """Run a whole session as `balint run` would at `now`; the first line of its log."""
    assert start(request, now) == 0
    (log,) = log_files(home)
    first: dict[str, Any] = log_lines(log)[0]
    return first


def _notes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The notes written on stderr (beside the line saying where logs go)."""
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("Note:")]


def _minutes(first: dict[str, Any]) -> float:
    return math.fsum(phase["planned"] for phase in first["phases"]) / 60


# -- 9. the group's end, outside its usual slot ------------------------------------------------


def test_a_group_end_that_has_passed_is_set_aside_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuesday_group(home)
    first = _started(home, Request(group="Tuesday GPs", speed=FAST), _at(14, 0))
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as it has passed: this session runs its "
        "own 45 min, to 14:45."
    ]
    assert first["end_at"] is None, "the log keeps no end the session did not hold"
    assert _minutes(first) == 45
    typed = with_group(Request(group="Tuesday GPs", end_at="13:15"), home, None)
    with pytest.raises(BadInput, match=r"^--end-at 13:15 is in the past"):
        prepare(typed, _at(14, 0))


@pytest.mark.parametrize(
    ("hour", "minute", "reason", "end"),
    [
        (13, 10, "it comes too soon, even with the flexible phases cut to a minute", "13:55"),
        (4, 0, "it is over 8 hours away", "04:45"),
        (9, 0, "it would stretch the flexible phases past twice their length", "09:45"),
        (23, 50, "it has passed", "00:35"),
    ],
)
def test_a_group_end_outside_its_usual_slot_is_one_note(
    home: Path, capsys: pytest.CaptureFixture[str], hour: int, minute: int, reason: str, end: str
) -> None:
    tuesday_group(home)
    request = with_group(Request(group="Tuesday GPs"), home, None)
    prepared = prepare(request, _at(hour, minute))
    assert capsys.readouterr().err == (
        f"Note: The group's end at 13:15 is set aside, as {reason}: this session runs its own "
        f"45 min, to {end}.\n"
    )
    assert sum(prepared.session.planned) == 45 * 60
    assert prepared.session.target == 45 * 60, "the format's own length, held"


def test_on_the_live_screen_the_group_end_set_aside_is_said_on_the_first_screen(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "live_screen", lambda: True)
    tuesday_group(home)
    request = with_group(Request(group="Tuesday GPs"), home, None)
    prepared = prepare(request, _at(14, 0))
    assert prepared.look.notice == (
        "The group's end at 13:15 is set aside, as it has passed: this session runs its own "
        "45 min, to 14:45."
    )
    assert capsys.readouterr().err == "", "nothing written under the live screen"


# -- 10. an end the session cannot keep: --cases 0 ----------------------------------------------


def test_cases_0_sets_the_group_end_aside_and_the_session_is_shorter(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuesday_group(home, fmt="90min")
    first = _started(home, Request(group="Tuesday GPs", cases=0, speed=FAST), TUESDAY)
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as none of this session's phases is "
        "flexible: this session runs its own 8 min, to 12:38."
    ]
    assert [phase["id"] for phase in first["phases"]] == ["opening", "closing"]
    assert _minutes(first) == 8
    typed = Request(format_ref="90min", cases=0, end_at="13:15")
    with pytest.raises(BadInput, match="none of its phases is flexible, so it ends at 12:38"):
        prepare(typed, TUESDAY)


# -- 12. a reminder never blocks a session -----------------------------------------------------


@pytest.mark.parametrize(
    ("leave", "said"),
    [
        ("12:00", "--some-leave-at 12:00 is set aside, as it has passed."),
        ("14:00", "--some-leave-at 14:00 is set aside, as the session ends at 13:15."),
    ],
)
def test_a_leave_time_outside_the_session_is_one_note_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str], leave: str, said: str
) -> None:
    first = _started(home, Request(some_leave_at=leave, speed=FAST), TUESDAY)
    assert _notes(capsys) == [f"Note: {said}"]
    assert _minutes(first) == 45


def test_on_the_live_screen_a_leave_time_set_aside_is_said_on_the_first_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(console, "live_screen", lambda: True)
    prepared = prepare(Request(some_leave_at="12:00"), TUESDAY)
    assert prepared.look.notice == "--some-leave-at 12:00 is set aside, as it has passed."
    assert prepared.look.leave_at is None, "no reminder is shown"


# -- 20. plan's timeline has a legend ----------------------------------------------------------


def test_waiting_for_the_lock_takes_it_once_the_other_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    other = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    assert locks.try_lock(other)
    clock = FakeClock()
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock.advance(seconds)
        if len(waits) == 3:
            os.close(other)  # the other balint is done

    mine = os.open(path, os.O_RDWR)
    try:
        assert locks.wait_lock(mine, 5.0, sleep=sleep, now=clock.now)
        assert len(waits) == 3
    finally:
        os.close(mine)


def test_waiting_for_the_lock_gives_up_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    other = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    assert locks.try_lock(other)
    clock = FakeClock()
    start = clock.now()
    mine = os.open(path, os.O_RDWR)
    try:
        assert not locks.wait_lock(mine, 5.0, sleep=clock.advance, now=clock.now)
        assert clock.now() - start == pytest.approx(5.0)
    finally:
        os.close(mine)
        os.close(other)
