"""`balint log export --bundle` and `--sqlite`: the chosen logs as a zip to hand on, and the
chosen sessions as a database of their own, for an organiser's own queries (DB Browser for
SQLite, Datasette, pandas, DuckDB, a spreadsheet).

The database's two tables are a stable shape, documented in the README: columns may be added, never
renamed or removed. It holds what the logs hold and nothing else: timings and counts, the
group labels, no names and nothing said. Its version is in PRAGMA user_version.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.core.rules import ROLES, SETTINGS
from balint_cli.errors import BalintError
from balint_cli.fs.files import show_path
from balint_cli.logbook.queries import ORDER, Shelf, chosen, files
from balint_cli.logbook.schema import sql_list
from balint_cli.logbook.tallies import Choice

# 2: over_minutes is how far a phase ran over by the one rule every report keeps
# (rules.overrun: 0 unless it ran half a minute or more past its time), where 1 had actual
# less allotted, early phases negative. 3: sessions has debriefs and debrief_minutes.
VERSION = 3

SESSIONS = f"""CREATE TABLE out.sessions (
  id TEXT PRIMARY KEY,
  started TEXT NOT NULL,
  ended TEXT NOT NULL,
  date TEXT NOT NULL,
  format TEXT NOT NULL,
  format_title TEXT NOT NULL,
  group_label TEXT,
  group_key TEXT,
  setting TEXT NOT NULL CHECK (setting IN {sql_list(SETTINGS)}),
  role TEXT NOT NULL CHECK (role IN {sql_list(ROLES)}),
  supervised INTEGER NOT NULL CHECK (supervised IN (0, 1)),
  members INTEGER CHECK (members >= 1),
  attendees INTEGER CHECK (attendees >= 0),
  status TEXT NOT NULL CHECK (status IN {sql_list((COMPLETED, QUIT, INTERRUPTED))}),
  minutes REAL NOT NULL,
  paused_minutes REAL NOT NULL,
  on_time INTEGER CHECK (on_time IN (0, 1)),
  late_minutes REAL,
  cases INTEGER NOT NULL CHECK (cases >= 0),
  practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
  false_start INTEGER NOT NULL CHECK (false_start IN (0, 1)),
  resumed INTEGER NOT NULL CHECK (resumed >= 0),
  time_changes INTEGER NOT NULL CHECK (time_changes >= 0),
  markers INTEGER NOT NULL CHECK (markers >= 0),
  edits INTEGER NOT NULL CHECK (edits >= 0),
  debriefs INTEGER NOT NULL DEFAULT 0 CHECK (debriefs >= 0),
  debrief_minutes REAL CHECK ((debrief_minutes IS NULL) = (debriefs = 0) AND
    (debrief_minutes IS NULL OR debrief_minutes >= 0))
)"""
PHASES = """CREATE TABLE out.phases (
  session TEXT NOT NULL REFERENCES sessions (id),
  number INTEGER NOT NULL CHECK (number >= 1),
  phase_id TEXT NOT NULL,
  title TEXT NOT NULL,
  case_number INTEGER,
  planned_minutes REAL NOT NULL,
  allotted_minutes REAL NOT NULL,
  actual_minutes REAL,
  over_minutes REAL,
  visits INTEGER NOT NULL CHECK (visits >= 0),
  PRIMARY KEY (session, number)
)"""
_SESSION_ROWS = (
    "INSERT INTO out.sessions SELECT id, started, ended, day, format, format_title, "
    "group_label, group_key, setting, role, supervised, members, attendees, status, "
    "seconds / 60.0, paused / 60.0, on_time, late / 60.0, cases, practice, false_start, "
    f"resumes, changes, markers, edits, debriefs, debrief_minutes FROM chosen ORDER BY {ORDER}"
)
_PHASE_ROWS = (
    "INSERT INTO out.phases SELECT chosen.id, number + 1, phase_id, title, case_number, "
    "planned / 60.0, allotted / 60.0, CASE WHEN visits THEN actual / 60.0 END, over / 60.0, "
    "visits FROM chosen JOIN phases ON phases.sid = chosen.sid "
    f"ORDER BY {ORDER}, number"
)


def write_database(shelf: Shelf, choice: Choice, path: Path) -> None:
    """The sessions the choice takes, and their phases, written into a new database at path."""
    conn = shelf.conn
    conn.execute("ATTACH DATABASE ? AS out", (str(path),))
    try:
        conn.execute("BEGIN")
        conn.execute(SESSIONS)
        conn.execute(PHASES)
        conn.execute(f"PRAGMA out.user_version = {VERSION}")
        head, values = chosen(shelf, choice)
        conn.execute(head + _SESSION_ROWS, values)
        conn.execute(head + _PHASE_ROWS, values)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE out")


_PRIVATE = 0o100600 << 16  # a member unpacks as a regular file of its owner's alone


def write_bundle(shelf: Shelf, choice: Choice, folder: Path, path: Path) -> None:
    """The chosen logs of folder, as they are, streamed a log at a time into a new zip at
    path; how many.

    Every member is dated the moment the bundle was made, with one date shared by all: the
    zip keeps each member's entry until it is closed, and a date of its own for each of
    100,000 logs would be a fifth of them. When each session ran is in its log.
    """
    made = time.localtime()[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in files(shelf, choice):  # a log at a time, never a list of them
            member = zipfile.ZipInfo(f"logs/{name}", made)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = _PRIVATE
            try:
                with open(folder / name, "rb") as log:
                    member.file_size = os.fstat(log.fileno()).st_size
                    with archive.open(member, "w") as copy:
                        shutil.copyfileobj(log, copy)
            except OSError as err:
                raise BalintError(
                    f"{show_path(name)} cannot be read for the bundle: {err.strerror or err}."
                ) from None
