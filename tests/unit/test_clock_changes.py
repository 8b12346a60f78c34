"""The night the clocks change: an end time and a reminder are read as the wall clock shows
them, in this computer's own time zone with its daylight-saving rules."""

from __future__ import annotations

import io
import tomllib
from datetime import datetime, timedelta

import pytest
from support.clock import FakeClock
from support.fakes import Recorder, flexible_phases
from support.helpers import SHORT_FORMAT

from balint_cli.core import schedule
from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.core.words import clock
from balint_cli.live import ending
from balint_cli.live.loop import run_plain
from balint_cli.live.request import Request
from balint_cli.live.screen import Look


def _local(*parts: int) -> datetime:
    """A moment as this computer's wall clock shows it."""
    return datetime(*parts).astimezone()  # type: ignore[arg-type]


PHASES = flexible_phases((5, False), (60, True), (5, False))


@pytest.mark.usefixtures("berlin")
def test_an_end_at_after_clocks_go_back_is_kept_by_the_wall_clock() -> None:
    # 01:30 summer time to 03:30 winter time: three hours pass, one of them twice.
    now = _local(2026, 10, 25, 1, 30)
    kept = ending.plan(Request(end_at="03:30"), PHASES, now)
    assert kept.end is not None
    assert kept.end - now == timedelta(hours=3)


@pytest.mark.usefixtures("berlin")
def test_an_end_at_after_clocks_go_forward_is_kept_by_the_wall_clock() -> None:
    now = _local(2027, 3, 28, 1, 30)
    kept = ending.plan(Request(end_at="03:30"), PHASES, now)
    assert kept.end is not None
    assert kept.end - now == timedelta(hours=1)


@pytest.mark.usefixtures("berlin")
def test_an_end_at_after_midnight_the_night_clocks_change() -> None:
    now = _local(2026, 10, 24, 23, 50)
    kept = ending.plan(Request(end_at="03:20"), flexible_phases((5, False), (60, True)), now)
    assert kept.end is not None
    assert kept.end - now == timedelta(hours=4, minutes=30)


@pytest.mark.usefixtures("berlin")
def test_a_reminder_after_midnight_the_night_clocks_go_forward() -> None:
    now = _local(2027, 3, 27, 23, 50)
    end = _local(2027, 3, 28, 4, 0)  # 3 h 10 min away: an hour of the night is missing
    when, aside = ending.leave_at("03:30", now, end)
    assert aside == ""
    assert when is not None
    assert end - when == timedelta(minutes=30)


@pytest.mark.usefixtures("berlin")
def test_a_plan_through_the_night_summer_time_ends_shows_the_wall_clock() -> None:
    slots = schedule.schedule(PHASES, _local(2026, 10, 25, 2, 30))  # summer time still
    assert [clock(slot.start) for slot in slots] == ["02:30", "02:35", "02:35"]
    assert clock(slots[-1].end) == "02:40", "70 minutes after 02:30 summer time"


@pytest.mark.usefixtures("berlin")
def test_plain_lines_through_the_night_summer_time_begins_show_the_wall_clock() -> None:
    fmt = Format.model_validate(tomllib.loads(SHORT_FORMAT))
    fake = FakeClock()
    session = Session(fmt.phases, auto=True)
    out = io.StringIO()
    look = Look(fmt.name, _local(2027, 3, 28, 1, 58))
    run_plain(session, fake, Recorder(), look, out, session.begin(), fake.advance)
    assert out.getvalue().splitlines()[:3] == [
        "01:58  Case facts, case 1: 2 min",
        "03:00  Case facts ended after 2 min",
        "03:00  Group discussion, case 1: 3 min",
    ]
