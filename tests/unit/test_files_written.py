"""Leftovers of an interrupted write: the group view's quick writes clear balint's own away,
and another user's are kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.leftovers import left, leftovers

from balint_cli.fs import files

# Each way a catalogue can be damaged: how to make it, and what the note says of it.


# Commands that write a file the user names: their arguments, with the file's name last.


def test_the_group_views_quick_writes_clear_them_too(tmp_path: Path) -> None:
    stale = leftovers(tmp_path / "view")
    files.replace_quickly(tmp_path / "view" / "state.json", b"{}")
    assert left(stale) == set(stale) - {"stale"}


def test_another_users_leftover_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = leftovers(tmp_path / "shared")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    files.replace_quickly(tmp_path / "shared" / "state.json", b"{}")
    assert left(stale) == set(stale)
