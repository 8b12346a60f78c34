"""The co-leaders' debriefs in a leader's records: `log show`, the portfolio (text, JSON and
CSV), the index's columns, and the database export; the logs made by the session code on a
fake clock."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock
from support.helpers import balint, write
from support.logfixtures import log_files, log_lines

from balint_cli.live.request import Request
from balint_cli.live.start import start

TZ = timezone(timedelta(hours=1))


def _session(when: datetime, **asked: Any) -> str:
    """A 45-minute session run as `balint run` runs it, piped, on a fake clock; its id."""
    before = set(log_files(_home()))
    clock = FakeClock()
    assert start(Request(**asked), when, clock, clock.advance) == 0
    (log,) = set(log_files(_home())) - before
    return log.stem


def _home() -> Path:
    import os

    return Path(os.environ["BALINT_HOME"])


@pytest.fixture
def shelf(home: Path) -> dict[str, str]:
    """Five sessions over two years: three co-led with a debrief (one of 15 minutes), one
    co-led without, one led alone; and a practice run, co-led."""
    write(home / "config.toml", "debrief_minutes = 12.5\n")
    ids = {
        "2025 debriefed": _session(datetime(2025, 5, 6, 12, 30, tzinfo=TZ), role="co-lead",
                                   debrief=True),
        "2026 debriefed": _session(datetime(2026, 2, 3, 12, 30, tzinfo=TZ), role="co-lead",
                                   debrief=True),
        "2026 none": _session(datetime(2026, 2, 10, 12, 30, tzinfo=TZ), role="co-lead",
                              debrief=False),
        "2026 led": _session(datetime(2026, 2, 17, 12, 30, tzinfo=TZ), debrief=True),
    }  # fmt: skip
    write(home / "config.toml", "debrief_minutes = 15\n")
    ids["2026 fifteen"] = _session(
        datetime(2026, 3, 3, 12, 30, tzinfo=TZ), role="co-lead", debrief=True
    )
    ids["practice"] = _session(
        datetime(2026, 3, 4, 12, 30, tzinfo=TZ), role="co-lead", debrief=True, speed=2.0
    )
    return ids


def _json(*args: str) -> Any:
    result = balint(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- log show -------------------------------------------------------------------------------------


def test_log_show_says_a_debrief_and_its_length(shelf: dict[str, str]) -> None:
    shown = _json("log", "show", shelf["2026 debriefed"], "--json")
    assert shown["debriefs"] == 1
    assert shown["debrief_minutes"] == 12.5
    assert (shown["minutes"], shown["on_time"]) == (45.0, True), "the session's own, unchanged"
    result = balint("log", "show", shelf["2026 debriefed"])
    assert result.exit_code == 0, result.output
    assert "co-lead · 1 debrief of 12:30 · 1 case taken" in " ".join(result.stdout.split())


def test_log_show_of_a_session_without_a_debrief_says_none(shelf: dict[str, str]) -> None:
    shown = _json("log", "show", shelf["2026 none"], "--json")
    assert (shown["debriefs"], shown["debrief_minutes"]) == (0, None)
    assert "debrief" not in balint("log", "show", shelf["2026 none"]).stdout


# -- the portfolio ------------------------------------------------------------------------------


def test_the_portfolio_counts_debriefs_held_per_year(shelf: dict[str, str]) -> None:
    folio = _json("log", "portfolio", "--json")
    assert [(y["year"], y["co_led"], y["debriefs"]) for y in folio["years"]] == [
        (2025, 1, 1),
        (2026, 3, 2),
    ], "the practice run's never counts"
    assert folio["total"]["debriefs"] == 3


def test_the_portfolio_shows_and_writes_its_debriefs(shelf: dict[str, str]) -> None:
    result = balint("log", "portfolio")
    assert result.exit_code == 0, result.output
    head = next(line for line in result.stdout.splitlines() if "year" in line).split()
    assert head[:5] == ["year", "sessions", "led", "co-led", "debriefs"]
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line}
    assert rows["2026"][4] == "2" and rows["all"][4] == "3"
    written = balint("log", "portfolio", "--csv", "-")
    assert written.exit_code == 0, written.output
    table = list(csv.DictReader(io.StringIO(written.stdout)))
    assert [(row["year"], row["debriefs"]) for row in table] == [("2025", "1"), ("2026", "2")]
    assert list(table[0])[-1] == "debriefs", "added last: the other columns stay where they were"


# -- the index ------------------------------------------------------------------------------------


def _index(home: Path) -> sqlite3.Connection:
    return contextlib.closing(sqlite3.connect(home / "index.db"))  # type: ignore[return-value]


def test_the_index_keeps_each_sessions_debriefs(home: Path, shelf: dict[str, str]) -> None:
    _json("log", "portfolio", "--json")  # the index brought up to date
    with _index(home) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        columns = {row[1]: row for row in db.execute("PRAGMA table_info(sessions)")}
        assert columns["debriefs"][2:5] == ("INTEGER", 1, "0"), "NOT NULL DEFAULT 0"
        assert columns["debrief_minutes"][2] == "REAL"
        found = {
            id_: (count, minutes)
            for id_, count, minutes in db.execute(
                "SELECT id, debriefs, debrief_minutes FROM sessions"
            )
        }
    assert found[shelf["2026 debriefed"]] == (1, 12.5)
    assert found[shelf["2026 fifteen"]] == (1, 15.0)
    assert found[shelf["2026 none"]] == (0, None)
    assert found[shelf["2026 led"]] == (0, None)


@pytest.mark.parametrize(
    "change",
    [
        "debrief_minutes = NULL WHERE debriefs = 1",
        "debrief_minutes = 3.0 WHERE debriefs = 0",
        "debriefs = -1, debrief_minutes = 1.0",
        "debriefs = 1, debrief_minutes = -1.0",
        "debriefs = 'one'",
    ],
)
def test_the_index_checks_its_debrief_columns(
    home: Path, shelf: dict[str, str], change: str
) -> None:
    _json("log", "portfolio", "--json")
    with _index(home) as db, pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(f"UPDATE sessions SET {change}")


def test_an_index_made_before_debriefs_were_counted_is_made_anew(
    home: Path, shelf: dict[str, str]
) -> None:
    _json("log", "portfolio", "--json")
    with _index(home) as db:  # as the index before would have it: no debriefs anywhere
        db.execute("UPDATE sessions SET debriefs = 0, debrief_minutes = NULL")
        db.execute("UPDATE guard SET doubted = 0")  # as if balint had written it
        db.execute("PRAGMA user_version = 2")
        db.commit()
    assert _json("log", "portfolio", "--json")["total"]["debriefs"] == 3


# -- the database export --------------------------------------------------------------------------


def test_the_database_export_holds_the_debriefs(
    home: Path, tmp_path: Path, shelf: dict[str, str]
) -> None:
    target = tmp_path / "sessions.db"
    result = balint("log", "export", "--sqlite", str(target))
    assert result.exit_code == 0, result.output
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        found = {
            id_: (count, minutes)
            for id_, count, minutes in db.execute(
                "SELECT id, debriefs, debrief_minutes FROM sessions"
            )
        }
        assert found == {
            shelf["2025 debriefed"]: (1, 12.5),
            shelf["2026 debriefed"]: (1, 12.5),
            shelf["2026 none"]: (0, None),
            shelf["2026 led"]: (0, None),
            shelf["2026 fifteen"]: (1, 15.0),
        }
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute("UPDATE sessions SET debrief_minutes = NULL WHERE debriefs = 1")


def test_a_log_holds_only_what_the_debrief_was_long(shelf: dict[str, str], home: Path) -> None:
    (log,) = [path for path in log_files(home) if path.stem == shelf["2026 fifteen"]]
    lines = log_lines(log)
    debriefs = [line for line in lines if line["event"] == "debrief"]
    assert [set(line) for line in debriefs] == [{"event", "t", "at", "minutes"}]
    assert lines[-1] == debriefs[0] and lines[-2]["event"] == "session_end"
