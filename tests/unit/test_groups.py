"""A group's defaults help rather than trap: an end time outside the group's usual slot, or
one a session cannot keep, and a reminder that cannot be shown are set aside in one line
while the session runs; a default can be removed; `plan`'s timeline names every phase."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, write
from support.logfixtures import log_files, log_lines

from balint_cli.errors import BadInput
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.start import start, with_group
from balint_cli.terminal import console

TZ = timezone(timedelta(hours=1))
TUESDAY = datetime(2026, 11, 24, 12, 30, tzinfo=TZ)  # the group's usual start; it ends 13:15
FAST = 100000.0  # the session itself runs in a moment


def _group(home: Path, end_at: str = "13:15", fmt: str = "45min") -> None:
    write(home / "groups.toml", f'["Tuesday GPs"]\nformat = "{fmt}"\nend_at = "{end_at}"\n')


def _at(hour: int, minute: int) -> datetime:
    return TUESDAY.replace(hour=hour, minute=minute)


def _started(home: Path, request: Request, now: datetime) -> dict[str, Any]:
    """Run a whole session as `balint run` would at `now`; the first line of its log."""
    assert start(request, now) == 0
    (log,) = log_files(home)
    first: dict[str, Any] = log_lines(log)[0]
    return first


def _notes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The notes written on stderr (beside the line saying where logs go)."""
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("Note:")]


def _minutes(first: dict[str, Any]) -> float:
    return math.fsum(phase["planned"] for phase in first["phases"]) / 60


# -- 9. the group's end, outside its usual slot ------------------------------------------------


def test_a_group_end_that_has_passed_is_set_aside_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _group(home)
    first = _started(home, Request(group="Tuesday GPs", speed=FAST), _at(14, 0))
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as it has passed: this session runs its "
        "own 45 min, to 14:45."
    ]
    assert first["end_at"] is None, "the log keeps no end the session did not hold"
    assert _minutes(first) == 45
    typed = with_group(Request(group="Tuesday GPs", end_at="13:15"), home, None)
    with pytest.raises(BadInput, match=r"^--end-at 13:15 is in the past"):
        prepare(typed, _at(14, 0))


@pytest.mark.parametrize(
    ("hour", "minute", "reason", "end"),
    [
        (13, 10, "it comes too soon, even with the flexible phases cut to a minute", "13:55"),
        (4, 0, "it is over 8 hours away", "04:45"),
        (9, 0, "it would stretch the flexible phases past twice their length", "09:45"),
        (23, 50, "it has passed", "00:35"),
    ],
)
def test_a_group_end_outside_its_usual_slot_is_one_note(
    home: Path, capsys: pytest.CaptureFixture[str], hour: int, minute: int, reason: str, end: str
) -> None:
    _group(home)
    request = with_group(Request(group="Tuesday GPs"), home, None)
    prepared = prepare(request, _at(hour, minute))
    assert capsys.readouterr().err == (
        f"Note: The group's end at 13:15 is set aside, as {reason}: this session runs its own "
        f"45 min, to {end}.\n"
    )
    assert sum(prepared.session.planned) == 45 * 60
    assert prepared.session.target == 45 * 60, "the format's own length, held"


def test_on_the_live_screen_the_group_end_set_aside_is_said_on_the_first_screen(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "live_screen", lambda: True)
    _group(home)
    request = with_group(Request(group="Tuesday GPs"), home, None)
    prepared = prepare(request, _at(14, 0))
    assert prepared.look.notice == (
        "The group's end at 13:15 is set aside, as it has passed: this session runs its own "
        "45 min, to 14:45."
    )
    assert capsys.readouterr().err == "", "nothing written under the live screen"


# -- 10. an end the session cannot keep: --cases 0 ----------------------------------------------


def test_cases_0_sets_the_group_end_aside_and_the_session_is_shorter(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _group(home, fmt="90min")
    first = _started(home, Request(group="Tuesday GPs", cases=0, speed=FAST), TUESDAY)
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as none of this session's phases is "
        "flexible: this session runs its own 8 min, to 12:38."
    ]
    assert [phase["id"] for phase in first["phases"]] == ["opening", "closing"]
    assert _minutes(first) == 8
    typed = Request(format_ref="90min", cases=0, end_at="13:15")
    with pytest.raises(BadInput, match="none of its phases is flexible, so it ends at 12:38"):
        prepare(typed, TUESDAY)


# -- 12. a reminder never blocks a session -----------------------------------------------------


@pytest.mark.parametrize(
    ("leave", "said"),
    [
        ("12:00", "--some-leave-at 12:00 is set aside, as it has passed."),
        ("14:00", "--some-leave-at 14:00 is set aside, as the session ends at 13:15."),
    ],
)
def test_a_leave_time_outside_the_session_is_one_note_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str], leave: str, said: str
) -> None:
    first = _started(home, Request(some_leave_at=leave, speed=FAST), TUESDAY)
    assert _notes(capsys) == [f"Note: {said}"]
    assert _minutes(first) == 45


def test_on_the_live_screen_a_leave_time_set_aside_is_said_on_the_first_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(console, "live_screen", lambda: True)
    prepared = prepare(Request(some_leave_at="12:00"), TUESDAY)
    assert prepared.look.notice == "--some-leave-at 12:00 is set aside, as it has passed."
    assert prepared.look.leave_at is None, "no reminder is shown"


# -- 11. a default can be removed --------------------------------------------------------------


def _listed() -> dict[str, object]:
    result = balint("groups", "list", "--json")
    assert result.exit_code == 0, result.output
    (group,) = json.loads(result.stdout)
    return dict(group)


def test_groups_edit_clear_removes_each_default(home: Path) -> None:
    added = balint(
        "groups", "add", "Tuesday GPs", "--members", "10", "--format", "90min",
        "--end-at", "13:15", "--online", "--role", "co-lead",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    cleared = balint("groups", "edit", "tuesday gps", "--clear", "end-at", "--clear", "setting")
    assert cleared.exit_code == 0, cleared.output
    assert cleared.stdout == "Changed Tuesday GPs: 10 members, 90min, co-lead.\n"
    assert "end_at" not in (home / "groups.toml").read_text()
    for name in ("members", "format", "role"):
        result = balint("groups", "edit", "Tuesday GPs", "--clear", name)
        assert result.exit_code == 0, result.output
    assert _listed() == {
        "name": "Tuesday GPs",
        "members": None,
        "format": None,
        "end_at": None,
        "setting": None,
        "role": None,
    }


def test_a_session_of_a_group_whose_end_was_cleared_keeps_no_end(home: Path) -> None:
    _group(home)
    assert balint("groups", "edit", "Tuesday GPs", "--clear", "end-at").exit_code == 0
    result = balint("run", "--speed", str(FAST), "--group", "Tuesday GPs")
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    assert log_lines(log)[0]["end_at"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--clear", "colour"],
            "--clear takes members, format, end-at, setting or role, not 'colour'.",
        ),
        (
            ["--clear", "end-at", "--end-at", "12:00"],
            "--clear end-at cannot go with a new end-at; give one or the other.",
        ),
        (
            ["--end-at", "none"],
            "To remove the group's end-at, use --clear end-at, not --end-at none.",
        ),
    ],
)
def test_a_clear_that_cannot_be_done_is_one_sentence_and_changes_nothing(
    home: Path, args: list[str], message: str
) -> None:
    _group(home)
    before = (home / "groups.toml").read_text()
    result = balint("groups", "edit", "Tuesday GPs", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert (home / "groups.toml").read_text() == before


# -- 20. plan's timeline has a legend ----------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "100"])
def test_plan_names_every_phase_of_its_timeline(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)  # NO_COLOR is set for every test
    result = balint("plan", "90min", "--start", "18:00")
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip().splitlines()
    at = next(i for i, line in enumerate(lines) if "█" in line)
    numbers = [int(n) for n in re.findall(r"\d+", lines[at])]
    assert numbers == list(range(1, 13)), "every phase numbered on the timeline"
    key = dict(re.findall(r"(\d+) (\S.*?)(?= {2,}|$)", "\n".join(lines[at + 1 :]), re.M))
    titles = ["Opening"]
    for case in (1, 2):
        titles += [
            f"{title} (case {case})"
            for title in (
                "Case facts",
                "Clarifying questions",
                "Presenter steps back",
                "Group discussion",
                "Presenter returns",
            )
        ]
    assert key == {str(n): title for n, title in enumerate([*titles, "Closing"], start=1)}
    assert max(len(line) for line in lines) <= int(columns)
