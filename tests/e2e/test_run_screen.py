"""The live screen end to end, in a real pseudo-terminal, as a leader would see and use it,
and the POSIX key reader over a real pipe."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.color import Color, ColorSystem
from support.helpers import SHORT_FORMAT, write
from support.logfixtures import fake_log, phase, start_line
from support.ptyscreen import PtyScreen, balint_argv, then_stty

from balint_cli.core.faces import NORMAL, OVER, PALETTE, WARN, big_digits
from balint_cli.live.screen import key_lines
from balint_cli.terminal.keys import HELD_SECONDS
from balint_cli.terminal.posix import PosixTerminal

pytestmark = pytest.mark.pty

KEYS = key_lines()[2]  # at 80 columns
SHORT_KEYS = key_lines()[-1]  # at 40
BLOCK = "█"


def _as_shown(state: str) -> str:
    """How pyte names a palette colour once Rich has brought it to a 256-colour terminal."""
    colour = Color.parse(PALETTE[state]).downgrade(ColorSystem.EIGHT_BIT)
    return colour.get_truecolor().hex.lstrip("#")


GREEN, RED, AMBER = _as_shown(NORMAL), _as_shown(OVER), _as_shown(WARN)

# Half a minute, amber for its last quarter minute, then a quarter minute.
TINY_FORMAT = """\
version = 1
name = "Tiny group"
description = "Two short phases."

[[phases]]
id = "first"
title = "First part"
minutes = 0.5
warn_minutes = 0.25
prompt = "Let us begin."

[[phases]]
id = "second"
title = "Second part"
minutes = 0.25
prompt = "Carry on."
"""

Spawn = Callable[..., PtyScreen]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """Start `balint run` on a format in a pseudo-terminal; every program is stopped after."""
    started: list[PtyScreen] = []

    def start(
        fmt: str,
        *args: str,
        cols: int = 80,
        rows: int = 24,
        stty: bool = False,
        env: Mapping[str, str] = {},
    ) -> PtyScreen:
        path = write(tmp_path / "formats" / f"format{len(started)}.toml", fmt)
        argv = balint_argv("run", str(path), *args)
        term = PtyScreen(then_stty(argv) if stty else argv, cols, rows, env)
        started.append(term)
        return term

    yield start
    for term in started:
        term.close()


def _clock_times(before: datetime, after: datetime, minutes: float) -> set[str]:
    """The HH:MM (to the nearest minute) a session of `minutes` started between before and
    after can end at."""
    span = timedelta(minutes=minutes, seconds=30)  # rounded, as a clock time is said
    return {(before + span).strftime("%H:%M"), (after + span).strftime("%H:%M")}


def _digits_agree(term: PtyScreen) -> bool:
    """Whether the big countdown shows the same time as the plain-digits line."""
    found = re.search(r"\+?\d\d:\d\d", term.time_line())
    if found is None:
        return False
    rows = [line.strip() for line in term.lines()]
    sizes = [(scale, gap) for scale in (1, 2) for gap in (2, 1)]
    return any(all(row.strip() in rows for row in big_digits(found[0], *size)) for size in sizes)


def _red_over(term: PtyScreen) -> bool:
    return "over" in term.time_line() and term.colour_of(r"\+\d\d:\d\d over") == RED


def _amber(colour: str) -> bool:
    return colour == AMBER


def _assert_restored(term: PtyScreen, status: int, summary: str) -> None:
    """After the program: its status, its last line on the normal screen, a usable terminal."""
    assert term.wait_exit() == 0  # stty's
    out = term.raw.decode("utf-8", errors="replace")
    found = re.search(r"exit=(\d+)", out)
    assert found is not None, out[-2000:]
    assert int(found[1]) == status, out[-2000:]
    said = re.search(summary.replace(" ", r"\s+"), out)  # wrapped between words to fit
    assert said is not None, out[-2000:]
    assert out.rfind("\x1b[?1049h") < out.rfind("\x1b[?1049l") < said.start(), "still alt screen"
    assert out.rfind("\x1b[?25l") < out.rfind("\x1b[?25h"), "the cursor is still hidden"
    assert out.rfind("\x1b[?2004h") < out.rfind("\x1b[?2004l"), "bracketed paste is still on"
    assert not term.screen.cursor.hidden
    settings = out[found.end() :].split()
    assert "icanon" in settings, out[found.end() :]
    assert "-icanon" not in settings, out[found.end() :]
    assert "echo" in settings, out[found.end() :]
    assert "-echo" not in settings, out[found.end() :]


def _wait_running(term: PtyScreen) -> None:
    """Wait for the live screen, and check the terminal is in single-key mode meanwhile."""
    term.wait_for(r"\d\d:\d\d left of ")
    assert term.line_modes() == (False, False)


# -- the first frame ----------------------------------------------------------------------------


def test_first_frame_at_80x24_shows_everything(spawn: Spawn) -> None:
    before = datetime.now()
    term = spawn(SHORT_FORMAT, "--speed", "1")  # a steady countdown: one frame a second
    term.wait_for(r"0[12]:\d\d left of 2 min")
    after = datetime.now()
    term.wait_until(lambda: _digits_agree(term), "big digits that match the time line")
    lines = term.lines()
    assert lines[0].startswith("Case facts"), term.text()
    assert lines[0].endswith("  phase 1 of 3"), term.text()
    assert sum(BLOCK in line for line in lines) >= 5, term.text()
    assert term.row("Tell us the facts.")
    assert re.search(r"^Phase +[━─]+ +\d+%$", term.row(r"^Phase ")), term.text()
    assert re.search(r"^Session +[━─]+ +\d+%$", term.row(r"^Session ")), term.text()
    assert term.row(r"^Next: Group discussion \(3 min\)$"), term.text()
    ends = re.fullmatch(r"Ends (\d\d:\d\d) · on time", term.row(r"^Ends "))
    assert ends is not None, term.text()
    assert ends[1] in _clock_times(before, after, 6)
    assert term.bottom() == KEYS
    assert term.colour_of(r"\d\d:\d\d left") == GREEN


def test_first_frame_at_40x12_drops_the_big_digits(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1", cols=40, rows=12)
    term.wait_for(r"0[12]:\d\d left of 2 min")
    lines = term.lines()
    assert len(lines) == 12
    assert not any(BLOCK in line for line in lines), term.text()
    assert lines[0] == "Case facts" + " " * 18 + "phase 1 of 3", term.text()
    assert term.row("Tell us the facts.")
    assert term.row(r"^Next: Group discussion \(3 min\)$"), term.text()
    assert term.row(r"^Ends \d\d:\d\d · on time$"), term.text()
    assert term.bottom() == SHORT_KEYS
    assert all(len(line) <= 40 for line in lines)


# -- keys ---------------------------------------------------------------------------------------


def test_space_pauses_and_carries_on(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20")
    _wait_running(term)
    term.press(" ")
    term.wait_for(r"PAUSED +\+?\d\d:\d\d (left|over) of 2 min · space to carry on")
    paused = term.shown_seconds()
    term.watch(0.5)  # ten seconds of session time at this speed
    assert term.shown_seconds() == paused, term.text()
    term.watch(HELD_SECONDS)  # a press of its own, not the last one held down
    term.press(" ")
    term.wait_gone("PAUSED")
    term.wait_until(lambda: term.shown_seconds() != paused, "the countdown to move again")
    assert term.bottom() == KEYS


def test_n_and_b_move_between_phases(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20")
    _wait_running(term)
    term.press("b")
    term.wait_until(lambda: term.bottom() == "This is the first phase.", "the first-phase note")
    assert term.lines()[0].startswith("Case facts")
    term.press("n")
    term.wait_for(r"^Group discussion .*phase 2 of 3$")
    # Moved on early: the flexible discussion takes the time the facts did not need.
    allotted = term.wait_for(r"\d\d:\d\d left of ([\d.]+) min")
    assert 3 < float(allotted[1]) <= 5, term.text()
    assert term.row(r"^Next: Closing \(1 min\)$"), term.text()
    assert term.row("What is it like to be this doctor?")
    term.press("b")
    term.wait_for(r"^Case facts .*phase 1 of 3$")
    term.wait_for(r"\d\d:\d\d (left|over) of 2 min")


def test_plus_and_minus_change_the_phase_by_a_minute(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "10")  # the facts must not run out meanwhile
    _wait_running(term)
    term.press("+")
    term.wait_until(
        lambda: term.bottom() == "One more minute for Case facts.", "the note about the minute"
    )
    term.wait_for(r"\d\d:\d\d (left|over) of 3 min")
    # The format keeps to its 6 minutes: the flexible discussion gives the minute back.
    assert term.row(r"^Next: Group discussion \(2 min, planned 3\)$"), term.text()
    assert term.row(r"^Ends \d\d:\d\d · on time$"), term.text()
    term.press("-")
    term.wait_until(lambda: term.bottom() == "One minute less for Case facts.", "the minus note")
    term.wait_for(r"\d\d:\d\d (left|over) of 2 min")
    assert term.row(r"^Next: Group discussion \(3 min\)$"), term.text()
    term.wait_until(lambda: term.bottom() == KEYS, "the note to pass after a few seconds")


def test_q_then_another_key_carries_on(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20")
    _wait_running(term)
    term.press("q")
    term.wait_for(r"^End the session now\? y/n$")
    assert term.bottom() == "y yes · any other key: no"
    term.press("x")
    term.wait_until(lambda: term.bottom() == "Carrying on.", "the carrying-on note")
    term.wait_gone("End the session now")
    shown = term.shown_seconds()
    term.wait_until(lambda: term.shown_seconds() != shown, "the countdown to go on")
    assert term.child.isalive()


def test_question_mark_shows_the_keys_and_any_key_closes_them(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20")
    _wait_running(term)
    term.press("?")
    term.wait_for(r"^Any key closes this$")
    for key, what in (
        ("space", "pause"),
        ("n", "next phase"),
        ("b", "back"),
        ("+", "one minute more"),
        ("-", "one minute less"),
        ("g", "the ground rules"),
        ("i", "this phase's purpose"),
        ("c", "skip the rest of this case"),
        ("m", "a marker"),
        ("a", "how many came"),
        ("d", "discreet"),
        ("q", "end the session"),
        ("?", "show these keys"),
        ("Ctrl-C", "stop now"),
    ):
        assert term.row(rf"^ *{re.escape(key)}  {what}"), term.text()
    term.press("n")  # closes the help and does nothing else
    term.wait_gone("Any key closes this")
    assert re.search(r"^Case facts .*phase 1 of 3$", term.lines()[0]), term.text()
    assert term.row("Tell us the facts.")
    assert term.bottom() == KEYS


def test_n_on_the_last_phase_asks_before_ending(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20")
    _wait_running(term)
    term.press("n")
    term.wait_for(r"phase 2 of 3$")
    term.watch(HELD_SECONDS)  # a press of its own, not the last one held down
    term.press("n")
    term.wait_for(r"^Closing .*phase 3 of 3$")
    assert term.row("^Next: the end of the session$"), term.text()
    term.watch(HELD_SECONDS)
    term.press("n")
    term.wait_for(r"^This is the last phase\. End the session now\? y/n$")
    term.press("y")
    assert term.wait_exit() == 0
    out = term.raw.decode("utf-8", errors="replace")
    assert re.search(r"Session completed at \d\d:\d\d after [\d½]+ min, \d+ min early\.", out), out


# -- time running out ---------------------------------------------------------------------------


def test_countdown_turns_amber_then_red_with_one_bell_per_phase(spawn: Spawn) -> None:
    term = spawn(TINY_FORMAT, "--speed", "20")
    term.wait_until(lambda: term.shown_seconds() is not None, "the countdown")
    first = term.shown_seconds()
    assert first is not None
    assert 0 < first <= 30
    term.wait_until(
        lambda: (term.shown_seconds() or 99) < first, f"the countdown to go below {first} s"
    )
    term.wait_until(
        lambda: "left" in term.time_line() and _amber(term.colour_of(r"\d\d:\d\d left")),
        "amber in the last quarter minute",
    )
    assert re.fullmatch(r"00:(0\d|1[0-5]) left of ½ min · nearly time", term.time_line().strip()), (
        term.time_line()
    )
    term.wait_until(lambda: _red_over(term), "the time over, in red")
    assert term.seen.count(b"\x07") == 1
    # It waits for the leader, counting up, and rings only once.
    term.wait_until(lambda: (term.shown_seconds() or 0) <= -5, "five seconds over")
    assert term.row(r"^First part ")
    assert term.seen.count(b"\x07") == 1
    # Half a minute over, the session will end a minute late, in red.
    term.wait_for(r"^Ends \d\d:\d\d · 1 min late$")
    assert term.colour_of("1 min late") == RED
    assert term.seen.count(b"\x07") == 1
    term.press("n")
    term.wait_for(r"^Second part ")
    term.wait_until(lambda: _red_over(term), "the second phase over, in red")
    assert term.seen.count(b"\x07") == 2


def test_big_digits_take_the_colour_of_the_time(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1")
    term.wait_until(lambda: _digits_agree(term), "big digits")
    assert term.colour_of(r"\d\d:\d\d left") == GREEN
    assert term.colour_of(BLOCK) == GREEN


def test_auto_moves_on_by_itself_and_no_bell_stays_silent(spawn: Spawn) -> None:
    term = spawn(TINY_FORMAT, "--speed", "30", "--auto", "--no-bell")
    term.wait_for(r"^First part ")
    term.wait_for(r"^Second part ")
    assert term.wait_exit() == 0
    out = term.raw.decode("utf-8", errors="replace")
    assert re.search(r"Session completed at \d\d:\d\d after 1 min, on time\.", out), out
    assert "\x07" not in out


def test_auto_in_config_moves_on_by_itself_and_ends_the_session(
    spawn: Spawn, home: Path
) -> None:
    write(home / "config.toml", "auto = true\nbell = false\n")
    term = spawn(TINY_FORMAT, "--speed", "30")
    term.wait_for(r"^Second part ")
    assert term.wait_exit() == 0
    out = term.raw.decode("utf-8", errors="replace")
    assert re.search(r"Session completed at \d\d:\d\d after 1 min, on time\.", out), out


def test_wait_keeps_the_phase_at_zero_whatever_config_says(spawn: Spawn, home: Path) -> None:
    write(home / "config.toml", "auto = true\nbell = false\n")
    term = spawn(TINY_FORMAT, "--speed", "30", "--wait")
    term.wait_for(r"\+\d\d:\d\d over")  # the first phase's time is up
    term.wait_for(r"\+00:(0[5-9]|[1-5]\d) over")  # and some seconds more
    assert term.lines()[0].startswith("First part "), term.text()


def test_no_color_means_no_colour(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1", env={"NO_COLOR": "1"})
    _wait_running(term)
    assert term.colour_of(r"\d\d:\d\d left") == "default"
    sgr = re.findall(r"\x1b\[([\d;]*)m", term.seen.decode("utf-8", errors="replace"))
    params = [int(p) for p in ";".join(sgr).split(";") if p]
    colours = [p for p in params if 30 <= p <= 49 or 90 <= p <= 107]
    assert sgr, sgr
    assert not colours, sgr


# -- the terminal changing size -----------------------------------------------------------------


def test_resizing_the_terminal_changes_the_layout(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1")
    _wait_running(term)
    term.wait_until(lambda: _digits_agree(term), "big digits")
    assert term.bottom() == KEYS
    term.resize(40, 12)
    term.wait_until(
        lambda: term.bottom() == SHORT_KEYS and not any(BLOCK in ln for ln in term.lines()),
        "the small layout",
    )
    assert term.row(r"\d\d:\d\d left of 2 min")
    assert term.lines()[0] == "Case facts" + " " * 18 + "phase 1 of 3"
    term.resize(100, 30)
    term.wait_until(
        lambda: term.bottom() == key_lines()[1] and _digits_agree(term), "the big layout"
    )
    assert term.lines()[0].endswith(" " * 40 + "phase 1 of 3")


def test_pasted_text_does_nothing(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1")
    _wait_running(term)
    assert term.seen.find(b"\x1b[?2004h") >= 0, "the terminal is asked to mark pastes"
    # Pasted into the wrong window: full of n, b, q, +, - and spaces.
    term.press("\x1b[200~Dr Smith: next patient, quiet; yes, begin now. bye +++ ---\x1b[201~")
    term.press("Unmarked paste from an older terminal, as quick as a burst")
    for short in ("qy", "Nina", "nn", "\x1b", "[B"):  # a word, or an arrow's two halves
        term.press(short)
        term.watch(0.1)
    term.watch(1.0)
    assert term.lines()[0].startswith("Case facts")
    assert "phase 1 of 3" in term.lines()[0]
    assert "PAUSED" not in term.text()
    assert "End the session" not in term.text()
    assert re.search(r"0[12]:\d\d left of 2 min", term.time_line())
    term.press("n")
    term.wait_for(r"phase 2 of 3")


def test_a_dumb_terminal_gets_plain_lines_and_is_told_so(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "600", env={"TERM": "dumb"})
    assert term.wait_exit() == 0
    text = " ".join(term.text().split())
    assert "This terminal (TERM=dumb) cannot draw the live screen" in text
    assert re.search(r"\d\d:\d\d Case facts, case 1: 2 min", text)
    assert re.search(r"Session completed after [\d½]+ min", text)
    assert b"\x1b[?1049h" not in term.raw, "no full-screen mode it cannot show"


# -- every way out restores the terminal --------------------------------------------------------


def test_ctrl_c_stops_with_130_and_restores_the_terminal(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20", stty=True)
    _wait_running(term)
    term.press("\x03")
    _assert_restored(
        term,
        130,
        r"Stopped\. Session interrupted at \d\d:\d\d after [\d½]+ min; "
        r"`balint run --resume` carries on\.",
    )
    out = term.raw.decode()
    lines = out[out.rindex("Stopped.") : out.rindex("exit=")].strip().split("\r\n")
    assert len(lines) > 1, "wrapped to fit 80 columns"
    assert all(len(line) <= 80 for line in lines), "wrapped to fit 80 columns"
    assert " ".join(lines).endswith("`balint run --resume` carries on."), "between words"


def test_sigterm_stops_with_143_and_restores_the_terminal(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20", stty=True)
    _wait_running(term)
    term.signal(signal.SIGTERM)
    _assert_restored(
        term, 143, r"Stopped by SIGTERM\. Session interrupted at \d\d:\d\d after [\d½]+ min[.;]"
    )


def test_q_then_y_ends_with_0_and_restores_the_terminal(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "20", stty=True)
    _wait_running(term)
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    _assert_restored(term, 0, r"Session ended early at \d\d:\d\d after [\d½]+ min\.")


# A bug that raises while a key is handled, as a crash would come.
_CRASH_ON_A_KEY = """\
import sys
from balint_cli.cli import main
from balint_cli.live import controller

def press(self, key, t):
    raise RuntimeError("a bug")

controller.Controller.press = press
sys.argv[0] = "balint"
main.main()
"""


def test_a_crash_ends_with_1_and_restores_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path / "short.toml", SHORT_FORMAT)
    argv = [sys.executable, "-c", _CRASH_ON_A_KEY, "run", str(path), "--speed", "20"]
    term = PtyScreen(then_stty(argv))
    try:
        _wait_running(term)
        term.press("n")
        _assert_restored(
            term,
            1,
            r"Error: balint hit an unexpected problem \(RuntimeError: a bug\)\.",
        )
        assert "Traceback" not in term.raw.decode()
    finally:
        term.close()


def test_the_last_line_says_the_real_time_even_at_high_speed(spawn: Spawn) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "3000")  # the first phase is over within a second
    term.wait_for(r"over")
    term.watch(1)  # the session clock is now an hour ahead of the real one
    assert term.end_session() == 0
    said = re.search(r"ended early at (\d\d:\d\d) after (\d+) min", term.raw.decode())
    now = datetime.now()
    assert said is not None, "session time ran far ahead"
    assert int(said[2]) >= 30, "session time ran far ahead"
    assert said[1] in {f"{now:%H:%M}", f"{now - timedelta(minutes=1):%H:%M}"}, "the real time"


# -- the leader's aids ------------------------------------------------------------------------

TWO_CASES = """\
version = 1
name = "Two short cases"
ground_rules = ["What is said here stays here.", "Nobody is assessed."]

[[phases]]
id = "facts-1"
title = "Case facts"
minutes = 2
case = 1
prompt = "Tell us about this patient."

[[phases]]
id = "talk-1"
title = "Group discussion"
minutes = 3
case = 1
purpose = "The leader protects the presenter."
interventions = ["Let's hold the advice for now.", "It's all right to stay quiet."]

[[phases]]
id = "facts-2"
title = "Case facts"
minutes = 2
case = 2

[[phases]]
id = "closing"
title = "Closing"
minutes = 1
"""


def test_g_i_m_and_c_in_a_real_terminal(spawn: Spawn, home: Path) -> None:
    term = spawn(TWO_CASES, "--speed", "1", cols=60, rows=20)
    _wait_running(term)
    term.press("g")
    term.wait_for(r"^Ground rules$")
    term.wait_for(r"^• Nobody is assessed\.$")
    assert term.bottom() == "Any key closes this"
    term.press("x")
    term.wait_gone(r"^Ground rules$")
    term.press("n")
    term.wait_for(r"^Group discussion")
    term.press("i")
    term.wait_for(r"^Purpose: The leader protects the presenter\.")
    term.wait_for(r"^• Let's hold the advice for now\.$")
    term.press("x")
    term.wait_gone(r"^Purpose:")
    term.press("m")
    term.wait_until(lambda: term.bottom().startswith("Marker set, "), "the marker's note")
    term.press("c")
    term.wait_for(r"Skip the rest of case 1 and go on to case 2\? y/n")
    term.press("y")
    term.wait_for(r"case 2 of 2 · phase 3 of 4")
    assert term.end_session() == 0
    (log,) = (home / "logs").glob("*.jsonl")
    kinds = [json.loads(line)["event"] for line in log.read_text().splitlines()]
    assert kinds.count("marker") == 1
    assert "Nobody is assessed" not in log.read_text(), "the aids are never logged"


def test_a_takes_the_count_as_people_arrive(spawn: Spawn, home: Path) -> None:
    write(home / "groups.toml", '["Tuesday GPs"]\nmembers = 10\n')
    term = spawn(SHORT_FORMAT, "--speed", "1", "--group", "Tuesday GPs")
    _wait_running(term)
    term.press("a")
    term.wait_for(r"^How many came\? _$")
    term.press("7")
    term.wait_for(r"^How many came\? 7$")
    assert term.row(r"Escape cancels"), term.text()
    term.press("n")  # not a digit: the question stays, the phase does not move
    term.press("\r")
    term.wait_until(lambda: term.bottom() == "7 of 10 here.", "the count said back")
    assert term.search(r"phase 1 of 3")
    term.press("a")
    term.wait_for(r"^How many came\? _$")
    term.press("9")
    term.press("\x1b")
    term.wait_until(lambda: term.bottom() == "Attendance left as it was.", "the cancel said")
    assert term.end_session() == 0
    (log,) = (home / "logs").glob("*.jsonl")
    events = [json.loads(line) for line in log.read_text().splitlines()]
    counts = [e for e in events if e["event"] == "attendance"]
    assert [(e["attendees"], e["members"]) for e in counts] == [(7, 10)], "Escape kept nothing"


# -- a calm screen --------------------------------------------------------------------------


@pytest.mark.parametrize(("cols", "rows"), [(40, 12), (80, 24), (200, 50)])
def test_discreet_and_d_in_a_real_terminal(spawn: Spawn, cols: int, rows: int) -> None:
    term = spawn(SHORT_FORMAT, "--speed", "1", "--discreet", cols=cols, rows=rows)
    term.wait_for(r"^2 min left of 2 min")
    assert not any(BLOCK in line for line in term.lines()), "no big digits"
    assert term.search(r"Ends \d\d:\d\d · on time")
    term.press("d")
    term.wait_for(r"^ *0[12]:\d\d left of 2 min")
    if rows >= 24:
        term.wait_until(lambda: any(BLOCK in line for line in term.lines()), "the big digits")
    if rows >= 50:
        digit_rows = [line for line in term.lines() if BLOCK in line]
        assert len(digit_rows) >= 20, "a projector's countdown fills the screen"
    term.watch(HELD_SECONDS)  # a press of its own, not the last one held down
    term.press("d")
    term.wait_until(
        lambda: (
            not any(BLOCK in line for line in term.lines())
            and term.search(r"^2 min left of 2 min") is not None
        ),
        "discreet again",
    )
    assert term.end_session() == 0


@pytest.mark.parametrize(("cols", "rows"), [(40, 12), (80, 24), (200, 50)])
def test_an_end_time_that_distorts_a_phase_says_so(spawn: Spawn, cols: int, rows: int) -> None:
    later = (datetime.now() + timedelta(hours=2)).strftime("%H:%M")
    term = spawn(SHORT_FORMAT, "--speed", "1", "--end-at", later, cols=cols, rows=rows)
    term.wait_until(lambda: "--end-at" in term.text(), "the warning")
    said = " ".join(line.strip() for line in term.lines())
    assert f"! --end-at {later} stretches Group discussion (case 1) from 3 min" in said
    assert re.search(r"Next: Group discussion \(1\d\d min, planned 3\)", said) or rows < 24
    term.press("n")
    term.wait_gone(r"--end-at")
    assert term.search(r"of 1\d\d min, planned 3"), "the length, with its plan beside it"


@pytest.mark.parametrize("answer", ["y", "n"])
def test_the_unfinished_session_is_offered_first(spawn: Spawn, home: Path, answer: str) -> None:
    at = datetime.now().astimezone() - timedelta(minutes=20)
    path = write(tmp := home / "x.toml", SHORT_FORMAT)

    lines = [
        start_line(at, auto=False, format=str(path)),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at, by="next"),
    ]
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = at + timedelta(seconds=100)
    os.utime(log, (stopped.timestamp(), stopped.timestamp()))  # as balint left it
    tmp.unlink()
    term = spawn(SHORT_FORMAT, "--speed", "1", cols=80, rows=24)
    term.wait_for_line(
        rf"A session stopped at {stopped:%H:%M} in Group discussion\. Carry on with it\? y/n"
    )
    term.press(answer)
    if answer == "y":
        term.wait_for(r"^Group discussion .*phase 2 of 3$")
    else:
        term.wait_for(r"^Case facts .*phase 1 of 3$")
    assert term.end_session() == 0
    logs = sorted((home / "logs").glob("*.jsonl"))
    assert len(logs) == (1 if answer == "y" else 2)


@pytest.mark.usefixtures("no_hang")
def test_an_arrow_key_cut_in_two_by_a_read_is_not_b() -> None:
    read_end, keyboard = os.pipe()
    term = PosixTerminal(read_end, sys.stderr)
    os.write(keyboard, b"\x1b")
    later = threading.Timer(0.01, lambda: os.write(keyboard, b"[B"))
    later.start()
    assert term.read(1.0) == ["down"], "the down arrow, and never b"
    later.join()
    os.write(keyboard, b"\x1b")
    assert term.read(1.0) == ["escape"], "a lone ESC is the Escape key"
    os.write(keyboard, b"b")
    assert term.read(1.0) == ["b"]
    term.__exit__(None, None, None)
    os.close(keyboard)
    os.close(read_end)
