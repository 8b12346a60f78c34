"""The live screen rendered into a capture console, at 40x12 and 100x30: what a leader needs,
colours that read on any background, the projector, and the warning of a distorting end."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from support.formats import builtin
from support.screens import STARTED, discussion, screen_at

from balint_cli.core.faces import NORMAL, OVER, PALETTE, PAUSED, STYLES, WARN, big_digits
from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.core.words import clock_text, length_text
from balint_cli.live.screen import Look, Overlay, SessionScreen, key_lines


def _console(width: int, height: int, color: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        force_terminal=True,
        width=width,
        height=height,
        color_system="truecolor" if color else None,
        no_color=not color,
        legacy_windows=False,
    )


def _render(screen: SessionScreen, width: int, height: int, color: bool = False) -> str:
    console = _console(width, height, color)
    console.print(screen)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def _lines(screen: SessionScreen, width: int, height: int) -> list[str]:
    return _render(screen, width, height).splitlines()


def _at(session: Session, t: float, **kw: object) -> SessionScreen:
    overlay = kw.pop("overlay", Overlay())
    look = Look("90-minute group", STARTED, **kw)  # type: ignore[arg-type]
    return SessionScreen(view=session.view(t), look=look, overlay=overlay)  # type: ignore[arg-type]


@pytest.fixture
def ninety() -> Session:
    session = Session(builtin("90min").phases, target=90 * 60)
    session.begin()
    session.next(240)  # case facts of case 1, 6 minutes, from 12:34
    return session


def test_full_screen_shows_everything_a_leader_needs(ninety: Session) -> None:
    lines = _lines(_at(ninety, 240 + 188), 100, 30)
    assert len(lines) == 30
    assert all(len(line) <= 100 for line in lines)
    assert lines[0].startswith(" Case facts ")
    assert lines[0].endswith("case 1 of 2 · phase 2 of 12")
    digit_rows = [line for line in lines if "██" in line]
    assert len(digit_rows) == 10, "a countdown two cells per pixel, legible across a room"
    assert "02:52 left of 6 min" in [line.strip() for line in lines]
    text = "\n".join(lines)
    assert "Would you tell us about this patient" in text
    assert "Next: Clarifying questions (4 min)" in text
    assert "Ends 14:00 · on time" in text
    assert any(line.startswith("Phase ") and line.rstrip().endswith("52%") for line in lines), lines
    assert lines[-1] == key_lines()[1], "every key that fits 100 columns"


def test_a_small_terminal_keeps_the_essentials(ninety: Session) -> None:
    lines = _lines(_at(ninety, 240 + 188), 40, 12)
    assert len(lines) == 12
    assert all(len(line) <= 40 for line in lines)
    assert not any("██" in line for line in lines), "no room for big digits"
    text = "\n".join(lines)
    for part in (
        "Case facts",
        "case 1 of 2",
        "02:52 left of 6 min",
        "Next: Clarifying",
        "Ends 14:00 · on time",
        "Would you tell us",
    ):
        assert part in text
    assert lines[-1] == key_lines()[-1] == "spc n b +/- g i c o m a d q ?"


@pytest.mark.parametrize(
    ("width", "height"),
    [(20, 5), (30, 8), (40, 12), (60, 16), (80, 24), (100, 30), (200, 60), (40, 60), (200, 12)],
)
def test_every_size_gets_exactly_its_rows_and_columns(
    ninety: Session, width: int, height: int
) -> None:
    lines = _lines(_at(ninety, 400), width, height)
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    assert any(":" in line and ("left" in line or "██" in line) for line in lines), lines


def test_the_warning_window_turns_amber(ninety: Session) -> None:
    calm = _render(_at(ninety, 240 + 240), 60, 20, color=True)
    warn = _render(_at(ninety, 240 + 330), 60, 20, color=True)
    amber = "38;2;193;95;0"
    assert amber not in calm
    assert amber in warn
    assert "00:30 left of 6 min" in _render(_at(ninety, 240 + 330), 60, 20)


def test_at_zero_it_counts_up_in_red(ninety: Session) -> None:
    t = 240 + 6 * 60 + 72
    plain = _render(_at(ninety, t), 60, 20)
    assert "6 min · +01:12 over" in plain
    colored = _render(_at(ninety, t), 60, 20, color=True)
    assert "38;2;209;45;45m+01:12 over" in colored, "red, from the palette"
    assert big_digits("+01:12")[2].startswith("██████")


def test_paused_is_shown_plainly(ninety: Session) -> None:
    ninety.toggle_pause(400)
    text = _render(_at(ninety, 460), 60, 20)
    assert "PAUSED  03:20 left of 6 min · space to carry on" in text


def test_late_when_the_flexible_phases_are_spent() -> None:
    phases = [
        Phase(id="a", title="A", minutes=5),
        Phase(id="b", title="B", minutes=10, flexible=True),
        Phase(id="c", title="C", minutes=5),
    ]
    session = Session(phases, target=20 * 60)
    session.begin()
    text = _render(SessionScreen(view=session.view(17 * 60), look=Look("x", STARTED)), 60, 20)
    assert "Ends 12:53 · 3 min late" in text
    assert "Next: B (1 min, planned 10)" in text, "squeezed to keep the end, and says so"


@pytest.mark.parametrize(
    ("over", "end", "status"),
    [(0, "12:50", "on time"), (20, "12:50", "on time"), (40, "12:51", "1 min late"),
     (100, "12:52", "2 min late"), (130, "12:52", "2 min late"), (-100, "12:48", "2 min early")],
)  # fmt: skip
def test_the_end_clock_and_how_late_always_agree(over: float, end: str, status: str) -> None:
    """A session planned to end at 12:50 says its end and its lateness in the same minutes."""
    phases = [Phase(id="a", title="A", minutes=10), Phase(id="b", title="B", minutes=10)]
    session = Session(phases)  # no end to hold: the plan is the goal
    session.begin()
    session.next(600 + over)  # the first phase ran over (or was left early)
    text = _render(SessionScreen(view=session.view(600 + over), look=Look("x", STARTED)), 60, 20)
    assert f"Ends {end} · {status}" in text


def test_where_the_group_is_stays_in_sight_when_space_is_short(ninety: Session) -> None:
    for _ in range(6):
        ninety.next(400)  # into case 2: clarifying questions, phase 8 of 12
    assert _lines(_at(ninety, 400), 40, 12)[0] == "Clarifying questions       case 2 · 8/12"
    long_title = Phase(id="a", title="A very long title " * 5, minutes=5, case=1)
    session = Session([long_title])
    session.begin()
    head = _lines(SessionScreen(view=session.view(1), look=Look("x", STARTED)), 80, 24)[0]
    assert head.startswith("A very long title")
    assert "…" in head
    assert head.endswith("  phase 1 of 1")
    assert len(head) <= 80


@pytest.mark.parametrize(("width", "height"), [(40, 30), (120, 16), (60, 18)])
def test_big_digits_come_in_the_size_that_fits(ninety: Session, width: int, height: int) -> None:
    lines = _lines(_at(ninety, 240 + 188), width, height)
    digit_rows = [line for line in lines if "██" in line]
    assert len(digit_rows) == 5, "one cell per pixel where two do not fit"
    assert all(len(line) <= width for line in lines)
    assert "02:52 left of 6 min" in [line.strip() for line in lines]


def test_help_and_questions_take_the_place_of_the_prompt(ninety: Session) -> None:
    for width, height in ((40, 12), (60, 24)):
        lines = _lines(_at(ninety, 400, overlay=Overlay(panel="help")), width, height)
        text = "\n".join(lines)
        small = width < 44
        for key in ("space", "n", "b", "+", "-", "g", "i", "c", "m", "q", "?", "Ctrl-C"):
            shown = {"space": "spc", "Ctrl-C": "^C"}.get(key, key) if small else key
            assert re.search(rf"(^|\s){re.escape(shown)} +\w", text, re.MULTILINE), (key, lines)
        assert lines[-1] == "Any key closes this"
        assert not any("…" in line for line in lines), "every key's line fits at 40 columns"
    asked = _lines(_at(ninety, 400, overlay=Overlay(question="End the session now? y/n")), 40, 12)
    assert "End the session now? y/n" in asked
    assert asked[-1].startswith("y yes · any other key: no")


def test_text_from_a_file_stays_text() -> None:
    odd = Phase.model_construct(
        id="a",
        title="[bold]x[/] \x1b[2J",
        minutes=5.0,
        case=None,
        warn_minutes=1.0,
        prompt="say [red]this[/]\x07",
        purpose="",
        flexible=False,
    )
    session = Session([odd])
    session.begin()
    out = _render(SessionScreen(view=session.view(1), look=Look("x", STARTED)), 60, 20)
    assert "[bold]x[/]" in out
    assert "say [red]this[/]" in out
    assert "\x1b[2J" not in out
    assert "\x07" not in out


def test_no_color_means_no_colour() -> None:
    session = Session(builtin("45min").phases)
    session.begin()
    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        width=60,
        height=20,
        no_color=True,
        color_system="truecolor",
    )
    console.print(SessionScreen(view=session.view(170), look=Look("x", STARTED)))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    # Bold, dim and italic may stay; no SGR colour (30-49, 90-107) may be sent.
    params = [p for sgr in re.findall(r"\x1b\[([\d;]*)m", out) for p in sgr.split(";") if p]
    assert not [p for p in params if 30 <= int(p) <= 49 or 90 <= int(p) <= 107], out


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (420, "07:00"),
        (419.2, "07:00"),
        (0.4, "00:01"),
        (0, "00:00"),
        (-0.5, "00:00"),
        (-72.9, "01:12"),
    ],
)
def test_the_countdown_rounds_like_a_kitchen_timer(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (420, "7 min"),
        (450, "7½ min"),
        (200, "3½ min"),
        (60.4, "1 min"),
        (30, "½ min"),
        (1330, "22 min"),
        (9260, "154 min"),
    ],
)
def test_a_phase_length_reads_as_a_leader_says_it(seconds: float, shown: str) -> None:
    assert length_text(seconds) == shown


def test_the_first_screen_shows_the_warning() -> None:
    session = Session(builtin("45min").phases)
    session.begin()
    notice = "--end-at 15:30 stretches Group discussion (case 1) from 22 min to 157 min"
    for width, height in ((40, 12), (80, 24)):
        text = screen_at(session, 10, width, height, notice=notice)
        assert "! --end-at 15:30" in text
    session.next(200)
    assert "--end-at" not in screen_at(session, 210, notice=notice), "the first phase only"


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
    session = discussion()
    assert "nearly time" in screen_at(session, 20 * 60), "the warning window says so"
    assert "+00:30 over" in screen_at(session, 22 * 60 + 30)
    session.toggle_pause(100)
    assert "PAUSED" in screen_at(session, 110)


def test_a_projector_gets_big_digits_and_a_banner_title() -> None:
    session = Session(builtin("90min").phases, target=90 * 60)
    session.begin()
    lines = screen_at(session, 60, 200, 50).splitlines()
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
    text = screen_at(session, 10, 40, 12)
    joined = " ".join(line.strip(" …") for line in text.splitlines())
    assert "What would you like us to think about?" in joined, text
    assert "Session ━" not in text, "the bars gave way first"
    assert "Phase   " not in text, "the bars gave way first"
    longer = Session([Phase(id="q", title="Q", minutes=5, prompt=long * 3, case=1)])
    longer.begin()
    joined = " ".join(line.strip(" …") for line in screen_at(longer, 10, 40, 12).splitlines())
    assert "What would you like us to think about?" in joined
    assert "Thank you for bringing it" not in joined, "the words before it gave way"
