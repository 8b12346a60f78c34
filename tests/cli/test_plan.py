"""`balint plan`: each phase with its clock times, fitted to an end time on request."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from support.formats import ONE_CASE_OPENING, TWO_CASE_OPENING
from support.helpers import SHORT_FORMAT, balint, write


def _rows(stdout: str) -> list[list[str]]:
    return [line.split() for line in stdout.splitlines() if line[:2].isdigit() and line[2] == ":"]


def test_plan_lists_every_phase_with_start_and_end() -> None:
    result = balint("plan", "--start", "12:30")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("45-minute lunchtime group  12:30 to 13:15, 45 minutes")
    rows = _rows(result.stdout)
    assert [r[:3] for r in rows] == [
        ["12:30", "12:33", "3"],
        ["12:33", "12:39", "6"],
        ["12:39", "12:44", "5"],
        ["12:44", "12:45", "1"],
        ["12:45", "13:07", "22"],
        ["13:07", "13:11", "4"],
        ["13:11", "13:15", "4"],
    ]
    assert " ".join(rows[4][3:]) == "Group discussion 1 flexible"


def test_plan_starts_now_by_default() -> None:
    before = datetime.now().astimezone().replace(second=0, microsecond=0)
    data = json.loads(balint("plan", "--json").stdout)
    start = datetime.fromisoformat(data["start"])
    assert 0 <= (start - before).total_seconds() <= 60
    assert (datetime.fromisoformat(data["end"]) - start).total_seconds() == 45 * 60


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


def test_end_at_fits_the_flexible_phases_and_says_so() -> None:
    result = balint("plan", "90min", "--start", "18:00", "--end-at", "19:20")
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert rows[-1][1] == "19:20"
    discussions = [r for r in rows if "discussion" in " ".join(r)]
    assert [r[2] for r in discussions] == ["21", "21"]
    assert all(r[-3:] == ["flexible,", "planned", "26"] for r in discussions)
    others = [r[2] for r in rows if r not in discussions]
    assert others == ["4", "6", "4", "1", "4", "6", "4", "1", "4", "4"]


def test_end_at_can_also_lengthen() -> None:
    data = json.loads(balint("plan", "--start", "12:00", "--end-at", "13:00", "--json").stdout)
    minutes = {p["id"]: p["minutes"] for p in data["phases"]}
    assert minutes["discussion"] == 37
    assert data["minutes"] == 60


def test_plan_json_shape() -> None:
    result = balint("plan", "--start", "09:00", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"warning", "format", "name", "start", "end", "minutes", "phases"}
    assert data["warning"] is None
    assert data["format"] == "45min"
    assert data["minutes"] == 45
    assert data["start"].endswith(tuple("0123456789"))
    assert "T09:00:00" in data["start"]
    first = data["phases"][0]
    assert set(first) == {
        "id",
        "title",
        "case",
        "flexible",
        "at_zero",
        "planned_minutes",
        "minutes",
        "start",
        "end",
        "prompt",
        "purpose",
        "for_group",
    }
    assert first["id"] == "opening"
    assert first["case"] is None


def test_an_unreachable_end_is_refused() -> None:
    result = balint("plan", "--start", "12:30", "--end-at", "12:45")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: The session cannot end at 12:45: even with the flexible phases cut to a minute "
        "it ends at 12:54 at the earliest.\n"
    )


def test_plan_reads_a_format_file_by_path(tmp_path: Path) -> None:
    path = write(tmp_path / "short.toml", SHORT_FORMAT)
    result = balint("plan", str(path), "--start", "10:00")
    assert result.exit_code == 0, result.output
    assert [r[:2] for r in _rows(result.stdout)] == [
        ["10:00", "10:02"],
        ["10:02", "10:05"],
        ["10:05", "10:06"],
    ]


def test_plan_warns_when_an_end_time_stretches_a_phase_past_twice_its_length() -> None:
    result = balint("plan", "45min", "--start", "12:30", "--end-at", "15:30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert " ".join(lines[1:3]).startswith(
        "! --end-at 15:30 stretches Group discussion (case 1) from 22 min to 157 min"
    )
    data = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "15:30", "--json").stdout
    )
    assert "from 22 min to 157 min" in data["warning"]


def test_plan_warns_when_an_end_time_squeezes_a_phase_below_half() -> None:
    data = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "13:01", "--json").stdout
    )
    assert data["warning"] == (
        "--end-at 13:01 squeezes Group discussion (case 1) from 22 min to 8 min; "
        "is that the end you meant?"
    )
    calm = json.loads(
        balint("plan", "45min", "--start", "12:30", "--end-at", "13:10", "--json").stdout
    )
    assert calm["warning"] is None, "17 of 22 minutes is within reason"


def _planned(*args: str) -> list[dict[str, Any]]:
    result = balint("plan", "90min", "--start", "18:00", "--json", *args)
    assert result.exit_code == 0, result.output
    phases: list[dict[str, Any]] = json.loads(result.stdout)["phases"]
    return phases


def test_plan_with_one_case_of_90min_has_the_words_for_one_case() -> None:
    opening, *_, closing = _planned("--cases", "1")
    assert opening["prompt"].endswith(ONE_CASE_OPENING)
    assert opening["for_group"].endswith("we take one today.")
    assert "a case is allowed to come forward" in opening["purpose"]
    assert "Cases can stay with us. If this one has stirred something up" in closing["prompt"]
    assert "out of the case," in closing["purpose"]


@pytest.mark.parametrize("cases", [["--cases", "2"], []])
def test_plan_with_both_cases_keeps_the_words_for_two(cases: list[str]) -> None:
    opening, *_, closing = _planned(*cases)
    assert opening["prompt"].endswith(TWO_CASE_OPENING)
    assert opening["for_group"].endswith("we take two today.")
    assert "Two cases can stir a lot up." in closing["prompt"]
