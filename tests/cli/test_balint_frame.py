"""The Balint frame through the commands: at_zero in a format, the cases taken today, markers,
and some leaving early."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.formats import builtin
from support.helpers import balint, write
from support.logfixtures import fake_log, log_files, log_lines, start_line

# -- at_zero ---------------------------------------------------------------------------------


def test_at_zero_is_in_every_shape_of_a_format() -> None:
    shown = json.loads(balint("formats", "show", "90min", "--json").stdout)
    steps = [p for p in shown["phases"] if p["id"].startswith("step-back")]
    assert [p["at_zero"] for p in steps] == ["next", "next"]
    planned = json.loads(balint("plan", "90min", "--json").stdout)
    assert {p["at_zero"] for p in planned["phases"]} == {"wait", "next"}
    schema = json.loads(balint("formats", "schema").stdout)
    assert schema["$defs"]["Phase"]["properties"]["at_zero"]["enum"] == ["wait", "next"]
    table = balint("formats", "show", "45min").stdout
    assert "moves on at zero" in next(line for line in table.splitlines() if "step-back" in line)


def test_a_wrong_at_zero_is_one_sentence_naming_the_phase(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.toml",
        'name = "x"\n[[phases]]\nid = "pause"\ntitle = "A pause"\nminutes = 1\nat_zero = "later"\n',
    )
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == f'Error: {path}: phase 1 "A pause": at_zero must be "wait" or "next".\n'


def test_piped_the_step_back_moves_on_by_itself(home: Path) -> None:
    result = balint("run", "45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    lines = log_lines(log_files(home)[0])
    step_back = next(
        line for line in lines if line["event"] == "phase_end" and line["phase"] == "step-back"
    )
    assert step_back["by"] == "auto"
    assert not any(line["event"] == "due" and line["phase"] == "step-back" for line in lines), lines


# -- the cases actually taken ----------------------------------------------------------------


def _plan(*args: str) -> dict[str, Any]:
    result = balint("plan", "90min", "--start", "18:00", *args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_cases_without_an_end_time_make_the_session_shorter() -> None:
    data = _plan("--cases", "1")
    assert [p["id"] for p in data["phases"]] == [
        "opening",
        "facts-1",
        "questions-1",
        "step-back-1",
        "discussion-1",
        "return-1",
        "closing",
    ]
    assert data["minutes"] == 4 + 41 + 4


def test_cases_with_an_end_time_give_the_freed_time_to_the_cases_taken() -> None:
    data = _plan("--cases", "1", "--end-at", "19:30")
    minutes = {p["id"]: p["minutes"] for p in data["phases"]}
    assert data["minutes"] == 90
    assert minutes["discussion-1"] == 26 + 41, "the second case's time goes to the first's talk"
    assert "discussion-2" not in minutes


def test_no_case_today_is_the_opening_then_the_closing() -> None:
    data = _plan("--cases", "0")
    assert [p["id"] for p in data["phases"]] == ["opening", "closing"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "--cases must be a number from 0 to 2: this format has 2 cases."),
        ("3", "--cases must be a number from 0 to 2: this format has 2 cases."),
        ("abc", "--cases must be a whole number, not 'abc'."),
        ("1.5", "--cases must be a whole number, not '1.5'."),
    ],
)
def test_a_bad_cases_is_one_sentence(value: str, message: str) -> None:
    for command in (["plan", "90min"], ["run", "90min", "--speed", "100000"]):
        result = balint(*command, "--cases", value)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"Error: {message}\n"


def test_a_run_takes_only_the_cases_asked_for_and_logs_which(home: Path) -> None:
    result = balint("run", "90min", "--cases", "1", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "Case facts, case 2" not in result.stdout
    assert "Case facts, case 1" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("Session completed after 49 min, on time")
    start = log_lines(log_files(home)[0])[0]
    assert start["cases"] == 1
    assert start["format_cases"] == 2
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert listed[0]["cases"] == 1


def _two_case_log(home: Path, second_case_seconds: float) -> None:
    """A 90-minute session in which the second case got `second_case_seconds` in all."""
    at = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    fmt = builtin("90min")
    start = start_line(at, format="90min", format_title=fmt.name, target=5400.0)
    start["phases"] = [
        {
            "id": p.id,
            "title": p.title,
            "case": p.case,
            "minutes": p.minutes,
            "planned": p.seconds,
            "flexible": p.flexible,
        }
        for p in fmt.phases
    ]
    lines, t = [start], 0.0
    for index, phase in enumerate(fmt.phases):
        spent = second_case_seconds / 5 if phase.case == 2 else phase.seconds
        lines.append(_event("phase_start", t, at, index=index, phase=phase.id))
        t += spent
        lines.append(_event("phase_end", t, at, index=index, phase=phase.id, actual=spent))
    lines.append(_event("session_end", t, at, how="completed", seconds=t, late=t - 5400))
    fake_log(home, "20261120-1800-aaaa", lines)


def _event(kind: str, t: float, at: datetime, **data: Any) -> dict[str, Any]:
    return {"event": kind, "t": t, "at": (at + timedelta(seconds=t)).isoformat(), **data}


@pytest.mark.parametrize(("seconds", "cases"), [(20, 1), (100, 1), (130, 2), (2400, 2)])
def test_a_case_counts_only_when_time_was_spent_on_it(
    home: Path, seconds: float, cases: int
) -> None:
    _two_case_log(home, seconds)
    assert json.loads(balint("log", "list", "--json").stdout)[0]["cases"] == cases
    assert json.loads(balint("log", "show", "last", "--json").stdout)["cases"] == cases
    assert json.loads(balint("log", "summary", "--json").stdout)["cases"] == cases
    plural = "case" if cases == 1 else "cases"
    assert f"{cases} {plural} taken" in balint("log", "show", "last").stdout


def test_passing_over_a_case_with_n_is_not_a_case_taken(home: Path) -> None:
    # The second case never came: the leader pressed n through its phases in seconds.
    _two_case_log(home, 5)
    summary = json.loads(balint("log", "summary", "--json").stdout)
    assert summary["cases"] == 1
    assert summary["groups"][0]["cases"] == 1


# -- markers ---------------------------------------------------------------------------------


def test_markers_are_listed_with_their_clock_time_and_time_into_the_session(home: Path) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    lines = [
        start_line(at),
        _event("phase_start", 0, at, index=0, phase="facts", by="start"),
        _event("marker", 75.4, at, index=0, phase="facts"),
        _event("phase_end", 120, at, index=0, phase="facts", actual=120.0, by="next"),
        _event("phase_start", 120, at, index=1, phase="discussion", by="next"),
        _event("marker", 1390, at, index=1, phase="discussion"),
    ]
    fake_log(home, "20261120-1230-mark", lines)
    text = balint("log", "show", "last").stdout
    assert "Markers" in text
    assert any(
        line.split() == ["12:31:15", "1:15", "Case", "facts", "(case", "1)"]
        for line in text.splitlines()
    ), text
    assert any(line.split()[:2] == ["12:53:10", "23:10"] for line in text.splitlines()), text
    shown = json.loads(balint("log", "show", "last", "--json").stdout)
    assert shown["markers"] == [
        {"at": "2026-11-20T12:31:15+00:00", "minutes_in": 1.26, "phase": "facts"},
        {"at": "2026-11-20T12:53:10+00:00", "minutes_in": 23.17, "phase": "discussion"},
    ]


# -- some leave early ------------------------------------------------------------------------


def test_some_leave_at_changes_no_timings(home: Path) -> None:
    soon = (datetime.now() + timedelta(minutes=20)).strftime("%H:%M")
    result = balint("run", "45min", "--speed", "100000", "--some-leave-at", soon)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith("Session completed after 45 min, on time")


@pytest.mark.parametrize("value", ["25:00", "1pm", "", "13"])
def test_a_malformed_leave_time_is_one_sentence(value: str) -> None:
    result = balint("run", "--speed", "100000", "--some-leave-at", value)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --some-leave-at: '{value}' is not a clock time; use HH:MM, like 13:15.\n"
    )
