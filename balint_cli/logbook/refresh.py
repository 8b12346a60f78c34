"""Bringing the index up to date with the logs, a source at a time.

A folder is listed every time: a log that is new, changed (its size or its times, as
sources.changed has them) or gone is read again or dropped, and only that log; a listing
the same as the one the rows were made from (their digests equal) needs no comparing log by
log. A bundle is known by its size and times: one that changed is read again whole. A
source not read for 90 days is pruned. Where a source holds a session twice (two copies of
one log), the copy that counts is the one named by the session's id, else the one that got
furthest, else the longer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
from collections import deque
from collections.abc import Iterator
from itertools import filterfalse
from typing import TYPE_CHECKING

from balint_cli.logbook import schema
from balint_cli.logbook.index import writing
from balint_cli.logbook.reading import Damaged
from balint_cli.logbook.sources import OWN, Entry, Listed, Source

if TYPE_CHECKING:
    from concurrent.futures import Future

# Start-up: the processes that share the reading are loaded only where many logs are read.

PRUNE_SECONDS = 90 * 86_400  # a source not read for this long leaves the index
BATCH = 500  # logs read, then written, at a time: memory stays flat
PARALLEL = 2000  # from this many logs to read, processes share the reading
BULK = 5000  # from this many logs to add (and more than there are), indexes are made after
_SESSION_COLUMNS = [column for column, _kind, _check in schema.SESSIONS]
_INSERT_SESSION = (
    f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_SESSION_COLUMNS))})"
)
_ID = _SESSION_COLUMNS.index("id")
_INSERT_PHASE = f"INSERT INTO phases VALUES ({', '.join('?' * len(schema.PHASES))})"


def refresh(conn: sqlite3.Connection, sources: list[Source], now: float) -> list[int]:
    """Each source brought up to date in the index, a source at a time; their numbers."""
    _prune(conn, now)
    try:
        return [_refresh(conn, source, now) for source in sources]
    finally:  # the memory of the listings given back before the report is made
        conn.execute("PRAGMA shrink_memory")


def _prune(conn: sqlite3.Connection, now: float) -> None:
    """Other leaders' folders and bundles not read for 90 days leave the index."""
    stale = [
        src
        for (src,) in conn.execute(
            "SELECT src FROM sources WHERE key != ? AND read_at < ?", (OWN, now - PRUNE_SECONDS)
        )
    ]
    if stale:
        with writing(conn):
            for src in stale:
                forget(conn, src, None)
                conn.execute("DELETE FROM sources WHERE src = ?", (src,))


def _refresh(conn: sqlite3.Connection, source: Source, now: float) -> int:
    found = conn.execute(
        "SELECT src, size, stamp, read_at, listing FROM sources WHERE key = ?", (source.key,)
    ).fetchone()
    stamp = source.stamp()
    if found is not None and stamp is not None and (found[1], found[2]) == stamp:
        _read_at(conn, found[0], found[3], now)
        return int(found[0])  # a bundle as it was: nothing in it changed
    entries, refused = source.entries()
    listing = None if stamp is not None else digest(entries)
    if found is not None and listing is not None and found[4] == listing:
        _read_at(conn, found[0], found[3], now)
        return int(found[0])  # a folder listed as when its rows were made
    seen = None
    if found is not None and stamp is None:
        (version,) = conn.execute("PRAGMA data_version").fetchone()
        new, gone = _changes(conn, found[0], entries)
        if not new and not gone:
            _listed_as(conn, found[0], listing, version, now)
            return int(found[0])
        seen = version, new, gone
    with writing(conn):
        src = _source(conn, source, stamp, listing, now)  # the rows are made from this listing
        if stamp is not None:  # a bundle that changed: read again whole
            forget(conn, src, None)
            new, gone = [Entry(*listed) for listed in entries], []
            conn.executemany(
                "INSERT INTO damaged VALUES (?, ?, -1, 0, 1, ?)",
                [(src, name, reason) for name, reason in refused],
            )
        elif seen is None or conn.execute("PRAGMA data_version").fetchone()[0] != seen[0]:
            new, gone = _changes(conn, src, entries)  # again: another report wrote meanwhile
        else:
            new, gone = seen[1], seen[2]
        if not new and not gone:
            return src  # as they were: only the listing's digest is new
        affected = forget(conn, src, set(gone))
        (sid, held) = conn.execute(
            "SELECT coalesce(max(sid), 0), count(*) FROM sessions"
        ).fetchone()
        bulk = len(new) > max(BULK, held)
        if bulk:  # quicker to make the indexes once, after, than to keep them up row by row
            for name, kind in schema.EXTRAS:
                conn.execute(f"DROP {kind} {name}")
        for rows in _read(source, new, src, sid + 1):
            affected |= _add(conn, *rows)
        if bulk:
            for statement in schema.STATEMENTS[-len(schema.EXTRAS) :]:
                conn.execute(statement)
        _choose_copies(conn, src, affected)
    return src


def _listed_as(
    conn: sqlite3.Connection, src: int, listing: int | None, version: int, now: float
) -> None:
    """The listing a folder's rows match, kept for next time, unless another report wrote
    since they were compared. Where the index cannot be written (a full disk, a read-only
    home) it is not kept, which costs only the comparing, next time."""
    try:
        with writing(conn):
            if conn.execute("PRAGMA data_version").fetchone()[0] == version:
                conn.execute(
                    "UPDATE sources SET listing = ?, read_at = ? WHERE src = ?",
                    (listing, int(now), src),
                )
    except sqlite3.OperationalError:
        pass


def _read_at(conn: sqlite3.Connection, src: int, read_at: int, now: float) -> None:
    """When a source was last read, written down once a day (for pruning)."""
    if now - read_at > 86_400:
        with writing(conn):
            conn.execute("UPDATE sources SET read_at = ? WHERE src = ?", (int(now), src))


def _source(
    conn: sqlite3.Connection,
    source: Source,
    stamp: tuple[int, int] | None,
    listing: int | None,
    now: float,
) -> int:
    """The source's row, as it is read now; its number."""
    size, mark = stamp if stamp is not None else (None, None)
    conn.execute(
        "INSERT INTO sources (key, size, stamp, read_at, listing) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET size = excluded.size, stamp = excluded.stamp, "
        "read_at = excluded.read_at, listing = excluded.listing",
        (source.key, size, mark, int(now), listing),
    )
    (src,) = conn.execute("SELECT src FROM sources WHERE key = ?", (source.key,)).fetchone()
    return int(src)


def digest(entries: list[Listed]) -> int:
    """A folder's listing as one number: two listings with the same digest are the same
    names, sizes and times in the same order (marshal's format 2 has no references, so the
    same listing always gives the same bytes)."""
    whole = hashlib.blake2b(marshal.dumps(entries, 2), digest_size=8).digest()
    return int.from_bytes(whole, "big", signed=True)


def _changes(
    conn: sqlite3.Connection, src: int, entries: list[Listed]
) -> tuple[list[Entry], list[str]]:
    """The logs listed that the index does not have as they are now, and the names of those
    it has that are gone or changed: the listing and the index's rows compared as sets, row
    by row inside the set's own code, never a Python step per log."""
    had = (
        "SELECT file, size, stamp FROM sessions WHERE src = ?1 UNION ALL "
        "SELECT file, size, stamp FROM damaged WHERE src = ?1"
    )
    unseen = set(entries)
    unseen.difference_update(conn.execute(had, (src,)))
    new = [Entry(*listed) for listed in sorted(unseen)]
    (held,) = conn.execute(
        "SELECT (SELECT count(*) FROM sessions WHERE src = ?1) + "
        "(SELECT count(*) FROM damaged WHERE src = ?1)",
        (src,),
    ).fetchone()
    if held + len(new) == len(entries):
        return new, []  # every log the index has is listed as it was
    listed = set(entries)
    gone = {
        file for file, _size, _stamp in filterfalse(listed.__contains__, conn.execute(had, (src,)))
    }
    # A name is forgotten whole: a log still listed by it (two names that are not UTF-8 can
    # be shown alike) is read again.
    again = [Entry(*log) for log in entries if log[0] in gone and log not in unseen]
    return new + again, sorted(gone)


def forget(conn: sqlite3.Connection, src: int, names: set[str] | None) -> set[str]:
    """The named logs of a source dropped from the index (every one, for None); the ids they
    held."""
    values: list[tuple[object, ...]]
    if names is None:
        where, values = "src = ?", [(src,)]
    else:
        where, values = "src = ? AND file = ?", [(src, name) for name in names]
    ids: set[str] = set()
    for value in values:
        ids.update(i for (i,) in conn.execute(f"SELECT id FROM sessions WHERE {where}", value))
    chosen = f"SELECT sid FROM sessions WHERE {where}"
    conn.executemany(f"DELETE FROM phases WHERE sid IN ({chosen})", values)
    conn.executemany(f"DELETE FROM sessions WHERE {where}", values)
    conn.executemany(f"DELETE FROM damaged WHERE {where}", values)
    return ids


Rows = tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]


def _read(source: Source, entries: list[Entry], src: int, first: int) -> Iterator[Rows]:
    """The entries' rows (sessions, phases, damaged) a batch at a time, numbered from first.

    Many logs (the first report over a shelf) are read by as many processes as there are
    cores, each a batch at a time: parsing is most of the work, and it parallels well.
    """
    batches = [
        (source, entries[at : at + BATCH], src, first + at) for at in range(0, len(entries), BATCH)
    ]
    done = 0
    workers = min(os.cpu_count() or 1, 4)
    if len(entries) >= PARALLEL and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                ahead: deque[Future[Rows]] = deque()
                for batch in batches:  # a few batches ahead, never all: memory stays flat
                    ahead.append(pool.submit(read_batch, batch))
                    if len(ahead) > 2 * workers:
                        yield ahead.popleft().result()
                        done += 1
                while ahead:
                    yield ahead.popleft().result()
                    done += 1
            return
        except Exception:  # no processes to be had here, or one lost: the rest read here
            pass
    for batch in batches[done:]:
        yield read_batch(batch)


def read_batch(batch: tuple[Source, list[Entry], int, int]) -> Rows:
    """A batch of entries read from their logs, as rows (in a process of its own, maybe)."""
    source, entries, src, sid = batch
    sessions: list[tuple[object, ...]] = []
    phases: list[tuple[object, ...]] = []
    damaged: list[tuple[object, ...]] = []
    for entry, read in zip(entries, source.read(entries), strict=True):
        if isinstance(read, Damaged):
            damaged.append((src, entry.name, entry.size, entry.stamp, 0, str(read)))
        else:
            session, runs = schema.rows(read, sid, src, entry.name, entry.size, entry.stamp)
            sessions.append(session)
            phases += runs
        sid += 1
    return sessions, phases, damaged


def _add(
    conn: sqlite3.Connection,
    sessions: list[tuple[object, ...]],
    phases: list[tuple[object, ...]],
    damaged: list[tuple[object, ...]],
) -> set[str]:
    """Rows put in the index; the sessions' ids."""
    conn.execute("SAVEPOINT batch")
    try:
        _insert(conn, sessions, phases, damaged)
    except UnicodeEncodeError:  # text no log balint wrote has: mended, the batch again
        conn.execute("ROLLBACK TO batch")
        _insert(conn, schema.keepable(sessions), schema.keepable(phases), schema.keepable(damaged))
    conn.execute("RELEASE batch")
    return {str(row[_ID]) for row in sessions}


def _insert(
    conn: sqlite3.Connection,
    sessions: list[tuple[object, ...]],
    phases: list[tuple[object, ...]],
    damaged: list[tuple[object, ...]],
) -> None:
    conn.executemany(_INSERT_SESSION, sessions)
    conn.executemany(_INSERT_PHASE, phases)
    conn.executemany("INSERT INTO damaged VALUES (?, ?, ?, ?, ?, ?)", damaged)


def _choose_copies(conn: sqlite3.Connection, src: int, ids: set[str]) -> None:
    """Which copy of each session counts, where a source has more than one of it: the one
    named by its id, else the one that got furthest, else the longest."""
    if len(ids) > BATCH:  # a source read afresh: look for the ids it has twice
        ids = {
            i
            for (i,) in conn.execute(
                "SELECT id FROM sessions WHERE src = ? GROUP BY id HAVING count(*) > 1", (src,)
            )
        }
    copies = [(src, i) for i in ids]
    conn.executemany(
        "UPDATE sessions SET best = (sid = (SELECT sid FROM sessions AS copy WHERE copy.src = ?1 "
        "AND copy.id = ?2 ORDER BY named DESC, reached DESC, size DESC, file, sid LIMIT 1)) "
        "WHERE src = ?1 AND id = ?2",
        copies,
    )
    conn.executemany(
        "UPDATE phases SET best = (SELECT best FROM sessions WHERE sessions.sid = phases.sid) "
        "WHERE sid IN (SELECT sid FROM sessions WHERE src = ?1 AND id = ?2)",
        copies,
    )
