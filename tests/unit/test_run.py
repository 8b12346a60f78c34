"""Running a session with a fake clock and scripted keys: every key, the bell, redrawing,
Ctrl-C, the plain lines without a terminal, and what counts as a key."""

from __future__ import annotations

import io
import itertools
import tomllib
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from support.clock import FakeClock
from support.fakes import Recorder, Script, scripted_keys
from support.fakes import phases as _phases
from support.fakes import terminal as _console
from support.formats import builtin
from support.helpers import SHORT_FORMAT
from support.logfixtures import MARCH
from support.screens import STARTED

from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.core.format import Format, Phase
from balint_cli.core.session import Session
from balint_cli.live.controller import Controller
from balint_cli.live.loop import run_plain, run_screen
from balint_cli.live.screen import Look, SessionScreen, key_lines
from balint_cli.live.wakes import until_change
from balint_cli.terminal.keys import RESIZE, Keys


def _output(console: Console) -> str:
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


# -- the controller: one place where each key does its thing ----------------------------------


def test_every_key_does_what_the_help_says() -> None:
    session = Session(_phases(5, 5, 5))
    session.begin()
    control = Controller(session)
    assert [e.kind for e in control.press("space", 10)] == ["pause"]
    assert [e.kind for e in control.press("space", 20)] == ["resume"]
    assert [e.kind for e in control.press("n", 30)] == ["phase_end", "phase_start"]
    assert [e.kind for e in control.press("b", 40)] == ["phase_end", "phase_start"]
    assert control.press("b", 41) == []
    assert control.overlay_at(41).note == "This is the first phase."
    assert control.press("+", 50)[0].data["minutes"] == 1
    assert control.overlay.note == "One more minute for Phase 0."
    assert control.press("-", 51)[0].data["minutes"] == -1
    assert control.press("?", 52) == []
    assert control.overlay.panel == "help"
    assert control.press("n", 53) == [], "a key only closes help"
    assert not control.overlay.panel, "a key only closes help"
    assert session.index == 0
    assert control.press("x", 54) == []
    assert control.press("escape", 55) == []


def test_quit_asks_first_and_only_y_ends() -> None:
    session = Session(_phases(5, 5))
    session.begin()
    control = Controller(session)
    assert control.press("q", 10) == []
    assert control.overlay.question == "End the session now? y/n"
    assert control.press("n", 11) == [], "no means carry on, not next"
    assert session.index == 0, "no means carry on, not next"
    assert control.overlay_at(11).note == "Carrying on."
    control.press("q", 12)
    events = control.press("y", 13)
    assert events[-1].kind == "session_end"
    assert events[-1].data["how"] == QUIT


def test_the_next_key_replaces_a_passing_note() -> None:
    session = Session(_phases(5, 5))
    session.begin()
    control = Controller(session)
    control.press("q", 10)
    control.press("x", 11)
    assert control.overlay_at(11).note == "Carrying on."
    control.press("space", 12)
    assert session.view(12).paused, "paused shows plainly"
    assert control.overlay_at(12).note == "", "paused shows plainly"
    control.press("b", 13)
    assert control.overlay_at(13).note == "This is the first phase."
    control.press("?", 14)
    assert control.overlay_at(14).panel == "help"
    assert control.overlay_at(14).note == ""


def _two_cases() -> list[Phase]:
    return [
        Phase(id="opening", title="Opening", minutes=2),
        Phase(id="facts-1", title="Case facts", minutes=2, case=1),
        Phase(id="talk-1", title="Group discussion", minutes=5, case=1, flexible=True),
        Phase(id="facts-2", title="Case facts", minutes=2, case=2),
        Phase(
            id="talk-2",
            title="Group discussion",
            minutes=5,
            case=2,
            flexible=True,
            purpose="The heart of it.",
            interventions=["What is it like to be this patient?", "No advice for now."],
        ),
        Phase(id="closing", title="Closing", minutes=2),
    ]


def test_g_and_i_show_the_leaders_aids_and_log_nothing() -> None:
    session = Session(_two_cases())
    session.begin()
    control = Controller(session, Look("x", STARTED, rules=["What is said here stays here."]))
    assert control.press("g", 10) == []
    assert control.overlay.panel == "rules"
    assert control.press("n", 11) == [], "any key closes, does nothing"
    assert session.index == 0, "any key closes, does nothing"
    assert control.press("i", 12) == []
    assert control.overlay.panel == ""
    assert control.overlay_at(12).note == "The format gives Opening no purpose or interventions."
    for _ in range(4):
        session.next(20)
    assert session.phases[session.index].id == "talk-2"
    assert control.press("i", 21) == []
    assert control.overlay.panel == "aids"
    bare = Controller(session)
    assert bare.press("g", 22) == []
    assert bare.overlay.note == "This format has no ground rules."


def test_c_skips_the_rest_of_the_case_after_asking() -> None:
    session = Session(_two_cases(), target=18 * 60)
    session.begin()
    session.next(120)  # case 1's facts
    control = Controller(session)
    assert control.press("c", 130) == []
    assert control.overlay.question == "Skip the rest of case 1 and go on to case 2? y/n"
    assert control.press("n", 131) == [], "no: carry on"
    assert session.index == 1, "no: carry on"
    control.press("c", 140)
    events = control.press("y", 141)
    assert [(e.kind, e.data["by"]) for e in events] == [
        ("phase_end", "case"),
        ("phase_start", "case"),
    ]
    assert session.phases[session.index].id == "facts-2"
    # The time case 1 did not use goes to the flexible phase ahead: the end holds.
    assert session.view(141).projected_end == pytest.approx(18 * 60)
    control.press("c", 150)
    assert control.overlay.question == "Skip the rest of case 2 and go on to Closing? y/n"
    control.press("y", 151)
    assert session.phases[session.index].id == "closing"
    control.press("c", 160)
    assert control.overlay_at(160).note == "This phase is not part of a case."


def test_m_sets_a_marker_with_the_time_and_phase_only() -> None:
    session = Session(_two_cases())
    session.begin()
    control = Controller(session)
    (marker,) = control.press("m", 754)
    assert marker.kind == "marker"
    assert marker.t == 754
    assert marker.data == {"index": 0, "phase": "opening"}
    assert control.overlay.note == "Marker set, 13 min into the session."


def test_next_on_the_last_phase_asks_before_ending() -> None:
    session = Session(_phases(5))
    session.begin()
    control = Controller(session)
    control.press("n", 10)
    assert "End the session now?" in control.overlay.question
    assert control.press("x", 11) == []
    assert not session.ended
    control.press("n", 12)
    assert control.press("y", 13)[-1].data["how"] == COMPLETED


def test_notes_fade_after_a_few_seconds() -> None:
    session = Session(_phases(5))
    session.begin()
    control = Controller(session, speed=10)
    control.press("+", 0)
    assert control.overlay_at(29).note
    assert not control.overlay_at(31).note


@pytest.mark.parametrize(
    ("reads", "keys"),
    [
        ([b" "], ["space"]),
        ([b"n", b"N"], ["n", "n"]),
        ([b"+", b"="], ["+", "+"]),
        ([b"-", b"_"], ["-", "-"]),
        ([b"q", b"?", b"y"], ["q", "?", "y"]),
        ([b"\x1b[An\x1bOB"], ["up", "n", "down"]),  # arrows are named, never letters
        ([b"\x1b[15~\x1b[6~"], ["pagedown"]),  # a function key is dropped
        ([b"\r"], ["enter"]),
    ],
)
def test_keys_are_decoded_and_arrows_named(reads: list[bytes], keys: list[str]) -> None:
    decoder = Keys(clock=itertools.count().__next__)  # a second between keys: none held
    assert [key for data in reads for key in decoder.feed(data)] == keys


def test_a_lone_escape_waits_for_what_may_follow() -> None:
    decoder = Keys()
    assert decoder.feed(b"\x1b") == []
    assert decoder.waiting
    assert decoder.flush() == ["escape"]
    assert not decoder.waiting


def test_pasted_text_never_acts_as_keys() -> None:
    keys = Keys(clock=itertools.count().__next__)  # a second between keys: none held
    # A bracketed paste, split across reads as a terminal may send it, then a real key.
    assert keys.feed(b"\x1b[200~next patient, quiet; ") == []
    assert keys.feed(b"yes we begin now. bye") == []
    assert keys.feed(b"\x1b[201~") == []
    assert keys.feed(b"n") == ["n"]
    # A terminal without bracketed paste sends it all in one burst, faster than any hand.
    assert keys.feed(b"Hello all, the next patient is quiet") == []
    # Even two or three letters in one read are a paste: "qy" must not end the session.
    assert keys.feed(b"qy") == []
    assert keys.feed(b"Nina") == []
    assert [*keys.feed(b" "), *keys.feed(b" ")] == ["space", "space"], "a key pressed twice"


@pytest.mark.parametrize(
    ("remaining", "paused", "speed", "expected"),
    [
        (10.0, False, 1, 1.002),
        (9.25, False, 1, 0.252),
        (-3.75, False, 1, 0.252),
        (10.5, True, 1, 1.0),
        (9.5, False, 100, 0.02),
        (9.5, False, 2, 0.252),
    ],
)
def test_the_loop_sleeps_until_the_shown_second_changes(
    remaining: float, paused: bool, speed: float, expected: float
) -> None:
    session = Session([Phase(id="a", title="A", minutes=1)])
    session.begin()
    if paused:
        session.toggle_pause(60 - remaining)
    view = session.view(60 - remaining)
    assert until_change(view, speed, discreet=False) == pytest.approx(min(expected, 1.0), abs=1e-6)


# -- the loop ------------------------------------------------------------------------------


def test_a_whole_45_minute_session_with_keys_on_a_fake_clock() -> None:
    fmt = builtin("45min")
    clock = FakeClock()
    session = Session(fmt.phases, target=45 * 60)
    sink = Recorder()
    console = _console()
    script: Script = {
        200: ["n"],  # the opening runs 20 s over
        300: ["space"],
        360: ["space"],  # a one-minute pause in the facts
        500: ["+"],  # and a minute more for them
        680: ["n"],
        700: ["b"],
        710: ["n"],  # on to the questions, back a moment, on again
        1050: ["n"],
        1110: ["n"],  # steps back, then the discussion
        2160: ["n"],
        2460: ["n"],  # the presenter returns, the closing
        2710: ["q"],
        2711: ["y"],  # quitting once the closing's time is up
    }
    how = run_screen(
        session,
        clock,
        sink,
        Look(fmt.name, STARTED),
        scripted_keys(clock, script, 7.0),
        console,
        session.begin(),
    )
    assert how == COMPLETED
    assert sink.kinds().count("pause") == 1
    assert sink.kinds().count("extend") == 1
    starts = [e for e in sink.events if e.kind == "phase_start"]
    assert [e.data["phase"] for e in starts] == [
        "opening",
        "facts",
        "questions",
        "facts",
        "questions",
        "step-back",
        "discussion",
        "return",
        "closing",
    ]
    discussion = starts[6].data["allotted"]
    assert discussion == pytest.approx(2700 - 1110 - 240 - 240), "shrunk to hold 13:15"
    ended = sink.events[-1]
    assert ended.kind == "session_end"
    assert ended.t == pytest.approx(2711)
    out = _output(console)
    assert "\x1b[?1049h" in out, "the alternate screen is left"
    assert "\x1b[?1049l" in out, "the alternate screen is left"
    assert "Closing" in out
    assert "Group discussion" in out


def test_the_bell_rings_once_at_zero_and_not_when_asked_not_to() -> None:
    for bell in (True, False):
        clock = FakeClock()
        session = Session(_phases(1, 1))
        console = _console()
        run_screen(
            session,
            clock,
            Recorder(),
            Look("x", STARTED, bell=bell),
            scripted_keys(clock, {100: ["n"], 130: ["q"], 131: ["y"]}),
            console,
            session.begin(),
        )
        assert _output(console).count("\x07") == (1 if bell else 0)


def test_it_redraws_when_the_second_changes_not_in_a_busy_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = FakeClock()
    session = Session(_phases(1))
    frames: list[float] = []
    draw = SessionScreen.lines

    def counted(self: SessionScreen, *args: Any) -> list[Text]:
        frames.append(clock.t)
        return draw(self, *args)

    monkeypatch.setattr(SessionScreen, "lines", counted)
    run_screen(
        session,
        clock,
        Recorder(),
        Look("x", STARTED),
        scripted_keys(clock, {20: ["q"], 20.5: ["y"]}, step=0.125),
        _console(),
        session.begin(),
    )
    shown = {int(t) for t in frames}
    assert shown == set(range(21)), "every second is shown"
    assert len(frames) <= 21 + 3, "about one frame a second (and one for the question)"


def test_a_resize_redraws_at_once() -> None:
    clock = FakeClock()
    session = Session(_phases(1))
    console = _console(60, 20)
    script: Script = {0.5: [RESIZE], 0.6: ["q"], 0.7: ["y"]}
    reads = scripted_keys(clock, script, step=0.05)

    def resizing(timeout: float) -> list[str]:
        keys = reads(timeout)
        if RESIZE in keys:
            console.size = (40, 12)
        return keys

    run_screen(session, clock, Recorder(), Look("x", STARTED), resizing, console, session.begin())
    assert key_lines()[-1] in _output(console), "the keys as they fit 40 columns"


def test_ctrl_c_ends_the_session_as_interrupted_and_is_passed_on() -> None:
    clock = FakeClock()
    session = Session(_phases(5))
    sink = Recorder()

    def interrupt(timeout: float) -> list[str]:
        clock.advance(30)
        if clock.t > 100:
            raise KeyboardInterrupt
        return []

    with pytest.raises(KeyboardInterrupt):
        run_screen(session, clock, sink, Look("x", STARTED), interrupt, _console(), session.begin())
    assert sink.events[-1].data["how"] == INTERRUPTED


def test_auto_moves_on_by_itself_exactly_at_the_boundaries() -> None:
    clock = FakeClock()
    session = Session(_phases(2, 3), auto=True)
    sink = Recorder()
    how = run_screen(
        session,
        clock,
        sink,
        Look("x", STARTED),
        scripted_keys(clock, {}),
        _console(),
        session.begin(),
    )
    assert how == COMPLETED
    starts = [e.t for e in sink.events if e.kind == "phase_start"]
    assert starts == [0, 120]
    assert sink.events[-1].t == 300


def test_plain_mode_prints_a_line_per_event() -> None:
    fmt = Format.model_validate(tomllib.loads(SHORT_FORMAT))
    clock = FakeClock()
    session = Session(fmt.phases, auto=True)
    out = io.StringIO()

    def sleep(seconds: float) -> None:
        clock.advance(seconds)

    assert (
        run_plain(session, clock, Recorder(), Look(fmt.name, STARTED), out, session.begin(), sleep)
        == COMPLETED
    )
    assert out.getvalue().splitlines() == [
        "12:30  Case facts, case 1: 2 min",
        "12:32  Case facts ended after 2 min",
        "12:32  Group discussion, case 1: 3 min",
        "12:35  Group discussion ended after 3 min",
        "12:35  Closing: 1 min",
        "12:36  Closing ended after 1 min",
        "12:36  Session completed after 6 min, on time",
    ]


# -- through the command, without a terminal ---------------------------------------------------


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("text", [b"Nina", b"qy", b"nn", b"+-"])
def test_a_paste_of_a_few_characters_is_not_taken_as_keys(text: bytes) -> None:
    assert Keys().feed(text) == []


def test_a_sets_or_corrects_the_attendance_as_people_arrive() -> None:
    session = Session(complete_phases())
    session.begin()
    control = Controller(session, Look("x", MARCH, members=10))
    assert control.press("a", 60) == []
    assert control.overlay.question == "How many came? _"
    assert control.overlay.hint == "digits, then Enter · Escape cancels"
    for key in ("1", "x", "n", "2", "backspace", "3"):  # other keys do nothing meanwhile
        assert control.press(key, 61) == []
    assert control.overlay.question == "How many came? 13"
    assert session.index == 0
    (event,) = control.press("enter", 62)
    assert (event.kind, event.data) == ("attendance", {"attendees": 13, "members": 10})
    assert control.overlay.note == "13 of 10 here."
    control.press("a", 70)
    control.press("7", 71)
    assert control.press("escape", 72) == []
    assert control.overlay.note == "Attendance left as it was."
    assert control.press("n", 73), "keys act again"


def complete_phases() -> list[Any]:
    from balint_cli.core.format import Phase

    return [Phase(id="a", title="A", minutes=5), Phase(id="b", title="B", minutes=5)]


def test_a_keyboards_own_digits_are_not_a_count() -> None:
    """² (AltGr+2 on a German keyboard), ① or ٣ after a: ignored, as any other key."""
    clock = FakeClock()
    session = Session(_phases(5, 5))
    sink = Recorder()
    script = {
        60.0: ["a"],
        61.0: ["²"],
        62.0: ["①"],
        63.0: ["٣"],
        64.0: ["enter"],  # nothing typed yet: the question stays
        65.0: ["1", "²", "2"],
        66.0: ["enter"],
        70.0: ["q"],
        71.0: ["y"],
    }
    keys = scripted_keys(clock, script, 1.0)
    how = run_screen(session, clock, sink, Look("x", STARTED), keys, _console(), session.begin())
    assert how == QUIT
    counts = [e.data["attendees"] for e in sink.events if e.kind == "attendance"]
    assert counts == [12]
