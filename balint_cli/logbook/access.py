"""The index opened for a report: safely, brought up to date with the logs, and in memory
when it cannot be written.

A damaged database is moved aside and made anew; one that cannot be used as it is (a full
disk, a read-only folder, another report writing it for longer than a moment) is copied into
memory, or made there from the logs, and the report made from that. An index that another
program wrote into is never believed: it is made anew from the logs. Each of these is one
note; the notes about the logs themselves come after.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from balint_cli.errors import BalintError
from balint_cli.fs.files import show_path
from balint_cli.fs.paths import INDEX
from balint_cli.logbook import index, queries
from balint_cli.logbook.refresh import refresh
from balint_cli.logbook.sources import OWN, Note, Source, chosen_sources

_WHY = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "it is read-only",
    sqlite3.SQLITE_CANTOPEN: "it cannot be opened",
    sqlite3.SQLITE_BUSY: "another report is writing it",
    sqlite3.SQLITE_LOCKED: "another report is writing it",
    sqlite3.SQLITE_PERM: "it may not be written",
    sqlite3.SQLITE_IOERR: "the disk would not read or write it",
}


@contextlib.contextmanager
def opened(
    home: Path, paths: list[Path], note: Note, clock: Callable[[], float] = time.time
) -> Iterator[queries.Shelf]:
    """The index, up to date with the logs of the sources (the user's, or those given)."""
    sources = chosen_sources(home, paths)
    shelf = _ready(home, sources, note, clock())
    try:
        for said in queries.notes(shelf):
            note(said)
        yield shelf
    except sqlite3.Error as err:  # damage found only now, as the report read it
        where = show_path(home / INDEX)
        if index.malformed(err):
            index.move_aside(home)
            raise BalintError(
                f"The index {where} was found damaged as it was read ({err}): it was moved "
                "aside, and the next report makes it anew from the logs."
            ) from None
        raise BalintError(
            f"The index {where} could not be read ({_why(err)}); try again."
        ) from None
    finally:
        shelf.conn.close()


def _ready(home: Path, sources: list[Source], note: Note, now: float) -> queries.Shelf:
    where = show_path(home / INDEX)
    why = ""
    # A home not made yet (nothing run, or a typo in BALINT_HOME) holds no logs: a report of
    # them alone is made in memory, and leaves no folders behind. Others' logs (--from) are
    # kept in the index all the same: an organiser may never run a session.
    kept = os.path.lexists(home) or any(source.key != OWN for source in sources)
    attempts = (1, 2) if kept else ()
    for attempt in attempts:
        conn = None
        try:
            conn = index.open_file(home, note)
            return _fresh(conn, home, sources, now, note)
        except index.Unusable as err:
            why = str(err)
        except sqlite3.Error as err:
            why = _why(err)
            if attempt == 1 and index.malformed(err):
                if conn is not None:
                    conn.close()
                aside = index.move_aside(home)
                note(
                    f"The index {where} was damaged ({err}): it was moved aside as "
                    f"{show_path(aside or '?')} and made anew from the logs."
                )
                continue
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        if conn is not None:
            conn.close()
        break
    if why:
        note(f"The index {where} cannot be written ({why}): this report is made without it.")
    conn = index.in_memory(home)
    try:
        return _fresh(conn, home, sources, now, note)
    except BaseException:
        conn.close()
        raise


def _why(err: sqlite3.Error) -> str:
    return _WHY.get(getattr(err, "sqlite_errorcode", 0) & 0xFF, str(err))


def _fresh(
    conn: sqlite3.Connection, home: Path, sources: list[Source], now: float, note: Note
) -> queries.Shelf:
    """The index up to date with the sources, made anew first if another program wrote in it."""
    if not index.trusted(conn):
        note(
            f"The index {show_path(home / INDEX)} was changed by another program: it "
            "was made anew from the logs."
        )
    srcs = refresh(conn, sources, now)
    return queries.Shelf(conn, srcs, sources, home, queries.running(conn, srcs, sources))
