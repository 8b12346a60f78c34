"""The co-leaders' debrief after a German session is German on the leaders' screen: the
question answered with j, the format's questions, the countdown, the keys and the line
after it, with no English word of balint's among them."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from support.clock import FakeClock
from support.fakes import Recorder, scripted_keys, terminal
from support.formats import builtin
from support.german import english_in, own_words

from balint_cli import i18n
from balint_cli.core.debrief import Debrief
from balint_cli.live.debrief import on_screen, said

ENDED = "Sitzung nach 90\u00a0Min. planmäßig abgeschlossen"


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


def _drawn(debrief: Debrief, keys: dict[float, list[str]]) -> tuple[Recorder, str]:
    """The debrief on a terminal of 80x24 after a session that ended at 90 minutes."""
    clock = FakeClock(5400.0)
    sink = Recorder()
    console = terminal(80, 24)
    on_screen(debrief, clock, sink, scripted_keys(clock, keys), console, ENDED, lambda: None)
    assert isinstance(console.file, io.StringIO)
    return sink, console.file.getvalue()


def test_the_german_debrief_is_answered_with_j_and_speaks_german(german: None) -> None:
    debrief = Debrief(600.0, tuple(builtin("de-90min").debrief))
    sink, drawn = _drawn(debrief, {5410.0: ["j"], 5410.0 + 9.5 * 60: ["n"]})
    assert [e.kind for e in sink.events] == ["debrief"], "j answers yes"
    assert "Nachbesprechung" in drawn
    assert "• Hat der Rahmen gehalten" in drawn, "the format's own questions"
    assert english_in(drawn, ENDED, *own_words("de-90min")) == [], drawn
    after = said(debrief)
    assert after.startswith("Nachbesprechung"), after
    assert english_in(after) == [], after
