"""A calm screen for a reflective circle: discreet mode, lengths read at a glance, an end
time that distorts a phase said aloud, colours for any background, the space there is used
well, and the unfinished session offered."""

from __future__ import annotations

import io
import json
import os
import re
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from support.clock import FakeClock
from support.helpers import balint
from support.logfixtures import fake_log, phase, start_line
from support.screens import frame

from balint_cli.core.events import Event
from balint_cli.core.faces import NORMAL, OVER, PALETTE, PAUSED, STYLES, WARN
from balint_cli.core.format import Format, Phase
from balint_cli.core.session import Session
from balint_cli.core.words import length_text, planned_text
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.controller import Controller
from balint_cli.live.loop import run_screen as live_run
from balint_cli.live.screen import Look, SessionScreen
from balint_cli.live.wakes import until_change

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))


def _format(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text()))


def _screen(session: Session, t: float, width: int = 80, height: int = 24, **look: Any) -> str:
    view = session.view(t)
    return "\n".join(
        frame(SessionScreen(view=view, look=Look("x", STARTED, **look)), width, height)
    )


def _discussion() -> Session:
    session = Session([Phase(id="d", title="Group discussion", minutes=22, warn_minutes=3)])
    session.begin()
    return session


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
    text = _screen(_discussion(), t, discreet=True)
    line = f"22 min · {shown}" if t > 22 * 60 else f"{shown} of 22 min"  # once over, length first
    assert re.search(rf"^{re.escape(line)}( ·|$)", text, re.MULTILINE), text
    assert "█" not in text, "no big digits"
    assert "Group discussion" in text and "Ends " in text


@pytest.mark.parametrize(("width", "height"), [(40, 12), (80, 24), (200, 50)])
def test_discreet_fits_every_size(width: int, height: int) -> None:
    lines = _screen(_discussion(), 600, width, height, discreet=True).splitlines()
    assert len(lines) == height and all(len(line) <= width for line in lines)
    assert any(line.startswith("12 min left") for line in lines)


def _wakes(discreet: bool, minutes: float) -> list[float]:
    """How long each wait of the live loop is, over `minutes` of a phase, on a fake clock."""
    clock = FakeClock()
    session = _discussion()
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
    session = _discussion()
    assert until_change(session.view(21 * 60 + 10), 1.0, discreet=True) == pytest.approx(1.002)
    assert until_change(session.view(10 * 60 + 30), 1.0, discreet=True) == pytest.approx(30.002)
    assert until_change(session.view(23 * 60 + 30), 1.0, discreet=True) == pytest.approx(30.002)


def test_d_toggles_discreet_and_a_discreet_session_rings_no_bell() -> None:
    session = _discussion()
    look = Look("x", STARTED)
    control = Controller(session, look)
    control.press("d", 10)
    assert look.discreet and control.overlay.note.startswith("Discreet:")
    control.press("d", 11)
    assert not look.discreet and control.overlay.note.startswith("Full screen")
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


def test_discreet_in_config_and_on_the_command_line(home: Path) -> None:
    (home).mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("discreet = true\n")
    shown = balint("config", "show")
    assert "discreet = true" in shown.stdout
    assert balint("run", "--discreet", "--speed", "100000").exit_code == 0
    (home / "config.toml").write_text('discreet = "yes"\n')
    result = balint("plan")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {home / 'config.toml'}: discreet must be true or false.\n"


# -- lengths a person reads at a glance ------------------------------------------------------


def test_no_length_reads_like_a_clock_time() -> None:
    assert [length_text(s) for s in (30, 200, 450, 1377, 9264)] == [
        "½ min",
        "3½ min",
        "7½ min",
        "23 min",
        "154 min",
    ]
    assert planned_text(1377, 1200, flexible=True) == "23 min, planned 20"
    assert planned_text(1200, 1200, flexible=True) == "20 min"
    assert planned_text(1377, 1200, flexible=False) == "23 min"


def test_piped_lines_give_lengths_not_clock_times() -> None:
    result = balint("run", "45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        text = line[7:]  # after the clock time of the line
        assert not re.search(r"\d+:\d\d", text), line
    assert "Opening ended after 3 min" in result.stdout


def test_a_fitted_phase_says_its_plan_beside_it() -> None:
    soon = (datetime.now() + timedelta(minutes=50, seconds=30)).strftime("%H:%M")
    result = balint("run", "45min", "--speed", "100000", "--end-at", soon)
    line = next(line for line in result.stdout.splitlines() if "Group discussion" in line)
    assert re.search(r"Group discussion, case 1: 2[67] min, planned 22$", line), line


# -- an end time that distorts the session ---------------------------------------------------


def test_plan_warns_when_an_end_time_stretches_a_phase_past_twice_its_length() -> None:
    result = balint("plan", "45min", "--start", "12:30", "--end-at", "15:30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert " ".join(lines[1:3]).startswith(
        "! --end-at 15:30 stretches Group discussion (case 1) from 22 min to 157 min"
    )
    data = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "15:30", "--json").stdout
    )
    assert "from 22 min to 157 min" in data["warning"]


def test_plan_warns_when_an_end_time_squeezes_a_phase_below_half() -> None:
    data = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "13:01", "--json").stdout
    )
    assert data["warning"] == (
        "--end-at 13:01 squeezes Group discussion (case 1) from 22 min to 8 min; "
        "is that the end you meant?"
    )
    calm = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "13:10", "--json").stdout
    )
    assert calm["warning"] is None, "17 of 22 minutes is within reason"


def test_piped_the_warning_is_a_line_before_the_first_phase() -> None:
    later = (datetime.now() + timedelta(hours=3)).strftime("%H:%M")
    result = balint("run", "45min", "--speed", "100000", "--end-at", later)
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith(f"! --end-at {later} stretches Group discussion (case 1) from 22 min")
    assert second.endswith("Opening: 3 min")


def test_the_first_screen_shows_the_warning() -> None:
    session = Session(_format("45min").phases)
    session.begin()
    notice = "--end-at 15:30 stretches Group discussion (case 1) from 22 min to 157 min"
    for width, height in ((40, 12), (80, 24)):
        text = _screen(session, 10, width, height, notice=notice)
        assert "! --end-at 15:30" in text
    session.next(200)
    assert "--end-at" not in _screen(session, 210, notice=notice), "the first phase only"


# -- readable on a light terminal and a projector --------------------------------------------


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("state", [NORMAL, WARN, OVER, PAUSED])
def test_every_state_reads_on_white_and_on_black(state: str) -> None:
    colour = PALETTE[state]
    assert _contrast(colour, "#ffffff") >= 3, f"{state} on white"
    assert _contrast(colour, "#000000") >= 3, f"{state} on black"
    assert STYLES[state].endswith(colour), "the screen draws with the palette"


def test_no_state_relies_on_colour_alone() -> None:
    session = _discussion()
    assert "nearly time" in _screen(session, 20 * 60), "the warning window says so"
    assert "+00:30 over" in _screen(session, 22 * 60 + 30)
    session.toggle_pause(100)
    assert "PAUSED" in _screen(session, 110)


# -- use the space there is ------------------------------------------------------------------


def test_a_projector_gets_big_digits_and_a_banner_title() -> None:
    session = Session(_format("90min").phases, target=90 * 60)
    session.begin()
    lines = _screen(session, 60, 200, 50).splitlines()
    digit_rows = [line for line in lines if "█" in line]
    assert len(digit_rows) >= 20, "four times as tall as the small countdown, or more"
    widest = max(len(line.strip()) for line in digit_rows)
    assert widest > 120, "and wide across the screen"
    assert lines[0].startswith(" Opening "), "the title stands out as a banner"


def test_at_40x12_the_question_outlasts_the_bars() -> None:
    long = (
        "Thank you for bringing it. We have heard a lot about the patient and about the "
        "setting, the family, the ward, the colleagues and the long history of the illness, "
        "and about the evening it all came to a head, and the morning after. "
        "What would you like us to think about?"
    )
    session = Session([Phase(id="q", title="Clarifying questions", minutes=5, prompt=long, case=1)])
    session.begin()
    text = _screen(session, 10, 40, 12)
    joined = " ".join(line.strip(" …") for line in text.splitlines())
    assert "What would you like us to think about?" in joined, text
    assert "Session ━" not in text and "Phase   " not in text, "the bars gave way first"
    longer = Session([Phase(id="q", title="Q", minutes=5, prompt=long * 3, case=1)])
    longer.begin()
    joined = " ".join(line.strip(" …") for line in _screen(longer, 10, 40, 12).splitlines())
    assert "What would you like us to think about?" in joined
    assert "Thank you for bringing it" not in joined, "the words before it gave way"


# -- the unfinished session offered ----------------------------------------------------------


def _stopped(home: Path, minutes_ago: float, **extra: Any) -> Path:
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    lines = [
        start_line(at, **extra),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at, by="next"),
    ]
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = (at + timedelta(seconds=100)).timestamp()
    os.utime(log, (stopped, stopped))  # as balint left it: its last write
    return log


def test_piped_the_unfinished_session_is_named_and_a_new_one_starts(home: Path) -> None:
    _stopped(home, 30)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^Note: A session stopped at \d\d:\d\d in Group discussion did not finish; "
        r"`balint run --resume` carries it on\. This one starts anew\.$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr
    assert len(list((home / "logs").glob("*.jsonl"))) == 2


@pytest.mark.parametrize("minutes_ago", [200, 60 * 24])
def test_an_old_unfinished_session_is_not_offered(home: Path, minutes_ago: float) -> None:
    _stopped(home, minutes_ago)
    assert "did not finish" not in balint("run", "--speed", "100000").stderr


def test_a_session_still_running_is_not_offered(home: Path) -> None:
    from balint_cli.logbook import writing
    from balint_cli.logbook.lines import to_event

    at = datetime.now(UTC) - timedelta(minutes=10)
    running = writing.LogWriter.create(
        home / "logs", at, lambda _id: to_event(start_line(at)), pytest.fail
    )
    running.record_all([Event("phase_start", 0.0, {"index": 0, "by": "start"})])
    try:
        assert "did not finish" not in balint("run", "--speed", "100000").stderr
    finally:
        running.close()


# -- what a newcomer tripped over ------------------------------------------------------------


def test_validate_takes_a_formats_name_as_every_command_does(home: Path) -> None:
    result = balint("formats", "validate", "90min", "45min")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "ok  90min  (12 phases, 90 minutes)",
        "ok  45min  (7 phases, 45 minutes)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--attendees", "abc"], "--attendees must be a whole number, not 'abc'."),
        (["run", "--speed", "fast"], "--speed must be a number, not 'fast'."),
        (
            ["formats", "new", "x", "--minutes", "an hour"],
            "--minutes must be a number, not 'an hour'.",
        ),
    ],
)
def test_an_option_of_the_wrong_type_is_one_plain_sentence(args: list[str], message: str) -> None:
    result = balint(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
