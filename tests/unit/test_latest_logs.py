"""The record of the newest logs' names: trusted while the logs folder is as it was, never
when it has changed since, nor when it is not one balint wrote."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import pytest
from support.helpers import fifo

from balint_cli.core.events import Event
from balint_cli.fs.paths import LATEST, LOGS
from balint_cli.logbook import finding, latest
from balint_cli.logbook.removing import Held
from balint_cli.logbook.writing import LogWriter

_NAMES = [f"2026030{day}-1200-000{day}.jsonl" for day in range(1, 6)]
_HOUR_AGO = time.time_ns() - 3600 * 10**9


def _settled(home: Path, names: list[str] = _NAMES) -> Path:
    """A logs folder with names (empty files), last changed an hour ago."""
    folder = home / LOGS
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("")
    os.utime(folder, ns=(_HOUR_AGO, _HOUR_AGO))
    return folder


def _last(home: Path) -> str:
    found = finding.last_log(home)
    assert found is not None
    return found.name


def test_an_unchanged_folder_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settled(tmp_path)
    assert _last(tmp_path) == _NAMES[-1]
    assert (tmp_path / LATEST).is_file()

    def no_listing(_folder: object) -> None:
        raise AssertionError("the folder was read again")

    monkeypatch.setattr(os, "scandir", no_listing)
    assert _last(tmp_path) == _NAMES[-1]
    newest = islice(finding._minutes_newest_first(tmp_path / LOGS, 3), 3)
    assert [minute[0] for minute in newest] == _NAMES[:-4:-1]


def test_a_log_made_since_is_found(tmp_path: Path) -> None:
    folder = _settled(tmp_path)
    assert _last(tmp_path) == _NAMES[-1]
    (folder / "20260306-0900-0006.jsonl").write_text("")  # the folder's times move
    assert _last(tmp_path) == "20260306-0900-0006.jsonl"


def test_a_log_removed_since_is_not_given(tmp_path: Path) -> None:
    folder = _settled(tmp_path)
    assert _last(tmp_path) == _NAMES[-1]
    (folder / _NAMES[-1]).unlink()
    assert _last(tmp_path) == _NAMES[-2]


def test_a_log_renamed_since_is_found_by_its_new_name(tmp_path: Path) -> None:
    folder = _settled(tmp_path)
    assert _last(tmp_path) == _NAMES[-1]
    (folder / _NAMES[-1]).rename(folder / "20260309-1200-0009.jsonl")
    assert _last(tmp_path) == "20260309-1200-0009.jsonl"


def test_a_folder_changed_lately_is_not_recorded(tmp_path: Path) -> None:
    folder = _settled(tmp_path)
    seen = os.stat(folder)
    minutes = [[_NAMES[-1]]]
    latest.keep(folder, seen, minutes, now=lambda: seen.st_mtime_ns + latest.SETTLED_NS - 1)
    assert not (tmp_path / LATEST).exists()  # a log made within the times' grain: unseen
    latest.keep(folder, seen, minutes, now=lambda: seen.st_mtime_ns + latest.SETTLED_NS + 1)
    assert latest.recorded(folder, seen) == minutes


def test_the_record_holds_the_names_alone(tmp_path: Path) -> None:
    _settled(tmp_path)
    _last(tmp_path)
    kept = json.loads((tmp_path / LATEST).read_text())
    assert set(kept) == {"folder", "minutes"}
    assert [name for minute in kept["minutes"] for name in minute] == _NAMES[::-1]
    assert (tmp_path / LATEST).stat().st_mode & 0o077 == 0


def _record(names: list[object]) -> dict[str, object]:
    return {"folder": None, "minutes": [names]}


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "another shape",
        "a name outside the folder",
        "a name not in the folder",
        "a name with a NUL",
        "an empty minute",
        "a pipe",
        "a folder",
        "a link to /dev/zero",
    ],
)
def test_a_record_that_does_not_fit_is_not_believed(tmp_path: Path, damage: str) -> None:
    folder = _settled(tmp_path)
    at = tmp_path / LATEST
    state = latest._state(os.stat(folder))
    forged = {
        "garbage": b"\xff\x00{[",
        "another shape": json.dumps([state, [[_NAMES[0]]]]).encode(),
        "a name outside the folder": json.dumps(
            {"folder": state, "minutes": [["../../x.jsonl"]]}
        ).encode(),
        "a name not in the folder": json.dumps(
            {"folder": state, "minutes": [["20991231-2359-ffff.jsonl"]]}
        ).encode(),
        "a name with a NUL": json.dumps(
            {"folder": state, "minutes": [[_NAMES[0][:-6] + "\x00.jsonl"]]}
        ).encode(),
        "an empty minute": json.dumps({"folder": state, "minutes": [[]]}).encode(),
    }
    if damage in forged:
        at.write_bytes(forged[damage])
    elif damage == "a pipe":
        fifo(at)
    elif damage == "a folder":
        at.mkdir()
    else:
        at.symlink_to("/dev/zero")
    os.utime(folder, ns=(_HOUR_AGO, _HOUR_AGO))
    assert _last(tmp_path) == _NAMES[-1]


def test_the_record_is_never_written_through_a_link(tmp_path: Path) -> None:
    _settled(tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    (tmp_path / LATEST).symlink_to(precious)
    assert _last(tmp_path) == _NAMES[-1]
    assert precious.read_text() == "mine"
    assert not (tmp_path / LATEST).is_symlink()


def test_balint_drops_the_record_as_it_makes_a_log(tmp_path: Path) -> None:
    """Where a file system keeps no times for folders, the record must not outlive a log
    balint made: the session begun since is the last, found by reading the folder."""
    folder = _settled(tmp_path)
    _last(tmp_path)
    assert (tmp_path / LATEST).exists()
    started = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    writer = LogWriter.create(
        folder, started, lambda id_: Event("session_start", 0.0, {"id": id_}), print
    )
    writer.close()
    assert not (tmp_path / LATEST).exists()
    assert _last(tmp_path) == writer.path.name


def test_balint_drops_the_record_as_it_deletes_a_log(tmp_path: Path) -> None:
    folder = _settled(tmp_path)
    _last(tmp_path)
    with Held(folder / _NAMES[-1]) as held:
        held.delete()
    assert not (tmp_path / LATEST).exists()
    assert _last(tmp_path) == _NAMES[-2]
