"""The live screen's edges end to end, in a real pseudo-terminal: every key on
the line at 100 columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty


Start = Callable[..., PtyScreen]


@pytest.fixture
def start() -> Iterator[Start]:
    """Start `balint run` with these arguments in a pseudo-terminal; each is stopped after."""
    started: list[PtyScreen] = []

    def run(*args: str, cols: int = 80, rows: int = 24) -> PtyScreen:
        term = PtyScreen(balint_argv("run", *args), cols, rows)
        started.append(term)
        return term

    yield run
    for term in started:
        term.close()


def _quit(term: PtyScreen) -> None:
    term.press("q")
    term.wait_for(r"End the session now\? y/n")
    term.press("y")
    assert term.wait_exit() == 0


def test_every_key_is_on_the_line_at_100_columns(start: Start) -> None:
    term = start("90min", "--no-log", cols=100, rows=30)
    term.wait_for(r"\d\d:\d\d left of 4 min")
    assert "a came" in term.bottom() and "d discreet" in term.bottom(), term.bottom()
    assert term.bottom().endswith(" · q · ?"), term.bottom()
    _quit(term)
