"""The reports' index forgets a source it has not read for ninety days."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.logfixtures import complete, fake_log

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def _shelf(home: Path, count: int = 6) -> list[Path]:
    """count sessions a week apart, in two groups, with attendance."""
    return [
        fake_log(
            home,
            f"{AT + timedelta(days=7 * i):%Y%m%d-%H%M}-{i:04x}",
            complete(
                AT + timedelta(days=7 * i),
                over=60.0 * (i % 3),
                group=("Tuesday GPs", "Registrars")[i % 2],
                attendees=3 + i % 5,
                members=8,
            ),
        )
        for i in range(count)
    ]


def _index(home: Path) -> Path:
    return home / "index.db"


def test_a_source_not_read_for_ninety_days_is_pruned(home: Path, tmp_path: Path) -> None:
    from balint_cli.logbook.access import opened

    theirs = tmp_path / "theirs"
    _shelf(theirs, 3)
    _shelf(home, 2)
    now = datetime.now(UTC).timestamp()
    with opened(home, [theirs / "logs"], print, clock=lambda: now):
        pass
    with opened(home, [], print, clock=lambda: now + 89 * 86_400):
        pass
    assert _sources(home) == 2, "read 89 days ago: kept"
    with opened(home, [], print, clock=lambda: now + 91 * 86_400):
        pass
    assert _sources(home) == 1, "not read for 91 days: gone, with its sessions"
    with contextlib.closing(sqlite3.connect(_index(home))) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (2,)


def _sources(home: Path) -> int:
    with contextlib.closing(sqlite3.connect(_index(home))) as db:
        (count,) = db.execute("SELECT count(*) FROM sources").fetchone()
    return int(count)
