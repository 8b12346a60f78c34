"""The schedule: clock times, fitting to an end time, rescaling, rounding."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.fakes import flexible_phases

from balint_cli.core import schedule
from balint_cli.core.digits import parse_clock
from balint_cli.core.words import clock
from balint_cli.errors import BadInput

TZ = timezone(timedelta(hours=1))
NOON = datetime(2026, 11, 23, 12, 30, tzinfo=TZ)


def test_schedule_places_each_phase_after_the_last() -> None:
    slots = schedule.schedule(flexible_phases((5, False), (20, True), (5, False)), NOON)
    assert [clock(s.start) for s in slots] == ["12:30", "12:35", "12:55"]
    assert clock(slots[-1].end) == "13:00"


def test_end_time_changes_only_the_flexible_phases() -> None:
    phases = flexible_phases((5, False), (20, True), (10, True), (5, False))
    slots = schedule.schedule(phases, NOON, NOON + timedelta(minutes=50))
    assert [s.seconds / 60 for s in slots] == pytest.approx([5, 26.6667, 13.3333, 5], abs=1e-3)
    assert slots[-1].end == NOON + timedelta(minutes=50)
    slots = schedule.schedule(phases, NOON, NOON + timedelta(minutes=25))
    assert [s.seconds / 60 for s in slots] == pytest.approx([5, 10, 5, 5])


def test_shrinking_keeps_a_floor_of_one_minute() -> None:
    phases = flexible_phases((5, False), (20, True), (2, True), (5, False))
    slots = schedule.schedule(phases, NOON, NOON + timedelta(minutes=13))
    assert [s.seconds / 60 for s in slots] == pytest.approx([5, 2, 1, 5])


def test_an_end_that_cannot_be_reached_is_refused() -> None:
    phases = flexible_phases((5, False), (20, True), (5, False))
    with pytest.raises(
        BadInput,
        match="cannot end at 12:40: even with the flexible phases cut "
        "to a minute it ends at 12:41 at the earliest",
    ):
        schedule.schedule(phases, NOON, NOON + timedelta(minutes=10))


def test_without_flexible_phases_only_the_natural_end_is_possible() -> None:
    phases = flexible_phases((5, False), (5, False))
    assert schedule.schedule(phases, NOON, NOON + timedelta(minutes=10))[-1].end.minute == 40
    with pytest.raises(BadInput, match="none of its phases is flexible, so it ends at 12:40"):
        schedule.schedule(phases, NOON, NOON + timedelta(minutes=15))


def test_end_after_rolls_over_midnight_but_not_past_eight_hours() -> None:
    late = datetime(2026, 11, 23, 23, 30, tzinfo=TZ)
    assert schedule.end_after(time(0, 15), late) == datetime(2026, 11, 24, 0, 15, tzinfo=TZ)
    with pytest.raises(BadInput, match=r"--end-at 12:00 is in the past"):
        schedule.end_after(time(12, 0), NOON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:05", time(9, 5)),
        ("13:15", time(13, 15)),
        ("00:00", time(0, 0)),
        (" 23:59 ", time(23, 59)),
    ],
)
def test_clock_times_parse(text: str, expected: time) -> None:
    assert parse_clock(text, "--start") == expected


lengths = st.lists(st.floats(min_value=30, max_value=3600), min_size=1, max_size=12)


@given(lengths, st.data())
def test_rescale_hits_the_total_and_never_reaches_zero(
    seconds: list[float], data: st.DataObject
) -> None:
    flexible = data.draw(st.lists(st.booleans(), min_size=len(seconds), max_size=len(seconds)))
    total = data.draw(st.floats(min_value=sum(min(60, s) for s in seconds) + 1, max_value=8 * 3600))
    out = schedule.rescale(seconds, flexible, total)
    assert out is not None
    assert math.fsum(out) == pytest.approx(total, rel=1e-9)
    assert all(o >= min(60, s) - 1e-6 for o, s in zip(out, seconds, strict=True))
    span = math.fsum(s for s, f in zip(seconds, flexible, strict=True) if f)
    change = total - math.fsum(seconds)
    alone = schedule.share(seconds, [i for i, f in enumerate(flexible) if f], span + change)
    # (None from both sides is no answer: flexible phases at their floor cannot take a cut.)
    fits = alone is not None and schedule.fit(seconds, flexible, total) == alone
    if abs(change) <= span * schedule.WITHIN_REASON and fits:
        # A change the flexible phases can take within reason, they take alone.
        assert all(o == s for o, s, f in zip(out, seconds, flexible, strict=True) if not f)


def test_a_big_cut_keeps_the_shape_of_the_session() -> None:
    # 90 minutes to 60: the discussions give a quarter first, then every phase its share.
    seconds = [300, 420, 300, 60, 1320, 300] * 1
    flexible = [False, False, False, False, True, False]
    out = schedule.rescale(seconds, flexible, 2000)
    assert out is not None
    assert math.fsum(out) == pytest.approx(2000)
    assert out[4] > 2 * out[1], "the discussion stays by far the longest phase"
    assert out[4] < 1320 * 0.75, "it gave more than the others, but not everything"
    assert all(o < s for o, s in zip(out, seconds, strict=True) if s > 60)


@given(lengths, st.integers(min_value=1, max_value=960))
def test_on_grid_keeps_the_sum_in_half_minutes(seconds: list[float], units: int) -> None:
    units = max(units, len(seconds))
    scale = units * 30.0 / sum(seconds)
    out = schedule.on_grid([s * scale for s in seconds], units * 30.0)
    assert sum(out) == units * 30
    assert all(o >= 30 for o in out), out
    assert all(o % 30 == 0 for o in out), out
