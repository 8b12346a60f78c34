"""Session logs: written as things happen, private, tolerant of damage and hostile names,
never written through a link, and listed and shown."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from support.helpers import SHORT_FORMAT, balint, fifo, no_crash, write
from support.logfixtures import (
    AT,
    DAMAGED_LOGS,
    LOG_COMMANDS,
    complete,
    fake_log,
    log_files,
    log_lines,
    phase,
    session,
    start_line,
    three_sessions,
)

from balint_cli.logbook import reading

# -- writing -----------------------------------------------------------------------------------


def test_every_event_of_a_session_is_in_its_log(home: Path, tmp_path: Path) -> None:
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    log = session(home, str(fmt), "--group", "Tuesday GPs", "--attendees", "8")
    lines = log_lines(log)
    kinds = [line["event"] for line in lines]
    assert kinds[0] == "session_start"
    assert kinds[-1] == "session_end"
    assert kinds.count("phase_start") == kinds.count("phase_end") == 3
    start = lines[0]
    assert start["group"] == "Tuesday GPs"
    assert start["attendees"] == 8
    assert start["format_title"] == "Short test group"
    assert start["format_hash"].startswith("sha256:")
    assert [p["planned"] for p in start["phases"]] == [120, 180, 60]
    assert datetime.fromisoformat(start["at"]).tzinfo is not None, "start time with time zone"
    assert start["speed"] == 100000
    ends = [line for line in lines if line["event"] == "phase_end"]
    assert [(e["planned"], e["actual"]) for e in ends] == [(120, 120), (180, 180), (60, 60)]
    assert lines[-1]["how"] == "completed"


def test_logs_hold_timings_and_counts_never_words_from_the_session(
    home: Path, tmp_path: Path
) -> None:
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    raw = session(home, str(fmt), "--attendees", "6").read_text()
    for words in (
        "Tell us the facts.",
        "What is it like",
        "The heart of it.",
        "What is said here stays here.",
    ):
        assert words not in raw, "no prompts, purposes or ground rules in a log"
    assert str(tmp_path) not in raw, "no full paths (they name their owner)"
    allowed = {
        "event",
        "t",
        "at",
        "v",
        "id",
        "balint",
        "format",
        "format_source",
        "format_title",
        "format_hash",
        "phases",
        "target",
        "end_at",
        "auto",
        "speed",
        "group",
        "attendees",
        "index",
        "phase",
        "planned",
        "allotted",
        "actual",
        "by",
        "how",
        "seconds",
        "paused",
        "late",
        "minutes",
        "down",
        "cases",
        "format_cases",
        "members",
        "setting",
        "role",
        "supervised",
        "practice",
    }
    for line in log_lines(log_files(home)[0]):
        assert set(line) <= allowed, set(line) - allowed


def test_logs_are_readable_by_their_owner_only(home: Path) -> None:
    log = session(home)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o700
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_a_logs_folder_the_user_made_keeps_its_mode(home: Path) -> None:
    (home / "logs").mkdir(parents=True, mode=0o750)
    (home / "logs").chmod(0o750)
    log = session(home)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600, "the log itself is private"
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o750, "balint chmods only its own"


def test_the_first_run_says_where_logs_go(home: Path) -> None:
    first = balint("run", "--speed", "100000")
    assert (
        f"Session logs (timings and counts only, readable by you alone) go to {home / 'logs'}"
        in first.stderr
    )
    assert "--no-log" in first.stderr
    assert "Session logs" not in balint("run", "--speed", "100000").stderr


@pytest.mark.parametrize("how", ["--no-log", "config"])
def test_logging_can_be_turned_off(home: Path, how: str) -> None:
    args = ["--no-log"] if how == "--no-log" else []
    if how == "config":
        write(home / "config.toml", "log = false\n")
    result = balint("run", "--speed", "100000", *args)
    assert result.exit_code == 0, result.output
    assert not (home / "logs").exists()


def test_a_log_folder_that_is_a_file_does_not_stop_the_session(home: Path) -> None:
    write(home / "logs", "not a folder")
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith("Session completed after 45 min, on time")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    assert "The session log cannot be written" in warnings[0]
    assert "the session goes on" in warnings[0]


@pytest.mark.parametrize(
    ("call", "code"),
    [("open", errno.EROFS), ("open", errno.EACCES), ("write", errno.ENOSPC), ("fsync", errno.EIO)],
)
def test_a_read_only_or_full_disk_does_not_stop_the_session(
    monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    real = getattr(os, call)
    calls = {"n": 0}

    def failing(*args: Any, **kw: Any) -> Any:
        target = args[0]
        if call == "open" and not str(target).endswith(".jsonl"):
            return real(*args, **kw)
        calls["n"] += 1
        if call != "open" and calls["n"] < 4:  # the disk fills up mid-session
            return real(*args, **kw)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, failing)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "Session completed after 45 min" in result.stdout
    assert result.stderr.count("Warning: The session log cannot be written") == 1
    assert os.strerror(code) in result.stderr
    if call == "open":
        assert "Session logs" not in result.stderr, "no word of where logs go when they can't"


# -- reading -----------------------------------------------------------------------------------


def test_a_torn_last_line_is_tolerated_and_the_session_listed_as_interrupted(home: Path) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    lines = complete(at)[:4]
    fake_log(home, "20261120-1230-aaaa", lines, torn='{"event": "phase_end", "t": 3')
    log = reading.read_log(home / "logs" / "20261120-1230-aaaa.jsonl")
    assert log.torn
    assert log.status == "interrupted"
    assert log.resumable
    listed = json.loads(balint("log", "list", "--json").stdout)
    assert [(s["id"], s["status"]) for s in listed] == [("20261120-1230-aaaa", "interrupted")]


def test_damaged_and_foreign_files_are_skipped_with_a_note(home: Path) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    fake_log(home, "20261120-1230-good", complete(at))
    write(home / "logs" / "notes.jsonl", "shopping list\n")
    write(home / "logs" / "binary.jsonl", b"\x00\xff\xfe garbage")
    write(home / "logs" / "empty.jsonl", "")
    write(home / "logs" / "other.jsonl", '{"event": "phase_start", "t": 0}\n')
    mid = [json.dumps(line) for line in complete(at + timedelta(days=1))]
    mid.insert(3, "{broken")
    write(home / "logs" / "20261121-1230-midd.jsonl", "\n".join(mid) + "\n")
    write(home / "logs" / "README.txt", "not a log at all, ignored")
    for command in (["log", "list"], ["log", "summary"], ["log", "export", "--csv", "-"]):
        result = balint(*command)
        assert result.exit_code == 0, result.output
        notes = result.stderr.splitlines()
        assert "Note: Skipped notes.jsonl: it is not a balint session log." in notes
        assert "Note: Skipped binary.jsonl: it is not a balint session log." in notes
        assert "Note: Skipped empty.jsonl: it is not a balint session log." in notes
        assert "Note: Skipped other.jsonl: it is not a balint session log." in notes
        assert "Note: 20261121-1230-midd.jsonl: 1 damaged line(s) skipped." in notes
    listed = json.loads(balint("log", "list", "--json").stdout)
    assert [s["id"] for s in listed] == ["20261120-1230-good", "20261121-1230-midd"]


def test_show_by_id_notes_the_damaged_lines_it_skipped_as_list_does(home: Path) -> None:
    lines = [json.dumps(line) for line in complete(datetime(2026, 11, 21, 12, 30, tzinfo=UTC))]
    lines.insert(3, "{broken")
    write(home / "logs" / "20261121-1230-midd.jsonl", "\n".join(lines) + "\n")
    for ref in ("20261121-1230-midd", "20261121", "last"):
        result = balint("log", "show", ref)
        assert result.exit_code == 0, result.output
        notes = result.stderr.splitlines()
        assert notes == ["Note: 20261121-1230-midd.jsonl: 1 damaged line(s) skipped."], ref


def _strict_json(text: str) -> Any:
    def refuse(word: str) -> None:
        raise AssertionError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refuse)


# (what is wrong, a change to the text of a good log, whether the file is skipped whole)
DAMAGE = [
    ("a start time without a zone", ("+00:00", ""), True),
    ("a length that is text", ('"seconds": 360.0', '"seconds": "abc"'), True),
    ("a length beyond any float", ('"seconds": 360.0', '"seconds": 1e400'), True),
    ("a length beyond any integer", ('"seconds": 360.0', '"seconds": ' + "9" * 400), True),
    ("a planned time that is text", ('"planned": 120.0', '"planned": "x"'), True),
    ("a speed of zero", ('"speed": 1.0', '"speed": 0'), True),
    ("an infinite phase time", ('"actual": 120.0', '"actual": Infinity'), False),
    ("a NaN in the end", ('"seconds": 360.0', '"seconds": NaN'), False),
]


@pytest.mark.parametrize(("change", "whole"), [d[1:] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_a_damaged_log_never_stops_a_report(
    home: Path, change: tuple[str, str], whole: bool
) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    fake_log(home, "20261120-1230-good", complete(at, attendees=5))
    bad = fake_log(home, "20261121-1230-oops", complete(at + timedelta(days=1)))
    text = bad.read_text()
    assert change[0] in text
    bad.write_text(text.replace(change[0], change[1]))
    note = (
        "Note: Skipped 20261121-1230-oops.jsonl: it is damaged"
        if whole
        else "Note: 20261121-1230-oops.jsonl: 1 damaged line(s) skipped."
    )
    for command in (
        ["log", "list"],
        ["log", "summary"],
        ["log", "show", "last"],
        ["log", "export", "--csv", "-"],
    ):
        result = balint(*command)
        assert result.exit_code == 0, result.output
        assert any(line.startswith(note) for line in result.stderr.splitlines()), result.stderr
    shown = balint("log", "show", "20261120")  # only the log asked for is read
    assert shown.exit_code == 0, shown.output
    assert shown.stderr == "", shown.output
    asked = balint("log", "show", "20261121")
    if whole:
        assert asked.exit_code == 1
        assert asked.stderr.startswith("Error: The session log 20261121-1230-oops is damaged")
        assert len(asked.stderr.splitlines()) == 1
    else:
        assert asked.exit_code == 0, asked.output
    for command in (["log", "list", "--json"], ["log", "summary", "--json"]):
        result = balint(*command)
        assert result.exit_code == 0, result.output
        _strict_json(result.stdout)
    listed = [s["id"] for s in _strict_json(balint("log", "list", "--json").stdout)]
    assert listed == ["20261120-1230-good"] + ([] if whole else ["20261121-1230-oops"])


# -- the commands ------------------------------------------------------------------------------


def test_log_list_shows_date_format_group_attendance_length_and_status(home: Path) -> None:
    three_sessions(home)
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    assert rows[0] == [
        "20261006-1230-aaaa",
        "2026-10-06",
        "12:30",
        "short",
        "Tuesday",
        "GPs",
        "6",
        "6",
        "on",
        "time",
    ]
    assert rows[1][-3:] == ["4", "min", "late"]
    listed = json.loads(balint("log", "list", "--json").stdout)
    assert listed[2] == {
        "id": "20261103-1800-cccc",
        "started": "2026-11-03T18:00:00+00:00",
        "format": "short",
        "format_title": "Short test group",
        "group": "Registrars",
        "attendees": 10,
        "minutes": 6.0,
        "status": "completed",
        "on_time": True,
        "cases": 1,
        "members": None,
        "setting": "in-person",
        "role": "lead",
        "supervised": False,
        "practice": False,
        "false_start": False,
    }


def test_log_list_keeps_every_fact_whole_at_80_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    label = "Thursday evening registrars, second year"  # as long as a label may be
    fake_log(home, "20261120-1230-aaaa", complete(at, over=300, group=label, attendees=12))
    monkeypatch.setenv("COLUMNS", "80")
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    assert lines[0].split() == ["id", "started", "format", "group", "came", "min", "ended"]
    assert lines[1].split()[:4] == ["20261120-1230-aaaa", "2026-11-20", "12:30", "short"]
    assert lines[1].split()[-5:] == ["12", "11", "5", "min", "late"]
    left, right = lines[0].index("group"), lines[0].index("came")
    assert " ".join(line[left:right] for line in lines[1:]).split() == label.split()


def test_log_show_never_passes_escape_codes_through(home: Path) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    lines = complete(at, format="\x1b[31mred\x07", format_title="\x1b]0;title\x07T")
    fake_log(home, "20261120-1230-aaaa", lines)
    for command in (["log", "show", "last"], ["log", "list"], ["log", "export", "--csv", "-"]):
        result = balint(*command)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout
        assert "\x07" not in result.stdout


def test_log_show_compares_planned_and_actual(home: Path) -> None:
    three_sessions(home)
    result = balint("log", "show", "20261013")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Short test group" in out
    assert "Tuesday GPs" in out
    assert "8 attending" in out
    discussion = next(line for line in out.splitlines() if "Group discussion" in line).split()
    assert discussion[-4:] == ["3:00", "3:00", "7:00", "+4:00"]
    data = json.loads(balint("log", "show", "20261013-1230-bbbb", "--json").stdout)
    assert data["phases"][1] == {
        "index": 1,
        "id": "discussion",
        "title": "Group discussion",
        "case": 1,
        "planned_minutes": 3.0,
        "allotted_minutes": 3.0,
        "actual_minutes": 7.0,
        "over_minutes": 4.0,
        "visits": 1,
    }
    assert data["late_minutes"] == 4.0
    assert data["status"] == "completed"
    assert json.loads(balint("log", "show", "last", "--json").stdout)["id"] == "20261103-1800-cccc"


def test_log_show_keeps_its_columns_for_any_script_and_width(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    lines = complete(at, format_title="A title " * 20)
    lines[0]["phases"][0]["title"] = "病例事实"  # two cells a character
    lines[0]["phases"][1]["title"] = "Cafe\u0301 questions"  # an accent takes none
    fake_log(home, "20261120-1230-aaaa", lines)
    for width in (100, 40, 30):
        monkeypatch.setenv("COLUMNS", str(width))
        out = balint("log", "show", "last").stdout.splitlines()
        rows = [line for line in out if line[:1] in "123"]
        ends = {cell_len(line.split(" 1 ")[0]) for line in rows if " 1 " in line}
        assert len(ends) == 1, f"the case column lines up at {width}: {rows}"
        first = next(i for i, line in enumerate(out) if line.startswith("# phase"))
        assert all(cell_len(line) <= width for line in out[:first]), "the facts wrap"
        assert all(cell_len(line) <= cell_len(out[first]) for line in out[first:]), out
        assert "questions" in " ".join(out).split()
        assert "Café" not in out
    assert any(line.startswith("3 Closing") for line in out)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("2026", "Error: '2026' matches 3 session logs; give more of the id.\n"),
        ("1999", "Error: There is no session log '1999'; `balint log list` shows them.\n"),
    ],
)
def test_log_show_names_what_it_could_not_find(home: Path, ref: str, message: str) -> None:
    three_sessions(home)
    result = balint("log", "show", ref)
    assert result.exit_code == 2
    assert result.stderr == message


# -- resuming ----------------------------------------------------------------------------------


# (what is wrong, the field changed in the line changed)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", ""], "--group must be a short label of 1 to 40 characters"),
        (["--group", "x" * 41], "--group must be a short label of 1 to 40 characters"),
        (["--group", "a\x1bb"], "--group must not contain control characters (found U+001B)."),
        (["--group", "Tues\tday"], "--group must not contain control characters (found U+0009)."),
        (["--attendees", "-1"], "--attendees must be a count from 0 to 99."),
        (["--attendees", "100"], "--attendees must be a count from 0 to 99."),
    ],
)
def test_labels_and_counts_are_checked(args: list[str], message: str) -> None:
    result = balint("run", "--speed", "100000", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_every_command_agrees_which_log_is_last_whatever_the_names(home: Path) -> None:
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    fake_log(home, "20261120-1230-aaaa", complete(at))
    fake_log(home, "20991231-2359-ffff\n", complete(at + timedelta(days=1)))  # not an id
    listed = json.loads(balint("log", "list", "--json").stdout)
    shown = json.loads(balint("log", "show", "last", "--json").stdout)
    assert shown["id"] == listed[-1]["id"] == "20261120-1230-aaaa"




@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("damage", DAMAGED_LOGS, ids=list(DAMAGED_LOGS))
def test_a_log_with_numbers_or_nesting_no_report_can_use_is_skipped(
    home: Path, damage: str
) -> None:
    fake_log(home, "20261120-1230-good", complete(AT, attendees=5))
    write(home / "logs" / "20261121-1230-oops.jsonl", DAMAGED_LOGS[damage]())
    # A second one, so that sums over two huge numbers are tried too.
    write(home / "logs" / "20261122-1230-oops.jsonl", DAMAGED_LOGS[damage]())
    for command in LOG_COMMANDS:
        result = balint(*command)
        no_crash(result)
        assert result.exit_code == 0, (command, result.output)
        assert "Note: Skipped 20261122-1230-oops.jsonl" in result.stderr, (command, result.stderr)
        if "--json" in command:
            _strict_json(result.stdout)
    listed = _strict_json(balint("log", "list", "--json").stdout)
    assert [s["id"] for s in listed] == ["20261120-1230-good"]


@pytest.mark.usefixtures("no_hang")
def test_a_logs_folder_that_is_a_link_is_not_written_through(home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    home.mkdir()
    (home / "logs").symlink_to(shared)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "The session log cannot be written" in result.stderr
    assert "is a link, which balint does not follow" in result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777, "its mode untouched"
    assert list(shared.iterdir()) == [], "nothing written there"


@pytest.mark.usefixtures("no_hang")
def test_a_link_planted_at_the_next_log_path_is_never_followed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = iter(["aaaa", "bbbb", "cccc"])
    monkeypatch.setattr("balint_cli.logbook.writing.secrets.token_hex", lambda _n: next(tokens))
    now = datetime.now().astimezone()
    target = write(tmp_path / "someone-elses.txt", "theirs\n")
    target.chmod(0o644)
    (home / "logs").mkdir(parents=True)
    for minute in (now, now + timedelta(minutes=1)):  # whichever minute the session starts in
        link = home / "logs" / f"{minute:%Y%m%d-%H%M}-aaaa.jsonl"
        link.symlink_to(target)
    result = balint("run", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert target.read_text() == "theirs\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    made = [p for p in log_files(home) if not p.is_symlink()]
    assert len(made) == 1, "a new id instead"
    assert made[0].name.endswith("-bbbb.jsonl"), "a new id instead"
    assert log_lines(made[0])[-1]["how"] == "completed"


@pytest.mark.usefixtures("no_hang")
def test_special_and_huge_files_in_logs_are_skipped_with_a_note(home: Path) -> None:
    fake_log(home, "20261120-1230-good", complete(AT))
    fifo(home / "logs" / "20261121-1230-fifo.jsonl")
    (home / "logs" / "20261122-1230-zero.jsonl").symlink_to("/dev/zero")
    (home / "logs" / "20261123-1230-dir.jsonl").mkdir()
    with open(home / "logs" / "20261124-1230-huge.jsonl", "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB that take no room
    for command in LOG_COMMANDS:
        result = balint(*command)
        no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    notes = balint("log", "list").stderr
    assert "Skipped 20261121-1230-fifo.jsonl: it is a pipe, not a session log." in notes
    assert "Skipped 20261122-1230-zero.jsonl: it is a device, not a session log." in notes
    assert "Skipped 20261123-1230-dir.jsonl: it is a folder, not a session log." in notes
    assert "Skipped 20261124-1230-huge.jsonl: it is over 4 MB" in notes


@pytest.mark.usefixtures("no_hang")
def test_after_a_torn_line_the_next_event_starts_a_line_of_its_own(home: Path) -> None:
    now = datetime.now(UTC)
    at = now - timedelta(seconds=30)
    lines = [start_line(at, speed=100000, auto=False), phase("phase_start", 0, 0, at, by="start")]
    log = fake_log(home, "20261123-1200-torn", lines, torn='{"event": "pause", "t": 2')
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    text = log.read_text()
    assert '{"event": "pause", "t": 2\n' in text, "the fragment kept, and ended"
    after = text.split('"t": 2\n', 1)[1]
    assert all(json.loads(line) for line in after.splitlines()), "every later line whole"
    listed = balint("log", "list", "--json", "--include-practice")
    assert listed.stderr == "", "the mended tear is not reported as damage"
    assert json.loads(listed.stdout)[0]["status"] == "completed"


@pytest.mark.usefixtures("no_hang")
def test_a_log_whose_own_name_is_not_utf8_is_skipped(home: Path) -> None:
    fake_log(home, "20261120-1230-good", complete(AT))
    body = "".join(json.dumps(line) + "\n" for line in complete(AT + timedelta(days=1)))
    with open(os.fsencode(home / "logs") + b"/caf\xe9.jsonl", "w", encoding="utf-8") as handle:
        handle.write(body)
    for command in LOG_COMMANDS:
        result = balint(*command)
        no_crash(result)
        assert result.exit_code == 0, (command, result.output)
    exported = balint("log", "export", "--csv", "-")
    assert "Skipped caf\ufffd.jsonl: it has a name that is not UTF-8 text" in exported.stderr


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("name", ["[blink]x", "[link=https:example.invalid]click", "[bold red]b"])
def test_a_log_file_name_is_shown_as_it_is(home: Path, name: str) -> None:
    fake_log(home, name, complete(AT))
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    assert name in result.stdout.replace("\n", ""), result.stdout


@pytest.mark.usefixtures("no_hang")
def test_a_log_file_name_never_runs_as_a_formula(home: Path) -> None:
    fake_log(home, "=HYPERLINK(1)", complete(AT))
    rows = balint("log", "export", "--csv", "-").stdout.splitlines()
    assert rows[1].startswith("'=HYPERLINK(1),")


@pytest.mark.usefixtures("no_hang")
def test_a_relative_format_path_is_logged_by_its_file_name_only(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "home" / "alice" / "private" / "group.toml", SHORT_FORMAT)
    monkeypatch.chdir(tmp_path)
    result = balint("run", "home/alice/private/group.toml", "--speed", "100000")
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    assert "alice" not in log.read_text()
    assert "private" not in log.read_text()
    assert log_lines(log)[0]["format"] == "group.toml"
