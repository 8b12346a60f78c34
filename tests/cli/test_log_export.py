"""`balint log export`: a row per phase or per session for spreadsheets, a file left whole
when writing fails, and a label that never runs as a formula in any CSV."""

from __future__ import annotations

import csv
import io
import stat
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

from balint_cli.logbook import tallies

AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-1+1", "@SUM(A1)"]


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("label", FORMULAS)
def test_a_group_label_never_runs_as_a_formula_in_the_portfolio(
    home: Path, tmp_path: Path, label: str
) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    target = tmp_path / "portfolio.csv"
    result = balint("log", "portfolio", "--csv", str(target))
    assert result.exit_code == 0, result.output
    (row,) = _csv_rows(target.read_text())
    assert row["groups"] == "'" + label


@pytest.mark.parametrize("label", FORMULAS)
def test_every_csv_guards_a_label_alike(home: Path, label: str) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    portfolio = balint("log", "portfolio", "--csv", "-")
    export = balint("log", "export", "--csv", "-", "--per", "session")
    assert portfolio.exit_code == 0, portfolio.output
    assert export.exit_code == 0, export.output
    (year,) = _csv_rows(portfolio.stdout)
    (sessions,) = _csv_rows(export.stdout)
    assert year["groups"] == sessions["group"] == "'" + label


# Each way a catalogue can be damaged: how to make it, and what the note says of it.


# Commands that write a file the user names: their arguments, with the file's name last.


def test_an_export_that_fails_leaves_the_file_as_it_was(home: Path, tmp_path: Path) -> None:
    """An export is written a session at a time, into a file swapped in only at the end."""
    programme(home)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "sessions.csv"
    target.write_text("kept\n")
    result = balint("log", "export", "--csv", str(target), "--force", "--group", "Nobody")
    assert result.exit_code == 2, result.output
    assert target.read_text() == "kept\n"
    assert list(target.parent.iterdir()) == [target], "no half-written file is left beside it"


def test_export_per_session_carries_what_programmes_ask_for(home: Path, tmp_path: Path) -> None:
    programme(home)
    target = tmp_path / "sessions.csv"
    result = balint("log", "export", "--csv", str(target), "--per", "session", "--excel")
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark for spreadsheet programs"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "session", "date", "start", "format", "format_title", "group", "setting", "role",
        "supervised", "members", "attendees", "status", "on_time", "late_minutes",
        "paused_minutes", "resumed", "cases", "session_minutes",
    ]  # fmt: skip
    second = rows[1]
    assert (second["setting"], second["members"], second["attendees"]) == ("online", "8", "4")
    assert (second["on_time"], second["late_minutes"], second["cases"]) == ("no", "5.0", "1")
    phases = balint("log", "export", "--csv", "-").stdout.splitlines()
    assert len(phases) == 1 + 4 * 3, "a row per phase is still the default"
    bad = balint("log", "export", "--csv", "-", "--per", "week")
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --per must be session or phase, not 'week'.\n"


def test_export_writes_a_row_per_phase_for_spreadsheets(home: Path, tmp_path: Path) -> None:
    three_sessions(home)
    fake_log(
        home,
        "20261110-1230-dddd",
        complete(datetime(2026, 11, 10, 12, 30, tzinfo=UTC), group="=HYPERLINK(1)"),
    )
    target = tmp_path / "sessions.csv"
    result = balint("log", "export", "--csv", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {target} (4 sessions).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == 4 * 3
    assert tuple(rows[0]) == tallies.PHASE_COLUMNS
    second = [r for r in rows if r["session"] == "20261013-1230-bbbb"]
    assert [r["phase_id"] for r in second] == ["facts", "discussion", "closing"]
    assert second[1]["actual_minutes"] == "7.0"
    assert second[1]["over_minutes"] == "4.0"
    assert second[1]["group"] == "Tuesday GPs"
    assert second[1]["attendees"] == "8"
    assert {r["group"] for r in rows if r["session"].endswith("dddd")} == {"'=HYPERLINK(1)"}
