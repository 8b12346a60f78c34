"""`balint log show|edit|delete` and the last session: a correction appended, never the
wrong log, never one lost."""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from support.helpers import balint, write
from support.logfixtures import (
    MARCH,
    complete,
    fake_log,
    log_files,
    log_lines,
    reads_counted,
)

from balint_cli.logbook import writing

ID = "20260303-1230-aaaa"
EMPTY_ID = "Error: The ID is empty; give a session's id (or a start of it), or 'last'.\n"


def _killed(at: datetime, **extra: Any) -> list[dict[str, Any]]:
    """A session killed in its discussion: no end, so it can be resumed."""
    return complete(at, **extra)[:4]


# -- delete holds the log's lock ----------------------------------------------------------------


def test_no_session_can_take_up_a_log_while_delete_asks_about_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_log(home, ID, _killed(MARCH))
    taken: list[str] = []

    def answer_after_a_resume(question: str, *args: object, **kwargs: object) -> bool:
        try:  # what `run --resume` and `log edit` do first
            writing.LogWriter.reopen(path, taken.append).close()
            taken.append("taken up")
        except writing.InUse:
            taken.append("refused")
        return True

    monkeypatch.setattr(typer, "confirm", answer_after_a_resume)
    result = balint("log", "delete", ID)
    assert result.exit_code == 0, result.output
    assert taken == ["refused"], "a resume meanwhile would write on into a deleted file"
    assert not path.exists()


def test_delete_refuses_a_log_a_running_session_holds(home: Path) -> None:
    path = fake_log(home, ID, _killed(MARCH))
    running = writing.LogWriter.reopen(path, print)
    try:
        result = balint("log", "delete", ID, "--yes")
    finally:
        running.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The session {ID} is still running; end it before deleting its log.\n"
    )
    assert path.exists()


def test_answering_n_keeps_the_log_and_is_no_failure(home: Path) -> None:
    path = fake_log(home, ID, complete(MARCH))
    kept = balint("log", "delete", ID, input="n\n")
    assert kept.exit_code == 0, kept.output
    assert kept.stdout.endswith("Kept.\n")
    assert path.exists()


# -- an empty id --------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["", "   "])
@pytest.mark.parametrize(
    "command",
    [["delete", "--yes"], ["edit", "--attendees", "3"], ["show"], ["show", "--json"]],
    ids=["delete", "edit", "show", "show json"],
)
def test_an_empty_id_is_refused_by_every_command_taking_one(
    home: Path, command: list[str], ref: str
) -> None:
    path = fake_log(home, ID, complete(MARCH))
    before = path.read_bytes()
    result = balint("log", command[0], ref, *command[1:])
    assert result.exit_code == 2, result.output
    assert result.stderr == EMPTY_ID
    assert result.stdout == ""
    assert path.read_bytes() == before


# -- a torn line and an edit --------------------------------------------------------------------


def test_an_edit_after_a_torn_line_leaves_no_damage_for_reports_to_note(home: Path) -> None:
    fake_log(home, ID, _killed(MARCH), torn='{"event": "phase_end", "t": 3')
    edited = balint("log", "edit", ID, "--attendees", "7")
    assert edited.exit_code == 0, edited.output
    for command in (["list"], ["summary"], ["show", "last"]):
        shown = balint("log", *command)
        assert shown.exit_code == 0, shown.output
        assert shown.stderr == "", command
    assert json.loads(balint("log", "show", ID, "--json").stdout)["attendees"] == 7


def test_an_edit_on_a_full_disk_says_so_without_a_session_going_on(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fake_log(home, ID, complete(MARCH))
    before = path.read_bytes()

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    result = balint("log", "edit", ID, "--attendees", "7")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == f"Error: {ID} cannot be corrected: {os.strerror(errno.ENOSPC)}.\n"
    assert path.read_bytes() == before


# -- a damaged log ------------------------------------------------------------------------------


def test_a_damaged_log_is_deleted_by_its_id_after_the_question(home: Path) -> None:
    fake_log(home, "20260304-1230-good", complete(MARCH + timedelta(days=1)))
    damaged = write(home / "logs" / f"{ID}.jsonl", "not a session log\n")
    assert f"Skipped {ID}.jsonl" in balint("log", "list").stderr
    result = balint("log", "delete", ID, input="y\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"Delete the damaged log {ID}.jsonl (it is not a balint session log)?"
    )
    assert result.stdout.endswith(f"Deleted {ID}.\n")
    assert not damaged.exists()
    assert balint("log", "list").stderr == "", "the note is silenced"


def test_a_file_named_unlike_any_log_is_deleted_by_its_name(home: Path) -> None:
    odd = write(home / "logs" / "copy of notes.jsonl", b"\x00\x01")
    result = balint("log", "delete", "copy of", "--yes")
    assert result.exit_code == 0, result.output
    assert not odd.exists()


def test_delete_never_takes_a_folder(home: Path) -> None:
    folder = home / "logs" / f"{ID}.jsonl"
    folder.mkdir(parents=True)
    result = balint("log", "delete", ID, "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {ID}.jsonl in your logs folder is a folder, not a session log; "
        "balint deletes only log files.\n"
    )
    assert folder.is_dir()


def test_delete_never_follows_a_link_out_of_the_logs_folder(home: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere.jsonl", "not a session log\n")
    link = home / "logs" / f"{ID}.jsonl"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    for ref in (ID, "2026"):  # the whole id, and a start of it
        result = balint("log", "delete", ref, "--yes")
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: {ID}.jsonl in your logs folder is a link, which balint neither follows "
            "nor deletes.\n"
        )
    assert link.is_symlink()
    assert outside.read_text() == "not a session log\n"


# -- sessions begun in the same minute ----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (timedelta(seconds=5), timedelta(seconds=55)),  # a false start, then the session
        (timedelta(seconds=40, milliseconds=100), timedelta(seconds=40, milliseconds=900)),
    ],
    ids=["seconds", "milliseconds"],
)
def test_last_is_the_session_begun_last_not_the_one_with_the_larger_random_part(
    home: Path, first: timedelta, second: timedelta
) -> None:
    fake_log(home, "20260303-1230-ffff", complete(MARCH + first))
    fake_log(home, "20260303-1230-0000", complete(MARCH + second))
    for _ in range(3):
        shown = balint("log", "show", "last", "--json")
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.stdout)["id"] == "20260303-1230-0000"
    edited = balint("log", "edit", "last", "--attendees", "5")
    assert edited.stdout.startswith("Corrected 20260303-1230-0000:")


def test_last_reads_only_the_logs_begun_in_the_latest_minute(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(1, 6):
        fake_log(home, f"2026030{day}-1230-aaaa", complete(MARCH.replace(day=day)))
    latest = MARCH.replace(day=6, second=30)
    for name in ("20260306-1230-0000", "20260306-1230-ffff"):
        fake_log(home, name, complete(latest))
        latest += timedelta(seconds=1)
    reads = reads_counted(monkeypatch)
    assert balint("log", "show", "last").exit_code == 0
    assert sorted(reads) == ["20260306-1230-0000.jsonl", "20260306-1230-ffff.jsonl"]


# -- `last` is the last session led, everywhere -------------------------------------------------


def _led_then_practice(home: Path) -> tuple[Path, Path]:
    led = fake_log(home, "20260303-1230-lead", complete(MARCH))
    practice = fake_log(
        home, "20260303-1400-prac", complete(MARCH + timedelta(hours=1.5), speed=2.0)
    )
    return led, practice


PASSED_OVER = (
    "Note: 1 later practice run(s) or false start(s) passed over; "
    "--include-practice takes them too.\n"
)


def test_show_last_says_which_later_practice_run_it_passes_over(home: Path) -> None:
    _led_then_practice(home)
    shown = balint("log", "show", "last")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("20260303-1230-lead ")
    assert shown.stderr == PASSED_OVER


def test_show_last_with_include_practice_shows_the_practice_run_as_one(home: Path) -> None:
    _led_then_practice(home)
    shown = balint("log", "show", "last", "--include-practice")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("20260303-1400-prac ")
    assert "\nA practice run: left out of reports.\n" in shown.stdout
    assert shown.stderr == ""


def test_a_correction_is_said_in_words_a_person_writes(home: Path) -> None:
    _led_then_practice(home)
    result = balint("log", "edit", "last", "--supervised", "--in-person")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Corrected 20260303-1230-lead: setting in-person, supervised yes.\n"
    result = balint("log", "edit", "last", "--not-supervised")
    assert result.stdout == "Corrected 20260303-1230-lead: supervised no.\n"


def test_the_portfolio_written_says_one_year_as_one(home: Path, tmp_path: Path) -> None:
    _led_then_practice(home)
    result = balint("log", "portfolio", "--csv", str(tmp_path / "portfolio.csv"))
    assert result.exit_code == 0, result.output
    assert f"Wrote {tmp_path / 'portfolio.csv'} (1 year).\n" in result.stdout


def test_edit_last_corrects_the_last_session_led(home: Path) -> None:
    led, practice = _led_then_practice(home)
    result = balint("log", "edit", "last", "--attendees", "6")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Corrected 20260303-1230-lead: attendees 6.\n"
    assert log_lines(led)[-1]["event"] == "edit"
    assert log_lines(practice)[-1]["event"] == "session_end"


def test_delete_last_takes_a_practice_run_only_when_asked(home: Path) -> None:
    led, practice = _led_then_practice(home)
    result = balint("log", "delete", "last", "--include-practice", input="y\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Delete the log of 20260303-1400-prac (Tue 03 Mar 2026, 14:00, Short test group, "
        "a practice run)?"
    )
    assert log_files(home) == [led]


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
