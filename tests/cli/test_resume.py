"""Carrying on an unfinished session through the commands: the offer when a new one starts,
which one --resume takes, what it refuses, and the log it carries on."""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, no_crash, write
from support.logfixtures import (
    AT,
    DAMAGED_LOGS,
    complete,
    crashed,
    fake_log,
    format_log,
    killed_mid_move,
    log_files,
    log_lines,
    phase,
    session,
    start_line,
)
from support.screens import ninety

from balint_cli.core.events import Event
from balint_cli.core.format import Format
from balint_cli.errors import BalintError
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.resume import resume
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


def test_resume_finds_the_session_without_sorting_every_log_name(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3 * finding.LOOK_BACK):  # a shelf: many finished sessions, each its minute
        _finished(home, 600 - i, tail=f"e{i:03x}")
    stopped = _killed(home, 30)
    _finished(home, 20, tail="f001")
    _finished(home, 10, tail="f002")

    def every_name(folder: Path) -> list[str]:
        raise AssertionError("every log name listed and sorted")

    monkeypatch.setattr(finding, "log_names", every_name)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert _carried_on(stopped)


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


# -- what a careless hand leaves in logs/, and sessions begun in the same minute -------------------


def _later(home: Path, minutes_ago: float, tail: str) -> Path:
    """Where a log begun minutes ago would be."""
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return home / "logs" / f"{at:%Y%m%d-%H%M}-{tail}.jsonl"


def test_resume_passes_over_a_folder_a_pipe_and_a_dangling_link_named_as_logs(
    home: Path,
) -> None:
    stopped = _killed(home, 30)
    _later(home, 20, "f01d").mkdir()
    os.mkfifo(_later(home, 15, "f1f0"))
    _later(home, 10, "11c0").symlink_to(home / "nowhere.jsonl")
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert log_lines(stopped)[-1]["how"] == "completed", "carried on to its end"


def test_resume_passes_over_a_file_balint_never_names(home: Path) -> None:
    fake_log(home, "20261123-1230-aaaa", complete(datetime(2026, 11, 23, 12, 30, tzinfo=UTC)))
    write(home / "logs" / "notes.jsonl", "my notes\n")
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == NOTHING


def _false_start_then_killed(home: Path, speed: float = 100000) -> Path:
    """A false start, then the real session a few seconds later in the same minute, killed
    (at speed, so that carried on it ends at once; a practice run is never offered).

    The false start's random part sorts after the session's.
    """
    now = datetime.now(UTC)
    oops = now - timedelta(seconds=50)
    quit_early = {"event": "session_end", "t": 10, "at": oops.isoformat(), "how": "quit",
                  "seconds": 10.0, "paused": 0.0, "late": 0.0}  # fmt: skip
    fake_log(home, "20260303-1230-ffff", [start_line(oops), quit_early])
    real = now - timedelta(seconds=30)
    lines = [start_line(real, speed=speed, auto=False), phase("phase_start", 0, 0, real)]
    return fake_log(home, "20260303-1230-0000", lines)


def test_resume_carries_on_the_session_begun_last(home: Path) -> None:
    killed = _false_start_then_killed(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert "session_resume" in [line["event"] for line in log_lines(killed)]


def test_run_offers_the_session_begun_last(home: Path) -> None:
    _false_start_then_killed(home, speed=1.0)
    result = balint("run", "--speed", "100000", "--no-log")
    assert result.exit_code == 0, result.output
    assert "in Case facts did not finish; `balint run --resume` carries it on." in result.stderr


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
    assert result.stderr.startswith("Error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert error in result.stderr
    assert log_files(home) == [stopped], "no new session"
    assert stopped.read_bytes() == before


# -- time never runs backwards -----------------------------------------------------------------


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


def _stopped(home: Path, minutes_ago: float, **extra: Any) -> Path:
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    lines = [
        start_line(at, **extra),
        phase("phase_start", 0, 0, at, by="start"),
        phase("phase_end", 100, 0, at, actual=100.0, by="next"),
        phase("phase_start", 100, 1, at, by="next"),
    ]
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", lines)
    stopped = (at + timedelta(seconds=100)).timestamp()
    os.utime(log, (stopped, stopped))  # as balint left it: its last write
    return log


def test_piped_the_unfinished_session_is_named_and_a_new_one_starts(home: Path) -> None:
    _stopped(home, 30)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^Note: A session stopped at \d\d:\d\d in Group discussion did not finish; "
        r"`balint run --resume` carries it on\. This one starts anew\.$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr
    assert len(list((home / "logs").glob("*.jsonl"))) == 2


@pytest.mark.parametrize("minutes_ago", [200, 60 * 24])
def test_an_old_unfinished_session_is_not_offered(home: Path, minutes_ago: float) -> None:
    stopped = _stopped(home, minutes_ago)
    before = stopped.read_bytes()
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no offer, nor any other note"
    assert result.stdout.endswith("  Session completed after 45 min, on time\n"), result.stdout
    assert len(log_files(home)) == 2, "the new session in a log of its own"
    assert stopped.read_bytes() == before, "the old log left as it was"


def test_a_practice_run_that_stopped_is_not_offered(home: Path) -> None:
    practice = _stopped(home, 10, speed=10.0)
    before = practice.read_bytes()
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no offer, nor any other note"
    assert len(log_files(home)) == 2, "the new session in a log of its own"
    assert practice.read_bytes() == before, "the practice run left as it was"


def test_a_session_still_running_is_not_offered(home: Path) -> None:
    at = datetime.now(UTC) - timedelta(minutes=10)
    running = writing.LogWriter.create(
        home / "logs", at, lambda _id: to_event(start_line(at)), pytest.fail
    )
    running.record_all([Event("phase_start", 0.0, {"index": 0, "by": "start"})])
    before = running.path.read_bytes()
    try:
        result = balint("run", "--speed", "100000")
    finally:
        running.close()
    assert result.exit_code == 0, result.output
    assert result.stderr == "", "no offer, nor any other note"
    assert result.stdout.endswith("  Session completed after 45 min, on time\n"), result.stdout
    assert len(log_files(home)) == 2, "the new session in a log of its own"
    assert running.path.read_bytes() == before, "the running session's log left to it"


def test_resume_keeps_the_cases_the_session_was_running(home: Path) -> None:
    result = balint("run", "90min", "--cases", "1", "--speed", "100000")
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    lines = log_lines(log)[:-3]  # killed in the closing, before its end was written
    log.write_text("".join(json.dumps(line) + "\n" for line in lines))
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert [p.id for p in prepared.session.phases][-2:] == ["return-1", "closing"]
    assert prepared.loaded.source == "built-in", "the format's own words, found by its hash"




@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("damage", DAMAGED_LOGS, ids=list(DAMAGED_LOGS))
def test_resume_from_such_a_log_says_it_is_too_damaged(home: Path, damage: str) -> None:
    path = write(home / "logs" / "20261121-1230-0bad.jsonl", DAMAGED_LOGS[damage]())
    before = path.read_bytes()
    result = balint("run", "--resume")
    no_crash(result)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The log of the last session (20261121-1230-0bad) is too damaged to resume from.\n"
    )
    assert path.read_bytes() == before, "left as it was"


@pytest.mark.usefixtures("no_hang")
def test_resume_refuses_a_session_still_running_elsewhere(home: Path) -> None:
    lines = [start_line(AT, auto=False), phase("phase_start", 0, 0, AT, by="start")]
    # A session that runs: its writer holds the lock on its log.
    running = writing.LogWriter.create(
        home / "logs", AT, lambda _id: to_event(lines[0]), pytest.fail
    )
    running.record_all([to_event(line) for line in lines[1:]])
    before = running.path.read_bytes()
    with pytest.raises(BalintError, match="still running in another terminal"):
        resume(home, datetime.now(UTC))
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The last session ({running.path.stem}) is still running in another terminal; "
        "carry it on there, or end it there first.\n"
    )
    assert running.path.read_bytes() == before, "nothing appended by a second writer"
    running.close()
    prepared, again = resume(home, datetime.now(UTC))  # free once it has stopped
    again.close()
    assert prepared.session.index == 0


@pytest.mark.usefixtures("no_hang")
def test_the_move_is_completed_in_the_log(home: Path) -> None:
    log = killed_mid_move(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)
    assert [line["event"] for line in lines[2:5]] == ["phase_end", "phase_start", "session_resume"]
    shown = json.loads(balint("log", "show", "last", "--json", "--include-practice").stdout)
    assert [p["visits"] for p in shown["phases"]] == [1, 1, 1]


def test_resume_continues_at_the_phase_with_the_time_it_had_left(home: Path) -> None:
    crashed(home, ago=30)
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    session = prepared.session
    (again,) = prepared.first
    assert again.kind == "session_resume"
    assert again.data["down"] == pytest.approx(30, abs=2)
    assert session.index == 1, "the discussion, where it was"
    assert session.phases[1].title == "Group discussion"
    assert not session.phases[1].prompt
    # 200 s given (fitted to hold the end after a 20 s early start) + 60 s added; 60 s gone
    assert session.allotted() == pytest.approx(260)
    assert session.remaining(again.t) == pytest.approx(260 - 60, abs=2)


def test_resume_through_the_command_appends_to_the_same_log(home: Path) -> None:
    log = crashed(home, ago=5, speed=100000)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    lines = log_lines(log)
    kinds = [line["event"] for line in lines]
    assert kinds[:5] == ["session_start", "phase_start", "phase_end", "phase_start", "extend"]
    assert "session_resume" in kinds
    assert kinds[-1] == "session_end"
    assert lines[-1]["how"] == "completed"
    assert len(log_files(home)) == 1, "no new log for a resumed session"
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert listed[0]["status"] == "completed", "run at 100000x"
    assert listed[0]["practice"], "run at 100000x"


def test_a_session_stopped_resumed_and_killed_can_be_resumed_again(home: Path) -> None:
    log = crashed(home, ago=0, speed=100000)
    lines = log_lines(log)
    at = datetime.fromisoformat(lines[-1]["at"])
    lines += [  # stopped with Ctrl-C in the discussion...
        phase("phase_end", 131, 1, at - timedelta(seconds=131), actual=31.0, by="interrupted"),
        {
            "event": "session_end",
            "t": 131.0,
            "at": at.isoformat(),
            "how": "interrupted",
            "seconds": 131.0,
            "paused": 0.0,
            "late": 0.0,
        },
        # ...resumed, then killed: the laptop's battery ran out
        {"event": "session_resume", "t": 140.0, "at": at.isoformat(), "down": 0.0},
        {"event": "pause", "t": 150.0, "at": at.isoformat()},
        {"event": "resume", "t": 155.0, "at": at.isoformat(), "paused": 5.0},
    ]
    fake_log(home, "20261123-1200-dead", lines)
    (listed,) = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert listed["status"] == "interrupted"
    assert listed["minutes"] == pytest.approx(155 / 60, abs=0.01), "as long as the log knows"
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert re.search(r"\d\d:\d\d  Resumed in Group discussion, its time is up\n", result.stdout)
    assert "Group discussion ended" in result.stdout
    assert "Session completed" in result.stdout
    lines = log_lines(log)
    assert [line["event"] for line in lines].count("session_resume") == 2
    assert lines[-1]["event"] == "session_end"
    assert lines[-1]["how"] == "completed"


def test_resume_with_nothing_to_resume_says_so(home: Path) -> None:
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == "Error: There is no unfinished session to resume.\n"
    session(home)
    assert balint("run", "--resume").stderr == "Error: There is no unfinished session to resume.\n"


RESUME_DAMAGE = [
    ("an event's wall time", -1, "at", "yesterday"),
    ("a phase's outline", 0, "phases", [{"id": "x", "title": "X", "minutes": -3, "planned": 1}]),
    ("the end it holds", 0, "target", "soon"),
    ("a phase it does not have", 3, "index", 7),
]


@pytest.mark.parametrize(
    ("line", "key", "value"), [d[1:] for d in RESUME_DAMAGE], ids=[d[0] for d in RESUME_DAMAGE]
)
def test_a_log_too_damaged_to_resume_from_says_so(
    home: Path, line: int, key: str, value: object
) -> None:
    log = crashed(home, ago=5)
    lines = log_lines(log)
    lines[line][key] = value
    fake_log(home, log.stem, lines)
    result = balint("run", "--resume")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: The log of the last session (20261123-1200-dead) is too damaged to resume from.\n"
    )
    assert log_lines(log) == lines, "the log is left as it was"


@pytest.mark.parametrize(
    "args",
    [
        ["--group", "x"],
        ["--end-at", "13:00"],
        ["--speed", "2"],
        ["--attendees", "3"],
        ["--group", ""],
        ["--role", ""],
    ],
)
def test_resume_takes_the_session_as_it_was(args: list[str]) -> None:
    result = balint("run", "--resume", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --resume continues a session as it was;")


def test_resume_says_first_that_config_toml_is_broken(home: Path) -> None:
    write(home / "config.toml", 'bell = "maybe"\n')
    result = balint("run", "--resume")
    assert result.exit_code == 2
    assert "config.toml" in result.stderr
    assert "bell" in result.stderr


NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


ONE_CASE = ["opening", "facts-1", "questions-1", "step-back-1", "discussion-1", "return-1"]


KEPT = [*ONE_CASE, "closing"]


def _killed_after_o(home: Path) -> Path:
    """The log of a 90-minute trial run at 100,000 times real time, killed in case 1's
    questions after `o` and y: carried on piped, it runs to its end at once."""
    session = ninety()
    events = session.begin() + session.next(240) + session.one_case(300) + session.next(600)
    at = datetime.now(UTC) - timedelta(seconds=1)
    return format_log(home, "90min", at, events, speed=100_000.0)


def test_a_killed_session_carried_on_keeps_one_case_and_reports_count_one(home: Path) -> None:
    log = _killed_after_o(home)
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    begun = [line["phase"] for line in log_lines(log) if line["event"] == "phase_start"]
    assert begun == KEPT, "case 2 was left out before the kill, and stays out"
    assert "Closing: 4 min" in result.stdout, result.stdout
    shown = balint("log", "show", log.stem, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["cases"] == 1, "the case dropped was not taken"
