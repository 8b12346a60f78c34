"""The reports' index: one SQLite database, $BALINT_HOME/index.db, made from the logs and
never trusted over them.

Each report lists its sources' logs and brings the index up to date first: a log that is
new, changed (its size or modification time) or gone is read again or dropped, and only
that log; a bundle that changed is read again whole. A source not read for 90 days is
pruned. The logs stay the only truth: the index can always be deleted.

It is opened only as a regular file of the user's. Anything else at its path or its
companions' (a link, a pipe, a folder) is set aside unopened and a fresh index made; a
database that is damaged is moved aside and made anew; one of another version or schema is
made anew. When it cannot be written (a full disk, a read-only folder, another report
writing it for longer than a moment), the report is made in memory. Each of these is said
in one note. A running session never touches it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from balint_cli.files import O_CLOEXEC, O_NOFOLLOW, private_folder, show_path
from balint_cli.logbook import schema
from balint_cli.logbook.reading import Damaged
from balint_cli.logbook.sources import OWN, Entry, Note, Source

FILE = "index.db"
COMPANIONS = ("-journal", "-wal", "-shm")
BUSY_SECONDS = 1.5  # how long a report waits for another that is writing the index
PRUNE_SECONDS = 90 * 86_400  # a source not read for this long leaves the index
BATCH = 500  # logs read, then written, at a time: memory stays flat
_MALFORMED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_SESSION_COLUMNS = [column for column, _kind, _check in schema.SESSIONS]
_INSERT_SESSION = (
    f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_SESSION_COLUMNS))})"
)
_ID = _SESSION_COLUMNS.index("id")
_INSERT_PHASE = f"INSERT INTO phases VALUES ({', '.join('?' * len(schema.PHASES))})"


def database(home: Path) -> Path:
    return home / FILE


class Unusable(Exception):
    """The index cannot be used for this report; why, in a few words."""


# -- opening it safely --------------------------------------------------------------------------


def open_file(home: Path, note: Note) -> sqlite3.Connection:
    """The index in home, checked and of this version; Unusable or sqlite3.Error if not."""
    path = database(home)
    _forget_the_old_index(home)
    strangers = _strangers(path)
    if strangers:
        first, what = strangers[0]
        aside = ""
        for stranger, _what in strangers:
            aside = aside or show_path(_set_aside(stranger))
        note(
            f"The index {show_path(first)} was {what}, not a file of yours: it was set aside "
            f"as {aside}, unopened, and a fresh index made."
        )
    try:
        private_folder(home)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        os.close(fd)  # made here, the owner's alone; SQLite gives its journal the same mode
    except FileExistsError:
        pass
    except OSError as err:
        raise Unusable(err.strerror or str(err)) from None
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        _made(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def in_memory(home: Path) -> sqlite3.Connection:
    """An index in memory: a copy of the one on disk where it can be read, else empty."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    path = database(home)
    if not _strangers(path) and path.exists():
        with contextlib.suppress(sqlite3.Error, ValueError, OSError):
            disk = sqlite3.connect(
                Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True, timeout=BUSY_SECONDS
            )
            try:
                disk.backup(conn)
            finally:
                disk.close()
    try:
        _made(conn)
    except sqlite3.Error:
        conn.close()
        conn = sqlite3.connect(":memory:", isolation_level=None)
        _made(conn)
    return conn


def malformed(err: sqlite3.Error) -> bool:
    """Whether the error says the database is damaged (not busy, full or read-only)."""
    return getattr(err, "sqlite_errorcode", 0) & 0xFF in _MALFORMED


def move_aside(home: Path) -> Path | None:
    """A damaged index moved aside, its companions with it; where it went."""
    path = database(home)
    aside = None
    with contextlib.suppress(OSError):
        aside = _set_aside(path)
    for companion in _companions(path):
        with contextlib.suppress(OSError):
            _set_aside(companion)
    return aside


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANIONS]


def _strangers(path: Path) -> list[tuple[Path, str]]:
    """The database's paths that hold something other than a regular file of the user's."""
    found = []
    for at in (path, *_companions(path)):
        try:
            info = os.lstat(at)
        except FileNotFoundError:
            continue
        except OSError as err:
            raise Unusable(err.strerror or str(err)) from None
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not (stat.S_ISREG(info.st_mode) and mine):
            found.append((at, _what(info.st_mode, mine)))
    return found


def _what(mode: int, mine: bool) -> str:
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISREG(mode) and not mine:
        return "another user's file"
    return "not a regular file"


def _set_aside(path: Path) -> Path:
    """path renamed beside itself (a link as a link: never followed); where it went."""
    for number in range(1, 100):
        aside = path.with_name(f"{path.name}.aside" + (f"-{number}" if number > 1 else ""))
        if not os.path.lexists(aside):
            os.rename(path, aside)
            return aside
    raise Unusable(f"{show_path(path)} cannot be set aside: too many are set aside already")


def _forget_the_old_index(home: Path) -> None:
    """An earlier balint's index folder (tallies and kept sums, as JSON): removed."""
    old = home / "index"
    try:
        mode = os.lstat(old).st_mode
    except OSError:
        return
    with contextlib.suppress(OSError):
        if stat.S_ISLNK(mode):
            os.unlink(old)
            return
        if not stat.S_ISDIR(mode):
            return
        for item in os.scandir(old):
            name = item.name
            if name.endswith(".jsonl") or name.startswith((".index-", "summary")):
                os.unlink(item.path)
        os.rmdir(old)


def _made(conn: sqlite3.Connection) -> None:
    """The database with this balint's tables, made anew if it had others (or none)."""
    conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs as it is read
    if _current(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _current(conn):  # another report may have made it meanwhile
            for kind, name in conn.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchall():
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            for statement in schema.STATEMENTS:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {schema.VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _current(conn: sqlite3.Connection) -> bool:
    """Whether the database is of this version and has exactly this balint's tables."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version != schema.VERSION:
        return False
    found = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    return sorted(sql for (sql,) in found) == sorted(schema.STATEMENTS)


# -- bringing it up to date -------------------------------------------------------------------


def refresh(conn: sqlite3.Connection, sources: list[Source], now: float) -> list[int]:
    """Each source brought up to date in the index, a source at a time; their numbers."""
    _prune(conn, now)
    return [_refresh(conn, source, now) for source in sources]


def _prune(conn: sqlite3.Connection, now: float) -> None:
    """Other leaders' folders and bundles not read for 90 days leave the index."""
    stale = [
        src
        for (src,) in conn.execute(
            "SELECT src FROM sources WHERE key != ? AND read_at < ?", (OWN, now - PRUNE_SECONDS)
        )
    ]
    if not stale:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for src in stale:
            forget(conn, src, None)
            conn.execute("DELETE FROM sources WHERE src = ?", (src,))
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _refresh(conn: sqlite3.Connection, source: Source, now: float) -> int:
    found = conn.execute(
        "SELECT src, size, stamp, read_at FROM sources WHERE key = ?", (source.key,)
    ).fetchone()
    stamp = source.stamp()
    if found is not None and stamp is not None and (found[1], found[2]) == stamp:
        _read_at(conn, found[0], found[3], now)
        return int(found[0])  # a bundle as it was: nothing in it changed
    entries, refused = source.entries()
    if found is not None and stamp is None:
        new, gone = _changes(conn, found[0], entries)
        if not new and not gone:
            _read_at(conn, found[0], found[3], now)
            return int(found[0])
    conn.execute("BEGIN IMMEDIATE")
    try:
        src = _source(conn, source, stamp, now)
        if stamp is not None:  # a bundle that changed: read again whole
            forget(conn, src, None)
            new, gone = entries, set()
            conn.executemany(
                "INSERT INTO damaged VALUES (?, ?, -1, 0, 1, ?)",
                [(src, name, reason) for name, reason in refused],
            )
        else:
            new, gone = _changes(conn, src, entries)  # again: another report may have been
        affected = forget(conn, src, {name for name, _size, _stamp in gone} | {e.name for e in new})
        for at in range(0, len(new), BATCH):
            affected |= _add(conn, src, source, new[at : at + BATCH])
        _choose_copies(conn, src, affected)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    return src


def _read_at(conn: sqlite3.Connection, src: int, read_at: int, now: float) -> None:
    """When a source was last read, written down once a day (for pruning)."""
    if now - read_at > 86_400:
        conn.execute("UPDATE sources SET read_at = ? WHERE src = ?", (int(now), src))


def _source(
    conn: sqlite3.Connection, source: Source, stamp: tuple[int, int] | None, now: float
) -> int:
    size, mark = stamp if stamp is not None else (None, None)
    conn.execute(
        "INSERT INTO sources (key, size, stamp, read_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) "
        "DO UPDATE SET size = excluded.size, stamp = excluded.stamp, read_at = excluded.read_at",
        (source.key, size, mark, int(now)),
    )
    (src,) = conn.execute("SELECT src FROM sources WHERE key = ?", (source.key,)).fetchone()
    return int(src)


def _changes(
    conn: sqlite3.Connection, src: int, entries: list[Entry]
) -> tuple[list[Entry], set[tuple[str, int, int]]]:
    """The entries not in the index as they are now, and what the index has that is gone."""
    had = set(
        conn.execute(
            "SELECT file, size, stamp FROM sessions WHERE src = ?1 "
            "UNION ALL SELECT file, size, stamp FROM damaged WHERE src = ?1",
            (src,),
        ).fetchall()
    )
    new = [entry for entry in entries if entry not in had]
    gone = had.difference(entries) if len(had) + len(new) != len(entries) else set()
    return new, gone


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


def _add(conn: sqlite3.Connection, src: int, source: Source, entries: list[Entry]) -> set[str]:
    """The entries read from their logs and put in the index; the sessions' ids."""
    (sid,) = conn.execute("SELECT coalesce(max(sid), 0) FROM sessions").fetchone()
    sessions: list[tuple[object, ...]] = []
    phases: list[tuple[object, ...]] = []
    damaged: list[tuple[object, ...]] = []
    for entry, read in zip(entries, source.read(entries), strict=True):
        if isinstance(read, Damaged):
            damaged.append((src, entry.name, entry.size, entry.stamp, 0, str(read)))
            continue
        sid += 1
        sessions.append(schema.session_row(read, sid, src, entry.name, entry.size, entry.stamp))
        phases += schema.phase_rows(read, sid)
    conn.executemany(_INSERT_SESSION, sessions)
    conn.executemany(_INSERT_PHASE, phases)
    conn.executemany("INSERT INTO damaged VALUES (?, ?, ?, ?, ?, ?)", damaged)
    return {str(row[_ID]) for row in sessions}


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
    conn.executemany(
        "UPDATE sessions SET best = (sid = (SELECT sid FROM sessions AS copy WHERE copy.src = ?1 "
        "AND copy.id = ?2 ORDER BY named DESC, reached DESC, size DESC, file, sid LIMIT 1)) "
        "WHERE src = ?1 AND id = ?2",
        [(src, i) for i in ids],
    )
