"""The reports' index forgets a source it has not read for ninety days, and compares a
folder log by log only when its listing is not the one its rows were made from."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.logfixtures import index_db, weekly

from balint_cli.logbook import refresh


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


def _sessions(home: Path) -> int:
    from balint_cli.logbook.access import opened
    from balint_cli.logbook.queries import files
    from balint_cli.logbook.tallies import choose

    with opened(home, [], print) as shelf:
        return len(list(files(shelf, choose(None, None, None))))


def test_a_folder_listed_as_before_is_not_compared_log_by_log(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weekly(home, 3)
    assert _sessions(home) == 3
    compared: list[int] = []
    real = refresh._changes

    def counting(*args: object) -> object:
        compared.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(refresh, "_changes", counting)
    assert _sessions(home) == 3
    assert compared == [], "the same listing: nothing to compare"
    weekly(home, 4)  # a fourth session
    assert _sessions(home) == 4
    assert compared, "another listing: compared"


def test_a_listing_is_not_kept_as_matched_when_another_report_wrote_meanwhile(
    home: Path,
) -> None:
    weekly(home, 2)
    _sessions(home)
    with contextlib.closing(sqlite3.connect(index_db(home))) as db:
        (version,) = db.execute("PRAGMA data_version").fetchone()
        with contextlib.closing(sqlite3.connect(index_db(home))) as other:
            other.execute("UPDATE sources SET read_at = read_at")  # another report's write
            other.commit()
        refresh._listed_as(db, 1, 12345, version, 0.0)
        (kept,) = db.execute("SELECT listing FROM sources WHERE src = 1").fetchone()
    assert kept != 12345


def test_the_same_listing_always_has_the_same_digest() -> None:
    entries = [("20260301-1230-aaaa.jsonl", 8123, 1_772_000_000_000_000_000), ("x.jsonl", -1, 0)]
    again = [(name, size, stamp) for name, size, stamp in entries]
    assert refresh.digest(entries) == refresh.digest(again)
    assert refresh.digest(entries) != refresh.digest([entries[0], ("x.jsonl", -1, 1)])
    assert refresh.digest(entries) != refresh.digest(entries[::-1])
