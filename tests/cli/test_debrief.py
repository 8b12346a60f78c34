"""The co-leaders' debrief through the commands: its questions in a format and the schema, its
settings and run's --debrief, and the debriefs in a leader's records (`log show`, the
portfolio, the index, the database export)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock
from support.formats import builtin, format_file
from support.helpers import balint, json_of, write
from support.logfixtures import complete, fake_log, log_files, log_lines

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


# -- log show -------------------------------------------------------------------------------------


def test_log_show_says_a_debrief_and_its_length(shelf: dict[str, str]) -> None:
    shown = json_of("log", "show", shelf["2026 debriefed"], "--json")
    assert shown["debriefs"] == 1
    assert shown["debrief_minutes"] == 12.5
    assert (shown["minutes"], shown["on_time"]) == (45.0, True), "the session's own, unchanged"
    result = balint("log", "show", shelf["2026 debriefed"])
    assert result.exit_code == 0, result.output
    assert "co-lead · 1 debrief of 12:30 · 1 case taken" in " ".join(result.stdout.split())


def test_log_show_of_a_session_without_a_debrief_says_none(shelf: dict[str, str]) -> None:
    shown = json_of("log", "show", shelf["2026 none"], "--json")
    assert (shown["debriefs"], shown["debrief_minutes"]) == (0, None)
    assert "debrief" not in balint("log", "show", shelf["2026 none"]).stdout


# -- the portfolio ------------------------------------------------------------------------------


def test_the_portfolio_counts_debriefs_held_per_year(shelf: dict[str, str]) -> None:
    folio = json_of("log", "portfolio", "--json")
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
    assert rows["2026"][4] == "2"
    assert rows["all"][4] == "3"
    written = balint("log", "portfolio", "--csv", "-")
    assert written.exit_code == 0, written.output
    table = list(csv.DictReader(io.StringIO(written.stdout)))
    assert [(row["year"], row["debriefs"]) for row in table] == [("2025", "1"), ("2026", "2")]
    assert list(table[0])[-1] == "debriefs", "added last: the other columns stay where they were"


# -- the index ------------------------------------------------------------------------------------


def _index(home: Path) -> sqlite3.Connection:
    return contextlib.closing(sqlite3.connect(home / "index.db"))  # type: ignore[return-value]


def test_the_index_keeps_each_sessions_debriefs(home: Path, shelf: dict[str, str]) -> None:
    json_of("log", "portfolio", "--json")  # the index brought up to date
    with _index(home) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (4,)
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
    json_of("log", "portfolio", "--json")
    with _index(home) as db, pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(f"UPDATE sessions SET {change}")


def test_an_index_made_before_debriefs_were_counted_is_made_anew(
    home: Path, shelf: dict[str, str]
) -> None:
    json_of("log", "portfolio", "--json")
    with _index(home) as db:  # as the index before would have it: no debriefs anywhere
        db.execute("UPDATE sessions SET debriefs = 0, debrief_minutes = NULL")
        db.execute("UPDATE guard SET doubted = 0")  # as if balint had written it
        db.execute("PRAGMA user_version = 2")
        db.commit()
    assert json_of("log", "portfolio", "--json")["total"]["debriefs"] == 3


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


def test_a_format_may_keep_questions_for_the_debrief(tmp_path: Path) -> None:
    path = format_file(tmp_path, 'debrief = ["How did the frame hold?", "What for supervision?"]')
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 0, result.output
    shown = json.loads(balint("formats", "show", str(path), "--json").stdout)
    assert shown["debrief"] == ["How did the frame hold?", "What for supervision?"]


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("debrief = [1]", "f.toml: debrief[0] must be text in quotes."),
        (
            'debrief = ["fine", "red \\u001b[31m"]',
            "f.toml: debrief[1] must not contain control characters (found U+001B).",
        ),
        ('debrief = "one"', "f.toml: debrief must be a list."),
        ("debrief = [" + '"x", ' * 13 + "]", "debrief must have at most 12 entries."),
    ],
)
def test_debrief_questions_are_checked_as_ground_rules_are(
    tmp_path: Path, head: str, said: str
) -> None:
    result = balint("formats", "validate", str(format_file(tmp_path, head)))
    assert result.exit_code == 2, result.output
    assert said in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 2, result.stderr


def test_the_schema_and_a_copy_keep_the_debrief(home: Path) -> None:
    schema = json.loads(balint("formats", "schema").stdout)
    described = schema["properties"]["debrief"]
    assert described["type"] == "array"
    assert described["maxItems"] == 12
    assert "co-led" in described["description"]
    result = balint("formats", "new", "mine", "--from", "90min")
    assert result.exit_code == 0, result.output
    copied = tomllib.loads((home / "formats" / "mine.toml").read_text(encoding="utf-8"))
    assert copied.get("debrief") == builtin("90min").debrief


def test_config_set_takes_the_debrief_and_its_minutes(home: Path) -> None:
    result = balint("config", "set", "debrief_minutes", "15")
    assert result.exit_code == 0, result.output
    assert balint("config", "set", "debrief", "always").exit_code == 0
    assert tomllib.loads((home / "config.toml").read_text()) == {
        "debrief_minutes": 15,
        "debrief": "always",
    }
    shown = balint("config", "show").stdout
    assert "debrief_minutes = 15      # from config.toml; the default is 10" in shown


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("debrief_minutes", "0", "debrief_minutes must be greater than 0."),
        ("debrief_minutes", "61", "debrief_minutes must be at most 60."),
        ("debrief_minutes", "ten", "debrief_minutes must be a number, such as 15, not 'ten'."),
        ("debrief_minutes", "nan", "debrief_minutes must be a finite number."),
        ("debrief", "sometimes", 'debrief must be "ask", "always" or "never".'),
    ],
)
def test_a_debrief_setting_that_cannot_be_used_is_one_sentence(
    home: Path, key: str, value: str, said: str
) -> None:
    result = balint("config", "set", key, value)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {said}\n"
    assert not (home / "config.toml").exists()


def test_run_takes_debrief_and_no_debrief(home: Path) -> None:
    shown = balint("run", "--help").stdout
    assert "--debrief" in shown
    assert "--no-debrief" in shown
    for flag in ("--debrief", "--no-debrief"):
        result = balint("run", "--speed", "100000", "--role", "co-lead", flag)
        assert result.exit_code == 0, result.output
        assert "Debrief" not in result.stdout, "a practice run has none"


def test_a_log_holds_only_what_the_debrief_was_long(shelf: dict[str, str], home: Path) -> None:
    (log,) = [path for path in log_files(home) if path.stem == shelf["2026 fifteen"]]
    lines = log_lines(log)
    debriefs = [line for line in lines if line["event"] == "debrief"]
    assert [set(line) for line in debriefs] == [{"event", "t", "at", "minutes"}]
    assert lines[-1] == debriefs[0]
    assert lines[-2]["event"] == "session_end"


AT = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)


def _debrief(minutes: float) -> dict[str, Any]:
    return {"event": "debrief", "t": 400.0, "at": AT.isoformat(), "minutes": minutes}


def _shown(home: Path, name: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    fake_log(home, name, lines)
    result = balint("log", "show", name, "--json")
    assert result.exit_code == 0, result.output
    shown: dict[str, Any] = json.loads(result.stdout)
    return shown


def test_a_debrief_line_repeated_is_one_debrief(home: Path) -> None:
    lines = [*complete(AT, role="co-lead"), *[_debrief(10.0)] * 3]
    shown = _shown(home, "20260303-1400-abcd", lines)
    assert shown["debriefs"] == 1
    assert shown["debrief_minutes"] == 10.0


def test_a_debrief_line_before_the_end_is_no_debrief(home: Path) -> None:
    lines = complete(AT, role="co-lead")
    lines.insert(3, _debrief(10.0))
    shown = _shown(home, "20260303-1400-abcd", lines)
    assert shown["debriefs"] == 0


def test_the_portfolio_counts_a_debrief_repeated_in_its_log_once(home: Path) -> None:
    fake_log(home, "20260303-1400-abcd", [*complete(AT, role="co-lead"), *[_debrief(9.0)] * 50])
    result = balint("log", "portfolio", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["debriefs"] == 1
    assert "49 damaged line(s) skipped" in result.stderr
