"""`balint groups`: groups added, edited and removed, their defaults taken by a session and
set aside when they cannot be kept, groups.toml kept whole when several balints change it
at once, and labels that look the same taken as one group."""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.helpers import FAST, TUESDAY, balint, tuesday_at, tuesday_group, write
from support.logfixtures import (
    MARCH,
    complete,
    fake_log,
    first_line,
    log_files,
    log_lines,
)
from support.screens import under_g

from balint_cli.core.format import Format
from balint_cli.errors import BadInput
from balint_cli.formats.builtin import builtin_dir
from balint_cli.fs import locks
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.start import start, with_group
from balint_cli.settings import groups

CAFE_NFC = unicodedata.normalize("NFC", "Café")
CAFE_NFD = unicodedata.normalize("NFD", "Café")
TUE_CYRILLIC = "\u0422ue"  # the first letter is the Cyrillic Te, which looks like a Latin T


def _the_group() -> dict[str, object]:
    """The one group `balint groups list --json` gives."""
    result = balint("groups", "list", "--json")
    assert result.exit_code == 0, result.output
    (group,) = json.loads(result.stdout)
    return dict(group)


def _listed(home: Path) -> list[str]:
    """The names `balint groups list --json` gives."""
    result = balint("groups", "list", "--json")
    assert result.exit_code == 0, result.output
    return [group["name"] for group in json.loads(result.stdout)]


@pytest.fixture
def someone_else_changing(home: Path) -> Iterator[None]:
    """The groups' lock held by another open file, as another balint would hold it."""
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / ".groups.lock", os.O_RDWR | os.O_CREAT, 0o600)
    assert locks.try_lock(fd)
    yield
    os.close(fd)


# -- several balints at once --------------------------------------------------------------------


def test_six_groups_added_at_once_are_all_kept(home: Path) -> None:
    names = [f"Group {n}" for n in range(1, 7)]
    command = [sys.executable, "-m", "balint_cli", "groups", "add"]
    started = [
        subprocess.Popen(
            [*command, name, "--members", "8"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    said = [process.communicate(timeout=120) for process in started]
    for process, (out, err) in zip(started, said, strict=True):
        assert process.returncode == 0, out + err
    kept = _listed(home)
    assert sorted(kept) == names
    for out, _err in said:
        added = out.removeprefix("Added ").split(":")[0]
        assert added in kept, f"said '{out.strip()}' but the file has {kept}"


def test_a_change_that_cannot_have_the_lock_says_so_and_is_not_reported_as_made(
    home: Path, someone_else_changing: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(home / "groups.toml", '["Tuesday GPs"]\nmembers = 10\n')
    monkeypatch.setattr(groups, "WAIT", 0.0)  # the wait runs out at once
    for args in (
        ["add", "Registrars"],
        ["edit", "Tuesday GPs", "--members", "12"],
        ["remove", "Tuesday GPs"],
    ):
        result = balint("groups", *args)
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            "Error: Another balint is changing the groups (groups.toml); try again in a moment.\n"
        )
        assert result.stdout == "", "nothing said to be added, changed or removed"
    assert (home / "groups.toml").read_text() == '["Tuesday GPs"]\nmembers = 10\n'


def test_a_group_that_cannot_be_written_is_never_said_to_be_added(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert balint("groups", "add", "Tuesday GPs").exit_code == 0

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        result = balint("groups", "add", "Registrars")
    assert result.exit_code == 1, result.output
    assert "Added" not in result.output
    assert "groups.toml cannot be written: No space left on device." in result.stderr
    assert _listed(home) == ["Tuesday GPs"]


def test_the_lock_is_a_private_file_beside_groups_toml(home: Path) -> None:
    assert balint("groups", "add", "Tuesday GPs").exit_code == 0
    lock = home / ".groups.lock"
    assert stat.S_ISREG(lock.lstat().st_mode)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_a_link_where_the_lock_goes_is_refused_and_nothing_changes(
    home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    home.mkdir(parents=True)
    (home / ".groups.lock").symlink_to(elsewhere)
    result = balint("groups", "add", "Tuesday GPs")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {home / '.groups.lock'} must be a plain file")
    assert not elsewhere.exists(), "nothing made through the link"
    assert not (home / "groups.toml").exists()


@pytest.mark.parametrize("make", [os.mkdir, os.mkfifo], ids=["folder", "pipe"])
def test_a_folder_or_pipe_where_the_lock_goes_is_refused_without_waiting(
    home: Path, make: Callable[[Path], None]
) -> None:
    home.mkdir(parents=True)
    make(home / ".groups.lock")
    result = balint("groups", "add", "Tuesday GPs")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {home / '.groups.lock'} must be a plain file")
    assert not (home / "groups.toml").exists()


# -- labels that look the same ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "typed"),
    [(CAFE_NFC, CAFE_NFD), (CAFE_NFD, CAFE_NFC), ("Tue", TUE_CYRILLIC), ("Tue", "ＴＵＥ")],
    ids=["nfc-then-nfd", "nfd-then-nfc", "cyrillic-te", "full-width"],
)
def test_a_group_that_looks_like_one_there_is_not_added(
    home: Path, existing: str, typed: str
) -> None:
    assert balint("groups", "add", existing).exit_code == 0
    result = balint("groups", "add", typed, "--members", "5")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: There is a group '{existing}' already; `balint groups edit` changes it.\n"
    )
    assert _listed(home) == [existing]


def test_edit_and_remove_find_a_group_by_a_label_that_looks_the_same(home: Path) -> None:
    assert balint("groups", "add", CAFE_NFC).exit_code == 0
    assert balint("groups", "add", "Tue").exit_code == 0
    edited = balint("groups", "edit", CAFE_NFD, "--members", "7")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout == f"Changed {CAFE_NFC}: 7 members.\n"
    removed = balint("groups", "remove", TUE_CYRILLIC)
    assert removed.exit_code == 0, removed.output
    assert _listed(home) == [CAFE_NFC]


def test_run_with_a_look_alike_label_takes_the_groups_defaults_and_spelling(home: Path) -> None:
    assert balint("groups", "add", "Tuesday GPs", "--members", "9").exit_code == 0
    result = balint("run", "--speed", "100000", "--group", "\u0422uesday GPs")
    assert result.exit_code == 0, result.output
    assert "not in groups.toml" not in result.output
    (log,) = log_files(home)
    first = log_lines(log)[0]
    assert first["group"] == "Tuesday GPs"
    assert first["members"] == 9


def _two_cafes(home: Path) -> None:
    """A session labelled Café with its accent typed each way, and one of another group."""
    for name, days, group in (
        ("20260303-1230-aaaa", 0, CAFE_NFC),
        ("20260310-1230-bbbb", 7, CAFE_NFD),
        ("20260317-1230-cccc", 14, "Registrars"),
    ):
        fake_log(home, name, complete(MARCH + timedelta(days=days), group=group))


@pytest.mark.parametrize("typed", [CAFE_NFC, CAFE_NFD, "CAFÉ"], ids=["nfc", "nfd", "upper"])
def test_a_group_report_takes_the_sessions_of_every_look_alike_label(
    home: Path, typed: str
) -> None:
    _two_cafes(home)
    summary = balint("log", "summary", "--json", "--group", typed)
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.stdout)["sessions"] == 2
    rows = balint("log", "export", "--csv", "-", "--per", "session", "--group", typed)
    assert rows.exit_code == 0, rows.output
    assert len(rows.stdout.splitlines()) == 1 + 2


def test_a_look_alike_of_a_known_group_with_no_session_in_the_dates_is_no_error(
    home: Path,
) -> None:
    fake_log(home, "20260303-1230-aaaa", complete(MARCH, group=CAFE_NFD))
    result = balint("log", "summary", "--json", "--group", "CAFÉ", "--since", "2026-06-01")
    assert result.exit_code == 0, result.output


def test_the_groups_said_to_exist_name_look_alike_labels_once(home: Path) -> None:
    _two_cafes(home)
    result = balint("log", "summary", "--group", "Nobody")
    assert result.exit_code == 2, result.output
    shown = unicodedata.normalize("NFC", result.stderr)  # either spelling looks the same
    assert shown == "Error: No session has the group 'Nobody'; the groups are Café, Registrars.\n"


def _add_with_every_default() -> Any:
    """Tuesday GPs with each default a group can have; what balint answered."""
    added = balint(
        "groups", "add", "Tuesday GPs", "--members", "10", "--format", "90min",
        "--end-at", "13:15", "--online", "--role", "co-lead",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    return added


def test_groups_edit_clear_removes_each_default(home: Path) -> None:
    _add_with_every_default()
    cleared = balint("groups", "edit", "tuesday gps", "--clear", "end-at", "--clear", "setting")
    assert cleared.exit_code == 0, cleared.output
    assert cleared.stdout == "Changed Tuesday GPs: 10 members, 90min, co-lead.\n"
    assert "end_at" not in (home / "groups.toml").read_text()
    for name in ("members", "format", "role"):
        result = balint("groups", "edit", "Tuesday GPs", "--clear", name)
        assert result.exit_code == 0, result.output
    assert _the_group() == {
        "name": "Tuesday GPs",
        "members": None,
        "format": None,
        "end_at": None,
        "setting": None,
        "role": None,
    }


def test_groups_edit_none_removes_each_default_as_clear_does(home: Path) -> None:
    _add_with_every_default()
    cleared = balint("groups", "edit", "tuesday gps", "--end-at", "none")
    assert cleared.exit_code == 0, cleared.output
    assert cleared.stdout == "Changed Tuesday GPs: 10 members, 90min, online, co-lead.\n"
    cleared = balint(
        "groups", "edit", "Tuesday GPs", "--members", "None", "--format", "none", "--role", "NONE"
    )
    assert cleared.exit_code == 0, cleared.output
    assert cleared.stdout == "Changed Tuesday GPs: online.\n"
    assert _the_group()["members"] is None


def test_groups_edit_members_is_a_number_or_none(home: Path) -> None:
    tuesday_group(home)
    before = (home / "groups.toml").read_text()
    result = balint("groups", "edit", "Tuesday GPs", "--members", "nobody")
    assert result.exit_code == 2, result.output
    assert result.stderr == "Error: --members must be a whole number, not 'nobody'.\n"
    assert (home / "groups.toml").read_text() == before


def test_a_session_of_a_group_whose_end_was_cleared_keeps_no_end(home: Path) -> None:
    tuesday_group(home)
    assert balint("groups", "edit", "Tuesday GPs", "--clear", "end-at").exit_code == 0
    result = balint("run", "--speed", str(FAST), "--group", "Tuesday GPs")
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    assert log_lines(log)[0]["end_at"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--clear", "colour"],
            "--clear takes members, format, end-at, setting or role, not 'colour'.",
        ),
        (
            ["--clear", "end-at", "--end-at", "12:00"],
            "--clear end-at cannot go with a new end-at; give one or the other.",
        ),
    ],
)
def test_a_clear_that_cannot_be_done_is_one_sentence_and_changes_nothing(
    home: Path, args: list[str], message: str
) -> None:
    tuesday_group(home)
    before = (home / "groups.toml").read_text()
    result = balint("groups", "edit", "Tuesday GPs", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert (home / "groups.toml").read_text() == before


@pytest.mark.usefixtures("no_hang")
def test_a_group_label_that_is_not_utf8_is_refused(home: Path) -> None:
    result = balint("run", "--group", "Tuesday \udce9", "--speed", "100000")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --group must be text in UTF-8; this label holds bytes that are not.\n"
    )
    assert not (home / "logs").exists(), "no log, not even an empty one"


def test_a_toml_mistake_in_groups_toml_is_said_the_same_way(home: Path) -> None:
    path = write(home / "groups.toml", '["Tuesday GPs"]\nmembers = ten\n')
    result = balint("groups", "list")
    assert result.exit_code == 2, result.output
    assert result.stderr == f'Error: {path}: line 2: text goes in quotes, members = "ten".\n'


def _started(home: Path, request: Request, now: datetime) -> dict[str, Any]:
    """Run a whole session as `balint run` would at `now`; the first line of its log."""
    assert start(request, now) == 0
    (log,) = log_files(home)
    first: dict[str, Any] = log_lines(log)[0]
    return first


def _notes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The notes written on stderr (beside the line saying where logs go)."""
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("Note:")]


def _minutes(first: dict[str, Any]) -> float:
    return math.fsum(phase["planned"] for phase in first["phases"]) / 60


def test_a_group_end_that_has_passed_is_set_aside_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuesday_group(home)
    first = _started(home, Request(group="Tuesday GPs", speed=FAST), tuesday_at(14, 0))
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as it has passed: this session runs its "
        "own 45 min, to 14:45."
    ]
    assert first["end_at"] is None, "the log keeps no end the session did not hold"
    assert _minutes(first) == 45
    typed = with_group(Request(group="Tuesday GPs", end_at="13:15"), home, None)
    with pytest.raises(BadInput, match=r"^--end-at 13:15 is in the past"):
        prepare(typed, tuesday_at(14, 0))


def test_cases_0_sets_the_group_end_aside_and_the_session_is_shorter(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuesday_group(home, fmt="90min")
    first = _started(home, Request(group="Tuesday GPs", cases=0, speed=FAST), TUESDAY)
    assert _notes(capsys) == [
        "Note: The group's end at 13:15 is set aside, as none of this session's phases is "
        "flexible: this session runs its own 8 min, to 12:38."
    ]
    assert [phase["id"] for phase in first["phases"]] == ["opening", "closing"]
    assert _minutes(first) == 8
    typed = Request(format_ref="90min", cases=0, end_at="13:15")
    with pytest.raises(BadInput, match="none of its phases is flexible, so it ends at 12:38"):
        prepare(typed, TUESDAY)


@pytest.mark.parametrize(
    ("leave", "said"),
    [
        ("12:00", "--some-leave-at 12:00 is set aside, as it has passed."),
        ("14:00", "--some-leave-at 14:00 is set aside, as the session ends at 13:15."),
    ],
)
def test_a_leave_time_outside_the_session_is_one_note_and_the_session_runs(
    home: Path, capsys: pytest.CaptureFixture[str], leave: str, said: str
) -> None:
    first = _started(home, Request(some_leave_at=leave, speed=FAST), TUESDAY)
    assert _notes(capsys) == [f"Note: {said}"]
    assert _minutes(first) == 45


def test_groups_are_added_listed_edited_and_removed(home: Path) -> None:
    added = _add_with_every_default()
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
    first = first_line(home, "--group", "tuesday gps", "--attendees", "7")
    assert first["group"] == "Tuesday GPs", "the group's own spelling"
    assert first["format"] == "90min"
    assert first["members"] == 9
    assert first["attendees"] == 7
    assert (first["setting"], first["role"], first["supervised"]) == ("online", "co-lead", False)
    second = first_line(home, "45min", "--group", "Tuesday GPs", "--in-person", "--role", "lead")
    assert second["format"] == "45min"
    assert second["setting"] == "in-person"
    assert second["role"] == "lead"
    assert second["members"] == 9
    write(home / "config.toml", 'default_group = "Tuesday GPs"\n')
    assert first_line(home)["group"] == "Tuesday GPs"


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
    first = first_line(home, "--group", "Late")
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


NOW = datetime(2026, 11, 23, 19, 0).astimezone()


NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


def test_a_group_that_meets_online_gets_the_online_rules(home: Path) -> None:
    added = balint("groups", "add", "Screens", "--format", "90min", "--online")
    assert added.exit_code == 0, added.output
    request = with_group(Request(group="Screens"), home, None)
    said = under_g(prepare(request, NOW), width=80, height=24)
    assert NINETY.online_rules[-1] in said


def test_a_group_of_one_member_is_said_in_the_singular() -> None:
    added = balint("groups", "add", "Supervision", "--members", "1")
    assert added.exit_code == 0, added.output
    assert added.stdout == "Added Supervision: 1 member.\n"
