"""Tallies: what reports need of each session, and what leaders and organisers hand on.

A `Tally` is one session as reports see it: timings and counts, with every correction made
since, and no events. The index keeps one per session (index.py); listings and exports read
them back from it, a session at a time, so that memory does not grow with the shelf.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from balint_cli.core.rules import ON_TIME_SECONDS, overrun
from balint_cli.core.text import inert
from balint_cli.core.text import spreadsheet_cell as _cell
from balint_cli.errors import BadInput
from balint_cli.logbook.reading import SessionLog

RUNNING = "running"  # a session's status in reports while a running balint holds its log
SPARK = 40  # the last this many attendances draw the sparkline

# A phase as reports see it: its index, id, title, case, and planned, allotted and actual
# seconds, and how often the group was in it. A plain tuple: an export has a million.
PhaseRun = tuple[int, str, str, "int | None", float, float, float, int]


@dataclass(slots=True)
class Tally:
    """One session as reports see it: timings and counts, and the corrections made since."""

    id: str
    started: datetime
    format: str
    format_title: str
    group: str | None
    attendees: int | None
    members: int | None
    setting: str
    role: str
    supervised: bool
    practice: bool
    false_start: bool
    status: str
    seconds: float
    late: float | None
    paused: float
    resumes: int
    changes: int
    markers: int
    edits: int
    cases: int
    debriefs: int = 0  # the index keeps it; listings and exports do not read it back

    @classmethod
    def of(cls, log: SessionLog) -> Tally:
        return cls(
            id=log.session_id,
            started=log.started,
            format=log.format_name,
            format_title=log.format_title,
            group=log.group,
            attendees=log.attendees,
            members=log.members,
            setting=log.setting,
            role=log.role,
            supervised=log.supervised,
            practice=log.practice,
            false_start=log.false_start,
            status=log.status,
            seconds=log.seconds,
            late=log.late,
            paused=log.paused,
            resumes=log.resumes,
            changes=log.changes,
            markers=len(log.markers),
            edits=log.edits,
            cases=log.cases,
            debriefs=log.debriefs,
        )

    @property
    def on_time(self) -> bool | None:
        return None if self.late is None else self.late <= ON_TIME_SECONDS

    @property
    def counted(self) -> bool:
        """Whether reports count it: not a practice run, not a false start."""
        return not (self.practice or self.false_start)


# -- choosing the sessions a report is about ----------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """Which sessions a report covers: dates, a group, and whether practice counts."""

    since: date | None = None
    until: date | None = None
    group: str | None = None  # matched by its label_key: whatever its case or look-alikes
    include_practice: bool = False  # practice runs (and false starts) too
    false_starts: bool = False  # false starts too (a listing shows them, marked)
    running: bool = False  # sessions still running too (a listing shows them, marked)


def parse_day(text: str, option: str) -> date:
    """An ISO date such as 2026-03-01, or BadInput naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            f"{option}: '{inert(text, one_line=True)}' is not a date; use YYYY-MM-DD, "
            "like 2026-03-01."
        ) from None


def choose(
    since: str | None, until: str | None, group: str | None, include_practice: bool = False
) -> Choice:
    """The choice the options make, or BadInput (a date that is not one, a span backwards)."""
    first = parse_day(since, "--since") if since is not None else None
    last = parse_day(until, "--until") if until is not None else None
    if first is not None and last is not None and first > last:
        raise BadInput(f"--since {first} is after --until {last}; give the earlier date first.")
    return Choice(first, last, group, include_practice)


# -- a leader's portfolio -----------------------------------------------------------------------


@dataclass
class Year:
    """One year of a leader's record, for accreditation."""

    year: int
    sessions: int = 0
    led: int = 0
    co_led: int = 0
    supervised: int = 0
    cases: int = 0
    minutes: float = 0.0
    in_person: int = 0
    in_person_minutes: float = 0.0
    debriefs: int = 0  # the co-leaders' debriefs held after them
    groups: set[str] = field(default_factory=set)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def share_in_person(self) -> float:
        return self.in_person / self.sessions if self.sessions else 0.0


@dataclass(frozen=True, slots=True)
class Month:
    """One calendar month of a leader's sessions, summed: what progress towards accreditation
    is counted from."""

    month: str  # YYYY-MM
    sessions: int = 0
    led: int = 0
    co_led: int = 0
    supervised: int = 0
    cases: int = 0
    minutes: float = 0.0
    in_person: int = 0
    debriefs: int = 0
    co_led_debriefed: int = 0  # sessions co-led that the co-leaders debriefed together


# -- exporting ----------------------------------------------------------------------------------

SESSION_COLUMNS = (
    "session", "date", "start", "format", "format_title", "group", "setting", "role",
    "supervised", "members", "attendees", "status", "on_time", "late_minutes",
    "paused_minutes", "resumed", "cases", "session_minutes",
)  # fmt: skip
PHASE_COLUMNS = (
    "session", "date", "start", "format", "format_title", "group", "attendees", "status",
    "session_minutes", "phase_index", "phase_id", "phase_title", "case", "planned_minutes",
    "allotted_minutes", "actual_minutes", "over_minutes",
)  # fmt: skip


def session_rows(tallies: Iterable[Tally]) -> Iterator[list[object]]:
    """A row per session, for spreadsheets."""
    for t in tallies:
        started = t.started
        yield [
            _cell(t.id), started.date().isoformat(), started.strftime("%H:%M"),
            _cell(t.format), _cell(t.format_title), _cell(t.group or ""), t.setting, t.role,
            _yes(t.supervised), _blank(t.members), _blank(t.attendees), t.status,
            "" if t.on_time is None else _yes(t.on_time),
            "" if t.late is None else _minutes(t.late), _minutes(t.paused), t.resumes, t.cases,
            _minutes(t.seconds),
        ]  # fmt: skip


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Rows as the lines csv.writer writes for them, a line at a time."""
    line = _csv_line()
    for row in rows:
        yield line(row) + "\n"


def _csv_line() -> Callable[[Sequence[object]], str]:
    """A maker of CSV text for one row, as csv.writer writes it (no line end)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="")

    def line(fields: Sequence[object]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(fields)
        return out.getvalue()

    return line


def phase_lines(sessions: Iterable[tuple[Tally, list[PhaseRun]]]) -> Iterator[str]:
    """A row per phase, with its session's fields, as the CSV lines csv.writer writes, made a
    session at a time.

    A session's fields are the same on each of its phases' rows, and a format's phases the
    same in each of its sessions, so each is turned into CSV once, not once a row: an export
    of ten thousand sessions is a hundred thousand rows.
    """
    line = _csv_line()
    for t, phases in sessions:
        session = line(_session_fields(t))
        for index, id_, title, case, planned, allotted, actual, visits in phases:
            phase = _phase_text(index + 1, id_, title, case, planned)
            yield f"{session},{phase},{_run_text(allotted, actual, visits)}\n"


def _session_fields(t: Tally) -> list[object]:
    started = t.started
    return [
        _cell(t.id), started.date().isoformat(), started.strftime("%H:%M"),
        _cell(t.format), _cell(t.format_title), _cell(t.group or ""),
        _blank(t.attendees), t.status, _minutes(t.seconds),
    ]  # fmt: skip


@functools.lru_cache(maxsize=1024)  # a format's phases, in thousands of its sessions
def _phase_text(number: int, id_: str, title: str, case: int | None, planned: float) -> str:
    """A phase's own fields as CSV: its number, id, title, case and planned minutes."""
    return _csv_line()([number, _cell(id_), _cell(title), _blank(case), round(planned / 60, 2)])


@functools.lru_cache(maxsize=8192)  # lengths repeat: the same plans, the same overruns
def _run_text(allotted: float, actual: float, visits: int) -> str:
    """A phase's allotted, actual and over minutes as CSV (blank where it was not reached)."""
    if not visits:
        return f"{round(allotted / 60, 2)},,"
    over = round(overrun(allotted, actual) / 60, 2)
    return f"{round(allotted / 60, 2)},{round(actual / 60, 2)},{over}"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def _blank(value: object) -> object:
    return "" if value is None else value
