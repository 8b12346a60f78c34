"""The co-leaders' debrief: the questions a format keeps for it, its countdown on the session's
clock, the question after a co-led session and its answers, on the leaders' screen and in
the group's view, and what is logged."""

from __future__ import annotations

import io
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock
from support.fakes import Recorder, Script, scripted_keys, terminal
from support.formats import builtin
from support.helpers import write
from support.logfixtures import log_files, log_lines

from balint_cli.core.debrief import Debrief, follows
from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.formats.builtin import BUILTIN_NAMES
from balint_cli.groupview.state import current
from balint_cli.groupview.words import Words, words
from balint_cli.live.debrief import on_screen
from balint_cli.live.request import Request
from balint_cli.live.start import start

# -- the format's `debrief` questions ----------------------------------------------------------


# What the bodies ask a debrief to look at: the frame, the group, the leaders' interventions,
# and what goes to supervision; in English and in the German society's words.
_ASKED = (
    ("frame", "rahmen"),
    ("group", "gruppe"),
    ("interventions", "interventionen"),
    ("supervision", "supervision"),
)


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_every_builtin_carries_a_debrief(name: str) -> None:
    questions = builtin(name).debrief
    assert 3 <= len(questions) <= 6, questions
    said = " ".join(questions).lower()
    for asked in _ASKED:
        assert any(word in said for word in asked), (asked, said)
    assert all(question.endswith("?") for question in questions), questions
    assert "doctor" not in said, "clinicians, not only doctors"
    assert "arzt" not in said, "clinicians, not only doctors"


# -- the debrief itself, on the session's clock --------------------------------------------------


def test_the_debrief_counts_down_on_the_session_clock_and_ends_when_its_time_is_up() -> None:
    debrief = Debrief(600.0, ("How did the frame hold?",))
    assert debrief.tick(2700.0) == [], "nothing before it begins"
    debrief.begin(2700.0)
    assert debrief.remaining(2760.0) == 60.0 * 9
    assert debrief.tick(3299.0) == []
    (event,) = debrief.tick(3310.0)
    assert event.kind == "debrief"
    assert event.t == 3300.0, "dated when its time was up, not when balint woke"
    assert event.data == {"minutes": 10.0}
    assert debrief.tick(3320.0) == [], "it ends once"
    assert debrief.finish(3320.0) == [], "it ends once"


def test_n_ends_the_debrief_early_with_the_length_it_ran() -> None:
    debrief = Debrief(600.0)
    debrief.begin(2700.0)
    (event,) = debrief.finish(2700.0 + 9.5 * 60)
    assert event.data == {"minutes": 9.5}
    assert debrief.held


def test_a_debrief_ended_within_its_first_minute_is_no_debrief_held() -> None:
    debrief = Debrief(600.0)
    debrief.begin(2700.0)
    assert debrief.finish(2745.0) == [], "y by mistake, taken back with n"
    assert not debrief.held


@pytest.mark.parametrize(
    ("how", "seconds", "offered"),
    [
        (COMPLETED, 2700.0, True),
        (QUIT, 1500.0, True),
        (INTERRUPTED, 1500.0, False),  # carried on later, the debrief follows its end then
        (COMPLETED, 90.0, False),  # a false start
        (QUIT, 119.0, False),
        (None, 2700.0, False),
    ],
)
def test_the_debrief_follows_a_session_the_leaders_ended(
    how: str | None, seconds: float, offered: bool
) -> None:
    assert follows(how, seconds) is offered


# -- after a session run to its end (piped, on a fake clock) -------------------------------------

NOW = datetime(2026, 11, 24, 12, 30, tzinfo=timezone(timedelta(hours=1)))
FROM_45MIN = "How did the frame hold today: the time, the ground rules, the presenter's place?"


def _run(request: Request, clock: FakeClock | None = None) -> int:
    """A whole session as `balint run` runs it, piped, on a fake clock that sleeps at once."""
    clock = clock or FakeClock()
    return start(request, NOW, clock, clock.advance)


def _log(home: Path) -> list[dict[str, Any]]:
    (log,) = log_files(home)
    return log_lines(log)


def test_debrief_after_a_co_led_session_runs_and_logs_only_its_length(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(Request(role="co-lead", debrief=True)) == 0
    out = capsys.readouterr().out.splitlines()
    at = out.index("13:15  Session completed after 45 min, on time")
    assert out[at + 1] == "13:15  Debrief, leaders only: 10 min"
    assert out[at + 2] == f"{'':7}- {FROM_45MIN}", "the format's questions"
    assert out[-1] == "13:25  Debrief ended after 10 min"
    *_session, end, debrief = _log(home)
    assert set(debrief) == {"event", "t", "at", "minutes"}, "that it took place, how long"
    assert debrief["event"] == "debrief"
    assert debrief["minutes"] == 10.0
    assert debrief["t"] == pytest.approx(3300.0, abs=0.01)
    assert (end["event"], end["how"], end["seconds"], end["late"]) == (
        "session_end",
        "completed",
        2700.0,
        0.0,
    ), "the session's end, length and timing stand"


def test_a_group_led_as_co_leaders_has_its_debrief(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(home / "groups.toml", '["Tuesday GPs"]\nrole = "co-lead"\n')
    write(home / "config.toml", 'debrief = "always"\ndebrief_minutes = 15\n')
    assert _run(Request(group="Tuesday GPs")) == 0
    assert "13:15  Debrief, leaders only: 15 min" in capsys.readouterr().out
    assert _log(home)[-1]["minutes"] == 15.0


BRIEF = '''name = "Brief"
[[phases]]
id = "only"
title = "Only"
minutes = 1.5
'''


@pytest.mark.parametrize(
    ("config", "request_"),
    [
        ("", Request(role="lead", debrief=True)),
        ("", Request(debrief=True)),  # led alone, the default role
        ("", Request(role="co-lead", debrief=True, speed=2.0)),  # practice
        ('debrief = "always"\n', Request(demo=True, log=False, speed=30.0)),
        ("", Request(format_ref="brief", role="co-lead", debrief=True)),  # a false start
        ('debrief = "always"\n', Request(role="co-lead", debrief=False)),  # --no-debrief
        ('debrief = "never"\n', Request(role="co-lead")),
        ("", Request(role="co-lead")),  # "ask", piped: nobody can answer
    ],
    ids=["led", "led by default", "practice", "demo", "false start", "--no-debrief", "never",
         "ask piped"],  # fmt: skip
)
def test_no_debrief_where_none_is_due(
    home: Path, capsys: pytest.CaptureFixture[str], config: str, request_: Request
) -> None:
    write(home / "config.toml", config)
    write(home / "formats" / "brief.toml", BRIEF)
    assert _run(request_) == 0
    out = capsys.readouterr().out
    assert "Session completed" in out
    assert "Debrief" not in out
    logged = [line["event"] for path in log_files(home) for line in log_lines(path)]
    assert "debrief" not in logged


def test_the_group_sees_the_session_ended_while_the_leaders_debrief(home: Path) -> None:
    clock = FakeClock()
    seen: list[tuple[float, Words]] = []

    def sleep(seconds: float) -> None:  # what `balint view` shows, each time balint sleeps
        seen.append((clock.t, words(current(home), time.time())))
        clock.advance(seconds)

    assert start(Request(role="co-lead", debrief=True), NOW, clock, sleep) == 0
    during = [said for t, said in seen if t >= 2700.0]
    before = [said for t, said in seen if t < 2700.0]
    assert during
    assert before
    assert all(not said.running for said in during)
    assert {said.time for said in during} == {"The session has ended"}
    assert {said.as_json()["idle"] for said in during} == {"The session has ended"}
    assert all(said.running for said in before)
    assert current(home) is None, "nothing is left once balint ends"


# -- on the leaders' screen ----------------------------------------------------------------------

ENDED = "Session completed after 45 min, on time"
QUESTIONS = ("How did the frame hold today?", "What do we take to supervision?")


def _on_screen(debrief: Debrief, script: Script, at: float = 2700.0) -> tuple[Recorder, str]:
    """The debrief on a terminal of 60x20 after a session that ended at `at`, keys pressed as
    scripted; what it logged, and what it drew."""
    clock = FakeClock(at)
    sink = Recorder()
    console = terminal(60, 20)
    on_screen(debrief, clock, sink, scripted_keys(clock, script), console, ENDED, lambda: None)
    assert isinstance(console.file, io.StringIO)
    return sink, console.file.getvalue()


def test_y_to_the_question_runs_the_debrief_with_its_questions() -> None:
    debrief = Debrief(600.0, QUESTIONS)
    sink, drawn = _on_screen(debrief, {2710.0: ["y"], 2710.0 + 9.5 * 60: ["n"]})
    assert "Debrief together now? y/n" in drawn
    assert ENDED in drawn, "how the session ended, above the question"
    assert "10 min left of 10 min" in drawn
    assert "9 min left of 10 min" in drawn, "whole minutes, as a discreet screen counts"
    assert "• How did the frame hold today?" in drawn
    assert "n or q ends the debrief" in drawn
    assert "\a" not in drawn, "it never rings"
    assert [(e.kind, e.data) for e in sink.events] == [("debrief", {"minutes": 9.5})]


@pytest.mark.parametrize("key", ["n", "q", "escape"])
def test_no_to_the_question_is_no_debrief_and_nothing_logged(key: str) -> None:
    debrief = Debrief(600.0, QUESTIONS)
    sink, drawn = _on_screen(debrief, {2710.0: ["x", "enter", key]})
    assert sink.events == []
    assert "n or q ends the debrief" not in drawn, "it never began"
    assert debrief.refused
    assert debrief.start is None


def test_an_unanswered_question_goes_after_five_minutes() -> None:
    debrief = Debrief(600.0, QUESTIONS)
    sink, _drawn = _on_screen(debrief, {4000.0: ["y"]})
    assert sink.events == [], "a y long after is no answer"
    assert debrief.start is None, "a y long after is no answer"


def test_asked_for_always_the_debrief_begins_without_the_question() -> None:
    debrief = Debrief(120.0, QUESTIONS, ask=False)
    sink, drawn = _on_screen(debrief, {})
    assert "Debrief together now?" not in drawn
    assert "2 min left of 2 min" in drawn
    assert "00:30 left of 2 min" in drawn, "seconds in the last minute"
    assert [(e.kind, e.t, e.data) for e in sink.events] == [("debrief", 2820.0, {"minutes": 2.0})]


def test_ctrl_c_in_the_debrief_logs_its_length_before_balint_stops() -> None:
    debrief = Debrief(600.0, QUESTIONS, ask=False)
    clock = FakeClock(2700.0)
    sink = Recorder()

    def read(timeout: float) -> list[str]:
        if clock.t >= 2700.0 + 240:
            raise KeyboardInterrupt
        clock.advance(timeout * clock.speed)
        return []

    with pytest.raises(KeyboardInterrupt):
        on_screen(debrief, clock, sink, read, terminal(), ENDED, lambda: None)
    (event,) = sink.events
    assert event.kind == "debrief"
    assert event.data["minutes"] == pytest.approx(4.0, abs=0.1)
