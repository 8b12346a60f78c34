"""German accounting units in the reports: Stunden of 45 minutes and Doppelstunden of 90, with
how many were held in person, asked for with --units or given where balint speaks German."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, stdout_of, write
from support.logfixtures import complete, fake_log

# Four sessions over two years: three Doppelstunden (one online) and one of 45 minutes.
PROGRAMME = [
    ("20251105-1230-aaaa", datetime(2025, 11, 5, 12, 30, tzinfo=UTC), 90, "in-person"),
    ("20260303-1230-bbbb", datetime(2026, 3, 3, 12, 30, tzinfo=UTC), 90, "in-person"),
    ("20260310-1230-cccc", datetime(2026, 3, 10, 12, 30, tzinfo=UTC), 90, "online"),
    ("20260602-1230-dddd", datetime(2026, 6, 2, 12, 30, tzinfo=UTC), 45, "in-person"),
]
# 315 minutes: 7 Stunden (5 in person), 3.5 Doppelstunden (2.5 in person)
STUNDEN = "Units of 45 minutes (Stunden): 7.0, 5.0 of them in person (71%)"
DOPPELSTUNDEN = "Units of 90 minutes (Doppelstunden): 3.5, 2.5 of them in person (71%)"


def _held(home: Path, name: str, at: datetime, minutes: float, setting: str) -> None:
    """A finished session's log that ran this many minutes."""
    lines = complete(at, setting=setting)
    lines[-1]["seconds"] = minutes * 60
    fake_log(home, name, lines)


@pytest.fixture
def programme(home: Path) -> Path:
    for name, at, minutes, setting in PROGRAMME:
        _held(home, name, at, minutes, setting)
    return home


def _json(*args: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(stdout_of(*args, "--json"))
    return found


def test_the_summary_counts_stunden_with_those_in_person(programme: Path) -> None:
    text = stdout_of("log", "summary", "--units", "45")
    assert STUNDEN in text
    assert "Doppelstunden" not in text
    assert "5.2 hours: 5.2 led, 0.0 co-led" in text, "the units are not said twice"


def test_the_summary_counts_doppelstunden_with_those_in_person(programme: Path) -> None:
    text = stdout_of("log", "summary", "--units", "90")
    assert DOPPELSTUNDEN in text
    assert "Stunden)" not in text


def test_the_summary_json_gains_the_units_and_keeps_its_keys(programme: Path) -> None:
    data = _json("log", "summary", "--units", "45")
    assert data["units_of_45_minutes"] == 7.0
    assert data["in_person_units_of_45_minutes"] == 5.0
    assert data["units_of_90_minutes"] == 3.5, "a key is never renamed or dropped"
    assert "in_person_units_of_90_minutes" not in data
    data = _json("log", "summary", "--units", "90")
    assert data["in_person_units_of_90_minutes"] == 2.5
    assert "units_of_45_minutes" not in data


@pytest.mark.parametrize("size", ["45", "90"])
def test_the_portfolio_counts_units_a_year_at_a_time(programme: Path, size: str) -> None:
    data = _json("log", "portfolio", "--units", size)
    y2025, y2026 = data["years"]
    half = 45 / int(size)  # the units in 45 minutes
    assert y2025[f"units_of_{size}_minutes"] == 2 * half
    assert y2025[f"in_person_units_of_{size}_minutes"] == 2 * half
    assert y2026[f"units_of_{size}_minutes"] == 5 * half
    assert y2026[f"in_person_units_of_{size}_minutes"] == 3 * half
    assert data["total"][f"units_of_{size}_minutes"] == 7 * half
    assert data["total"][f"in_person_units_of_{size}_minutes"] == 5 * half
    text = stdout_of("log", "portfolio", "--units", size)
    assert (STUNDEN if size == "45" else DOPPELSTUNDEN) in text


def test_the_portfolio_csv_adds_the_units_after_its_columns(programme: Path) -> None:
    written = stdout_of("log", "portfolio", "--units", "45", "--csv", "-")
    rows = list(csv.reader(io.StringIO(written)))
    assert rows[0][:10] == [
        "year", "sessions", "led", "co_led", "supervised", "cases", "hours",
        "in_person_share", "groups", "debriefs",
    ]  # fmt: skip
    assert rows[0][10:] == ["units_of_45_minutes", "in_person_units_of_45_minutes"]
    assert rows[2][10:] == ["5.0", "3.0"]


@pytest.mark.parametrize("how", ["config", "locale"])
def test_where_balint_speaks_german_the_reports_count_in_both(
    programme: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "config":
        write(programme / "config.toml", 'language = "de"\n')
    else:
        monkeypatch.setenv("LANG", "de_DE.UTF-8")
    text = stdout_of("log", "summary")
    assert STUNDEN in text
    assert DOPPELSTUNDEN in text
    data = _json("log", "summary")
    assert (data["units_of_45_minutes"], data["in_person_units_of_90_minutes"]) == (7.0, 2.5)
    portfolio = stdout_of("log", "portfolio")
    assert STUNDEN in portfolio
    assert DOPPELSTUNDEN in portfolio
    asked = stdout_of("log", "summary", "--units", "45")
    assert "Doppelstunden" not in asked, "--units chooses one, in German too"


def test_in_english_without_units_the_summary_says_no_stunden(programme: Path) -> None:
    text = stdout_of("log", "summary")
    assert "5.2 hours (3.5 units of 90 minutes)" in text
    assert "Stunden" not in text
    write(programme / "config.toml", 'language = "de"\n')
    assert "Stunden" in stdout_of("log", "summary"), "and with German, it does"


def test_a_session_counts_its_minutes_as_it_ran(home: Path) -> None:
    """A Doppelstunde that ended 3 minutes early is 1.93 Stunden: nothing is rounded up."""
    _held(home, "20260303-1230-eeee", PROGRAMME[1][1], 87, "in-person")
    data = _json("log", "summary", "--units", "45")
    assert data["units_of_45_minutes"] == 1.93


def test_the_report_page_gives_the_units_in_a_table(programme: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    stdout_of("log", "report", "-o", str(page), "--units", "45")
    rows = re.findall(r'<tr data-units="(\d+)">(.*?)</tr>', page.read_text())
    assert len(rows) == 1
    size, cells = rows[0]
    assert size == "45"
    assert re.findall(r"<td>([^<]*)</td>", cells) == [
        "Units of 45 minutes (Stunden)",
        "7.0",
        "5.0",
        "71%",
    ]


@pytest.mark.parametrize(
    "command",
    [["log", "summary"], ["log", "portfolio"], ["log", "report", "-o", "r.html"]],
)
@pytest.mark.parametrize("value", ["60", "Stunden", ""])
def test_other_units_are_one_sentence(programme: Path, command: list[str], value: str) -> None:
    result = balint(*command, "--units", value)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: --units must be 45 or 90, not '{value}'.\n"
    assert result.stdout == ""
