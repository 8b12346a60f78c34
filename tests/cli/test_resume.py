"""Carrying on an unfinished session without a terminal: which one --resume takes, by its id
or not, after how long; the offer made only once a new session is known to be sound; and a
resumed session whose time never runs backwards."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock
from support.fakes import phases
from support.helpers import balint, write
from support.logfixtures import complete, fake_log, log_files, log_lines, phase, start_line

from balint_cli.core.session import Session
from balint_cli.logbook import finding, writing
from balint_cli.logbook.lines import to_event

NOTHING = "Error: There is no unfinished session to resume.\n"


def _killed(home: Path, minutes_ago: float, tail: str = "dead", **extra: Any) -> Path:
    """A session killed in its closing, begun minutes ago; by now its time is up, so that,
    carried on without a terminal, it ends at once (no test waits on the clock)."""
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-{tail}", complete(at, **extra)[:6])
    stopped = (at + timedelta(seconds=330)).timestamp()
    os.utime(log, (stopped, stopped))  # as balint left it: its last write
    return log


def _finished(home: Path, minutes_ago: float, tail: str = "f000", **extra: Any) -> Path:
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return fake_log(home, f"{at:%Y%m%d-%H%M}-{tail}", complete(at, **extra))


def _carried_on(log: Path) -> bool:
    """Whether the session in log was carried on to its end."""
    lines = log_lines(log)
    kinds = [line["event"] for line in lines]
    return "session_resume" in kinds and lines[-1].get("how") == "completed"


# -- which session --resume takes --------------------------------------------------------------


def test_resume_carries_on_the_unfinished_session_after_a_newer_one(home: Path) -> None:
    stopped = _killed(home, 30)
    newer = _finished(home, 15)  # what n at the offer started, run to its end
    before = newer.read_bytes()
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)
    assert newer.read_bytes() == before, "the finished one is left as it was"


def test_resume_passes_over_a_session_still_running(home: Path) -> None:
    stopped = _killed(home, 30)
    at = datetime.now(UTC) - timedelta(minutes=5)
    running = writing.LogWriter.create(
        home / "logs", at, lambda _id: to_event(start_line(at)), pytest.fail
    )
    try:
        before = running.path.read_bytes()
        result = balint("run", "--resume")
        assert running.path.read_bytes() == before, "a running session is never taken"
    finally:
        running.close()
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)
    assert result.stderr == (
        f"Note: {running.path.stem} is still running in another terminal; "
        f"this carries on {stopped.stem}.\n"
    )


def test_resume_reads_back_only_a_few_logs(home: Path) -> None:
    too_far = _killed(home, 70, tail="0000")
    stopped = _killed(home, 60)
    for i in range(finding.LOOK_BACK - 1):  # the stopped one is the last that is read
        _finished(home, 50 - i, tail=f"f{i:03x}")
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)
    before = too_far.read_bytes()  # now one log too far back
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == NOTHING
    assert too_far.read_bytes() == before


@pytest.mark.parametrize("given", ["whole", "start"])
def test_resume_with_an_id_carries_on_that_session(home: Path, given: str) -> None:
    older = _killed(home, 40, tail="aaaa")
    newer = _killed(home, 20, tail="bbbb")
    before = newer.read_bytes()
    ref = older.stem if given == "whole" else older.stem[:-2]
    result = balint("run", "--resume", ref)
    assert result.exit_code == 0, result.output
    assert _carried_on(older)
    assert newer.read_bytes() == before


def test_resume_last_is_resume_without_an_id(home: Path) -> None:
    stopped = _killed(home, 30)
    _finished(home, 15)
    result = balint("run", "--resume", "last")
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)


def _refusals(home: Path) -> dict[str, tuple[str, int, str]]:
    """What --resume ID cannot take: (the ID, the exit status, the sentence)."""
    done = _finished(home, 50, tail="c000")
    quit_early = _finished(home, 49, tail="c001")
    lines = log_lines(quit_early)
    lines[-1]["how"] = "quit"
    fake_log(home, quit_early.stem, lines)
    practice = _killed(home, 48, tail="c002", speed=30.0)
    twin = _killed(home, 47, tail="d000")
    fake_log(home, twin.stem[:-4] + "d001", log_lines(twin))
    return {
        "completed": (
            done.stem,
            1,
            f"Session {done.stem} was completed; only a session that stopped unfinished "
            "carries on.",
        ),
        "ended early": (
            quit_early.stem,
            1,
            f"Session {quit_early.stem} was ended early; only a session that stopped "
            "unfinished carries on.",
        ),
        "practice": (
            practice.stem,
            1,
            f"Session {practice.stem} is a practice run (at --speed 30), not a session led, "
            "so it is not carried on by its id.",
        ),
        "unknown": (
            "45min",
            2,
            "There is no session log '45min'; `balint log list` shows them.",
        ),
        "two match": (
            twin.stem[:-3],
            2,
            f"'{twin.stem[:-3]}' matches 2 session logs; give more of the id.",
        ),
        "empty": ("", 2, "The ID is empty; give a session's id (or a start of it), or 'last'."),
    }


@pytest.mark.parametrize(
    "case", ["completed", "ended early", "practice", "unknown", "two match", "empty"]
)
def test_resume_with_an_id_it_cannot_take_says_why(home: Path, case: str) -> None:
    ref, status, sentence = _refusals(home)[case]
    before = {log: log.read_bytes() for log in log_files(home)}
    result = balint("run", "--resume", ref)
    assert result.exit_code == status, result.output
    assert result.stderr == f"Error: {sentence}\n"
    assert {log: log.read_bytes() for log in log_files(home)} == before


def test_resume_with_the_id_of_a_running_session_says_so(home: Path) -> None:
    at = datetime.now(UTC) - timedelta(minutes=5)
    running = writing.LogWriter.create(
        home / "logs", at, lambda _id: to_event(start_line(at)), pytest.fail
    )
    try:
        result = balint("run", "--resume", running.path.stem)
    finally:
        running.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Session {running.path.stem} is still running in another terminal; "
        "carry it on there, or end it there first.\n"
    )


@pytest.mark.parametrize("by_id", [False, True])
def test_piped_a_session_stopped_hours_ago_is_carried_on_only_with_yes(
    home: Path, by_id: bool
) -> None:
    stopped = _killed(home, 5 * 60)
    before = stopped.read_bytes()
    ref = [stopped.stem] if by_id else []
    result = balint("run", "--resume", *ref)
    assert result.exit_code == 1
    when = datetime.fromtimestamp(stopped.stat().st_mtime).astimezone()
    assert result.stderr == (
        f"Error: Session {stopped.stem} stopped more than 3 hours ago, at "
        f"{when:%Y-%m-%d %H:%M}; --yes carries it on all the same.\n"
    )
    assert stopped.read_bytes() == before
    result = balint("run", "--resume", *ref, "--yes")
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)


def test_yes_goes_with_resume_alone() -> None:
    result = balint("run", "--yes")
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: --yes answers the question --resume asks; give it with --resume.\n"
    )


# -- the offer comes after every check ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["broken.toml"], "broken.toml"),
        (["nosuchformat"], "nosuchformat"),
        (["--end-at", "25:00"], "--end-at"),
        (["--some-leave-at", "soon"], "--some-leave-at"),
        (["--speed", "0"], "--speed"),
    ],
)
def test_a_wrong_format_or_option_is_said_before_the_offer(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], error: str
) -> None:
    stopped = _killed(home, 10)
    before = stopped.read_bytes()
    write(tmp_path / "broken.toml", 'version = 1\nname = "x"\nphases = [\n')
    monkeypatch.chdir(tmp_path)
    result = balint("run", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert error in result.stderr
    assert log_files(home) == [stopped], "no new session"
    assert stopped.read_bytes() == before


# -- time never runs backwards -----------------------------------------------------------------


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


def _ran_over_then_ctrl_c(home: Path) -> Path:
    """A session begun ten minutes ago, stopped with Ctrl-C 13 s into its case facts' overrun
    (its discussion and closing shortened to nothing, so that it ends at once)."""
    at = datetime.now(UTC) - timedelta(minutes=10)
    outline = start_line(at)["phases"]
    for later in outline[1:]:
        later["planned"] = 0.01
    stop = at + timedelta(seconds=133)
    lines = [
        start_line(at, auto=False, phases=outline),
        phase("phase_start", 0, 0, at, by="start"),
        {"event": "due", "t": 120.0, "at": (at + timedelta(seconds=120)).isoformat()},
        phase("phase_end", 133, 0, at, actual=133.0, by="interrupted"),
        {"event": "session_end", "t": 133.0, "at": stop.isoformat(), "how": "interrupted",
         "seconds": 133.0, "paused": 0.0, "late": 13.0},
    ]  # fmt: skip
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    os.utime(log, (stop.timestamp(), stop.timestamp()))
    return log


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def test_piped_a_resumed_session_never_runs_backwards(home: Path) -> None:
    log = _ran_over_then_ctrl_c(home)
    kept = len(log_lines(log))
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)[kept:]
    assert lines[0]["event"] == "session_resume"
    assert [line for line in lines if line["t"] < lines[0]["t"]] == [], "nothing before it"
    facts = next(line for line in lines if line["event"] == "phase_end")
    assert facts["actual"] == pytest.approx(600, abs=5), "the 2:13 it ran, and while down"
    printed = result.stdout.splitlines()
    assert re.fullmatch(r"\d\d:\d\d  Resumed in Case facts, its time is up", printed[0])
    assert re.fullmatch(r"\d\d:\d\d  Case facts ended after 10 min", printed[1]), printed
    resumed = _minutes(printed[0][:5])
    later = [(_minutes(line[:5]) - resumed) % (24 * 60) for line in printed[1:]]
    assert max(later) <= 1, f"no line earlier than the resume: {printed}"
    shown = json.loads(balint("log", "show", log.stem, "--json").stdout)
    assert shown["phases"][0]["actual_minutes"] == pytest.approx(10, abs=0.1)
