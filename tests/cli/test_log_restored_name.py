"""A log restored from a backup under another name is the session its first line names: the id
`log list` shows finds it for show, edit and delete, and they name it by that id too."""

from __future__ import annotations

import json
from pathlib import Path

from support.helpers import balint
from support.logfixtures import MARCH, complete, fake_log, log_files

ID = "20260303-1230-a001"


def _restored(home: Path) -> Path:
    return fake_log(home, "restored", complete(MARCH, id=ID, group="Tuesday GPs", attendees=6))


def test_the_id_listed_is_the_one_show_finds(home: Path) -> None:
    _restored(home)
    listed = balint("log", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert [session["id"] for session in json.loads(listed.output)] == [ID]
    shown = balint("log", "show", ID)
    assert shown.exit_code == 0, shown.output
    assert shown.output.split()[0] == ID


def test_show_as_json_gives_the_id_listed(home: Path) -> None:
    _restored(home)
    shown = balint("log", "show", "--json", ID[:13])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["id"] == ID


def test_an_edit_by_the_id_listed_is_counted(home: Path) -> None:
    _restored(home)
    edited = balint("log", "edit", ID, "--attendees", "3")
    assert edited.exit_code == 0, edited.output
    assert edited.output == f"Corrected {ID}: attendees 3.\n"
    listed = balint("log", "list", "--json")
    assert json.loads(listed.output)[0]["attendees"] == 3


def test_a_delete_by_the_id_listed_deletes_the_restored_log(home: Path) -> None:
    _restored(home)
    deleted = balint("log", "delete", ID, "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert log_files(home) == []
