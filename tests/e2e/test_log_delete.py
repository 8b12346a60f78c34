"""`balint log delete` at a terminal: a key answers its question, and Ctrl-C stops it as it
stops balint anywhere, the log kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.logfixtures import AT, complete, fake_log
from support.ptyscreen import PtyScreen, balint_argv


@pytest.fixture
def asked(home: Path) -> Iterator[tuple[PtyScreen, Path]]:
    """`balint log delete last` at its question, in a pseudo-terminal."""
    log = fake_log(home, "20260303-1230-abcd", complete(AT))
    term = PtyScreen(balint_argv("log", "delete", "last"), 120, 24, {})
    term.wait_for_line(r"Delete the log of 20260303-1230-abcd .*\? y/n")
    yield term, log
    term.close()


def test_y_deletes_the_log(asked: tuple[PtyScreen, Path]) -> None:
    term, log = asked
    term.press("y")
    assert term.wait_exit() == 0
    assert "Deleted 20260303-1230-abcd." in term.text()
    assert not log.exists()


def test_enter_answers_nothing_and_n_keeps_the_log(asked: tuple[PtyScreen, Path]) -> None:
    term, log = asked
    term.press("\r")
    term.watch(0.3)
    assert log.exists(), "Enter chose nothing"
    term.press("n")
    assert term.wait_exit() == 0
    assert "Kept." in term.text()
    assert log.exists()


def test_ctrl_c_stops_with_130_and_keeps_the_log(asked: tuple[PtyScreen, Path]) -> None:
    term, log = asked
    term.press("\x03")
    assert term.wait_exit() == 130
    assert log.exists()
