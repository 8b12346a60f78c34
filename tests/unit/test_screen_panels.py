"""The live screen's edges: every key findable, panels that page instead of cutting, one size
of digits for a whole phase, discreet bars that move, and the notes said as it opens.

The loop runs on a fake clock into a pyte screen of the terminal's size: each test reads
what a leader would have seen as each key was pressed.
"""

from __future__ import annotations

import io
import re

import pyte
import pytest
from support.clock import FakeClock
from support.fakes import Recorder, Script, scripted_keys
from support.fakes import terminal as _console
from support.formats import builtin
from support.screens import EVERY_KEY, STARTED, frame, named

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.i18n import use
from balint_cli.live.controller import Controller
from balint_cli.live.loop import run_screen
from balint_cli.live.screen import Look, SessionScreen, key_lines

BLOCK = "█"


Seen = list[tuple[float, list[str]]]  # (session time, the screen's rows) at each wake


def _watch(
    session: Session, look: Look, script: Script, width: int, height: int
) -> tuple[Seen, Recorder]:
    """Run the live loop to its end in a width x height terminal on a fake clock; what was on
    the screen each time the loop waited for keys."""
    clock = FakeClock()
    console = _console(width, height)
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    keys = scripted_keys(clock, script)
    seen: Seen = []
    file = console.file
    assert isinstance(file, io.StringIO)

    def read(timeout: float) -> list[str]:
        assert clock.t < 3 * 3600, "the session was never ended"
        stream.feed(file.getvalue())
        file.seek(0)
        file.truncate()
        seen.append((clock.t, [line.rstrip() for line in screen.display]))
        return keys(timeout)

    sink = Recorder()
    run_screen(session, clock, sink, look, read, console, session.begin())
    return seen, sink


def _at(seen: Seen, t: float) -> list[str]:
    """The screen as it stood at session time t."""
    return [rows for at, rows in seen if at <= t][-1]


# What the help says of each key in a word, where room is short.
HELP_WORDS = (
    *("pause", "next", "back", "minute more", "minute less", "rules", "tips"),
    *("skip case", "marker", "attendance", "discreet", "quit", "keys", "stop"),
)


# -- every key findable -------------------------------------------------------------------------


def _bottom(width: int) -> str:
    """The bottom row of a session's screen at this width."""
    session = Session(builtin("90min").phases, target=90 * 60)
    session.begin()
    return list(frame(SessionScreen(view=session.view(30), look=Look("x", STARTED)), width, 30))[-1]


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_key_is_findable_on_the_key_line_at_every_width(language: str) -> None:
    use(language)
    for width in (40, 50, 60, 70, 79, 80, 90, 100, 110, 119, 120, 200):
        bottom = _bottom(width)
        assert bottom in key_lines(), (width, bottom)
        assert named(bottom) >= EVERY_KEY, (width, bottom, EVERY_KEY - named(bottom))
        assert "?" in bottom.split(), (width, bottom)


def test_from_100_columns_a_and_d_are_said_in_words() -> None:
    assert "a came" in _bottom(100), _bottom(100)
    assert "d discreet" in _bottom(100), _bottom(100)
    assert "g rules · i tips · c case · m mark" in _bottom(80), _bottom(80)


# -- panels that page ---------------------------------------------------------------------------


def _ninety() -> tuple[Session, Look]:
    fmt = builtin("90min")
    session = Session(fmt.phases, target=90 * 60)
    return session, Look(fmt.name, STARTED, rules=fmt.ground_rules)


def _words(rows: list[str]) -> str:
    return " ".join(" ".join(row.strip(" •…") for row in rows).split())


def _untimed(rows: list[str]) -> list[str]:
    """rows without the one that says the time, which moves on meanwhile."""
    return [row for row in rows if " left of " not in row]


def test_g_at_40x12_shows_every_ground_rule_a_page_at_a_time() -> None:
    session, look = _ninety()
    script: Script = {5: ["g"], 10: ["space"], 15: ["b"], 20: ["down"], 25: ["x"]}
    script |= {30: ["q"], 31: ["y"]}
    seen, sink = _watch(session, look, script, 40, 12)
    first, second, back, again, closed = (_at(seen, t) for t in (9, 14, 19, 24, 29))
    assert first[-1] == "1/2 · space: more · any other key closes", first
    assert second[-1] == "2/2 · b: back · any other key closes", second
    assert _untimed(back) == _untimed(first), "b turns back to the first page"
    assert _untimed(again) == _untimed(second), "and the down arrow onwards"
    assert not any(row.endswith("…") for row in first + second), "nothing cut"
    both = _words(first + second)
    for rule in look.rules:
        assert rule in both, (rule, first, second)
    assert "Ground rules" not in _words(closed), closed
    assert closed[-1] in key_lines(), closed
    assert sink.kinds() == ["phase_start", "phase_end", "session_end"], (
        "turning pages did nothing else"
    )


def test_the_last_page_closes_with_any_key_and_n_does_not_move_on() -> None:
    session, look = _ninety()
    script: Script = {5: ["g"], 6: ["n"], 7: ["n"], 10: ["q"], 11: ["y"]}
    seen, sink = _watch(session, look, script, 40, 12)
    assert _at(seen, 6.5)[-1].startswith("2/2 "), "n turns the page"
    assert _at(seen, 8)[0].startswith("Opening"), "and on the last, n only closes it"
    assert _at(seen, 8)[-1] in key_lines()
    assert sink.kinds() == ["phase_start", "phase_end", "session_end"]


def test_i_at_40x12_shows_every_thing_to_say() -> None:
    session, look = _ninety()
    seen, _sink = _watch(
        session, look, {5: ["n"], 10: ["i"], 12: ["space"], 14: ["x"], 15: ["q"], 16: ["y"]}, 40, 12
    )
    first, second = _at(seen, 11), _at(seen, 13)
    assert first[0].startswith("Case facts"), first
    assert first[-1].startswith("1/2 · space: more"), first
    both = _words(first + second)
    phase = session.phases[1]
    assert " ".join(phase.purpose.split()) in both
    for said in phase.interventions:
        assert said in both, (said, first, second)


def test_help_on_a_short_terminal_pages_through_every_key() -> None:
    session, look = _ninety()
    seen, _sink = _watch(
        session, look, {5: ["?"], 6: ["space"], 7: ["x"], 8: ["q"], 9: ["y"]}, 40, 9
    )
    first, second = _at(seen, 5.5), _at(seen, 6.5)
    assert first[-1].startswith("1/2 · space: more"), first
    both = _words(first + second)
    for word in HELP_WORDS:
        assert word in both, (word, first, second)


def test_a_panel_that_fits_closes_with_any_key_as_before() -> None:
    session, look = _ninety()
    session.begin()
    control = Controller(session, look)
    control.press("g", 1)
    screen = SessionScreen(view=session.view(1), look=look, overlay=control.overlay_at(1))
    list(frame(screen, 100, 40))
    assert screen.pages == 1, "room for every rule"
    control.pages = screen.pages
    assert control.press("space", 2) == [], "space closes it"
    assert not control.overlay.panel, "space closes it"
    assert not session.paused, "and does not pause"


def test_a_resized_panel_shows_the_pages_it_has_now() -> None:
    session, look = _ninety()
    session.begin()
    control = Controller(session, look)
    control.press("g", 1)
    small = SessionScreen(view=session.view(1), look=look, overlay=control.overlay_at(1))
    list(frame(small, 40, 12))
    control.pages = small.pages
    control.press("space", 2)
    assert control.overlay.page == 1
    large = SessionScreen(view=session.view(3), look=look, overlay=control.overlay_at(3))
    rows = list(frame(large, 100, 40))
    assert rows[-1] == "Any key closes this", rows
    assert look.rules[0] in _words(rows), "the one page there is now, from its start"


def test_an_arrow_outside_a_panel_does_nothing_not_even_answer_a_question() -> None:
    session, look = _ninety()
    session.begin()
    control = Controller(session, look)
    control.press("q", 1)
    for key in ("down", "up", "left", "right", "pagedown", "pageup"):
        assert control.press(key, 2) == []
        assert control.overlay.question == "End the session now? y/n", key
    assert control.press("y", 3)[-1].kind == "session_end"


# -- one size of digits -------------------------------------------------------------------------


def _digit_size(rows: list[str]) -> tuple[int, int, int]:
    """How the big digits are drawn: their rows, their narrowest stroke, and the room between
    the last two digits (their tops are whole strokes)."""
    drawn = [row for row in rows if BLOCK in row]
    strokes = [len(run) for row in drawn for run in re.findall(f"{BLOCK}+", row)]
    between = re.findall(f"{BLOCK}( +){BLOCK}+ *$", drawn[0]) if drawn else []
    return len(drawn), min(strokes, default=0), len(between[0]) if between else 0


# The widths where "+" once made the digits smaller, or closer together.
@pytest.mark.parametrize(("width", "height"), [(45, 24), (100, 30), (140, 50)])
def test_the_big_digits_keep_their_size_when_the_phase_runs_over(width: int, height: int) -> None:
    phase = Phase(id="facts", title="Case facts", minutes=6)
    session = Session([phase, Phase(id="next", title="Next", minutes=5)])
    session.begin()
    look = Look("x", STARTED)
    before = list(frame(SessionScreen(view=session.view(355), look=look), width, height))
    over = list(frame(SessionScreen(view=session.view(365), look=look), width, height))
    assert any("00:05 left" in row for row in before)
    assert any("+00:05 over" in r for r in over)
    assert _digit_size(before)[0] > 0, before
    assert _digit_size(over) == _digit_size(before), over


# -- discreet bars that move --------------------------------------------------------------------


def _phase_percent(rows: list[str]) -> int:
    found = re.search(r"^Phase +[━─]+ +(\d+)%$", "\n".join(rows), re.MULTILINE)
    assert found is not None, rows
    return int(found[1])


def test_a_discreet_screen_moves_its_bars_within_the_first_minute_and_cheaply() -> None:
    phase = Phase(id="d", title="Group discussion", minutes=22, warn_minutes=3)
    session = Session([phase])
    seen, _sink = _watch(
        session, Look("x", STARTED, discreet=True), {600: ["q"], 601: ["y"]}, 80, 24
    )
    assert _phase_percent(_at(seen, 45)) >= 2, _at(seen, 45)
    assert _phase_percent(_at(seen, 300)) in (22, 23), "where five minutes of 22 are"
    wakes = [rows for at, rows in seen if at < 600]
    assert all(a != b for a, b in zip(wakes, wakes[1:], strict=False)), "no wake for nothing"
    # One wake a minute for the time, and one for each of the bar's 66 steps in 22 minutes.
    assert len(wakes) <= 10 + 30 + 2, [at for at, _rows in seen]


# -- notes said as the screen opens -------------------------------------------------------------


LOGS = "Session logs (timings and counts only, readable by you alone) go to /somewhere/logs."
LABEL = "'Thursday' is not in groups.toml: it labels the session, with no defaults."


def _opening(script: Script, width: int = 80, height: int = 24) -> Seen:
    session = Session([Phase(id="o", title="Opening", minutes=5, prompt="Welcome.")])
    look = Look("x", STARTED, notes=[LABEL, LOGS])
    seen, _sink = _watch(session, look, script, width, height)
    return seen


def _shows(rows: list[str], sentence: str) -> bool:
    return sentence in _words(rows)


@pytest.mark.parametrize(("width", "height"), [(80, 24), (100, 30)])
def test_the_notes_are_on_the_first_screen_until_a_key(width: int, height: int) -> None:
    seen = _opening({10: ["enter"], 20: ["q"], 21: ["y"]}, width, height)
    first = _at(seen, 0)
    assert _shows(first, "Note: " + LABEL), first
    assert _shows(first, "Note: " + LOGS), first
    assert _shows(first, "Enter hides these notes.")
    assert _shows(first, "Welcome."), "the prompt stays in sight"
    after = _at(seen, 11)
    assert not _shows(after, "Note:"), after
    assert _shows(after, "Welcome.")
    assert after[-1] in key_lines()


def test_the_notes_go_by_themselves_after_a_minute_and_fit_40x12() -> None:
    seen = _opening({90: ["q"], 91: ["y"]}, 40, 12)
    first = _at(seen, 0)
    assert _shows(first, "Note: " + LABEL), first
    assert _shows(first, "Note: Session logs"), first
    assert not _shows(_at(seen, 61), "Note:"), _at(seen, 61)
    assert _shows(_at(seen, 61), "Welcome.")


def test_the_first_key_hides_the_notes_and_still_does_its_own_thing() -> None:
    seen = _opening({10: ["space"], 20: ["q"], 21: ["y"]})
    after = _at(seen, 11)
    assert not _shows(after, "Note:"), after
    assert _shows(after, "PAUSED"), after
