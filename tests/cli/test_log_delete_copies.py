"""Deleting a session whose log has a copy beside it (a file manager's `… copy.jsonl`): the
reports count a session once from whichever copy is left, so the copies go with it."""

from __future__ import annotations

from pathlib import Path

from support.helpers import balint
from support.logfixtures import MARCH, complete, fake_log, log_files

ID = "20260303-1230-a001"


def _with_copy(home: Path) -> None:
    """The session's log, and a copy of it made in the logs folder."""
    original = fake_log(home, ID, complete(MARCH, id=ID, group="Tuesday GPs"))
    (home / "logs" / f"{ID} copy.jsonl").write_bytes(original.read_bytes())


def test_deleting_a_session_deletes_the_copy_of_its_log(home: Path) -> None:
    _with_copy(home)
    result = balint("log", "delete", ID, "--yes")
    assert result.exit_code == 0, result.output
    assert result.output == f"Deleted {ID}, and its copy '{ID} copy.jsonl'.\n"
    assert log_files(home) == []


def test_the_session_deleted_is_no_longer_counted(home: Path) -> None:
    _with_copy(home)
    fake_log(home, "20260310-1230-b002", complete(MARCH.replace(day=10), id="20260310-1230-b002"))
    assert balint("log", "delete", ID, "--yes").exit_code == 0
    listed = balint("log", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert ID not in listed.output


def test_the_question_names_the_copy_and_n_keeps_both(home: Path) -> None:
    _with_copy(home)
    result = balint("log", "delete", ID, input="n\n")
    assert result.exit_code == 0, result.output
    assert f"and its copy '{ID} copy.jsonl'?" in result.output
    assert len(log_files(home)) == 2


def test_a_log_of_another_session_named_alike_is_kept(home: Path) -> None:
    fake_log(home, ID, complete(MARCH, id=ID))
    other = fake_log(home, f"{ID} copy", complete(MARCH, id="20260303-1230-ffff"))
    result = balint("log", "delete", ID, "--yes")
    assert result.exit_code == 0, result.output
    assert log_files(home) == [other]
