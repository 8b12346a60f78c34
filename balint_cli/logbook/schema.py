"""The index's tables: what each column holds, the range a log can give it, and a log's rows.

Every column carries a CHECK of its type and range. Only balint writes the index: a row
written or changed by another program (past the checks, or not) marks the index as
doubted (the `guard` table, through triggers), and a doubted index is made anew from the
logs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.core.rules import LOGGED_COUNT, LOGGED_LABEL, ROLES, SETTINGS, label_key, overrun
from balint_cli.fs.paths import LOG_SUFFIX
from balint_cli.logbook.finding import name_order
from balint_cli.logbook.reading import MAX_SECONDS, SessionLog
from balint_cli.logbook.tallies import Tally

VERSION = 4  # PRAGMA user_version: a database of another version is made anew (4: listing)
MOST = (1 << 53) - 1  # a count no log reaches
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MOST_SECONDS = 1e15  # a sum of times from a log (its pauses) is never more


def _text(column: str, most: int | None = None) -> str:
    if most is None:
        return f"typeof({column}) = 'text'"
    return f"typeof({column}) = 'text' AND length({column}) <= {most}"


def _whole(column: str, low: int = 0, high: int = MOST) -> str:
    return f"typeof({column}) = 'integer' AND {column} BETWEEN {low} AND {high}"


def _flag(column: str) -> str:
    return f"typeof({column}) = 'integer' AND {column} IN (0, 1)"


def _seconds(column: str, most: float = MAX_SECONDS) -> str:
    return f"typeof({column}) = 'real' AND {column} BETWEEN {-most} AND {most}"


def sql_list(words: tuple[str, ...]) -> str:
    """The words a column may hold, as SQL lists them: ('lead', 'co-lead')."""
    return f"({', '.join(repr(word) for word in words)})"


def _one_of(column: str, words: tuple[str, ...]) -> str:
    return f"typeof({column}) = 'text' AND {column} IN {sql_list(words)}"


def _or_null(column: str, check: str) -> str:
    """In parentheses: after another condition's AND, it is still one condition."""
    return f"({column} IS NULL OR ({check}))"


# Each table: (column, declared type, the condition every value must meet).
SOURCES = (
    ("src", "INTEGER PRIMARY KEY", "src > 0"),
    ("key", "TEXT NOT NULL UNIQUE", _text("key")),
    ("size", "INTEGER", _or_null("size", _whole("size", -MOST))),
    ("stamp", "INTEGER", _or_null("stamp", "typeof(stamp) = 'integer'")),
    ("read_at", "INTEGER NOT NULL", _whole("read_at")),  # when last read, in Unix seconds
    # A folder's listing (names, sizes, times) its rows were last made from, as a digest.
    ("listing", "INTEGER", _or_null("listing", "typeof(listing) = 'integer'")),
)
SESSIONS = (
    ("sid", "INTEGER PRIMARY KEY", "sid > 0"),
    ("src", "INTEGER NOT NULL", _whole("src", 1)),
    ("file", "TEXT NOT NULL", _text("file")),  # the log's name in its source
    ("size", "INTEGER NOT NULL", _whole("size", -1)),
    ("stamp", "INTEGER NOT NULL", "typeof(stamp) = 'integer'"),  # sources.changed; a member's CRC
    ("id", "TEXT NOT NULL", _text("id")),
    ("named", "INTEGER NOT NULL", _flag("named")),  # the file is named by the session's id
    ("reached", "INTEGER NOT NULL", _whole("reached")),  # ms of session time its log got to
    ("best", "INTEGER NOT NULL", _flag("best")),  # the copy that counts, within its source
    ("started", "TEXT NOT NULL", _text("started", 40)),  # ISO 8601, with its offset
    ("proper", "INTEGER NOT NULL", _flag("proper")),  # an id balint gives (others go first)
    ("start_ms", "INTEGER NOT NULL", _whole("start_ms", -MOST)),  # Unix ms: the order
    ("day", "TEXT NOT NULL", "typeof(day) = 'text' AND day GLOB '[0-9][0-9][0-9][0-9]-[01]"
     "[0-9]-[0-3][0-9]'"),  # the local date: what --since and --until compare
    ("ended", "TEXT NOT NULL", _text("ended", 40)),
    ("format", "TEXT NOT NULL", _text("format")),
    ("format_title", "TEXT NOT NULL", _text("format_title")),
    ("group_label", "TEXT", _or_null("group_label", _text("group_label", LOGGED_LABEL))),
    ("group_key", "TEXT", "(group_key IS NULL) = (group_label IS NULL) AND "
     + _or_null("group_key", "typeof(group_key) = 'text'")),
    ("setting", "TEXT NOT NULL", _one_of("setting", SETTINGS)),
    ("role", "TEXT NOT NULL", _one_of("role", ROLES)),
    ("supervised", "INTEGER NOT NULL", _flag("supervised")),
    ("attendees", "INTEGER", _or_null("attendees", _whole("attendees", 0, LOGGED_COUNT))),
    ("members", "INTEGER", _or_null("members", _whole("members", 1, LOGGED_COUNT))),
    ("seconds", "REAL NOT NULL", _seconds("seconds")),
    ("paused", "REAL NOT NULL", _seconds("paused", MOST_SECONDS)),
    ("late", "REAL", _or_null("late", _seconds("late"))),
    ("cases", "INTEGER NOT NULL", _whole("cases", 0, LOGGED_COUNT)),
    ("status", "TEXT NOT NULL", _one_of("status", (COMPLETED, QUIT, INTERRUPTED))),
    ("practice", "INTEGER NOT NULL", _flag("practice")),
    ("false_start", "INTEGER NOT NULL", _flag("false_start")),
    ("on_time", "INTEGER", "(on_time IS NULL) = (late IS NULL) AND "
     + _or_null("on_time", _flag("on_time"))),
    ("resumes", "INTEGER NOT NULL", _whole("resumes")),
    ("changes", "INTEGER NOT NULL", _whole("changes")),
    ("markers", "INTEGER NOT NULL", _whole("markers")),
    ("edits", "INTEGER NOT NULL", _whole("edits")),
    ("skipped", "INTEGER NOT NULL", _whole("skipped")),  # damaged lines, said in a note
    # No end in its log: it may still be running (queries.running looks at its lock).
    ("unended", "INTEGER NOT NULL", _flag("unended")),
    # The co-leaders' debriefs after it, and their minutes in all (none: null).
    ("debriefs", "INTEGER NOT NULL DEFAULT 0", _whole("debriefs")),
    ("debrief_minutes", "REAL", "(debrief_minutes IS NULL) = (debriefs = 0) AND "
     + _or_null("debrief_minutes", "typeof(debrief_minutes) = 'real' AND debrief_minutes "
                f"BETWEEN 0 AND {MOST_SECONDS}")),
)  # fmt: skip
PHASES = (  # with their session's source and what reports choose sessions by
    ("sid", "INTEGER NOT NULL", _whole("sid", 1)),
    ("number", "INTEGER NOT NULL", _whole("number", 0, LOGGED_COUNT)),  # from 0, in order
    ("phase_id", "TEXT NOT NULL", _text("phase_id")),
    ("title", "TEXT NOT NULL", _text("title")),
    ("case_number", "INTEGER", _or_null("case_number", _whole("case_number", -MOST))),
    ("planned", "REAL NOT NULL", _seconds("planned")),
    ("allotted", "REAL NOT NULL", _seconds("allotted")),
    ("actual", "REAL NOT NULL", _seconds("actual")),
    ("visits", "INTEGER NOT NULL", _whole("visits")),
    ("over", "REAL", "(over IS NULL) = (visits = 0) AND "  # rules.overrun: 0 unless it ran over
     + _or_null("over", _seconds("over", 2 * MAX_SECONDS))),
    ("src", "INTEGER NOT NULL", _whole("src", 1)),
    ("best", "INTEGER NOT NULL", _flag("best")),
    ("practice", "INTEGER NOT NULL", _flag("practice")),
    ("false_start", "INTEGER NOT NULL", _flag("false_start")),
    ("day", "TEXT NOT NULL", "typeof(day) = 'text'"),
    ("group_key", "TEXT", _or_null("group_key", "typeof(group_key) = 'text'")),
)  # fmt: skip
DAMAGED = (  # the files in a source that are not logs, each said in a note every time
    ("src", "INTEGER NOT NULL", _whole("src", 1)),
    ("file", "TEXT NOT NULL", _text("file")),
    ("size", "INTEGER NOT NULL", _whole("size", -1)),
    ("stamp", "INTEGER NOT NULL", "typeof(stamp) = 'integer'"),
    ("refused", "INTEGER NOT NULL", _flag("refused")),  # not read at all (a bundle's path)
    ("reason", "TEXT NOT NULL", _text("reason")),
)


def _table(name: str, columns: tuple[tuple[str, str, str], ...], key: str = "") -> str:
    """The table's CREATE statement; with a key, a table without rowids keyed by it."""
    body = ",\n  ".join(f"{column} {kind} CHECK ({check})" for column, kind, check in columns)
    if key:
        return f"CREATE TABLE {name} (\n  {body},\n  PRIMARY KEY ({key})\n) WITHOUT ROWID"
    return f"CREATE TABLE {name} (\n  {body}\n)"


TABLES = ("sources", "sessions", "phases", "damaged")
STATEMENTS = (
    _table("sources", SOURCES),
    _table("sessions", SESSIONS),
    _table("phases", PHASES, key="sid, number"),
    _table("damaged", DAMAGED),
    "CREATE TABLE guard (\n  doubted INTEGER NOT NULL CHECK (doubted IN (0, 1))\n)",
    "CREATE INDEX sessions_file ON sessions (src, file, size, stamp)",
    "CREATE INDEX sessions_id ON sessions (src, id)",
    "CREATE INDEX sessions_order ON sessions (src, best, proper, start_ms, id)",
    "CREATE INDEX sessions_skipped ON sessions (src) WHERE skipped > 0",
    "CREATE INDEX sessions_unended ON sessions (src) WHERE unended = 1",
    "CREATE INDEX phases_title ON phases (src, best, title, practice, false_start, day, "
    "group_key, visits, over)",
    "CREATE INDEX damaged_file ON damaged (src, file)",
    *(
        f"CREATE TRIGGER {table}_{event.lower()} AFTER {event} ON {table} "
        "WHEN (SELECT doubted FROM guard) = 0 BEGIN UPDATE guard SET doubted = 1; END"
        for table in TABLES
        for event in ("INSERT", "UPDATE")
    ),
)
# The indexes and triggers (last among the statements): their names and kinds.
EXTRAS = [
    (statement.split()[2], statement.split()[1])
    for statement in STATEMENTS
    if statement.startswith(("CREATE INDEX", "CREATE TRIGGER"))
]


# -- what a log gives the index ---------------------------------------------------------------


def rows(
    log: SessionLog, sid: int, src: int, file: str, size: int, stamp: int
) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    """The log as a row of the sessions table and rows of the phases table, in their order."""
    t = Tally.of(log)
    started = log.started
    ended = log.ended or started
    late = t.late
    given = log.session_id
    day = started.date().isoformat()
    group_key = None if t.group is None else label_key(t.group)
    session: tuple[object, ...] = (
        sid, src, file, size, stamp, given, int(log.id == given),
        max(round(log.last_t * 1000), 0), 1, started.isoformat(),
        int(name_order(given + LOG_SUFFIX)[0]), (started - _EPOCH) // timedelta(milliseconds=1),
        day, ended.isoformat(), t.format, t.format_title, t.group, group_key, t.setting, t.role,
        int(t.supervised), t.attendees, t.members, t.seconds, t.paused, late, t.cases,
        t.status, int(t.practice), int(t.false_start),
        None if late is None else int(bool(t.on_time)), t.resumes, t.changes, t.markers,
        t.edits, log.skipped_lines, int(log.end is None), log.debriefs,
        float(log.debrief_minutes) if log.debriefs else None,
    )  # fmt: skip
    practice, false_start = int(t.practice), int(t.false_start)
    phases: list[tuple[object, ...]] = [
        (
            sid,
            run.index,
            run.id,
            run.title,
            run.case if type(run.case) is int and abs(run.case) <= MOST else None,
            run.planned,
            run.allotted,
            run.actual,
            run.visits,
            overrun(run.allotted, run.actual) if run.visits else None,
            src,
            1,
            practice,
            false_start,
            day,
            group_key,
        )  # fmt: skip
        for run in log.phases
    ]
    return session, phases


def keepable(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows with every text SQLite cannot keep (a lone surrogate, which a log balint
    wrote never has) mended."""
    return [tuple(map(_keepable, row)) for row in rows]


def _keepable(value: object) -> object:
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value
