"""Homes a careless or hostile user leaves: a file for a folder, leftovers of older balints
and of crashes; every report still says one sentence and agrees with a fresh index."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest
from support.helpers import balint, no_crash, write
from support.logfixtures import index_db, three_sessions

from balint_cli.fs import locks

REPORTS = (
    ["log", "list"],
    ["log", "summary", "--json"],
    ["log", "portfolio", "--json"],
    ["log", "export", "--csv", "-"],
)


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_a_home_that_is_a_file_is_a_report_of_no_sessions(home: Path, args: list[str]) -> None:
    write(home, "")  # BALINT_HOME names a file

    result = balint(*args)

    no_crash(result)
    assert result.exit_code == 0, result.output
    assert "cannot be written (Not a directory)" in result.output, result.output


# -- several balints changing the settings at once ----------------------------------------------

def test_a_setting_that_cannot_have_the_lock_says_so_and_leaves_the_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(home / "config.toml", "bell = false\n")
    fd = os.open(home / ".config.lock", os.O_RDWR | os.O_CREAT, 0o600)  # another balint's
    assert locks.try_lock(fd)
    monkeypatch.setattr(locks, "CHANGE_WAIT", 0.0)  # the wait runs out at once
    try:
        changed = balint("config", "set", "auto", "yes")
        unset = balint("config", "unset", "bell")
    finally:
        os.close(fd)

    for result in (changed, unset):
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            "Error: Another balint is changing your settings (config.toml); try again in a "
            "moment.\n"
        )
    assert (home / "config.toml").read_text() == "bell = false\n"


# -- an index changed by hand -------------------------------------------------------------------


@pytest.mark.parametrize(
    "forged",
    ["DELETE FROM guard", "INSERT INTO guard VALUES (1)", "INSERT INTO guard VALUES (0)"],
)
def test_an_index_whose_guard_was_changed_by_hand_is_made_anew(home: Path, forged: str) -> None:
    three_sessions(home)
    fresh = balint("log", "summary", "--json")
    assert fresh.exit_code == 0, fresh.output
    with contextlib.closing(sqlite3.connect(index_db(home))) as conn:
        conn.execute("UPDATE sessions SET attendees = 99")  # a figure forged...
        conn.execute("DELETE FROM guard")  # ...and the mark it left taken out
        conn.execute("INSERT INTO guard VALUES (0)")
        conn.execute(forged)
        conn.commit()

    result = balint("log", "summary", "--json")

    no_crash(result)
    assert result.exit_code == 0, result.output
    assert "was changed by another program" in result.stderr
    assert result.stdout == fresh.stdout


# -- the default home -----------------------------------------------------------------------------


@pytest.mark.parametrize("xdg", ["", "relative/config"])
def test_an_empty_or_relative_xdg_config_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: str
) -> None:
    monkeypatch.delenv("BALINT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "leader"))
    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    monkeypatch.chdir(write(tmp_path / "somewhere" / "notes.txt", "").parent)

    result = balint("config", "path")

    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'leader' / '.config' / 'balint' / 'config.toml'}\n"


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_a_report_over_a_home_not_made_yet_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("BALINT_HOME", str(tmp_path / "typo" / "balint"))

    result = balint(*args)

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert not (tmp_path / "typo").exists()
