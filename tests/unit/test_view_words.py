"""What the group's view says of the time: about how many minutes by default, nothing with
time = "none", the countdown only with "clock"; the leader's discreet mode never makes it
louder; and how the leader chooses, in config.toml or with `balint view --time`."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, write
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.groupview.state import Publisher, Shown
from balint_cli.groupview.words import words
from balint_cli.i18n import use
from balint_cli.live.screen import Look

WALL = 1_800_000_000.0


def _shown(**change: Any) -> Shown:
    values: dict[str, Any] = {
        "language": "en",
        "title": "Group discussion",
        "case": 1,
        "for_group": "The presenter listens; we wonder together, no advice.",
        "next_title": "The presenter returns",
        "next_case": 1,
        "paused": False,
        "discreet": False,
        "moves_on": False,
        "warn_seconds": 60.0,
        "left": 754.0,
        "at": WALL,
        "speed": 1.0,
    }
    values.update(change)
    return Shown(**values)


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
    said = words(_shown(**STATES[state]), WALL)
    assert said.time == time
    assert said.state == colour, "never amber or red"
    assert said.big == "", "no countdown"
    assert said.title == "Group discussion", "past zero the view stays on the phase"


def test_in_german_about_is_etwa() -> None:
    use("de")
    assert words(_shown(), WALL).time == "etwa 13\N{NO-BREAK SPACE}Min."
    assert words(_shown(paused=True), WALL).time == "Pause · etwa 13\N{NO-BREAK SPACE}Min."
    assert words(_shown(paused=True), WALL, "none").time == "Pause"


@pytest.mark.parametrize("state", list(STATES))
def test_with_no_time_the_group_sees_none(state: str) -> None:
    said = words(_shown(**STATES[state]), WALL, "none")
    assert (said.big, said.time) == ("", "Paused" if "paused" in state else "")
    assert said.state in ("normal", "paused")


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("time", ["minutes", "none"])
def test_discreet_changes_nothing_on_the_group_s_side(state: str, time: Any) -> None:
    loud, discreet = (words(_shown(**STATES[state], discreet=d), WALL, time) for d in (0, 1))
    assert discreet == loud


def test_with_the_clock_a_discreet_session_shows_whole_minutes_as_the_leader_s_screen() -> None:
    said = words(_shown(discreet=True), WALL, "clock")
    assert said.time == "13 min left"
    assert said.big == "", "no big digits, as on the leader's discreet screen"


def test_the_minutes_change_once_a_minute() -> None:
    seen = {words(_shown(), WALL + t).time for t in range(34)}
    assert seen == {"about 13 min"}, "754 s to 721 s left, rounded up as the leader's"
    assert words(_shown(), WALL + 34).time == "about 12 min"


# -- choosing it -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["loud", "Minutes", "", "x" * 300])
def test_a_bad_time_is_one_sentence_and_exit_2(value: str) -> None:
    result = balint("view", "--time", value)
    assert result.exit_code == 2, result.output
    shown = value[:40]
    assert result.stderr == f"Error: --time must be minutes, none or clock, not '{shown}'.\n"


def test_the_time_is_a_setting(home: Path) -> None:
    result = balint("config", "set", "time", "none")
    assert result.exit_code == 0, result.output
    shown = balint("config", "show").stdout.splitlines()
    assert 'time = "none"             # from config.toml; the default is "minutes"' in shown


def test_a_bad_time_setting_is_refused_and_nothing_written(home: Path) -> None:
    result = balint("config", "set", "time", "seconds")
    assert result.exit_code == 2, result.output
    assert result.stderr == 'Error: time must be "minutes", "none" or "clock".\n'
    assert not (home / "config.toml").exists()


def test_a_bad_time_in_config_toml_is_one_sentence(home: Path) -> None:
    write(home / "config.toml", 'time = "loud"\n')
    result = balint("view", "--web", "--port", "70000")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'Error: {home / "config.toml"}: time must be "minutes", "none" or "clock".\n'
    )


@pytest.fixture
def running(home: Path) -> Iterator[None]:
    """A session running in home, in its case facts, with a little over 2 minutes left."""
    session = Session([Phase(id="facts", title="Case facts", minutes=2.5, case=1)])
    session.begin()
    board = Publisher(home, 1.0, "en")
    board.publish(session.view(0.0), Look("Test", datetime.now().astimezone()))
    yield
    board.close()


def _time_served(*args: str) -> str:
    """The time `balint view --web` serves with args, read from its /state.json."""
    view = PtyScreen(balint_argv("view", "--web", "--port", "0", *args), 140, 12)
    try:
        port = int(view.wait_for_line(r"http://127\.0\.0\.1:(\d+)/")[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/state.json")
        state = json.loads(connection.getresponse().read())
        connection.close()
    finally:
        view.close()
    return str(state["time"])


@pytest.mark.pty
def test_the_option_wins_over_the_setting(home: Path, running: None) -> None:
    write(home / "config.toml", 'time = "none"\n')
    assert _time_served() == "", "config.toml: none"
    assert _time_served("--time", "minutes") == "about 3 min"
    assert _time_served("--time", "clock").endswith(" left")
