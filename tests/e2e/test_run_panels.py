"""The live screen's edges end to end, in a real pseudo-terminal: every key on
the line at 100 columns, the ground rules a page at a time at 40x12, the digits' one
size through an overrun, a discreet bar that moves, and the notes said as the screen opens."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.helpers import write
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.formats.builtin import builtin_dir

pytestmark = pytest.mark.pty

BLOCK = "█"
# A short phase to run over, then a long one.
OVERRUN = """\
version = 1
name = "Overrun"
description = "A short phase to run over."

[[phases]]
id = "short"
title = "Short"
minutes = 0.1
prompt = "Over soon."

[[phases]]
id = "long"
title = "Long"
minutes = 10
"""


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
    assert term.end_session() == 0


def _said(term: PtyScreen) -> str:
    """The screen's words, whatever line they were wrapped onto."""
    return " ".join(" ".join(line.strip(" •…") for line in term.lines()).split())


def test_every_key_is_on_the_line_at_100_columns(start: Start) -> None:
    term = start("90min", "--no-log", cols=100, rows=30)
    term.wait_for(r"\d\d:\d\d left of 4 min")
    assert "a came" in term.bottom(), term.bottom()
    assert "d discreet" in term.bottom(), term.bottom()
    assert term.bottom().endswith(" · q · ?"), term.bottom()
    _quit(term)


def test_g_at_40x12_pages_through_every_ground_rule(start: Start) -> None:
    rules = tomllib.loads((builtin_dir() / "90min.toml").read_text())["ground_rules"]
    term = start("90min", "--no-log", cols=40, rows=12)
    term.wait_for(r"\d\d:\d\d left of 4 min")
    term.press("g")
    term.wait_for(r"^1/2 · space: more · any other key closes$")
    first = _said(term)
    term.press(" ")
    term.wait_for(r"^2/2 · b: back · any other key closes$")
    both = first + " " + _said(term)
    for rule in rules:
        assert rule in both, (rule, both)
    term.press("\x1b[A")  # the up arrow: back a page
    term.wait_for(r"^1/2 · space: more")
    term.press("x")
    term.wait_for(r"^spc n b \+/- g i c o m a d q \?$")
    assert term.lines()[0].startswith("Opening"), "closed, and nothing else happened"
    _quit(term)


def _digit_rows(term: PtyScreen) -> int:
    return sum(BLOCK in line for line in term.lines())


def test_the_digits_keep_their_size_through_an_overrun(start: Start, tmp_path: Path) -> None:
    fmt = write(tmp_path / "overrun.toml", OVERRUN)
    term = start(str(fmt), "--no-log", "--speed", "2", cols=100, rows=30)
    term.wait_for(r"00:0[1-3] left of")
    before = _digit_rows(term)
    term.wait_for(r"· \+00:0[1-9] over")
    assert before == 10, term.text()
    assert _digit_rows(term) == before, term.text()
    _quit(term)


def test_a_discreet_bar_moves_in_the_first_minute(start: Start, tmp_path: Path) -> None:
    term = start("90min", "--no-log", "--discreet", "--speed", "20")
    term.wait_for(r"^4 min left of 4 min")
    term.wait_until(
        lambda: "━" in term.row(r"^Phase ") and bool(term.row(r"^4 min left")),
        "the phase's bar to move while 4 minutes are still left",
    )
    _quit(term)


def test_the_notes_are_on_the_first_screen_until_enter(start: Start, home: Path) -> None:
    term = start("45min", "--group", "Thursday", cols=80, rows=24)
    term.wait_for(r"\d\d:\d\d left of ")
    said = _said(term)
    assert "Note: 'Thursday' is not in groups.toml: it labels the session" in said, said
    assert f"Note: Session logs (timings and counts only, readable by you alone) go to {home}" in (
        said
    )
    assert "Enter hides these notes." in said
    term.press("\r")
    term.wait_gone("Note:")
    assert term.row(r"^Phase "), term.text()
    assert term.row(r"^Next: "), term.text()
    _quit(term)
    # Printed before the full screen too, they are on the terminal once the session is over.
    printed = term.raw[: term.raw.index(b"\x1b[?1049h")].decode()
    assert "Note: 'Thursday' is not in groups.toml" in printed, printed
    assert "Session logs" in printed, printed
