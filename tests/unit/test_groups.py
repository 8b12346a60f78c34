"""A group's defaults help rather than trap (an end time outside its usual slot, or already
passed, is set aside with a note), and the lock on groups.toml waits on a fake clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.clock import FakeClock
from support.helpers import TUESDAY, tuesday_at, tuesday_group

from balint_cli.fs import locks
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.start import with_group
from balint_cli.terminal import console

# -- the group's end, outside its usual slot -------------------------------------------------------


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
    prepared = prepare(request, tuesday_at(hour, minute))
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
    prepared = prepare(request, tuesday_at(14, 0))
    assert prepared.look.notice == (
        "The group's end at 13:15 is set aside, as it has passed: this session runs its own "
        "45 min, to 14:45."
    )
    assert capsys.readouterr().err == "", "nothing written under the live screen"


# -- a reminder never blocks a session -------------------------------------------------------------


def test_on_the_live_screen_a_leave_time_set_aside_is_said_on_the_first_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(console, "live_screen", lambda: True)
    prepared = prepare(Request(some_leave_at="12:00"), TUESDAY)
    assert prepared.look.notice == "--some-leave-at 12:00 is set aside, as it has passed."
    assert prepared.look.leave_at is None, "no reminder is shown"


# -- the lock on groups.toml, waited for -----------------------------------------------------------


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
