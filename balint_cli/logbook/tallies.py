"""Tallies: what reports need of each session, and the sums organisers and leaders report.

A `Tally` is one session in a few hundred bytes (no events): it is what the index keeps,
and all that listings, summaries, exports, portfolios and reports read. Sums are built a
session at a time (`SummaryBuilder`), so that memory does not grow with the shelf.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from balint_cli.errors import BadInput
from balint_cli.logbook.reading import MAX_COUNT, MAX_SECONDS, ON_TIME_SECONDS, SessionLog
from balint_cli.text import inert, label_key
from balint_cli.text import spreadsheet_cell as _cell

OVER_SECONDS = 30.0  # a phase that runs half a minute past its time ran over
UNIT_MINUTES = 90.0  # German rules count Balint work in 90-minute units (one Doppelstunde)
SPARK = 40  # the last this many attendances draw the sparkline


# A session's phases are kept in two parts: its outline (each phase's id, title, case and
# planned seconds), which thousands of sessions of one format share, and its runs (each
# phase's allotted and actual seconds and visits). Plain tuples, not objects: the index is
# read ten thousand sessions at a time.
Outline = tuple[tuple[str, str, "int | None", float], ...]
Runs = tuple[tuple[float, float, int], ...]
PhaseTally = tuple[str, str, "int | None", float, float, float, int]


@dataclass(slots=True)
class Tally:
    """One session as reports see it: timings and counts, and the corrections made since.

    Made once (from a log, or from the index) and never changed after.
    """

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
    outline: Outline
    outline_key: str
    visited: int  # a bit per phase the group reached (1 << its index)
    overs: tuple[tuple[int, float], ...]  # the phases that ran over, and by how much
    runs_text: str  # each phase's allotted and actual seconds and visits, read when needed

    @classmethod
    def of(cls, log: SessionLog) -> Tally:
        outline = tuple((r.id, r.title, r.case, r.planned) for r in log.phases)
        return cls(
            id=log.id,
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
            outline=outline,
            outline_key=outline_key(outline),
            visited=sum(1 << r.index for r in log.phases if r.visits),
            overs=tuple(
                (r.index, r.over) for r in log.phases if r.visits and r.over > OVER_SECONDS
            ),
            runs_text=";".join(f"{r.allotted!r},{r.actual!r},{r.visits}" for r in log.phases),
        )

    @property
    def runs(self) -> Runs:
        """Each phase's allotted and actual seconds, and how often the group was in it."""
        runs = []
        for text in self.runs_text.split(";") if self.runs_text else ():
            allotted, actual, visits = text.split(",")
            runs.append((float(allotted), float(actual), int(visits)))
        return tuple(runs)

    @property
    def phases(self) -> Iterator[PhaseTally]:
        """Each phase: (id, title, case, planned, allotted, actual, visits)."""
        for phase, run in zip(self.outline, self.runs, strict=True):
            yield (*phase, *run)

    @property
    def key(self) -> tuple[str, str]:
        """What makes a session itself: its id and its start (the same log in two bundles)."""
        return self.id, self.started.isoformat()

    @property
    def on_time(self) -> bool | None:
        return None if self.late is None else self.late <= ON_TIME_SECONDS

    @property
    def counted(self) -> bool:
        """Whether reports count it: not a practice run, not a false start."""
        return not (self.practice or self.false_start)

    @property
    def rate(self) -> float | None:
        """The share of the enrolled members who came, where both are known."""
        if self.attendees is None or not self.members:
            return None
        return self.attendees / self.members

    def to_json(self) -> list[Any]:
        """The tally as a compact JSON value (a list: the index holds thousands); its outline
        is kept apart, by its key."""
        return [
            self.id, self.started.isoformat(), self.format, self.format_title, self.group,
            self.attendees, self.members, self.setting, self.role, self.supervised,
            self.practice, self.false_start, self.status, self.seconds, self.late, self.paused,
            self.resumes, self.changes, self.markers, self.edits, self.cases, self.outline_key,
            self.visited, [list(over) for over in self.overs], self.runs_text,
        ]  # fmt: skip

    @classmethod
    def from_json(cls, value: list[Any], outlines: dict[str, Outline]) -> Tally:
        """A tally from the index; ValueError (or KeyError) if it is not one.

        The index is never believed blindly: every value must have the type and range a log
        gives it, so that a damaged index sends balint back to the log, never to a crash.
        """
        if tuple(map(type, value)) not in _SHAPES:
            raise ValueError("not a tally")
        for at in _TIMES:
            if not -MAX_SECONDS <= (value[at] or 0.0) <= MAX_SECONDS:  # also NaN
                raise ValueError("not a tally")
        for at in _COUNTS:
            if not 0 <= value[at] <= MAX_EVENTS:
                raise ValueError("not a tally")
        attendees, members = value[5], value[6]
        if attendees is not None and not 0 <= attendees <= MAX_COUNT:
            raise ValueError("not a tally")
        if members is not None and not 1 <= members <= MAX_COUNT:
            raise ValueError("not a tally")
        key = value[21]
        outline = outlines[key]
        phases = len(outline)
        if not 0 <= value[22] < 1 << phases:  # a bit for each phase the group reached
            raise ValueError("not a tally")
        runs = value[24]  # three figures a phase, in the characters figures are written with
        if runs.count(",") != 2 * phases or runs.count(";") != max(phases - 1, 0):
            raise ValueError("not a tally")
        if runs.encode().translate(None, _RUN):
            raise ValueError("not a tally")
        overs: tuple[tuple[int, float], ...] = ()
        if value[23]:
            overs = tuple(map(tuple, value[23]))
            for index, over in overs:
                if type(index) is not int or not 0 <= index < phases:
                    raise ValueError("not a tally")
                if type(over) not in (float, int) or not 0 <= over <= MAX_SECONDS:
                    raise ValueError("not a tally")
        return cls(  # type: ignore[call-arg]
            value[0], datetime.fromisoformat(value[1]), *value[2:21], outline, key, value[22],
            overs, value[24],
        )  # fmt: skip


def _shapes() -> frozenset[tuple[type, ...]]:
    """The types of a tally's values in the index (to_json's order), in every shape a log
    can give: a group or not, attendance and members or not, finished or not."""
    text: type = str
    count: type = int
    flag: type = bool
    none: type = type(None)
    seconds: tuple[type, ...] = (float, int)
    found: set[tuple[type, ...]] = set()
    for group, attendees, members, length, late, paused in itertools.product(
        (text, none), (count, none), (count, none), seconds, (*seconds, none), seconds
    ):
        found.add((
            text, text, text, text, group, attendees, members, text, text, flag, flag, flag,
            text, length, late, paused, count, count, count, count, count, text, count, list,
            text,
        ))  # fmt: skip
    return frozenset(found)


_SHAPES = _shapes()
_TIMES = (13, 14, 15)  # the session's length, lateness and pauses
_COUNTS = (16, 17, 18, 19, 20)  # resumes, changes, markers, edits, cases
MAX_EVENTS = 1 << 53  # a count no log reaches
_RUN = b"0123456789.,;-e+"  # what the figures of a tally's runs are written with


@functools.lru_cache(maxsize=256)
def outline_key(outline: Outline) -> str:
    """A short name for an outline, the same wherever the same phases are (named once per
    outline: the logs of one format share theirs)."""
    import hashlib

    return hashlib.sha1(repr(outline).encode(), usedforsecurity=False).hexdigest()[:12]


# -- choosing the sessions a report is about ----------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """Which sessions a report covers: dates, a group, and whether practice counts."""

    since: date | None = None
    until: date | None = None
    group: str | None = None  # matched by text.label_key: look-alike labels are one group
    include_practice: bool = False  # practice runs (and false starts) too
    false_starts: bool = False  # false starts too (a listing shows them, marked)

    def takes(self, tally: Tally) -> bool:
        if tally.practice and not self.include_practice:
            return False
        if tally.false_start and not (self.include_practice or self.false_starts):
            return False
        day = tally.started.date()
        if self.since is not None and day < self.since:
            return False
        if self.until is not None and day > self.until:
            return False
        if self.group is not None:
            if tally.group is None:
                return False
            return tally.group == self.group or label_key(tally.group) == label_key(self.group)
        return True


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
    groups: set[str] = field(default_factory=set)

    def add(self, tally: Tally) -> None:
        self.sessions += 1
        self.led += tally.role == "lead"
        self.co_led += tally.role == "co-lead"
        self.supervised += tally.supervised
        self.cases += tally.cases
        self.minutes += tally.seconds / 60
        self.in_person += tally.setting == "in-person"
        if tally.group:
            self.groups.add(tally.group)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def share_in_person(self) -> float:
        return self.in_person / self.sessions if self.sessions else 0.0


def portfolio(tallies: Iterable[Tally], choice: Choice = Choice()) -> list[Year]:
    """The leader's record, a year at a time, oldest first."""
    years: dict[int, Year] = {}
    for tally in tallies:
        if choice.takes(tally):
            year = tally.started.year
            years.setdefault(year, Year(year)).add(tally)
    return [years[year] for year in sorted(years)]


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
CSV_COLUMNS = PHASE_COLUMNS


def session_rows(tallies: Iterable[Tally]) -> Iterator[list[object]]:
    """A row per session, for spreadsheets."""
    for t in tallies:
        started = t.started
        yield [
            _cell(t.id), started.strftime("%Y-%m-%d"), started.strftime("%H:%M"),
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


def phase_lines(tallies: Iterable[Tally]) -> Iterator[str]:
    """A row per phase, with its session's fields, as the CSV lines csv.writer writes, made a
    session at a time.

    A session's fields are the same on each of its phases' rows, and a format's phases the
    same in each of its sessions, so each is turned into CSV once, not once a row: an export
    of ten thousand sessions is a hundred thousand rows.
    """
    line = _csv_line()
    fixed_lines: dict[Outline, list[str]] = {}
    for t in tallies:
        session = line(_session_fields(t))
        fixed = fixed_lines.get(t.outline)
        if fixed is None:
            fixed = fixed_lines[t.outline] = [line(f) for f in _phase_fields(t.outline)]
        for phase, run in zip(fixed, t.runs, strict=True):
            yield f"{session},{phase},{_run_text(run)}\n"


def _session_fields(t: Tally) -> list[object]:
    started = t.started
    return [
        _cell(t.id), started.strftime("%Y-%m-%d"), started.strftime("%H:%M"),
        _cell(t.format), _cell(t.format_title), _cell(t.group or ""),
        _blank(t.attendees), t.status, _minutes(t.seconds),
    ]  # fmt: skip


@functools.lru_cache(maxsize=256)
def _phase_fields(outline: Outline) -> list[list[object]]:
    """Each phase's own fields: its number, id, title, case and planned minutes."""
    return [
        [number, _cell(id_), _cell(title), _blank(case), round(planned / 60, 2)]
        for number, (id_, title, case, planned) in enumerate(outline, 1)
    ]


def _run_fields(run: tuple[float, float, int]) -> list[object]:
    allotted, actual, visits = run
    if not visits:
        return [round(allotted / 60, 2), "", ""]
    return [
        round(allotted / 60, 2),
        round(actual / 60, 2),
        round(max(actual - allotted, 0.0) / 60, 2),
    ]


@functools.lru_cache(maxsize=8192)  # lengths repeat: the same plans, the same overruns
def _run_text(run: tuple[float, float, int]) -> str:
    return ",".join(map(str, _run_fields(run)))


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def _blank(value: object) -> object:
    return "" if value is None else value
