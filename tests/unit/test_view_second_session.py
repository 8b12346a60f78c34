"""Two sessions at once in one folder: the group's view shows the first, and the second once
the first has ended, rather than say that no session is running while one is."""

from __future__ import annotations

from pathlib import Path

from support.clock import FakeClock
from support.fakes import view_phases
from support.screens import STARTED
from support.views import WALL

from balint_cli.core.session import Session
from balint_cli.groupview.state import RETRY, Publisher, current
from balint_cli.live.screen import Look


def _phase_shown(home: Path) -> str | None:
    found = current(home)
    return None if found is None else found.title


def test_the_second_session_shows_itself_once_the_first_has_ended(home: Path) -> None:
    clock = FakeClock()
    look = Look("Test", STARTED)
    first, second = Session(view_phases()), Session(view_phases())
    first.begin()
    second.begin()
    second.next(0.0)  # in its group discussion, the first in its case facts
    first_board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    second_board = Publisher(home, 1.0, "en", now=lambda: WALL + clock.t)
    first_board.publish(first.view(0.0), look)
    second_board.publish(second.view(0.0), look)
    assert _phase_shown(home) == "Case facts", "the first session's view, left alone"
    first_board.close()
    clock.advance(RETRY)
    second_board.publish(second.view(clock.t), look)
    assert _phase_shown(home) == "Group discussion", "the session still running"
    second_board.close()
    clock.advance(RETRY)
    first_board.publish(first.view(clock.t), look)
    assert _phase_shown(home) is None, "a session that has ended never shows itself again"

