"""The session state machine on a fake clock: whole sessions in milliseconds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.clock import FakeClock
from support.fakes import flexible_phases
from support.formats import builtin

from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT, Event
from balint_cli.core.format import Phase
from balint_cli.core.session import Session


def _run(session: Session, clock: FakeClock, seconds: float, step: float = 1.0) -> list[Event]:
    events: list[Event] = []
    end = clock.t + seconds
    while clock.t < end - 1e-9:
        clock.advance(min(step, end - clock.t))
        events += session.tick(clock.t)
    return events


def test_a_90_minute_session_runs_by_itself_and_ends_exactly_on_time() -> None:
    fmt = builtin("90min")
    clock = FakeClock()
    session = Session(fmt.phases, target=90 * 60, auto=True)
    events = session.begin() + _run(session, clock, 90 * 60 + 5, step=0.7)
    starts = [e for e in events if e.kind == "phase_start"]
    assert [e.data["phase"] for e in starts] == [p.id for p in fmt.phases]
    expected, at = [], 0.0
    for phase in fmt.phases:
        expected.append(at)
        at += phase.seconds
    assert [e.t for e in starts] == pytest.approx(expected, abs=1e-6)
    end = events[-1]
    assert end.kind == "session_end"
    assert end.data["how"] == COMPLETED
    assert end.t == pytest.approx(5400, abs=1e-6)
    assert end.data["late"] == pytest.approx(0, abs=1e-6)
    # Each phase rings once at zero, but for the steps back, which move on quietly.
    waiting = [p for p in fmt.phases if p.at_zero == "wait"]
    assert sum(e.kind == "due" for e in events) == len(waiting) == len(fmt.phases) - 2


def test_without_auto_the_phase_waits_and_counts_over() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((2, False), (3, False)))
    session.begin()
    events = _run(session, clock, 150)
    assert [e.kind for e in events] == ["due"]
    assert events[0].t == pytest.approx(120)
    view = session.view(clock.t)
    assert view.index == 0
    assert view.over
    assert view.remaining == pytest.approx(-30)
    assert session.view(clock.t).late == pytest.approx(30)
    events = session.next(clock.t)
    assert [e.kind for e in events] == ["phase_end", "phase_start"]
    assert events[0].data["actual"] == pytest.approx(150)


def test_the_warning_window_comes_before_zero() -> None:
    clock = FakeClock()
    session = Session([Phase(id="a", title="A", minutes=5, warn_minutes=2)])
    session.begin()
    _run(session, clock, 179)
    assert not session.view(clock.t).warn
    _run(session, clock, 2)
    assert session.view(clock.t).warn
    _run(session, clock, 120)
    view = session.view(clock.t)
    assert view.over
    assert not view.warn


def test_pause_stops_the_phase_clock_and_is_counted() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (5, False)), auto=True)
    session.begin()
    _run(session, clock, 60)
    assert session.toggle_pause(clock.t)[0].kind == "pause"
    _run(session, clock, 600)  # ten minutes paused: no phase change
    view = session.view(clock.t)
    assert view.paused
    assert view.index == 0
    assert view.remaining == pytest.approx(240)
    resumed = session.toggle_pause(clock.t)
    assert resumed[0].kind == "resume"
    assert resumed[0].data["paused"] == pytest.approx(600)
    events = _run(session, clock, 240)
    assert [e.kind for e in events] == ["due", "phase_end", "phase_start"]
    assert session.paused_total == pytest.approx(600)


def test_back_returns_to_the_previous_phase_with_the_time_it_had_left() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (5, False)))
    session.begin()
    _run(session, clock, 100)
    session.next(clock.t)
    _run(session, clock, 30)
    events = session.back(clock.t)
    assert [e.data["by"] for e in events] == ["back", "back"]
    view = session.view(clock.t)
    assert view.index == 0
    assert view.remaining == pytest.approx(200)
    assert session.back(clock.t) == [], "nothing before the first phase"
    session.next(clock.t)
    assert session.view(clock.t).remaining == pytest.approx(270), "and forward again"


def test_plus_and_minus_change_this_phase_by_a_minute_never_below_one() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((3, False), (5, False)))
    session.begin()
    assert session.extend(clock.t, +1)[0].data["allotted"] == 240
    assert session.view(clock.t).remaining == pytest.approx(240)
    session.extend(clock.t, -1)
    session.extend(clock.t, -1)
    session.extend(clock.t, -1)
    assert session.allotted() == 60
    assert session.extend(clock.t, -1) == [], "a phase keeps at least a minute"


def test_overrun_shrinks_the_flexible_phase_ahead_so_the_end_holds() -> None:
    fmt = builtin("45min")
    clock = FakeClock()
    session = Session(fmt.phases, target=45 * 60)
    session.begin()
    _run(session, clock, 3 * 60)
    session.next(clock.t)  # facts, planned 6 minutes
    _run(session, clock, 9 * 60)  # run 3 minutes over
    view = session.view(clock.t)
    assert view.late == pytest.approx(0)
    assert view.projected_end == pytest.approx(45 * 60)
    assert view.lengths[4] == pytest.approx(19 * 60), "discussion gives up three minutes"
    session.next(clock.t)
    session.extend(clock.t, +2)  # questions get two more minutes
    assert session.view(clock.t).lengths[4] == pytest.approx(17 * 60)
    assert session.view(clock.t).late == pytest.approx(0)


def test_when_the_flexible_phases_are_spent_the_screen_can_say_how_late() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (10, True), (5, False)), target=20 * 60)
    session.begin()
    _run(session, clock, 15 * 60)  # ten minutes over in the first phase
    view = session.view(clock.t)
    assert view.lengths[1] == 60, "the discussion keeps its floor of a minute"
    assert view.late == pytest.approx(60)
    session.next(clock.t)
    assert session.allotted() == 60
    assert session.view(clock.t).late == pytest.approx(60)


def test_moving_on_early_gives_the_time_to_the_flexible_phase() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (10, True), (5, False)), target=20 * 60)
    session.begin()
    _run(session, clock, 60)
    session.next(clock.t)
    assert session.allotted() == pytest.approx(14 * 60)


def test_a_pause_eats_into_the_flexible_phase_when_the_end_holds() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (10, True), (5, False)), target=20 * 60)
    session.begin()
    session.toggle_pause(clock.t)
    _run(session, clock, 120)
    assert session.view(clock.t).lengths[1] == pytest.approx(8 * 60)


def test_without_a_fixed_end_nothing_shrinks_and_lateness_is_against_the_plan() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((5, False), (10, True), (5, False)))
    session.begin()
    _run(session, clock, 7 * 60)
    view = session.view(clock.t)
    assert view.lengths[1] == 600
    assert view.late == pytest.approx(120)
    assert not view.holding


def test_next_on_the_last_phase_completes_the_session() -> None:
    clock = FakeClock()
    session = Session(flexible_phases((1, False), (1, False)))
    session.begin()
    session.next(clock.t)
    _run(session, clock, 30)
    events = session.next(clock.t)
    assert events[-1].kind == "session_end"
    assert events[-1].data["how"] == COMPLETED
    assert session.next(clock.t) == []
    assert session.extend(clock.t, 1) == []


@pytest.mark.parametrize(("wait", "how"), [(30, QUIT), (90, COMPLETED)])
def test_quitting_once_the_last_phase_is_up_counts_as_completed(wait: int, how: str) -> None:
    clock = FakeClock()
    session = Session(
        flexible_phases(
            (1, False),
        )
    )
    session.begin()
    _run(session, clock, wait)
    assert session.finish(clock.t, QUIT)[-1].data["how"] == how


def test_an_interrupted_session_records_its_pause() -> None:
    clock = FakeClock()
    session = Session(
        flexible_phases(
            (5, False),
        )
    )
    session.begin()
    session.toggle_pause(clock.t)
    _run(session, clock, 30)
    end = session.finish(clock.t, INTERRUPTED)[-1]
    assert end.data == {**end.data, "how": INTERRUPTED, "paused": pytest.approx(30)}


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["wait", "pause", "next", "back", "plus", "minus"]),
        st.floats(min_value=0, max_value=900),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(ACTIONS, st.booleans(), st.booleans())
def test_replaying_the_events_rebuilds_the_same_session(
    actions: list[tuple[str, float]], auto: bool, holding: bool
) -> None:
    phases = builtin("90min").phases
    target = 90 * 60.0 if holding else None
    clock = FakeClock()
    live = Session(phases, target=target, auto=auto)
    events = live.begin()
    for action, amount in actions:
        if action == "wait":
            clock.advance(amount)
        else:
            events += {
                "pause": lambda: live.toggle_pause(clock.t),
                "next": lambda: live.next(clock.t),
                "back": lambda: live.back(clock.t),
                "plus": lambda: live.extend(clock.t, 1),
                "minus": lambda: live.extend(clock.t, -1),
            }[action]()
        events += live.tick(clock.t)
    rebuilt = Session(phases, target=target, auto=auto)
    rebuilt.replay(events)
    assert rebuilt.view(clock.t) == live.view(clock.t)
    assert rebuilt.tick(clock.t) == []
