"""The records organisers and leaders are asked for: groups with defaults, what a session
records, practice and false starts kept out, corrections, and the reports."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support.helpers import balint, write
from support.logfixtures import MARCH, complete, fake_log, log_files, log_lines, programme


def _session(home: Path, *args: str) -> dict[str, Any]:
    """Run a real session (in real time's place, the fastest clock) and its first log line."""
    before = set(log_files(home))
    result = balint("run", "--speed", "100000", *args)
    assert result.exit_code == 0, result.output
    (log,) = set(log_files(home)) - before
    first: dict[str, Any] = log_lines(log)[0]
    return first


# -- groups -------------------------------------------------------------------------------------


def test_groups_are_added_listed_edited_and_removed(home: Path) -> None:
    added = balint(
        "groups", "add", "Tuesday GPs", "--members", "10", "--format", "90min",
        "--end-at", "13:15", "--online", "--role", "co-lead",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout == "Added Tuesday GPs: 10 members, 90min, ends 13:15, online, co-lead.\n"
    assert balint("groups", "add", "Registrars").exit_code == 0
    listed = json.loads(balint("groups", "list", "--json").stdout)
    assert listed == [
        {
            "name": "Tuesday GPs",
            "members": 10,
            "format": "90min",
            "end_at": "13:15",
            "setting": "online",
            "role": "co-lead",
        },
        {
            "name": "Registrars",
            "members": None,
            "format": None,
            "end_at": None,
            "setting": None,
            "role": None,
        },
    ]
    edited = balint("groups", "edit", "tuesday gps", "--members", "12", "--in-person")
    assert edited.exit_code == 0, edited.output
    text = (home / "groups.toml").read_text()
    assert '["Tuesday GPs"]\nmembers = 12' in text
    assert 'setting = "in-person"' in text
    assert stat.S_IMODE((home / "groups.toml").stat().st_mode) == 0o600
    assert balint("groups", "remove", "Registrars").exit_code == 0
    assert [g["name"] for g in json.loads(balint("groups", "list", "--json").stdout)] == [
        "Tuesday GPs"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["groups", "add", "X", "--members", "0"], "--members must be a count from 1 to 99."),
        (["groups", "add", "X", "--end-at", "25:00"], "--end-at: '25:00' is not a clock time"),
        (["groups", "add", "X", "--role", "boss"], "--role must be lead or co-lead, not 'boss'."),
        (["groups", "add", "X", "--format", "nope"], "There is no format named 'nope'"),
        (["groups", "add", "X" * 41], "A group's name must be a short label of 1 to 40"),
        (["groups", "edit", "Nobody", "--members", "3"], "There is no group 'Nobody'"),
        (["groups", "remove", "Nobody"], "There is no group 'Nobody'"),
        (["groups", "edit", "T"], "Say what to change"),
        (["groups", "add", "t"], "There is a group 'T' already"),
    ],
)
def test_a_bad_groups_command_is_one_sentence(home: Path, args: list[str], message: str) -> None:
    assert balint("groups", "add", "T").exit_code == 0
    result = balint(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {message}"), result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('["Tuesday GPs"]\nmembers = 0\n', 'group "Tuesday GPs": members must be at least 1.'),
        ('["Tuesday GPs"]\nmembers = -3\n', 'group "Tuesday GPs": members must be at least 1.'),
        (
            '["Tuesday GPs"]\nmembers = "ten"\n',
            'group "Tuesday GPs": members must be a whole number.',
        ),
        ('["A"]\nsetting = "zoom"\n', 'group "A": setting must be "in-person" or "online".'),
        ('["A"]\nend_at = "1pm"\n', 'group "A": end_at must be a clock time such as 13:15.'),
        ('["A"]\ncolour = 1\n', 'group "A": colour is not a field balint knows.'),
        ("A = 3\n", 'group "A" must be a table, like ["A"] with members = 10.'),
        ("[x\n", "line 1: the table header needs its closing ]: [x]."),
    ],
)
def test_a_hand_edited_groups_file_is_read_and_a_bad_one_named(
    home: Path, content: str, problem: str
) -> None:
    path = write(home / "groups.toml", content)
    for command in (["groups", "list"], ["run", "--group", "A", "--speed", "100000"]):
        result = balint(*command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {path}: {problem}"), result.stderr


def test_run_takes_the_groups_defaults_and_the_command_line_wins(home: Path) -> None:
    assert balint(
        "groups", "add", "Tuesday GPs", "--members", "9", "--format", "90min", "--online",
        "--role", "co-lead",
    ).exit_code == 0  # fmt: skip
    first = _session(home, "--group", "tuesday gps", "--attendees", "7")
    assert first["group"] == "Tuesday GPs", "the group's own spelling"
    assert first["format"] == "90min"
    assert first["members"] == 9
    assert first["attendees"] == 7
    assert (first["setting"], first["role"], first["supervised"]) == ("online", "co-lead", False)
    second = _session(home, "45min", "--group", "Tuesday GPs", "--in-person", "--role", "lead")
    assert second["format"] == "45min"
    assert second["setting"] == "in-person"
    assert second["role"] == "lead"
    assert second["members"] == 9
    write(home / "config.toml", 'default_group = "Tuesday GPs"\n')
    assert _session(home)["group"] == "Tuesday GPs"


def test_an_unknown_group_is_a_plain_label_and_says_so(home: Path) -> None:
    result = balint("run", "--speed", "100000", "--group", "Thursday")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Note: 'Thursday' is not in groups.toml: it labels the session, with no defaults"
    )
    (log,) = log_files(home)
    assert log_lines(log)[0]["group"] == "Thursday"
    assert log_lines(log)[0]["members"] is None


def test_a_group_defaults_end_at_keeps_the_session_to_it(home: Path) -> None:
    end = (datetime.now() + timedelta(minutes=50)).strftime("%H:%M")
    assert balint("groups", "add", "Late", "--end-at", end).exit_code == 0
    first = _session(home, "--group", "Late")
    assert first["end_at"] == end


def test_a_group_defaults_end_at_is_named_as_the_groups_when_it_squeezes(home: Path) -> None:
    soon = (datetime.now() + timedelta(minutes=30)).strftime("%H:%M")
    assert balint("groups", "add", "Late", "--end-at", soon).exit_code == 0
    squeezed = balint("run", "--speed", "100000", "--group", "Late")
    assert squeezed.exit_code == 0, squeezed.output
    assert f"The group's end at {soon} squeezes Group discussion" in squeezed.output


def test_more_attendees_than_members_is_allowed_with_a_note(home: Path) -> None:
    assert balint("groups", "add", "Small", "--members", "5").exit_code == 0
    result = balint("run", "--speed", "100000", "--group", "Small", "--attendees", "7")
    assert result.exit_code == 0
    assert "Note: 7 here, more than the 5 enrolled: guests, perhaps." in result.stderr


# -- what a session records ---------------------------------------------------------------------


def test_a_session_records_setting_role_and_supervision(home: Path) -> None:
    first = _session(home, "--online", "--role", "co-lead", "--supervised")
    assert (first["setting"], first["role"], first["supervised"]) == ("online", "co-lead", True)
    plain = _session(home)
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
    practice = _session(home)  # at 100000 times real time
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


# -- corrections after the fact -----------------------------------------------------------------


def test_edit_appends_a_correction_and_rewrites_nothing(home: Path) -> None:
    path = fake_log(home, "20260303-1230-aaaa", complete(MARCH, attendees=4, members=10))
    before = path.read_bytes()
    result = balint(
        "log", "edit", "20260303", "--attendees", "6", "--group", "Registrars", "--online",
        "--role", "co-lead", "--supervised",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(before), "appended, never rewritten"
    last = log_lines(path)[-1]
    assert last["event"] == "edit"
    assert last["attendees"] == 6
    assert last["group"] == "Registrars"
    shown = json.loads(balint("log", "show", "last", "--json").stdout)
    assert (shown["attendees"], shown["group"], shown["setting"]) == (6, "Registrars", "online")
    assert (shown["role"], shown["supervised"], shown["edits"]) == ("co-lead", True, 1)
    assert balint("log", "edit", "last", "--not-supervised").exit_code == 0
    assert json.loads(balint("log", "show", "last", "--json").stdout)["supervised"] is False
    many = balint("log", "edit", "last", "--attendees", "12")
    assert "Note: 12 came, more than the 10 enrolled" in many.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Say what to correct:"),
        (["--attendees", "-1"], "--attendees must be a count from 0 to 99."),
        (["--role", "boss"], "--role must be lead or co-lead, not 'boss'."),
        (["--group", " "], "--group must be a short label"),
    ],
)
def test_a_bad_edit_is_one_sentence(home: Path, args: list[str], message: str) -> None:
    path = fake_log(home, "20260303-1230-aaaa", complete(MARCH))
    before = path.read_bytes()
    result = balint("log", "edit", "last", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert path.read_bytes() == before


def test_an_unknown_log_id_is_one_sentence(home: Path) -> None:
    fake_log(home, "20260303-1230-aaaa", complete(MARCH))
    for command in (["log", "edit", "2027", "--attendees", "3"], ["log", "delete", "2027"]):
        result = balint(*command)
        assert result.exit_code == 2
        assert (
            result.stderr
            == "Error: There is no session log '2027'; `balint log list` shows them.\n"
        )


def test_a_log_edited_by_hand_into_nonsense_is_skipped_with_a_note(home: Path) -> None:
    lines = complete(MARCH)
    lines.append({"event": "edit", "t": 360, "at": MARCH.isoformat(), "attendees": "many"})
    fake_log(home, "20260303-1230-aaaa", lines)
    result = balint("log", "list")
    assert result.exit_code == 0
    assert "Note: Skipped 20260303-1230-aaaa.jsonl: it is damaged (attendees is not a whole" in (
        result.stderr
    )


def test_delete_asks_first(home: Path) -> None:
    path = fake_log(home, "20260303-1230-aaaa", complete(MARCH))
    kept = balint("log", "delete", "last", input="n\n")
    assert kept.exit_code == 0
    assert path.exists()
    assert kept.stdout.endswith("Kept.\n")
    deleted = balint("log", "delete", "last", input="y\n")
    assert deleted.exit_code == 0
    assert not path.exists()
    fake_log(home, "20260303-1230-bbbb", complete(MARCH))
    assert balint("log", "delete", "20260303-1230-bbbb", "--yes").exit_code == 0
    assert log_files(home) == []


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


class _Figures(HTMLParser):
    """The numbers a report page carries on its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.rates: dict[tuple[str, str], float] = {}
        self.on_time: dict[str, float] = {}
        self.facts: dict[str, str] = {}
        self.fetches: list[str] = []
        self._fact = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.fetches.append(tag)
        if "data-rate" in a:
            self.rates[(a["data-group"] or "", a["data-month"] or "")] = float(a["data-rate"] or 0)
        if "data-on-time" in a:
            self.on_time[a["data-month"] or ""] = float(a["data-on-time"] or 0)
        if "data-fact" in a:
            self._fact = a["data-fact"] or ""

    def handle_data(self, data: str) -> None:
        if self._fact and data.strip():
            self.facts[self._fact] = data.strip()
            self._fact = ""


def test_the_report_is_one_self_contained_page_with_the_logs_figures(
    home: Path, tmp_path: Path
) -> None:
    programme(home)
    target = tmp_path / "report.html"
    result = balint("log", "report", "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text()
    figures = _Figures()
    figures.feed(page)
    assert figures.fetches == [], "nothing fetched: no scripts, links or images"
    assert figures.rates == {
        ("Tuesday GPs", "2026-03"): 0.375,
        ("Tuesday GPs", "2026-06"): 0.75,
        ("Registrars", "2026-06"): 1.0,
    }
    assert figures.on_time == {"2026-03": 0.5, "2026-06": 1.0}
    assert figures.facts["led"] == "4"
    assert figures.facts["on-time"] == "75%"
    assert figures.facts["in-person"] == "3"
    assert figures.facts["online"] == "1"
    assert "Group discussion" in page, "which phases run over"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


