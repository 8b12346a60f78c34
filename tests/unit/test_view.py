"""The group's view: the state a session publishes, the view in a terminal, which hosts are
the web view's own."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from support.clock import FakeClock
from support.fakes import Recorder, scripted_keys, view_phases
from support.screens import STARTED
from support.views import WALL, shown, view_format, view_states

from balint_cli.core.events import QUIT
from balint_cli.core.faces import OVER, PALETTE, WARN
from balint_cli.core.session import Session
from balint_cli.fs.files import replace_quickly
from balint_cli.fs.paths import VIEW_LOCK, VIEW_STATE
from balint_cli.groupview import state
from balint_cli.groupview.state import Publisher, current, read_shown
from balint_cli.groupview.terminal import GroupScreen, watch
from balint_cli.groupview.web import addressed_here
from balint_cli.groupview.words import Words, words
from balint_cli.i18n import use
from balint_cli.live.loop import run_plain, run_screen
from balint_cli.live.screen import Look


def _console(width: int = 60, height: int = 20) -> Console:
    return Console(
        file=io.StringIO(), force_terminal=True, width=width, height=height, color_system=None
    )


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every state the publisher writes, as the file held it."""
    states: list[dict[str, object]] = []

    def keep(path: Path, data: bytes) -> None:
        replace_quickly(path, data)
        states.append(json.loads(path.read_text(encoding="utf-8")))

    monkeypatch.setattr(state, "replace_quickly", keep)
    return states


def _session_with_board(
    home: Path, script: dict[float, list[str]], discreet: bool = False
) -> tuple[Publisher, Session, Recorder]:
    clock = FakeClock()
    session = Session(view_phases())
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    sink = Recorder()
    look = Look("Test", STARTED, discreet=discreet)
    run_screen(
        session, clock, sink, look, scripted_keys(clock, script), _console(), session.begin(), board
    )
    return board, session, sink


# -- the state file, on the fake clock -------------------------------------------------------


def test_the_state_follows_the_session_and_is_written_only_when_it_changes(
    home: Path, written: list[dict[str, object]]
) -> None:
    script = {30.0: ["space"], 50.0: ["space"], 90.0: ["n"], 250.0: ["q"], 251.0: ["y"]}
    board, session, _sink = _session_with_board(home, script)
    said = [(s["title"], s["paused"]) for s in written]
    assert said[0] == ("Case facts", False)
    assert ("Case facts", True) in said
    assert said.index(("Case facts", True)) < said.index(("Group discussion", False))
    assert said[-1] == ("Group discussion", False)
    assert len(written) <= 8, f"a write per change, not one a second: {len(written)} in 251 s"
    first = written[0]
    assert first["for_group"] == "The presenter tells the case; we listen."
    assert (first["next_title"], first["next_case"], first["case"]) == ("Group discussion", 1, 1)
    assert first["left"] == pytest.approx(120.0, abs=1.5)
    path = home / VIEW_STATE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "the owner's alone"
    text = path.read_text(encoding="utf-8")
    for leaders_own in ("Tell us about", "protects the story", "Let the story"):
        assert leaders_own not in text
    assert current(home) is not None
    board.close()
    assert not path.exists(), "the session's end leaves no state behind"
    assert current(home) is None


def test_a_paused_session_keeps_its_time_left(home: Path) -> None:
    clock = FakeClock()
    session = Session(view_phases())
    session.begin()
    session.toggle_pause(30.0)
    clock.t = 100.0
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    board.publish(session.view(clock.t), Look("Test", STARTED))
    found = current(home)
    assert found is not None
    assert found.paused
    assert found.left_at(WALL + 1000.0) == pytest.approx(90.0)
    board.close()


def test_a_discreet_session_says_whole_minutes(
    home: Path, written: list[dict[str, object]]
) -> None:
    board, _session, _sink = _session_with_board(home, {10.0: ["q"], 11.0: ["y"]}, True)
    published = read_shown(json.dumps(written[0]))
    assert published.discreet
    said = words(published, published.at + 5, "clock")
    assert (said.big, said.time) == ("", "2 min left"), "no big digits, as the leader's screen"
    board.close()


def test_plain_lines_publish_too(home: Path, written: list[dict[str, object]]) -> None:
    clock = FakeClock()
    session = Session(view_phases())
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    out = io.StringIO()
    run_plain(session, clock, Recorder(), Look("Test", STARTED), out, session.begin(),
              sleep=clock.advance, board=board)  # fmt: skip
    titles = [s["title"] for s in written]
    assert sorted(set(titles), key=titles.index) == ["Case facts", "Group discussion", "Closing"]
    board.close()


def test_a_second_session_leaves_the_first_ones_view_alone(home: Path) -> None:
    first = Publisher(home, 1.0, "en")
    second = Publisher(home, 1.0, "en")
    assert first.active
    assert not second.active
    session = Session(view_phases())
    session.begin()
    first.publish(session.view(0.0), Look("Test", STARTED))
    second.publish(session.view(200.0), Look("Test", STARTED))
    found = current(home)
    assert found is not None
    assert found.title == "Case facts"
    first.close()
    assert Publisher(home, 1.0, "en").active, "free again once the first has ended"


def test_a_state_file_that_cannot_be_written_never_stops_the_session(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(state, "replace_quickly", fail)
    board, session, sink = _session_with_board(home, {90.0: ["n"], 100.0: ["q"], 101.0: ["y"]})
    assert session.ended == QUIT
    assert sink.kinds()[-1] == "session_end"
    assert not board.active, "it stopped trying"


def test_a_state_left_by_a_session_that_died_is_not_shown(home: Path) -> None:
    board = Publisher(home, 1.0, "en")
    session = Session(view_phases())
    session.begin()
    board.publish(session.view(0.0), Look("Test", STARTED))
    text = (home / VIEW_STATE).read_text(encoding="utf-8")
    board.close()
    (home / VIEW_STATE).write_text(text, encoding="utf-8")  # as a kill -9 leaves it
    assert current(home) is None, "no session holds the lock: nobody is running"


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s[: len(s) // 2],
        lambda s: s.replace('"balint-view": 1', '"balint-view": 2'),
        lambda s: s.replace('"speed": 1.0', '"speed": NaN'),
        lambda s: s.replace('"speed": 1.0', '"speed": 0'),
        lambda s: s.replace('"paused": false', '"paused": 0'),
        lambda s: s.replace('"case": 1', '"case": true'),
        lambda s: s.replace('"left": ', '"left": 1e300, "x": '),
        lambda s: "[" * 5000 + "]" * 5000,
        lambda s: '{"balint-view": 1, "title": "' + "x" * 100_000 + '"}',
    ],
    ids=["torn", "version", "nan", "speed 0", "bool", "case bool", "unknown", "deep", "huge"],
)
def test_a_damaged_state_file_means_no_session_not_a_crash(
    home: Path, damage: Callable[[str], str]
) -> None:
    board = Publisher(home, 1.0, "en")
    session = Session(view_phases())
    session.begin()
    board.publish(session.view(0.0), Look("Test", STARTED))
    path = home / VIEW_STATE
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert current(home) is None
    board.close()


# -- what the view says ----------------------------------------------------------------------




@pytest.mark.parametrize(
    ("change", "later", "big", "time", "state"),
    [
        ({}, 0, "12:34", "12:34 left", "normal"),
        ({}, 4, "12:30", "12:30 left", "normal"),
        ({"left": 50.0}, 0, "00:50", "00:50 left · nearly time", "warn"),
        ({"left": 50.0, "moves_on": True}, 0, "00:50", "00:50 left", "warn"),
        ({"left": -30.0}, 0, "", "Time is up", "over"),
        ({"paused": True}, 100, "12:34", "Paused · 12:34 left", "paused"),
        ({"discreet": True}, 0, "", "13 min left", "normal"),
        ({"discreet": True, "left": 45.0}, 0, "", "00:45 left · nearly time", "warn"),
        ({"speed": 60.0}, 1, "11:34", "11:34 left", "normal"),
    ],
    ids=["running", "later", "warn", "moves on", "over", "paused", "discreet", "last", "fast"],
)
def test_the_clock_says_the_time_for_a_demonstration(
    change: dict[str, object], later: float, big: str, time: str, state: str
) -> None:
    said = words(shown(**change), WALL + later, "clock")
    assert (said.big, said.time, said.state) == (big, time, state)
    assert said.title == "Group discussion"
    assert said.case == "Case 1"
    assert said.next == "Next: The presenter returns (case 1)"


def test_the_last_phase_says_what_comes_next_is_the_end() -> None:
    said = words(shown(next_title=None, next_case=None, case=None), WALL)
    assert said.next == "Next: the end of the session"
    assert said.case == ""


def _lines(said: Words, width: int, height: int) -> list[str]:
    console = _console(width, height)
    return [line.plain for line in GroupScreen(said).lines(width, height, console)]


@pytest.mark.parametrize(("width", "height"), [(40, 12), (80, 24), (200, 50)])
def test_the_view_fits_any_terminal(width: int, height: int) -> None:
    lines = _lines(words(shown(), WALL, "clock"), width, height)  # the most to fit
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "Group discussion" in text
    assert "12:34 left" in text
    assert lines[-1] == "q leaves the view"
    if height >= 24:
        assert "█" in text, "the time large"
        assert "we wonder together" in text
        assert "Next: The presenter returns" in text


def test_with_no_session_the_view_says_so() -> None:
    text = "\n".join(_lines(words(None, WALL), 80, 24))
    assert "No session is running" in text


def test_watch_follows_the_state_file_and_q_leaves(home: Path) -> None:
    clock = FakeClock()
    session = Session(view_phases())
    session.begin()
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    console = _console(60, 20)
    seen: list[str] = []

    def read(timeout: float) -> list[str]:
        out = console.file.getvalue()  # type: ignore[attr-defined]
        seen.append(out)
        step = len(seen)
        clock.advance(max(timeout, 0.5))
        if step == 2:
            board.publish(session.view(clock.t), Look("Test", STARTED))
        if step == 4:
            session.next(clock.t)
            board.publish(session.view(clock.t), Look("Test", STARTED))
        if step == 6:
            board.close()
        return ["q"] if step == 8 else ["x", "n", "space"]  # nothing but q acts

    watch(home, read, console, None, now=lambda: WALL + clock.t)
    assert "No session is running" in seen[1]
    assert "Case facts" in seen[3][len(seen[1]) :]
    assert "Group discussion" in seen[5][len(seen[3]) :]
    assert "No session is running" in seen[7][len(seen[5]) :]
    assert len(seen) == 8, "q left at once"
    assert session.index == 1, "the view never acts on the session"


# -- the web view ----------------------------------------------------------------------------


def test_the_state_files_are_private_even_with_an_open_umask(home: Path) -> None:
    old = os.umask(0)
    try:
        board = Publisher(home, 1.0, "en")
        session = Session(view_phases())
        session.begin()
        board.publish(session.view(0.0), Look("Test", STARTED))
    finally:
        os.umask(old)
    for path in (home / VIEW_STATE, home / VIEW_LOCK):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    board.close()


@pytest.mark.parametrize(
    ("host", "port", "here"),
    [
        ("127.0.0.1", 80, True),  # what a browser sends for http://127.0.0.1/
        ("localhost", 80, True),
        ("127.0.0.1:80", 80, True),
        ("LOCALHOST:80", 80, True),
        ("127.0.0.1:8765", 8765, True),
        ("127.0.0.1", 8765, False),
        ("localhost", 8765, False),
        ("127.0.0.1:8080", 80, False),
        ("127.0.0.1:", 80, False),
        ("attacker.example", 80, False),
        ("attacker.example:80", 80, False),
        ("127.0.0.1.attacker.example", 80, False),
        ("", 80, False),
        (None, 80, False),
    ],
)
def test_which_hosts_are_this_view(host: str | None, port: int, here: bool) -> None:
    assert addressed_here(host, port) is here


SECONDS = re.compile(r"\d+:\d\d")


LOUD = re.compile(r"\bover\b|time is up|zeit ist um|über der zeit", re.IGNORECASE)


AMBER_RED = {PALETTE[WARN], PALETTE[OVER]}


def _frame(said: Words, width: int = 80, height: int = 24) -> list[Text]:
    console = Console(width=width, height=height, file=io.StringIO(), color_system="truecolor")
    return GroupScreen(said).lines(width, height, console)


def _colours(lines: list[Text]) -> set[str]:
    """The colour of every piece of text on the frame, as #rrggbb."""
    console = Console(file=io.StringIO(), color_system="truecolor")
    found = set()
    for line in lines:
        for style in [line.style, *(span.style for span in line.spans)]:
            colour = console.get_style(style).color if style else None
            if colour is not None:
                found.add(colour.get_truecolor().hex)
    return found


def _styles(line: Text) -> set[str]:
    return {str(line.style), *(str(span.style) for span in line.spans)}


def _terminal_states(home: Path, language: str, **shows: Any) -> Iterator[tuple[str, Words]]:
    """Each state in turn, and what the terminal view says of it."""
    clock = FakeClock()
    for name in view_states(home, view_format(language, home), clock):
        found = current(home)
        use(found.language if found else language)
        yield name, words(found, WALL + clock.t, **shows)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_terminal_view_is_quiet_in_every_state(home: Path, language: str) -> None:
    names = []
    for name, said in _terminal_states(home, language):
        names.append(name)
        lines = _frame(said)
        text = "\n".join(line.plain for line in lines)
        assert not SECONDS.search(text), (name, text)
        assert not LOUD.search(text), (name, text)
        assert not _colours(lines) & AMBER_RED, (name, _colours(lines))
        assert "█" not in text, "no big digits"
        if said.running and said.time and said.state != "paused":
            row = next(line for line in lines if line.plain.strip() == said.time)
            assert "dim" in _styles(row), f"the time dim, not {_styles(row)}"
    assert {"warning", "past zero", "paused", "ended"} <= set(names)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_terminal_shows_the_clock_when_asked_for(home: Path, language: str) -> None:
    said = dict(_terminal_states(home, language, time="clock"))
    warning = _frame(said["warning"])
    assert "█" in "\n".join(line.plain for line in warning), "the countdown, large"
    assert PALETTE[WARN] in _colours(warning)
    assert PALETTE[OVER] in _colours(_frame(said["past zero"]))


def test_discreet_never_makes_the_terminal_view_louder(home: Path) -> None:
    clock = FakeClock()
    session = Session(view_format("en", home).phases)
    session.begin()
    board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    board.publish(session.view(0.0), Look("Test", datetime.now().astimezone(), discreet=True))
    found = current(home)
    board.close()
    choices: list[dict[str, Any]] = [{}, {"time": "clock"}]
    for shows in choices:
        text = "\n".join(line.plain for line in _frame(words(found, WALL, **shows)))
        assert "█" not in text, f"no big digits for a discreet session: {shows}"


def test_the_terminal_view_keeps_a_german_session_s_language_once_it_ends(home: Path) -> None:
    clock = FakeClock()
    states = view_states(home, view_format("de", home), clock)
    console = Console(width=60, height=20, file=io.StringIO(), color_system=None)
    frames: list[str] = []

    def read(timeout: float) -> list[str]:
        frames.append(console.file.getvalue())  # type: ignore[attr-defined]
        clock.advance(6.0)  # past a look at the state file
        return [] if next(states, None) is not None else ["q"]

    watch(home, read, console, None, now=lambda: WALL + clock.t)
    assert "No session is running" in frames[0], "the system's language before"
    assert "Gruppengespräch" in frames[-2]
    end = frames[-1][len(frames[-2]) :]
    assert "Es läuft keine Sitzung" in end, end
    assert "q leaves" not in end, end
