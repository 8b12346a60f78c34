"""Carrying a session on, in-process: when balint stopped, the phase and time it had left,
what ran out while it was down, and the plain lines of a session resumed."""

from __future__ import annotations

import io
import os
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.clock import FakeClock
from support.fakes import Recorder, phases
from support.helpers import SHORT_FORMAT
from support.logfixtures import crashed, fake_log, format_log, killed_mid_move, log_lines, phase
from support.screens import STARTED, under_g

from balint_cli.core.events import COMPLETED
from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.loop import run_plain
from balint_cli.live.plain import PlainPrinter
from balint_cli.live.resume import resume
from balint_cli.live.screen import Look


def test_plain_mode_carries_on_a_session_resumed_while_paused() -> None:
    fmt = Format.model_validate(tomllib.loads(SHORT_FORMAT))
    clock = FakeClock()
    session = Session(fmt.phases, auto=True)
    session.begin()
    session.toggle_pause(30)  # and the session was killed while paused
    clock.advance(100)
    sink, naps = Recorder(), []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        assert len(naps) < 20, "waiting for a key nobody can press"
        clock.advance(seconds)

    how = run_plain(session, clock, sink, Look(fmt.name, STARTED), io.StringIO(), (), sleep)
    assert how == COMPLETED
    assert sink.events[0].kind == "resume"
    assert sink.events[0].t == 100
    assert sink.events[-1].t == 360 + 70, "the pause, 70 s, is added to the session"


@pytest.mark.usefixtures("no_hang")
def test_a_move_cut_in_two_by_a_kill_is_resumed_as_made(home: Path) -> None:
    killed_mid_move(home)
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert prepared.session.index == 1, "in the phase the leader moved to"
    first, again = prepared.first
    assert (first.kind, first.data["index"], first.t) == ("phase_start", 1, 100.0)
    assert again.kind == "session_resume"


def test_resume_knows_when_balint_stopped_from_the_logs_pulse(home: Path) -> None:
    path = crashed(home, ago=600)
    alive = datetime.now(UTC).timestamp() - 120  # the running session marked its log then
    os.utime(path, (alive, alive))
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    (again,) = prepared.first
    assert again.data["down"] == pytest.approx(120, abs=2), "down since it stopped, not since 12:00"
    # The group went on all along: the session's time still counts from the last event.
    assert again.t == pytest.approx(130 + 600, abs=2)


def test_a_session_stopped_with_ctrl_c_can_be_resumed(home: Path) -> None:
    log = crashed(home, ago=0, speed=100000)
    lines = log_lines(log)
    stopped = datetime.fromisoformat(lines[-1]["at"])
    lines += [
        phase("phase_end", 131, 1, stopped - timedelta(seconds=131), actual=31.0, by="interrupted"),
        {
            "event": "session_end",
            "t": 131.0,
            "at": lines[-1]["at"],
            "how": "interrupted",
            "seconds": 131.0,
            "paused": 0.0,
            "late": 0.0,
        },
    ]
    fake_log(home, "20261123-1200-dead", lines)
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert prepared.session.index == 1
    assert not prepared.session.ended


def test_a_resumed_session_without_a_terminal_says_where_it_is(home: Path) -> None:
    crashed(home, ago=30)
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    out = io.StringIO()
    PlainPrinter(prepared.session, prepared.look, out).show(prepared.first[0])
    assert re.fullmatch(
        r"\d\d:\d\d  Resumed in Group discussion, 03:(1[89]|2[01]) left\n", out.getvalue()
    )


def test_a_phase_that_ran_out_while_balint_was_down_ends_when_it_came_back() -> None:
    clock = FakeClock()
    session = Session(phases(1, 3))
    logged = session.begin()
    clock.advance(73)  # stopped with Ctrl-C 13 s over, its time said to be up
    logged += session.tick(clock.t)
    again = Session(phases(1, 3))
    again.replay(logged)
    again.auto = True  # as without a terminal: nobody is there to press n
    clock.advance(500)  # balint was down; the group went on
    (resumed,) = again.carry_on(clock.t, down=500.0)
    ended, started = again.tick(clock.now() + 0.5)
    assert ended.t == started.t == resumed.t == 573, "not back at 60, when its time ran out"
    assert ended.data["actual"] == 573, "what it ran, the time balint was down included"


def test_nothing_moves_on_before_the_last_thing_that_happened() -> None:
    clock = FakeClock()
    session = Session(phases(1, 3), auto=True)
    session.begin()
    clock.advance(80)  # its time ran out at 60, before anything ticked it on
    (marked,) = session.mark(clock.t)
    moved = session.tick(clock.t + 1)
    assert marked.data["index"] == 0
    assert [(e.kind, e.t) for e in moved] == [("due", 80), ("phase_end", 80), ("phase_start", 80)]


NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


def test_a_session_carried_on_online_keeps_the_online_rules(home: Path) -> None:
    session = Session(NINETY.phases, target=90 * 60)
    at = datetime.now(UTC) - timedelta(minutes=10)
    format_log(home, "90min", at, session.begin() + session.next(240), setting="online")
    prepared, writer = resume(home, datetime.now().astimezone())
    writer.close()
    assert NINETY.online_rules[0] in under_g(prepared)
