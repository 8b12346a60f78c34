"""Counts a leader can sign: what a session records, what a phase running over is, what a
false start and a practice run are, the latest attendance, a session still running, led
against co-led, and pooled records."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, json_of
from support.logfixtures import (
    MARCH,
    complete,
    fake_log,
    first_line,
    phase,
    start_line,
)

from balint_cli.fs import locks
from balint_cli.logbook import writing

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)
PLANNED = (120.0, 180.0, 60.0)  # the short format of logfixtures: facts, discussion, closing


def _lines(
    at: datetime,
    actual: tuple[float, ...],
    allotted: tuple[float, ...] = PLANNED,
    how: str | None = "completed",
    **start: Any,
) -> list[dict[str, Any]]:
    """A session's lines: each phase given its allotted time, run for its actual time (as
    many phases as actual has), then ended as how says (None: killed, no end at all)."""
    lines = [start_line(at, **start)]
    t = 0.0
    for index, (spent, given) in enumerate(zip(actual, allotted, strict=False)):
        lines.append(phase("phase_start", t, index, at, by="next", allotted=given))
        t += spent
        by = "next" if how == "completed" or index < len(actual) - 1 else how
        lines.append(phase("phase_end", t, index, at, actual=spent, allotted=given, by=by))
    if how is not None:
        lines.append(_end(at, t, how, late=t - sum(PLANNED)))
    return lines


def _end(at: datetime, t: float, how: str, **extra: Any) -> dict[str, Any]:
    at_end = (at + timedelta(seconds=t)).isoformat()
    return {"event": "session_end", "t": t, "at": at_end, "how": how, "seconds": t,
            "paused": 0.0, **extra}  # fmt: skip


# -- one rule of running over ----------------------------------------------------------------------


def test_every_report_says_the_same_phases_ran_over(home: Path, tmp_path: Path) -> None:
    """Facts 40 s past their time, the discussion 11 s past its 1:34, the closing 30 s past:
    the facts and the closing ran over, by 0:40 and 0:30; the discussion did not."""
    given = (120.0, 94.0, 60.0)
    fake_log(home, "20260303-1230-over", _lines(AT, (160.0, 105.0, 90.0), given))
    shown = balint("log", "show", "last")
    assert shown.exit_code == 0, shown.output
    rows = {line.split()[1]: line for line in shown.stdout.splitlines() if re.match(r"\d ", line)}
    assert rows["Case"].endswith("2:40 +0:40")
    assert rows["Group"].endswith("1:34   1:45"), "given 1:34, ran 1:45: not over"
    assert rows["Closing"].endswith("1:30 +0:30"), "half a minute past its time is over"
    phases = json_of("log", "show", "last", "--json")["phases"]
    assert [p["over_minutes"] for p in phases] == [0.67, 0.0, 0.5]
    over = {o["title"]: o["over"] for o in json_of("log", "summary", "--json")["phases_over"]}
    assert over == {"Case facts": 1, "Group discussion": 0, "Closing": 1}
    summary = balint("log", "summary").stdout
    assert re.search(r"^Closing +1 of 1 +\+0:30", summary, re.MULTILINE), summary
    assert "Group discussion" not in summary
    exported = csv.DictReader(io.StringIO(balint("log", "export", "--csv", "-").stdout))
    assert [row["over_minutes"] for row in exported] == ["0.67", "0.0", "0.5"]
    target = tmp_path / "sessions.db"
    assert balint("log", "export", "--sqlite", str(target)).exit_code == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        found = db.execute("SELECT round(over_minutes, 2) FROM phases ORDER BY number").fetchall()
    assert found == [(0.67,), (0.0,), (0.5,)]


# -- a session of seconds is a false start, however it ended ---------------------------------------


def _short_sessions(home: Path) -> None:
    """Ctrl-C after 3 seconds and after 1½ minutes, the format skipped through with n in under
    two minutes, a crash a minute in; one stopped at 50 seconds and carried on to its end; and
    a whole session."""
    day = timedelta(days=1)
    fake_log(home, "20260303-1230-c003", _lines(AT, (3.0,), how="interrupted"))
    fake_log(home, "20260304-1230-c090", _lines(AT + day, (90.0,), how="interrupted"))
    fake_log(home, "20260305-1230-skip", _lines(AT + 2 * day, (40.0, 40.0, 35.0)))
    fake_log(home, "20260306-1230-kill", _lines(AT + 3 * day, (60.0,), how=None))
    at = AT + 4 * day
    stopped = _lines(at, (50.0,), how="interrupted")
    resumed = {"event": "session_resume", "t": 650.0, "at": at.isoformat(), "down": 600.0}
    carried = [
        phase("phase_end", 700.0, 0, at, actual=700.0, by="next"),
        phase("phase_start", 700.0, 1, at, by="next"),
        phase("phase_end", 880.0, 1, at, actual=180.0, by="next"),
        phase("phase_start", 880.0, 2, at, by="next"),
        phase("phase_end", 940.0, 2, at, actual=60.0, by="completed"),
        _end(at, 940.0, "completed", late=580.0),
    ]
    fake_log(home, "20260307-1230-back", [*stopped, resumed, *carried])
    fake_log(home, "20260310-1230-real", _lines(AT + 7 * day, PLANNED))


def test_a_session_under_two_minutes_is_a_false_start_however_it_ended(home: Path) -> None:
    _short_sessions(home)
    listed = balint("log", "list")
    assert listed.exit_code == 0, listed.output
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert rows["20260303-1230-c003"].endswith(" false start"), "Ctrl-C after 3 seconds"
    assert rows["20260304-1230-c090"].endswith(" false start"), "Ctrl-C after 1½ minutes"
    assert rows["20260305-1230-skip"].endswith(" false start"), "skipped through: not on time"
    assert rows["20260306-1230-kill"].endswith(" false start"), "a crash a minute in"
    assert rows["20260307-1230-back"].endswith(" 10 min late"), "resumed and carried on"
    assert rows["20260310-1230-real"].endswith(" on time")
    flags = {s["id"]: s["false_start"] for s in json_of("log", "list", "--json")}
    assert sum(flags.values()) == 4, flags
    summary = json_of("log", "summary", "--json")
    assert (summary["sessions"], summary["completed"], summary["interrupted"]) == (2, 2, 0)
    assert json_of("log", "portfolio", "--json")["total"]["sessions"] == 2
    assert json_of("log", "summary", "--json", "--include-practice")["sessions"] == 6
    lines = balint("log", "export", "--csv", "-", "--per", "session").stdout.splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [
        "20260307-1230-back",
        "20260310-1230-real",
    ]


def test_a_session_skipped_through_in_minutes_says_how_early_it_ended(home: Path) -> None:
    """A 45-minute format skipped through with n in 2:10: a session, completed, but not "on
    time" to anyone reading the list; one ending 40 seconds early is."""
    given = (600.0, 2100.0, 300.0)
    skipped = _lines(AT, (50.0, 40.0, 40.0), given)[:-1]
    fake_log(home, "20260303-1230-skip", [*skipped, _end(AT, 130.0, "completed", late=-2570.0)])
    whole = _lines(AT + timedelta(days=1), (600.0, 2060.0, 300.0), given)[:-1]
    fake_log(home, "20260304-1230-near", [*whole, _end(AT, 2960.0, "completed", late=-40.0)])
    rows = {line.split()[0]: line for line in balint("log", "list").stdout.splitlines()}
    assert rows["20260303-1230-skip"].endswith(" 2 43 min early"), rows
    assert rows["20260304-1230-near"].endswith(" 49 on time"), rows
    shown = balint("log", "show", "20260303-1230-skip").stdout
    assert "completed, 43 min early" in " ".join(shown.split())
    summary = json_of("log", "summary", "--json")
    assert summary["on_time"]["sessions"] == 2, "early is not late: both count as on time"


def test_an_index_made_before_the_rule_is_made_anew(home: Path) -> None:
    """An index of the balint before (version 1), whose false starts were quit ones alone."""
    _short_sessions(home)
    assert json_of("log", "summary", "--json")["sessions"] == 2
    with contextlib.closing(sqlite3.connect(home / "index.db")) as db:
        db.execute("UPDATE sessions SET false_start = 0")
        db.execute("UPDATE phases SET false_start = 0")
        db.execute("UPDATE guard SET doubted = 0")  # as if balint had written it
        db.execute("PRAGMA user_version = 1")
        db.commit()
        forged = db.execute("SELECT count(*) FROM sessions WHERE false_start = 1").fetchone()
    assert forged == (0,), "the index holds no false start, as the balint before wrote it"
    assert json_of("log", "summary", "--json")["sessions"] == 2
    with contextlib.closing(sqlite3.connect(home / "index.db")) as db:
        made = db.execute("SELECT count(*) FROM sessions WHERE false_start = 1").fetchone()
    assert made == (4,), "made anew by today's rule"


# -- a session still running is said to be, and left out of the sums until it ends -----------------


@contextlib.contextmanager
def _running(*logs: Path) -> Iterator[None]:
    """The logs held as a running balint holds its own: by their writers, locked."""
    writers = [writing.LogWriter.reopen(log, pytest.fail) for log in logs]
    try:
        yield
    finally:
        for writer in writers:
            writer.close()


def _unfinished(home: Path) -> list[Path]:
    """Two sessions completed, one stopped with Ctrl-C and one killed ten minutes in, and two
    ten minutes in with no end yet; the last two are returned."""
    day = timedelta(days=1)
    fake_log(home, "20260303-1230-done", _lines(AT, PLANNED))
    fake_log(home, "20260304-1230-done", _lines(AT + day, PLANNED))
    fake_log(home, "20260305-1230-ctlc", _lines(AT + 2 * day, (120.0, 480.0), how="interrupted"))
    fake_log(home, "20260306-1230-kill", _lines(AT + 3 * day, (120.0, 480.0), how=None))
    return [
        fake_log(home, f"2026030{7 + n}-1230-live", _lines(AT + (4 + n) * day, (120.0, 480.0),
                 how=None))  # fmt: skip
        for n in range(2)
    ]


def test_a_running_session_is_listed_as_running_and_summed_once_it_ends(
    home: Path, tmp_path: Path
) -> None:
    live = _unfinished(home)
    with _running(*live):
        listed = balint("log", "list")
        assert listed.exit_code == 0, listed.output
        rows = {line.split()[0]: line for line in listed.stdout.splitlines()}
        assert rows["20260307-1230-live"].endswith(" running")
        assert rows["20260308-1230-live"].endswith(" running")
        assert rows["20260306-1230-kill"].endswith(" interrupted"), "killed: no lock held"
        statuses = {s["id"]: s["status"] for s in json_of("log", "list", "--json")}
        assert statuses["20260307-1230-live"] == "running"
        assert statuses["20260306-1230-kill"] == "interrupted"
        summary = json_of("log", "summary", "--json")
        assert (summary["sessions"], summary["interrupted"], summary["running"]) == (4, 2, 2)
        text = balint("log", "summary").stdout
        assert "2 completed, 0 ended early, 2 interrupted" in text
        assert "2 sessions still running are left out until they end." in text
        shown = balint("log", "show", "20260308-1230-live")
        assert "· still running" in shown.stdout
        assert "Still running: left out of reports until it ends." in shown.stdout
        bundle = tmp_path / "mine.zip"
        made = balint("log", "export", "--bundle", str(bundle))
        assert made.exit_code == 0, made.output
        assert made.stdout == f"Wrote {bundle} (4 session logs).\n"
        assert made.stderr == "Note: 2 sessions still running are left out until they end.\n"
        with zipfile.ZipFile(bundle) as archive:
            names = sorted(archive.namelist())
        assert names == [
            "logs/20260303-1230-done.jsonl",
            "logs/20260304-1230-done.jsonl",
            "logs/20260305-1230-ctlc.jsonl",
            "logs/20260306-1230-kill.jsonl",
        ]
    after = json_of("log", "summary", "--json")
    assert (after["sessions"], after["interrupted"], after["running"]) == (6, 4, 0)


def test_only_the_logs_without_an_end_have_their_lock_looked_at(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = _unfinished(home)
    looked: list[str] = []
    in_use = locks.in_use

    def spy(path: os.PathLike[str] | str) -> bool:
        looked.append(Path(path).name)
        return in_use(path)

    monkeypatch.setattr(locks, "in_use", spy)
    with _running(*live):
        assert json_of("log", "summary", "--json")["running"] == 2
    assert sorted(looked) == [
        "20260306-1230-kill.jsonl",
        "20260307-1230-live.jsonl",
        "20260308-1230-live.jsonl",
    ]


# -- led and co-led, named apart; pooled records said to be pooled ---------------------------------


def _led_and_co_led(home: Path) -> None:
    """Two sessions led and one co-led, six minutes each."""
    for n, role in enumerate(("lead", "co-lead", "lead")):
        at = AT + timedelta(days=7 * n)
        fake_log(home, f"{at:%Y%m%d-%H%M}-{n:04x}", _lines(at, PLANNED, role=role))


def test_sessions_led_and_co_led_are_counted_apart(home: Path) -> None:
    _led_and_co_led(home)
    text = balint("log", "summary").stdout
    assert text.startswith("Sessions led: 2 · co-led: 1 (3 in all)\n"), text
    assert "0.3 hours (0.2 units of 90 minutes): 0.2 led, 0.1 co-led" in text
    summary = json_of("log", "summary", "--json")
    assert (summary["sessions"], summary["led"], summary["co_led"]) == (3, 2, 1)
    minutes = (summary["minutes"], summary["minutes_led"], summary["minutes_co_led"])
    assert minutes == (18.0, 12.0, 6.0), "minutes_led is the minutes of the sessions led"
    assert summary["pooled_sources"] == 0
    folio = balint("log", "portfolio")
    assert folio.stdout.startswith("Your record as a leader\n")
    total = json_of("log", "portfolio", "--json")["total"]
    assert (total["sessions"], total["led"], total["co_led"]) == (3, 2, 1)


def test_a_pooled_report_says_whose_records_it_holds(home: Path, tmp_path: Path) -> None:
    _led_and_co_led(home)
    bundle = tmp_path / "alice.zip"
    assert balint("log", "export", "--bundle", str(bundle)).exit_code == 0
    other = tmp_path / "bob"
    at = AT + timedelta(days=30)
    fake_log(other, f"{at:%Y%m%d-%H%M}-b0b0", _lines(at, PLANNED, role="co-lead"))
    pooled = ("--from", str(bundle), "--from", str(other / "logs"))
    folio = balint("log", "portfolio", *pooled)
    assert folio.exit_code == 0, folio.output
    assert folio.stdout.startswith("The records of 2 sources pooled\n"), folio.stdout
    assert "Your record" not in folio.stdout
    assert json_of("log", "portfolio", "--json", *pooled)["pooled_sources"] == 2
    text = balint("log", "summary", *pooled).stdout
    head = "The records of 2 sources pooled\nSessions led: 2 · co-led: 2 (4 in all)\n"
    assert text.startswith(head), text
    summary = json_of("log", "summary", "--json", "--from", str(bundle))
    assert (summary["pooled_sources"], summary["led"], summary["co_led"]) == (1, 2, 1)
    alone = balint("log", "portfolio", "--from", str(bundle)).stdout
    assert alone.startswith("The records of 1 source given with --from\n"), alone


# -- exports from pooled records -------------------------------------------------------------------


def test_an_organiser_exports_pooled_records(home: Path, tmp_path: Path) -> None:
    _led_and_co_led(home)
    bundle = tmp_path / "alice.zip"
    assert balint("log", "export", "--bundle", str(bundle)).exit_code == 0
    other = tmp_path / "bob"
    at = AT + timedelta(days=30)
    fake_log(other, f"{at:%Y%m%d-%H%M}-b0b0", _lines(at, PLANNED, group="Nurses"))
    pooled = ("--from", str(bundle), "--from", str(other / "logs"))
    exported = balint("log", "export", "--csv", "-", "--per", "session", *pooled)
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [row["session"] for row in rows] == [
        "20260303-1230-0000",
        "20260310-1230-0001",
        "20260317-1230-0002",
        "20260402-1230-b0b0",
    ]
    phases = balint("log", "export", "--csv", "-", *pooled).stdout.splitlines()
    assert len(phases) == 1 + 4 * 3
    target = tmp_path / "pooled.db"
    made = balint("log", "export", "--sqlite", str(target), "--group", "nurses", *pooled)
    assert made.exit_code == 0, made.output
    assert made.stdout == f"Wrote {target} (1 session).\n"
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT id, group_label FROM sessions").fetchall() == [
            ("20260402-1230-b0b0", "Nurses")
        ]
    again = balint("log", "export", "--bundle", str(tmp_path / "all.zip"), *pooled)
    assert again.exit_code == 2
    assert again.stderr == (
        "Error: --bundle hands on your own logs alone, not those given with --from: send the "
        "bundles and folders themselves, or pool them into --csv or --sqlite.\n"
    )
    assert not (tmp_path / "all.zip").exists()


def test_a_session_records_setting_role_and_supervision(home: Path) -> None:
    first = first_line(home, "--online", "--role", "co-lead", "--supervised")
    assert (first["setting"], first["role"], first["supervised"]) == ("online", "co-lead", True)
    plain = first_line(home)
    assert (plain["setting"], plain["role"], plain["supervised"]) == ("in-person", "lead", False)
    bad = balint("run", "--role", "chair", "--speed", "100000")
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --role must be lead or co-lead, not 'chair'.\n"


def test_the_latest_attendance_is_what_reports_count(home: Path) -> None:
    lines = complete(MARCH, attendees=4, members=10)
    lines.insert(3, {"event": "attendance", "t": 200, "at": MARCH.isoformat(), "attendees": 8,
                     "members": 10})  # fmt: skip
    fake_log(home, "20260303-1230-aaaa", lines)
    listed = json.loads(balint("log", "list", "--json").stdout)
    assert (listed[0]["attendees"], listed[0]["members"]) == (8, 10)


def test_practice_runs_are_kept_out_unless_asked_for(home: Path) -> None:
    fake_log(home, "20260303-1230-real", complete(MARCH, speed=1.0))
    practice = first_line(home)  # at 100000 times real time
    assert practice["practice"] is True
    for command in (["log", "list", "--json"], ["log", "summary", "--json"]):
        shown = json.loads(balint(*command).stdout)
        count = len(shown) if isinstance(shown, list) else shown["sessions"]
        assert count == 1, command
        everything = json.loads(balint(*command, "--include-practice").stdout)
        count = len(everything) if isinstance(everything, list) else everything["sessions"]
        assert count == 2, command
    rows = balint("log", "export", "--csv", "-", "--per", "session").stdout.splitlines()
    assert len(rows) == 2
    listed = balint("log", "list", "--include-practice").stdout
    assert "(practice)" in listed
    assert json.loads(balint("log", "portfolio", "--json").stdout)["total"]["sessions"] == 1


def test_a_session_quit_in_its_first_two_minutes_is_a_false_start(home: Path) -> None:
    lines = complete(MARCH)[:2]
    lines.append({"event": "session_end", "t": 40, "at": MARCH.isoformat(), "how": "quit",
                  "seconds": 40.0, "paused": 0.0, "late": 0.0})  # fmt: skip
    fake_log(home, "20260303-1230-oops", lines)
    fake_log(home, "20260304-1230-real", complete(MARCH + timedelta(days=1)))
    listed = balint("log", "list")
    assert re.search(r"20260303-1230-oops .* false start$", listed.stdout, re.MULTILINE)
    assert json.loads(balint("log", "summary", "--json").stdout)["sessions"] == 1
    assert json.loads(balint("log", "show", "last", "--json").stdout)["id"] == (
        "20260304-1230-real"
    )
    (home / "logs" / "20260304-1230-real.jsonl").unlink()
    only = balint("log", "show", "last")
    assert only.exit_code == 2
    assert only.stderr == (
        "Error: There are only practice runs and false starts so far; "
        "--include-practice shows them.\n"
    )


def test_last_is_a_session_being_led_now_however_short_it_is_so_far(home: Path) -> None:
    """A minute into a session, `log show last` in another terminal shows it, and `log delete
    last` refuses it as running, rather than passing it over as a false start for the session
    before."""
    fake_log(home, "20260303-1230-done", _lines(AT, PLANNED))
    live = fake_log(home, "20260310-1230-live", _lines(AT + timedelta(days=7), (60.0,), how=None))
    with _running(live):
        shown = balint("log", "show", "last")
        assert shown.exit_code == 0, shown.output
        assert shown.stdout.startswith("20260310-1230-live "), shown.stdout
        assert shown.stderr == ""
        deleted = balint("log", "delete", "last", "--yes")
        assert deleted.exit_code != 0, deleted.output
        assert "still running" in deleted.stderr
    assert (home / "logs" / "20260303-1230-done.jsonl").exists(), "the session before is kept"
    after = balint("log", "show", "last")
    assert after.stdout.startswith("20260303-1230-done "), "stopped a minute in: a false start"
