"""Discreet mode: whole minutes, seconds only in the last one, fewer wakes, no bell."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from rich.console import Console
from support.clock import FakeClock
from support.screens import STARTED, discussion, screen_at

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.live.controller import Controller
from balint_cli.live.loop import run_screen as live_run
from balint_cli.live.screen import Look
from balint_cli.live.wakes import until_change

# -- discreet --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "shown"),
    [
        (0, "22 min left"),
        (10 * 60 + 1, "12 min left"),
        (21 * 60 - 1, "2 min left"),
        (21 * 60, "01:00 left"),
        (21 * 60 + 15, "00:45 left"),
        (22 * 60 + 10, "time is up"),
        (25 * 60 + 59, "3 min over"),
    ],
)
def test_discreet_shows_whole_minutes_and_seconds_only_in_the_last(t: float, shown: str) -> None:
    text = screen_at(discussion(), t, discreet=True)
    line = f"22 min · {shown}" if t > 22 * 60 else f"{shown} of 22 min"  # once over, length first
    assert re.search(rf"^{re.escape(line)}( ·|$)", text, re.MULTILINE), text
    assert "█" not in text, "no big digits"
    assert "Group discussion" in text
    assert "Ends " in text


@pytest.mark.parametrize(("width", "height"), [(40, 12), (80, 24), (200, 50)])
def test_discreet_fits_every_size(width: int, height: int) -> None:
    lines = screen_at(discussion(), 600, width, height, discreet=True).splitlines()
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    assert any(line.startswith("12 min left") for line in lines)


def _wakes(discreet: bool, minutes: float) -> list[float]:
    """How long each wait of the live loop is, over `minutes` of a phase, on a fake clock."""
    clock = FakeClock()
    session = discussion()
    waits: list[float] = []

    answers = iter([["q"], ["y"]])

    def read(timeout: float) -> list[str]:
        waits.append(timeout)
        clock.advance(timeout)
        return next(answers, []) if clock.t >= minutes * 60 else []

    class Sink:
        def record_all(self, events: Any) -> None:
            pass

        def pulse(self) -> None:
            pass

    console = Console(file=io.StringIO(), force_terminal=True, width=80, height=24)
    look = Look("x", STARTED, discreet=discreet)
    live_run(session, clock, Sink(), look, read, console, session.begin())
    return waits


def test_a_discreet_session_wakes_only_for_its_minutes_and_its_bar() -> None:
    waits = _wakes(discreet=True, minutes=18)
    # At 80 columns the phase's bar has 66 steps over its 22 minutes, one every 20 seconds;
    # and the time changes once a minute.
    assert len(waits) <= 18 * 4 + 3, waits
    assert max(waits) <= 60.002
    full = _wakes(discreet=False, minutes=18)
    assert len(full) >= 18 * 60, "a full screen shows every second"


def test_in_its_last_minute_a_discreet_screen_counts_seconds() -> None:
    session = discussion()
    assert until_change(session.view(21 * 60 + 10), 1.0, discreet=True) == pytest.approx(1.002)
    assert until_change(session.view(10 * 60 + 30), 1.0, discreet=True) == pytest.approx(30.002)
    assert until_change(session.view(23 * 60 + 30), 1.0, discreet=True) == pytest.approx(30.002)


def test_d_toggles_discreet_and_a_discreet_session_rings_no_bell() -> None:
    session = discussion()
    look = Look("x", STARTED)
    control = Controller(session, look)
    control.press("d", 10)
    assert look.discreet
    assert control.overlay.note.startswith("Discreet:")
    control.press("d", 11)
    assert not look.discreet
    assert control.overlay.note.startswith("Full screen")
    clock = FakeClock()
    bells = Console(file=io.StringIO(), force_terminal=True, width=80, height=24)
    short = Session([Phase(id="a", title="A", minutes=1)])

    answers = iter([["q"], ["y"]])

    def read(timeout: float) -> list[str]:
        clock.advance(timeout)
        return next(answers, []) if clock.t > 70 else []  # over its time: then quit

    class Sink:
        def record_all(self, events: Any) -> None:
            pass

        def pulse(self) -> None:
            pass

    live_run(short, clock, Sink(), Look("x", STARTED, discreet=True), read, bells, short.begin())
    assert isinstance(bells.file, io.StringIO)
    assert "\x07" not in bells.file.getvalue()
