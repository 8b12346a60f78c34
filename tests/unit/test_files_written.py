"""Leftovers of an interrupted write: the group view's quick writes clear balint's own away,
and another user's are kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from support.helpers import write

from balint_cli.fs import files

# Each way a catalogue can be damaged: how to make it, and what the note says of it.


HOUR = 3600.0


def _aged(path: Path, seconds: float) -> Path:
    """path, last changed that many seconds ago (a link itself, not what it points to)."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def _leftovers(folder: Path) -> dict[str, Path]:
    """What a kill might leave beside a file, and what merely looks like it."""
    other = write(folder.parent / "elsewhere.txt", "not balint's\n")
    stale = {
        "stale": write(folder / ".balint-k1ll3d_x.tmp", "half an export"),
        "fresh": write(folder / ".balint-wr1t1ngx.tmp", "another balint's write in progress"),
        "other name": write(folder / ".balint-notmine.tmp", "the user's own"),
        "longer name": write(folder / ".balint-k1ll3d_x.tmp.bak", "the user's own"),
        "other prefix": write(folder / ".other-k1ll3d_x.tmp", "another program's"),
    }
    (folder / ".balint-l1nkt0ot.tmp").symlink_to(other)
    stale["link"] = folder / ".balint-l1nkt0ot.tmp"
    for name, path in stale.items():
        _aged(path, 5 * 60 if name == "fresh" else 2 * HOUR)
    return stale


def _left(stale: dict[str, Path]) -> set[str]:
    return {name for name, path in stale.items() if os.path.lexists(path)}


# Commands that write a file the user names: their arguments, with the file's name last.


def test_the_group_views_quick_writes_clear_them_too(tmp_path: Path) -> None:
    stale = _leftovers(tmp_path / "view")
    files.replace_quickly(tmp_path / "view" / "state.json", b"{}")
    assert _left(stale) == set(stale) - {"stale"}


def test_another_users_leftover_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = _leftovers(tmp_path / "shared")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    files.replace_quickly(tmp_path / "shared" / "state.json", b"{}")
    assert _left(stale) == set(stale)
