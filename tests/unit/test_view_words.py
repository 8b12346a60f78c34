"""What the group's view says of the time: about how many minutes by default, nothing with
time = "none", the countdown only with "clock"; the leader's discreet mode never makes it
louder."""

from __future__ import annotations

from typing import Any

import pytest
from support.views import WALL, shown

from balint_cli.groupview.words import words
from balint_cli.i18n import use

STATES: dict[str, dict[str, Any]] = {
    "running": {},
    "warning": {"left": 50.0},
    "moves on": {"left": 50.0, "moves_on": True},
    "past zero": {"left": -30.0},
    "long past zero": {"left": -3000.0},
    "paused": {"paused": True},
    "paused past zero": {"paused": True, "left": -30.0},
}


@pytest.mark.parametrize(
    ("state", "time", "colour"),
    [
        ("running", "about 13 min", "normal"),
        ("warning", "about 1 min", "normal"),
        ("moves on", "about 1 min", "normal"),
        ("past zero", "", "normal"),
        ("long past zero", "", "normal"),
        ("paused", "Paused · about 13 min", "paused"),
        ("paused past zero", "Paused", "paused"),
    ],
)
def test_the_group_sees_about_how_many_minutes(state: str, time: str, colour: str) -> None:
    said = words(shown(**STATES[state]), WALL)
    assert said.time == time
    assert said.state == colour, "never amber or red"
    assert said.big == "", "no countdown"
    assert said.title == "Group discussion", "past zero the view stays on the phase"


def test_in_german_about_is_etwa() -> None:
    use("de")
    assert words(shown(), WALL).time == "noch etwa 13\N{NO-BREAK SPACE}Min."
    assert words(shown(paused=True), WALL).time == "Pause · noch etwa 13\N{NO-BREAK SPACE}Min."
    assert words(shown(paused=True), WALL, "none").time == "Pause"


@pytest.mark.parametrize("state", list(STATES))
def test_with_no_time_the_group_sees_none(state: str) -> None:
    said = words(shown(**STATES[state]), WALL, "none")
    assert (said.big, said.time) == ("", "Paused" if "paused" in state else "")
    assert said.state in ("normal", "paused")


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("time", ["minutes", "none"])
def test_discreet_changes_nothing_on_the_group_s_side(state: str, time: Any) -> None:
    loud, discreet = (words(shown(**STATES[state], discreet=d), WALL, time) for d in (0, 1))
    assert discreet == loud


def test_with_the_clock_a_discreet_session_shows_whole_minutes_as_the_leader_s_screen() -> None:
    said = words(shown(discreet=True), WALL, "clock")
    assert said.time == "13 min left"
    assert said.big == "", "no big digits, as on the leader's discreet screen"


def test_the_minutes_change_once_a_minute() -> None:
    seen = {words(shown(), WALL + t).time for t in range(34)}
    assert seen == {"about 13 min"}, "754 s to 721 s left, rounded up as the leader's"
    assert words(shown(), WALL + 34).time == "about 12 min"
