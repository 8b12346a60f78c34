"""The reports' index forgets a source it has not read for ninety days."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from support.logfixtures import index_db, weekly


def test_a_source_not_read_for_ninety_days_is_pruned(home: Path, tmp_path: Path) -> None:
    from balint_cli.logbook.access import opened

    theirs = tmp_path / "theirs"
    weekly(theirs, 3)
    weekly(home, 2)
    now = datetime.now(UTC).timestamp()
    with opened(home, [theirs / "logs"], print, clock=lambda: now):
        pass
    with opened(home, [], print, clock=lambda: now + 89 * 86_400):
        pass
    assert _sources(home) == 2, "read 89 days ago: kept"
    with opened(home, [], print, clock=lambda: now + 91 * 86_400):
        pass
    assert _sources(home) == 1, "not read for 91 days: gone, with its sessions"
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (2,)


def _sources(home: Path) -> int:
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        (count,) = db.execute("SELECT count(*) FROM sources").fetchone()
    return int(count)
