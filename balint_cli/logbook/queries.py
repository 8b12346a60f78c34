"""Every report as a query of the index: which sessions it covers, and their listing, sums,
portfolio and exports.

A session is its id: a source that holds it twice counts it once (index.py chooses the copy
within a source), and so do sources pooled with --from (the same rule, then the order the
sources were given). Sessions come in the order they began, to the millisecond, then by id.
A group is its label_key: labels that look the same are one group, shown under the spelling
of its most recent session in the report, or groups.toml's where its sessions spell it in
more than one way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any

from balint_cli.core.rules import label_key
from balint_cli.errors import BadInput
from balint_cli.fs.files import show_path
from balint_cli.logbook import reading
from balint_cli.logbook.sources import OWN, Source
from balint_cli.logbook.summary import Bucket, Overrun, Summary
from balint_cli.logbook.tallies import RUNNING, SPARK, Choice, Month, PhaseRun, Tally, Year

# Start-up: groups.toml, and the format model it is checked with, are loaded only where a
# report shows a group spelt in more than one way (_groups_file), not for every report.

ORDER = "proper, start_ms, id"  # the order sessions began in (ids balint never gives first)
LATEST = "proper DESC, start_ms DESC, id DESC"
_IN_ORDER = "chosen.proper, chosen.start_ms, chosen.id"  # the same, beside a session's phases


@dataclass
class Shelf:
    """The index brought up to date for a report: its database, the sources it reads
    (their numbers in the index, in the order given), and the sessions still running."""

    conn: sqlite3.Connection
    srcs: list[int]
    sources: list[Source]
    home: Path
    running: frozenset[str] = frozenset()  # their ids: reports leave them out until they end


def running(conn: sqlite3.Connection, srcs: list[int], sources: list[Source]) -> frozenset[str]:
    """The ids of the sessions a running balint is writing now. A lock is looked at only where
    a log has no end, an open() each: never every log on the shelf."""
    found = set()
    for src, source in zip(srcs, sources, strict=True):
        for id_, file in conn.execute(
            "SELECT id, file FROM sessions WHERE src = ? AND unended = 1", (src,)
        ).fetchall():
            if source.running(file):
                found.add(str(id_))
    return frozenset(found)


def chosen(shelf: Shelf, choice: Choice, scan: bool = False) -> tuple[str, list[object]]:
    """The sessions the choice takes, as a WITH clause naming them `chosen`; its values.

    With scan, the table is read straight through rather than by its index: for a sum over
    most of it, far quicker than a lookup of each row the index names."""
    where, values = _filters(choice)
    sessions = "sessions NOT INDEXED" if scan else "sessions"
    if shelf.running and not choice.running:
        where.append(f"id NOT IN ({', '.join('?' * len(shelf.running))})")
        values += sorted(shelf.running)
    if len(shelf.srcs) == 1:
        base = f"SELECT * FROM {sessions} WHERE {' AND '.join(['src = ? AND best = 1', *where])}"
        return f"WITH chosen AS ({base}) ", [*shelf.srcs, *values]
    # The same session in two sources: the better copy, else the one given first.
    rank = " ".join(f"WHEN {src} THEN {n}" for n, src in enumerate(shelf.srcs))
    base = (
        "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY named DESC, "
        f"reached DESC, size DESC, CASE src {rank} END, file) AS copy FROM {sessions} "
        f"WHERE src IN ({', '.join('?' * len(shelf.srcs))}) AND best = 1) WHERE copy = 1"
    )
    if where:
        base += " AND " + " AND ".join(where)
    return f"WITH chosen AS ({base}) ", [*shelf.srcs, *values]


def _filters(choice: Choice) -> tuple[list[str], list[object]]:
    """What the choice asks of a session, as conditions on the columns that the sessions
    and phases tables both have; their values."""
    where: list[str] = []
    values: list[object] = []
    if not choice.include_practice:
        where.append("NOT practice")
        if not choice.false_starts:
            where.append("NOT false_start")
    if choice.since is not None:
        where.append("day >= ?")
        values.append(choice.since.isoformat())
    if choice.until is not None:
        where.append("day <= ?")
        values.append(choice.until.isoformat())
    if choice.group is not None:
        where.append("group_key = ?")
        values.append(label_key(choice.group))
    return where, values


def _rows(
    shelf: Shelf, choice: Choice, query: str, *more: object, scan: bool = False
) -> sqlite3.Cursor:
    head, values = chosen(shelf, choice, scan)
    return shelf.conn.execute(head + query, [*values, *more])


def _most(shelf: Shelf) -> bool:
    """Whether the report's sources hold at least half the sessions in the index (its
    highest number is at least how many it holds): then a sum reads the table through."""
    marks = ", ".join("?" * len(shelf.srcs))
    (held, highest) = shelf.conn.execute(
        f"SELECT (SELECT count(*) FROM sessions WHERE src IN ({marks})), "
        "(SELECT coalesce(max(sid), 0) FROM sessions)",
        shelf.srcs,
    ).fetchone()
    return bool(2 * held >= highest)


# -- listing and exporting, a session at a time ------------------------------------------------

_TALLY = (
    "id, started, format, format_title, group_label, attendees, members, setting, role, "
    "supervised, practice, false_start, status, seconds, late, paused, resumes, changes, "
    "markers, edits, cases"
)


def _tally(row: tuple[Any, ...]) -> Tally:
    (
        id_, started, fmt, title, group, attendees, members, setting, role, supervised,
        practice, false_start, status, seconds, late, paused, resumes, changes, markers, edits,
        cases,
    ) = row  # fmt: skip
    return Tally(
        id_, datetime.fromisoformat(started), fmt, title, group, attendees, members, setting,
        role, bool(supervised), bool(practice), bool(false_start), status, seconds, late,
        paused, resumes, changes, markers, edits, cases,
    )  # fmt: skip


def _marked(shelf: Shelf) -> Callable[[tuple[Any, ...]], Tally]:
    """Rows made tallies, a session still running marked as one."""
    if not shelf.running:
        return _tally

    def mark(row: tuple[Any, ...]) -> Tally:
        tally = _tally(row)
        if tally.id in shelf.running:
            tally.status = RUNNING
        return tally

    return mark


def count(shelf: Shelf, choice: Choice) -> int:
    (found,) = _rows(shelf, choice, "SELECT count(*) FROM chosen").fetchone()
    return int(found)


def still_running(shelf: Shelf, choice: Choice) -> int:
    """How many sessions the choice leaves out because they are still running (false starts
    among them: a session two minutes old is not over, let alone a false start)."""
    if not shelf.running:
        return 0
    wider = replace(choice, false_starts=True, running=True)
    ids = sorted(shelf.running)
    query = f"SELECT count(*) FROM chosen WHERE id IN ({', '.join('?' * len(ids))})"
    (found,) = _rows(shelf, wider, query, *ids).fetchone()
    return int(found)


def tallies(shelf: Shelf, choice: Choice, last: int | None = None) -> Iterator[Tally]:
    """The sessions the choice takes, in the order they began (only the last few, if asked)."""
    tally = _marked(shelf)
    if last is None:
        rows = _rows(shelf, choice, f"SELECT {_TALLY} FROM chosen ORDER BY {ORDER}")
        return map(tally, rows)
    query = f"SELECT {_TALLY} FROM chosen ORDER BY {LATEST} LIMIT ?"
    return map(tally, reversed(_rows(shelf, choice, query, last).fetchall()))


def with_phases(shelf: Shelf, choice: Choice) -> Iterator[tuple[Tally, list[PhaseRun]]]:
    """The sessions the choice takes, each with its phases, in the order they began."""
    tally = ", ".join(f"chosen.{column}" for column in _TALLY.split(", "))
    rows = _rows(
        shelf,
        choice,
        f"SELECT chosen.sid, {tally}, number, phase_id, title, case_number, planned, "
        "allotted, actual, visits FROM chosen JOIN phases ON phases.sid = chosen.sid "
        f"ORDER BY {_IN_ORDER}, number",
    )
    for _sid, group in groupby(rows, key=lambda row: row[0]):
        phases = list(group)
        yield _tally(phases[0][1:22]), [row[22:] for row in phases]


def files(shelf: Shelf, choice: Choice) -> Iterator[str]:
    """The file names of the sessions the choice takes, in the order they began."""
    for (name,) in _rows(shelf, choice, f"SELECT file FROM chosen ORDER BY {ORDER}"):
        yield str(name)


# -- sums ---------------------------------------------------------------------------------------


def summary(shelf: Shelf, choice: Choice) -> Summary:
    """The sums over the sessions the choice takes."""
    found = Summary()
    scan = _most(shelf)
    (
        found.sessions, found.completed, found.quit, found.interrupted, found.cases,
        found.on_time, found.finished, found.online, found.minutes, found.co_led,
        found.co_led_minutes,
    ) = _rows(
        shelf, choice,
        "SELECT count(*), coalesce(sum(status = 'completed'), 0), coalesce(sum(status = 'quit'), "
        "0), coalesce(sum(status = 'interrupted'), 0), coalesce(sum(cases), 0), "
        "coalesce(sum(on_time), 0), count(late), coalesce(sum(setting = 'online'), 0), "
        "total(seconds / 60.0), coalesce(sum(role = 'co-lead'), 0), "
        "total(CASE WHEN role = 'co-lead' THEN seconds / 60.0 END) FROM chosen", scan=scan,
    ).fetchone()  # fmt: skip
    # Attendance, and its share of the members, as series in the order the sessions began:
    # a point in each for each session that has it.
    attended = _rows(
        shelf, choice,
        f"SELECT attendees, members FROM chosen WHERE attendees IS NOT NULL ORDER BY {ORDER}",
        scan=scan,
    ).fetchall()  # fmt: skip
    found.attendance.extend([attendees for attendees, _members in attended])
    found.rates.extend([attendees / members for attendees, members in attended if members])
    recent = _rows(
        shelf, choice,
        "SELECT attendees FROM chosen WHERE attendees IS NOT NULL "
        f"ORDER BY {LATEST} LIMIT ?", SPARK,
    )  # fmt: skip
    found.recent.extend(reversed([n for (n,) in recent]))
    buckets = _rows(
        shelf, choice,
        "SELECT group_key, substr(day, 1, 7), count(*), coalesce(sum(cases), 0), "
        "total(seconds / 60.0), coalesce(sum(attendees), 0), count(attendees), "
        "total(attendees * 1.0 / members), count(attendees * members), "
        "coalesce(sum(setting = 'online'), 0), count(late), coalesce(sum(on_time), 0), "
        "max(start_ms) AS latest, group_label, count(DISTINCT group_label), "
        "total(CASE WHEN setting = 'online' THEN seconds / 60.0 END) FROM chosen "
        "GROUP BY group_key, substr(day, 1, 7) ORDER BY latest", scan=scan,
    ).fetchall()  # fmt: skip
    labels = _spellings(shelf, [(row[0], row[13], row[14]) for row in buckets])
    for key, month, *sums in buckets:
        bucket = found.group_months[(labels.get(key), month)] = Bucket(*sums[:10])
        bucket.online_minutes = sums[13]
    for title, runs, over, seconds in _overruns(shelf, choice):
        found.overruns[title] = Overrun(title, runs, over, seconds)
    found.running = still_running(shelf, choice)
    found.pooled = pooled(shelf)
    return found


def pooled(shelf: Shelf) -> int:
    """How many folders and bundles given with --from the report pools; 0: the user's own."""
    return 0 if [source.key for source in shelf.sources] == [OWN] else len(shelf.sources)


def _overruns(shelf: Shelf, choice: Choice) -> list[tuple[str, int, int, float]]:
    """Each phase title: how often the group was in it, how often it ran over, and by how
    much in all (the index keeps each phase's overrun by rules.overrun: 0 unless it ran
    over). One source's are summed from the phases table alone, in title order."""
    if len(shelf.srcs) == 1 and not shelf.running:
        where, values = _filters(choice)
        query = (
            "SELECT title, count(*), coalesce(sum(over > 0), 0), total(over) FROM phases WHERE "
            + " AND ".join(["src = ? AND best = 1 AND visits > 0", *where])
            + " GROUP BY title"
        )
        return shelf.conn.execute(query, [*shelf.srcs, *values]).fetchall()
    head, values = chosen(shelf, choice)
    return shelf.conn.execute(
        f"{head}SELECT phases.title, count(*), coalesce(sum(phases.over > 0), 0), "
        "total(phases.over) FROM chosen JOIN phases ON phases.sid = chosen.sid "
        "WHERE phases.visits > 0 GROUP BY phases.title",
        values,
    ).fetchall()


def portfolio(shelf: Shelf, choice: Choice) -> list[Year]:
    """The leader's record, a year at a time, oldest first."""
    years = {
        year: Year(year, *sums)
        for year, *sums in _rows(
            shelf, choice,
            "SELECT CAST(substr(day, 1, 4) AS INTEGER) AS year, count(*), "
            "coalesce(sum(role = 'lead'), 0), coalesce(sum(role = 'co-lead'), 0), "
            "coalesce(sum(supervised), 0), coalesce(sum(cases), 0), total(seconds / 60.0), "
            "coalesce(sum(setting = 'in-person'), 0), "
            "total(CASE WHEN setting = 'in-person' THEN seconds / 60.0 END), "
            "coalesce(sum(debriefs), 0) FROM chosen "
            "GROUP BY year ORDER BY year",
        )
    }  # fmt: skip
    labels = group_labels(shelf, choice)
    for year, key in _rows(
        shelf, choice,
        "SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER), group_key FROM chosen "
        "WHERE group_key IS NOT NULL",
    ):  # fmt: skip
        years[year].groups.add(labels[key])
    return list(years.values())


def months(shelf: Shelf, choice: Choice) -> list[Month]:
    """The leader's sessions summed a calendar month at a time, oldest first: the months
    without a session are not there."""
    return [
        Month(*sums)
        for sums in _rows(
            shelf, choice,
            "SELECT substr(day, 1, 7) AS month, count(*), coalesce(sum(role = 'lead'), 0), "
            "coalesce(sum(role = 'co-lead'), 0), coalesce(sum(supervised), 0), "
            "coalesce(sum(cases), 0), total(seconds / 60.0), "
            "coalesce(sum(setting = 'in-person'), 0), coalesce(sum(debriefs), 0), "
            "coalesce(sum(role = 'co-lead' AND debriefs > 0), 0) FROM chosen "
            "GROUP BY month ORDER BY month",
        )
    ]  # fmt: skip


# -- groups -------------------------------------------------------------------------------------


def group_labels(shelf: Shelf, choice: Choice) -> dict[str, str]:
    """How each group in the report is shown, by its key."""
    return _spellings(
        shelf,
        _rows(
            shelf, choice,
            "SELECT group_key, group_label, 1 FROM (SELECT group_key, group_label, "
            "max(start_ms) AS latest FROM chosen WHERE group_key IS NOT NULL "
            "GROUP BY group_key, group_label) ORDER BY latest",
        ).fetchall(),
    )  # fmt: skip


def _spellings(shelf: Shelf, found: list[tuple[Any, Any, Any]]) -> dict[str, str]:
    """Each group's spelling, from (key, label, how many spellings) in the order its
    sessions' latest came: its most recent session's, or groups.toml's where its sessions
    spell it in more than one way."""
    labels: dict[str, str] = {}
    several = set()
    for key, label, spellings in found:
        if key is None:
            continue
        if spellings > 1 or labels.get(key, label) != label:
            several.add(key)
        labels[key] = label
    if several:
        named = {label_key(name): name for name in _groups_file(shelf.home)}
        labels.update((key, named[key]) for key in several if key in named)
    return labels


def known_groups(shelf: Shelf) -> list[str]:
    """Every group the sources' sessions have (practice runs too), one spelling each."""
    return sorted(group_labels(shelf, Choice(include_practice=True)).values(), key=str.casefold)


def _groups_file(home: Path) -> list[str]:
    """The groups in groups.toml; none where it cannot be read (a report goes on)."""
    from balint_cli.settings.groups import load_groups

    try:
        return list(load_groups(home))
    except BadInput:
        return []


# -- notes --------------------------------------------------------------------------------------


def notes(shelf: Shelf) -> Iterator[str]:
    """What to say about the files in the sources that are not logs, or are damaged."""
    for src, source in zip(shelf.srcs, shelf.sources, strict=True):
        for file, refused, reason, skipped in shelf.conn.execute(
            "SELECT file, refused, reason, 0 FROM damaged WHERE src = ?1 UNION ALL "
            "SELECT file, 0, '', skipped FROM sessions WHERE src = ?1 AND skipped > 0 "
            "ORDER BY 2 DESC, 1",
            (src,),
        ):
            yield _said(source, str(file), bool(refused), str(reason), int(skipped))


def _said(source: Source, file: str, refused: bool, reason: str, skipped: int) -> str:
    if refused:
        return f"Skipped {show_path(file)} in {source.label}: {reason}."
    name = PurePosixPath(file).name
    said = reading.damaged_lines(name, skipped) if skipped else reading.skipped(name, reason)
    return said if source.key == OWN else f"{said[:-1]} (in {source.label})."
