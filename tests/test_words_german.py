"""balint's own words as a leader reads them: English that reads aloud in a clinical room,
and German as a German Balint group speaks it, with no English left on a German screen."""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from helpers import balint
from rich.console import Console

from balint_cli import i18n
from balint_cli.formats import Format, Phase, builtin_dir
from balint_cli.live import Controller
from balint_cli.panels import HELP, help_rows, key_lines
from balint_cli.request import Request
from balint_cli.runner import prepare
from balint_cli.screen import Look, Overlay, SessionScreen
from balint_cli.session import Session

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))


def _builtin(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


def _screen(session: Session, t: float, look: Look | None = None, overlay: Overlay | None = None,
            width: int = 100, height: int = 40) -> str:  # fmt: skip
    """The live screen at session time t, as plain text."""
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    look = look or Look("x", STARTED)
    screen = SessionScreen(view=session.view(t), look=look, overlay=overlay or Overlay())
    return "\n".join(line.plain for line in screen.lines(width, height, console))


def _started(phases: list[Phase], planned: list[float] | None = None) -> Session:
    session = Session(phases, planned)
    session.begin()
    return session


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


# -- English that reads aloud ------------------------------------------------------------------


def test_the_key_for_tips_is_called_tips() -> None:
    assert all("i tips" in line for line in key_lines()[:3]), key_lines()
    assert ("i", "this phase's purpose, what to say", "tips") in help_rows()
    session = _started(_builtin("45min").phases)
    help_panel = _screen(session, 5.0, overlay=Overlay(panel=HELP), width=40, height=30)
    shown = _screen(session, 5.0) + help_panel
    assert "aids" not in shown, shown


def test_an_overrun_gives_the_length_first() -> None:
    session = _started([Phase(id="q", title="Clarifying questions", minutes=4)])
    text = _screen(session, 4 * 60 + 50)
    assert re.search(r"^ *4 min · \+00:50 over$", text, re.MULTILINE), text
    assert "over of" not in text


def test_a_discreet_overrun_is_whole_minutes_rounded_down() -> None:
    session = _started([Phase(id="q", title="Clarifying questions", minutes=3)])
    text = _screen(session, 3 * 60 + 62, Look("x", STARTED, discreet=True))
    assert re.search(r"^3 min · 1 min over$", text, re.MULTILINE), text


@pytest.mark.parametrize(
    ("allotted", "t", "line"),
    [
        (33.4, 0.0, "34 min left of 34 min, planned 26"),  # minutes up, and the length up too
        (7.5, 0.0, "8 min left of 8 min, planned 26"),
        (33.4, 30.0, "33 min left of 34 min, planned 26"),
    ],
)
def test_a_discreet_remainder_never_exceeds_the_length(
    allotted: float, t: float, line: str
) -> None:
    phase = Phase(id="d", title="Group discussion", minutes=26, flexible=True)
    session = _started([phase], [allotted * 60])
    text = _screen(session, t, Look("x", STARTED, discreet=True))
    assert re.search(rf"^{re.escape(line)}$", text, re.MULTILINE), text


def test_attendance_is_said_back_as_here() -> None:
    session = _started(_builtin("45min").phases)
    control = Controller(session, Look("x", STARTED))
    for key in ("a", "9", "enter"):
        control.press(key, 10.0)
    assert control.overlay.note == "9 here."
    control = Controller(session, Look("x", STARTED, members=12))
    for key in ("a", "9", "enter"):
        control.press(key, 20.0)
    assert control.overlay.note == "9 of 12 here."


def test_a_one_case_header_does_not_say_case_1_of_1() -> None:
    session = _started(_builtin("45min").phases)
    session.next(60.0)
    head = _screen(session, 61.0).splitlines()[0]
    assert head.endswith("  phase 2 of 7"), head
    assert "case 1" not in head, head
    two = _started(_builtin("90min").phases)
    two.next(60.0)
    assert _screen(two, 61.0).splitlines()[0].endswith("case 1 of 2 · phase 2 of 12")


def test_a_demo_says_its_speed_and_labels_the_purpose() -> None:
    result = balint("demo", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "       Purpose: The leader protects the frame" in result.stdout, result.stdout
    assert "Why:" not in result.stdout
    session = _started(_builtin("45min").phases)
    look = Look("x", STARTED, show_purpose=True, badge=_demo_badge(30))
    text = _screen(session, 5.0, look)
    assert "demo, 30× speed · phase 1 of 7" in text.splitlines()[0], text
    assert re.search(r"^Purpose: The leader protects the frame", text, re.MULTILINE), text


def _demo_badge(speed: float) -> str:
    return prepare(Request(speed=speed, demo=True), STARTED).look.badge


def test_a_second_case_on_a_handout_names_the_phase_it_repeats() -> None:
    result = balint("handout", "90min", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Same words as phase 5 (Group discussion)." in result.stdout
    assert "As 5," not in result.stdout
