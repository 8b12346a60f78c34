"""The reports' index: one SQLite database, $BALINT_HOME/index.db, made from the logs and
never trusted over them (refresh.py brings it up to date). The logs stay the only truth:
the index can always be deleted.

It is opened only as a regular file of the user's. Anything else at its path or its
companions' (a link, a pipe, a folder) is set aside unopened and a fresh index made; a
database that is damaged is moved aside and made anew; one of another version or schema is
made anew, and so is one that another program wrote into. When it cannot be written (a
full disk, a read-only folder, another report writing it for longer than a moment), the
report is made in memory (access.py). A running session never touches it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from balint_cli.fs.files import FILE_MODE, O_CLOEXEC, O_NOFOLLOW, kind, private_folder, show_path
from balint_cli.fs.paths import INDEX, OLD_INDEX
from balint_cli.logbook import schema
from balint_cli.logbook.sources import Note

COMPANIONS = ("-journal", "-wal", "-shm")
BUSY_SECONDS = 1.5  # how long a report waits for another that is writing the index
_MALFORMED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class Unusable(Exception):
    """The index cannot be used for this report; why, in a few words."""


# -- opening it safely --------------------------------------------------------------------------


def open_file(home: Path, note: Note) -> sqlite3.Connection:
    """The index in home, checked and of this version; Unusable or sqlite3.Error if not."""
    path = home / INDEX
    _forget_the_old_index(home)
    strangers = _strangers(path)
    if strangers:
        first, what = strangers[0]
        try:
            aside = [_set_aside(stranger) for stranger, _what in strangers][0]
        except OSError as err:
            raise Unusable(f"{what} is there, and cannot be set aside: {err.strerror}") from None
        note(
            f"The index {show_path(first)} was {what}, not a file of yours: it was set aside "
            f"as {show_path(aside)}, unopened, and a fresh index made."
        )
    try:
        private_folder(home)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC, FILE_MODE)
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
    path = home / INDEX
    if _copyable(path):
        with contextlib.suppress(sqlite3.Error, ValueError, OSError):
            disk = sqlite3.connect(
                Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True, timeout=BUSY_SECONDS
            )
            try:
                disk.execute("BEGIN")  # read as it stands, or given up after a moment:
                disk.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a copy
                disk.backup(conn)  # would otherwise wait for as long as another writes
            finally:
                disk.close()
    try:
        _made(conn)
    except sqlite3.Error:
        conn.close()
        conn = sqlite3.connect(":memory:", isolation_level=None)
        _made(conn)
    return conn


def _copyable(path: Path) -> bool:
    """Whether the index at path is a file of the user's that can be copied (its folder may
    be no folder at all: a home that is a file)."""
    try:
        return not _strangers(path) and path.exists()
    except Unusable:
        return False


def malformed(err: sqlite3.Error) -> bool:
    """Whether the error says the database is damaged (not busy, full or read-only)."""
    return getattr(err, "sqlite_errorcode", 0) & 0xFF in _MALFORMED


def move_aside(home: Path) -> Path | None:
    """A damaged index moved aside, its companions with it; where it went."""
    path = home / INDEX
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
    """What is at the index's path in place of a file of the user's, in a word or two."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISREG(mode) and not mine:
        return "another user's file"
    return kind(mode)


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
    old = home / OLD_INDEX
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
    conn.execute("PRAGMA temp_store = MEMORY")  # a report's own tables: never on disk
    if _current(conn):
        return
    with _immediate(conn):
        if not _current(conn):  # another report may have made it meanwhile
            for kind, name in conn.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchall():
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            for statement in schema.STATEMENTS:
                conn.execute(statement)
            conn.execute("INSERT INTO guard VALUES (0)")
            conn.execute(f"PRAGMA user_version = {schema.VERSION}")


@contextlib.contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction taken at once (so two reports never both read, then write),
    committed when the block ends and rolled back when it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _current(conn: sqlite3.Connection) -> bool:
    """Whether the database is of this version and has exactly this balint's tables."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version != schema.VERSION:
        return False
    found = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    return sorted(sql for (sql,) in found) == sorted(schema.STATEMENTS)


@contextlib.contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction of balint's own: the triggers that mark other programs' writes are
    set off by these too, and put back as they were."""
    with _immediate(conn):
        (doubted,) = conn.execute("SELECT doubted FROM guard").fetchone()
        yield
        if not doubted:
            conn.execute("UPDATE guard SET doubted = 0")


def trusted(conn: sqlite3.Connection) -> bool:
    """Whether no other program wrote into the index (its guard is one row, not marked); if
    one did, it is emptied, to be made anew from the logs."""
    if conn.execute("SELECT doubted FROM guard").fetchall() == [(0,)]:
        return True
    with _immediate(conn):
        for table in schema.TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM guard")  # taken out or added to by hand: one row again
        conn.execute("INSERT INTO guard VALUES (0)")
    return False
