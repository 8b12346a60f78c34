"""Tallies over many logs: what organisers and leaders report, and the CSV export."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from balint_cli.logbook.reading import SessionLog
from balint_cli.session import COMPLETED, INTERRUPTED, QUIT
from balint_cli.text import inert

OVER_SECONDS = 30.0  # a phase that runs half a minute past its time ran over


@dataclass
class Overrun:
    """How often a phase (by title) ran over, and by how much."""

    title: str
    runs: int = 0
    over: int = 0
    over_seconds: float = 0.0

    @property
    def mean_over(self) -> float:
        return self.over_seconds / self.over if self.over else 0.0


@dataclass
class Summary:
    """What organisers and leaders report: counts and timings, never names."""

    sessions: int
    completed: int
    quit: int
    interrupted: int
    cases: int
    on_time: int
    finished: int  # completed sessions, of which on_time ended on time
    attendance: list[int]  # in session order, where recorded
    groups: dict[str | None, dict[str, float]]  # None: sessions run without a --group label
    months: dict[str | None, dict[str, float]]
    overruns: list[Overrun]
    led_minutes: float

    @property
    def mean_attendance(self) -> float | None:
        return sum(self.attendance) / len(self.attendance) if self.attendance else None

    @property
    def attendance_trend(self) -> float | None:
        """Change in attendance per session (least squares slope), or None with under 2."""
        values = self.attendance
        if len(values) < 2:
            return None
        n = len(values)
        mean_x, mean_y = (n - 1) / 2, sum(values) / n
        spread = sum((x - mean_x) ** 2 for x in range(n))
        return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread


def summarise(logs: Sequence[SessionLog], group: str | None = None) -> Summary:
    """Sessions and cases per group and month, attendance, timeliness and overruns."""
    chosen = [log for log in logs if group is None or log.group == group]
    statuses = Counter(log.status for log in chosen)
    groups: dict[str | None, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    months: dict[str | None, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    overruns: dict[str, Overrun] = {}
    attendance = []
    for log in chosen:
        cases = log.cases
        for bucket in (groups[log.group], months[log.started.strftime("%Y-%m")]):
            bucket["sessions"] += 1
            bucket["cases"] += cases
            if log.attendees is not None:
                bucket["attended"] += log.attendees
                bucket["counted"] += 1
        if log.attendees is not None:
            attendance.append(log.attendees)
        for run in log.phases:
            if not run.visits:
                continue
            entry = overruns.setdefault(run.title, Overrun(run.title))
            entry.runs += 1
            if run.over > OVER_SECONDS:
                entry.over += 1
                entry.over_seconds += run.over
    finished = [log for log in chosen if log.on_time is not None]
    return Summary(
        sessions=len(chosen),
        completed=statuses[COMPLETED],
        quit=statuses[QUIT],
        interrupted=statuses[INTERRUPTED],
        cases=sum(log.cases for log in chosen),
        on_time=sum(1 for log in finished if log.on_time),
        finished=len(finished),
        attendance=attendance,
        groups={name: dict(groups[name]) for name in sorted(groups, key=_labels_first)},
        months={name: dict(months[name]) for name in sorted(months, key=_labels_first)},
        overruns=sorted(overruns.values(), key=lambda o: (-o.over, -o.mean_over, o.title)),
        led_minutes=math.fsum(log.seconds for log in chosen) / 60,
    )


def _labels_first(name: str | None) -> tuple[bool, str]:
    """Labels in order, then the sessions that had none."""
    return name is None, name or ""


# -- exporting -----------------------------------------------------------------------------

CSV_COLUMNS = (
    "session", "date", "start", "format", "format_title", "group", "attendees", "status",
    "session_minutes", "phase_index", "phase_id", "phase_title", "case", "planned_minutes",
    "allotted_minutes", "actual_minutes", "over_minutes",
)  # fmt: skip


def csv_rows(logs: Iterable[SessionLog]) -> Iterable[list[object]]:
    """A row per phase with the session's fields, for spreadsheets."""
    for log in logs:
        started = log.started
        for run in log.phases:
            yield [
                _cell(log.id), started.strftime("%Y-%m-%d"), started.strftime("%H:%M"),
                _cell(log.format_name), _cell(log.format_title), _cell(log.group or ""),
                _blank(log.attendees), log.status, _minutes(log.seconds), run.index + 1,
                _cell(run.id), _cell(run.title), _blank(run.case), _minutes(run.planned),
                _minutes(run.allotted), _minutes(run.actual) if run.visits else "",
                _minutes(max(run.over, 0.0)) if run.visits else "",
            ]  # fmt: skip


def _cell(value: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    value = inert(value, one_line=True)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def _blank(value: object) -> object:
    return "" if value is None else value
