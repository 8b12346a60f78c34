"""The Balint frame on the live screen and in the session: a phase that moves on at zero
quietly, the step back, the words for one case, and some leaving early."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyte
from rich.console import Console
from support.clock import FakeClock
from support.fakes import terminal
from support.formats import ONE_CASE_OPENING, TWO_CASE_OPENING, builtin
from support.screens import STARTED, frame

from balint_cli.core.events import COMPLETED, Event
from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.groupview.state import shown
from balint_cli.live.loop import run_screen
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import Look, SessionScreen


def _phases() -> list[Phase]:
    return [
        Phase(id="questions", title="Clarifying questions", minutes=2, case=1),
        Phase(id="step-back", title="Presenter steps back", minutes=1, case=1, at_zero="next"),
        Phase(id="discussion", title="Group discussion", minutes=3, case=1),
    ]


def test_a_phase_that_moves_on_at_zero_does_so_quietly() -> None:
    session = Session(_phases())
    events = session.begin()
    events += session.next(100)  # the questions end early: the step back starts at 100
    events += session.tick(159)
    assert session.index == 1, "not yet"
    events += session.tick(161)
    assert session.index == 2, "on into the discussion by itself"
    moved = [e for e in events if e.kind == "phase_start"][-1]
    assert moved.t == 160, "exactly at zero"
    assert moved.data["by"] == "auto", "exactly at zero"
    assert not [e for e in events if e.kind == "due"], "no bell: nothing rang"
    events = session.tick(100 + 60 + 181)
    assert [e.kind for e in events] == ["due"], "a waiting phase still says its time is up"
    assert session.index == 2, "and waits, in red"
    assert session.view(100 + 60 + 181).over, "and waits, in red"


def test_the_step_back_never_shows_red_nor_rings(tmp_path: Path) -> None:
    clock = FakeClock()
    session = Session(_phases())
    console = Console(
        file=io.StringIO(), force_terminal=True, width=60, height=20, color_system="truecolor"
    )
    reads = iter([["n"]] + [[] for _ in range(400)])

    def keys(timeout: float) -> list[str]:
        clock.advance(timeout * clock.speed)
        keys = next(reads, [])
        if clock.t > 200:
            return ["q"] if clock.t < 201.5 else ["y"]
        return keys

    recorded: list[Event] = []

    class Sink:
        def record_all(self, events: Any) -> None:
            recorded.extend(events)

        def pulse(self) -> None:
            pass

    run_screen(
        session, clock, Sink(), Look("x", STARTED, bell=True), keys, console, session.begin()
    )
    out = console.file.getvalue()  # type: ignore[attr-defined]
    shown = pyte.Screen(60, 20)
    stream = pyte.Stream(shown)
    frames = []
    for chunk in out.split("\x1b[H"):  # a frame at a time, as the terminal shows it
        stream.feed("\x1b[H" + chunk)
        if "Presenter steps back" in shown.display[0]:
            frames.append("\n".join(shown.display))
    assert len(frames) >= 50, "a frame a second through the step back"
    assert not any("over" in f for f in frames), "never red, never counting up"
    assert "\x07" not in out, "no bell: the discussion's time was not up either"
    assert [e.data["phase"] for e in recorded if e.kind == "phase_start"] == [
        "questions",
        "step-back",
        "discussion",
    ]


def test_auto_still_moves_every_phase_on() -> None:
    session = Session(_phases(), auto=True)
    session.begin()
    events = session.tick(6 * 60 + 1)
    assert session.ended == COMPLETED
    assert [e.kind for e in events].count("due") == 2, "the waiting phases ring; the step back not"


def _leaving_screen(minutes_in: float, leave: str) -> str:
    session = Session(builtin("45min").phases, target=45 * 60)
    session.begin()
    hour, minute = map(int, leave.split(":"))
    look = Look("x", STARTED, leave_at=STARTED.replace(hour=hour, minute=minute))
    return "\n".join(frame(SessionScreen(view=session.view(minutes_in * 60), look=look), 80, 24))


def test_the_screen_says_when_some_leave_from_five_minutes_before() -> None:
    assert "Some leave at 13:00" not in _leaving_screen(24.9, "13:00")
    assert "Some leave at 13:00" in _leaving_screen(25, "13:00")
    assert "Some leave at 13:00" in _leaving_screen(30.5, "13:00")
    assert "Some leave at 13:00" not in _leaving_screen(31, "13:00")


def _first_frame(cases: int) -> tuple[str, str]:
    """What `balint run 90min --cases N` shows first: the leader's screen, the group's view."""
    now = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    prepared = prepare(Request(format_ref="90min", cases=cases), now)
    view = prepared.session.view(0)
    console = terminal(100, 30)
    console.print(SessionScreen(view=view, look=prepared.look))
    assert isinstance(console.file, io.StringIO)
    group = shown(view, prepared.look, 1.0, "en", now.timestamp())
    return " ".join(console.file.getvalue().split()), group.for_group


def test_run_with_one_case_of_90min_opens_with_the_words_for_one_case() -> None:
    screen, group = _first_frame(1)
    assert ONE_CASE_OPENING in screen
    assert "second" not in screen
    assert group.endswith("we take one today.")


def test_run_with_both_cases_of_90min_opens_with_the_words_for_two() -> None:
    screen, group = _first_frame(2)
    assert TWO_CASE_OPENING in screen
    assert group.endswith("we take two today.")
