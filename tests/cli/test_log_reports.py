"""`balint log summary` and `log portfolio`: what organisers and leaders are asked for, by
dates and group, and one sentence for a bad option."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import (
    complete,
    fake_log,
    programme,
    three_sessions,
)

# -- reports ------------------------------------------------------------------------------------


def test_summary_gives_rate_setting_hours_units_cases_and_time_kept(home: Path) -> None:
    programme(home)
    data = json.loads(balint("log", "summary", "--json").stdout)
    assert data["sessions"] == 4
    assert data["cases"] == 4
    assert (data["in_person"], data["online"]) == (3, 1)
    assert data["hours"] == pytest.approx((360 * 4 + 300) / 3600, abs=0.01)
    assert data["units_of_90_minutes"] == pytest.approx((360 * 4 + 300) / 60 / 90, abs=0.01)
    assert data["on_time"] == {"sessions": 3, "of_completed": 4}
    assert data["attendance_rate"]["mean"] == pytest.approx((2 + 4 + 6 + 8) / 4 / 8, abs=0.001)
    assert data["attendance_rate"]["trend_per_session"] == pytest.approx(0.25, abs=0.001)
    tuesday = next(g for g in data["groups"] if g["group"] == "Tuesday GPs")
    assert tuesday["attendance_rate"] == pytest.approx(0.5)
    march = next(m for m in data["months"] if m["month"] == "2026-03")
    assert march["attendance_rate"] == pytest.approx(0.375)
    assert march["online"] == 1
    text = balint("log", "summary").stdout
    assert "Attendance rate: 62% of the members enrolled" in text
    assert "3 in person, 1 online" in text


@pytest.mark.parametrize(
    ("args", "sessions"),
    [
        (["--since", "2026-06-01"], 2),
        (["--until", "2026-03-31"], 2),
        (["--since", "2026-03-05", "--until", "2026-06-03"], 2),
        (["--group", "TUESDAY gps"], 3),
        (["--group", "Registrars", "--since", "2026-06-01"], 1),
    ],
)
def test_reports_take_dates_and_a_group(home: Path, args: list[str], sessions: int) -> None:
    programme(home)
    assert json.loads(balint("log", "summary", "--json", *args).stdout)["sessions"] == sessions
    rows = balint("log", "export", "--csv", "-", "--per", "session", *args).stdout.splitlines()
    assert len(rows) == 1 + sessions


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "March"], "--since: 'March' is not a date; use YYYY-MM-DD, like 2026-03-01."),
        (["--until", "2026-02-30"], "--until: '2026-02-30' is not a date"),
        (["--since", "2026-06-01", "--until", "2026-03-01"], "--since 2026-06-01 is after --until"),
        (["--group", "Nobody"], "No session has the group 'Nobody'; the groups are Registrars, "),
    ],
)
def test_bad_report_options_are_one_sentence(home: Path, args: list[str], message: str) -> None:
    programme(home)
    for command in (
        ["log", "summary"],
        ["log", "export", "--csv", "-"],
        ["log", "report", "-o", "r.html"],
    ):
        result = balint(*command, *args)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.startswith(f"Error: {message}"), result.stderr
        assert result.stdout == "", "nothing is written before the options are found wanting"


def test_the_portfolio_gives_a_leaders_record_per_year(home: Path, tmp_path: Path) -> None:
    fake_log(home, "20251105-1230-aaaa", complete(datetime(2025, 11, 5, 12, 30, tzinfo=UTC),
             group="Registrars", role="co-lead", setting="online", supervised=True))  # fmt: skip
    programme(home)
    data = json.loads(balint("log", "portfolio", "--json").stdout)
    assert [y["year"] for y in data["years"]] == [2025, 2026]
    y2025, y2026 = data["years"]
    assert (y2025["co_led"], y2025["supervised"], y2025["in_person_share"]) == (1, 1, 0.0)
    assert (y2026["sessions"], y2026["led"], y2026["cases"]) == (4, 4, 4)
    assert y2026["in_person_share"] == 0.75
    assert y2026["groups"] == ["Registrars", "Tuesday GPs"]
    assert data["total"]["sessions"] == 5
    target = tmp_path / "portfolio.csv"
    assert balint("log", "portfolio", "--csv", str(target)).exit_code == 0
    rows = list(csv.reader(io.StringIO(target.read_text())))
    assert rows[0][:3] == ["year", "sessions", "led"]
    assert rows[2][:3] == ["2026", "4", "4"]
    shown = balint("log", "portfolio", "--since", "2026-01-01").stdout
    assert "2025" not in shown
    assert "2026" in shown


def test_log_summary_reports_what_organisers_need(home: Path) -> None:
    three_sessions(home)
    result = balint("log", "summary")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Sessions led: 3" in out
    assert "Ended on time: 2 of 3 completed (67%)" in out
    assert "Attendance: 8.0 on average, trend +2.00 per session" in out
    assert "▁▅█" in out, "a sparkline of attendance"
    group_rows = {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if line.startswith(("Tuesday", "Registrars"))
    }
    assert group_rows["Tuesday"][2:4] == ["2", "████████████████"]
    assert "Group discussion" in out
    assert "1 of 3" in out
    assert "+4:00" in out
    data = json.loads(balint("log", "summary", "--json").stdout)
    assert data["sessions"] == 3
    assert data["cases"] == 3
    assert data["on_time"] == {"sessions": 2, "of_completed": 3}
    assert data["attendance"] == {"mean": 8.0, "trend_per_session": 2.0, "sessions_counted": 3}
    keys = ("group", "sessions", "cases", "mean_attendance")
    groups = [{k: g[k] for k in keys} for g in data["groups"]]
    assert groups == [
        {"group": "Registrars", "sessions": 1, "cases": 1, "mean_attendance": 10.0},
        {"group": "Tuesday GPs", "sessions": 2, "cases": 2, "mean_attendance": 7.0},
    ]
    assert [m["month"] for m in data["months"]] == ["2026-10", "2026-11"]
    assert data["phases_over"][0] == {
        "title": "Group discussion",
        "runs": 3,
        "over": 1,
        "mean_over_minutes": 4.0,
    }


def test_log_summary_for_one_group(home: Path) -> None:
    three_sessions(home)
    data = json.loads(balint("log", "summary", "--group", "Registrars", "--json").stdout)
    assert data["sessions"] == 1
    assert data["groups"][0]["group"] == "Registrars"
    unknown = balint("log", "summary", "--group", "None")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "Error: No session has the group 'None'; the groups are Registrars, Tuesday GPs.\n"
    )
    assert balint("log", "summary", "--group", "registrars", "--json").exit_code == 0, "any case"


def test_sessions_without_a_label_are_summarised_apart(home: Path) -> None:
    three_sessions(home)
    at = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
    fake_log(home, "20261124-1230-eeee", complete(at, attendees=4))
    data = json.loads(balint("log", "summary", "--json").stdout)
    last = data["groups"][-1]
    assert (last["group"], last["sessions"], last["cases"], last["mean_attendance"]) == (
        None,
        1,
        1,
        4.0,
    )
    out = balint("log", "summary").stdout
    assert "(no label)" in out


def test_reports_with_no_logs_say_so() -> None:
    assert "No session logs yet" in balint("log", "list").stdout
    assert json.loads(balint("log", "list", "--json").stdout) == []
    assert "No sessions to summarise." in balint("log", "summary").stdout
    result = balint("log", "show", "last")
    assert result.exit_code == 2
    assert result.stderr == "Error: There are no session logs yet.\n"
