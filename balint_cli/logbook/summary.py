"""Sums over many sessions, for organisers' reports: kept as running sums, never a series.

A summary is built a session at a time (`summarise`) and can be written and read again as
JSON, so that a report asked for again over the same logs need not add them up again (the
index, shelf.py, keeps the last one beside the tallies).
"""

from __future__ import annotations

import functools
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from balint_cli.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.logbook.reading import ON_TIME_SECONDS
from balint_cli.logbook.tallies import SPARK, UNIT_MINUTES, Outline, Tally


@dataclass(slots=True)
class Overrun:
    """How often a phase (by title) ran over, and by how much."""

    title: str
    runs: int = 0
    over: int = 0
    over_seconds: float = 0.0

    @property
    def mean_over(self) -> float:
        return self.over_seconds / self.over if self.over else 0.0


@dataclass(slots=True)
class Bucket:
    """Sums over the sessions of one group, or one month."""

    sessions: int = 0
    cases: int = 0
    minutes: float = 0.0
    attended: int = 0
    counted: int = 0  # sessions with an attendance
    rated: float = 0.0  # the sum of attendance shares
    rates: int = 0  # sessions with a share (attendance and members)
    online: int = 0
    finished: int = 0
    on_time: int = 0

    def add(self, tally: Tally) -> None:
        self.sessions += 1
        self.cases += tally.cases
        self.minutes += tally.seconds / 60
        if tally.setting == "online":
            self.online += 1
        attendees = tally.attendees
        if attendees is not None:
            self.attended += attendees
            self.counted += 1
            if tally.members:
                self.rated += attendees / tally.members
                self.rates += 1
        if tally.late is not None:
            self.finished += 1
            if tally.late <= ON_TIME_SECONDS:
                self.on_time += 1

    def merge(self, other: Bucket) -> None:
        """Add other's sums to these."""
        for name in (
            "sessions", "cases", "minutes", "attended", "counted", "rated", "rates", "online",
            "finished", "on_time",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def mean_attendance(self) -> float | None:
        return self.attended / self.counted if self.counted else None

    @property
    def rate(self) -> float | None:
        return self.rated / self.rates if self.rates else None


@dataclass(slots=True)
class Trend:
    """A least-squares slope over a series, kept as running sums: no series in memory."""

    n: int = 0
    sx: float = 0.0
    sy: float = 0.0
    sxx: float = 0.0
    sxy: float = 0.0

    def add(self, y: float) -> None:
        x = self.n
        self.n += 1
        self.sx += x
        self.sy += y
        self.sxx += x * x
        self.sxy += x * y

    @property
    def mean(self) -> float | None:
        return self.sy / self.n if self.n else None

    @property
    def slope(self) -> float | None:
        if self.n < 2:
            return None
        spread = self.n * self.sxx - self.sx * self.sx
        return (self.n * self.sxy - self.sx * self.sy) / spread if spread else None


@dataclass(slots=True)
class Summary:
    """What organisers and leaders report: counts and timings, never names.

    Built a session at a time, and kept as sums: a group's month is the smallest bucket,
    groups and months are added up from them; which phases ran over is kept per outline.
    """

    sessions: int = 0
    completed: int = 0
    quit: int = 0
    interrupted: int = 0
    cases: int = 0
    on_time: int = 0
    finished: int = 0  # completed sessions, of which on_time ended on time
    online: int = 0
    led_minutes: float = 0.0
    attendance: Trend = field(default_factory=Trend)
    rates: Trend = field(default_factory=Trend)  # the share of members who came
    recent: deque[int] = field(default_factory=lambda: deque(maxlen=SPARK))
    group_months: dict[tuple[str | None, str], Bucket] = field(
        default_factory=lambda: defaultdict(Bucket)
    )
    _visits: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    _outlines: dict[str, Outline] = field(default_factory=dict)
    _overs: dict[str, Overrun] = field(default_factory=dict)

    def add(self, tally: Tally) -> None:
        """Count one more session."""
        self.sessions += 1
        status = tally.status
        if status == COMPLETED:
            self.completed += 1
        elif status == QUIT:
            self.quit += 1
        elif status == INTERRUPTED:
            self.interrupted += 1
        self.cases += tally.cases
        if tally.setting == "online":
            self.online += 1
        self.led_minutes += tally.seconds / 60
        if tally.late is not None:
            self.finished += 1
            if tally.late <= ON_TIME_SECONDS:
                self.on_time += 1
        attendees = tally.attendees
        if attendees is not None:
            self.attendance.add(attendees)
            self.recent.append(attendees)
            if tally.members:
                self.rates.add(attendees / tally.members)
        started = tally.started
        self.group_months[(tally.group, _month(started.year, started.month))].add(tally)
        key = tally.outline_key
        self._visits[(key, tally.visited)] += 1
        outline = self._outlines.get(key)
        if outline is None:
            outline = self._outlines[key] = tally.outline
        for index, over in tally.overs:
            title = outline[index][1]
            entry = self._overs.get(title)
            if entry is None:
                entry = self._overs[title] = Overrun(title)
            entry.over += 1
            entry.over_seconds += over

    @property
    def groups(self) -> dict[str | None, Bucket]:
        return _merged((group, bucket) for (group, _month), bucket in self.group_months.items())

    @property
    def months(self) -> dict[str, Bucket]:
        return _merged((month, bucket) for (_group, month), bucket in self.group_months.items())

    @property
    def overruns(self) -> dict[str, Overrun]:
        """How often each phase (by title) was run, and ran over."""
        found = {
            title: Overrun(o.title, 0, o.over, o.over_seconds) for title, o in self._overs.items()
        }
        for (key, visited), count in self._visits.items():
            for index, phase in enumerate(self._outlines[key]):
                if visited >> index & 1:
                    title = phase[1]
                    entry = found.get(title)
                    if entry is None:
                        entry = found[title] = Overrun(title)
                    entry.runs += count
        return found

    @property
    def in_person(self) -> int:
        return self.sessions - self.online

    @property
    def hours(self) -> float:
        return self.led_minutes / 60

    @property
    def units(self) -> float:
        """Balint work in 90-minute units."""
        return self.led_minutes / UNIT_MINUTES

    @property
    def mean_attendance(self) -> float | None:
        return self.attendance.mean

    @property
    def attendance_trend(self) -> float | None:
        return self.attendance.slope

    def sorted_groups(self) -> list[tuple[str | None, Bucket]]:
        """Groups by label, then the sessions that had none."""
        return sorted(self.groups.items(), key=lambda item: (item[0] is None, item[0] or ""))

    def sorted_months(self) -> list[tuple[str, Bucket]]:
        return sorted(self.months.items())

    def sorted_overruns(self) -> list[Overrun]:
        return sorted(self.overruns.values(), key=lambda o: (-o.over, -o.mean_over, o.title))


# -- as JSON, to keep ------------------------------------------------------------------------

_COUNTS = (
    "sessions", "completed", "quit", "interrupted", "cases", "on_time", "finished", "online",
)  # fmt: skip
_BUCKET = (
    "sessions", "cases", "minutes", "attended", "counted", "rated", "rates", "online",
    "finished", "on_time",
)  # fmt: skip
_TREND = ("n", "sx", "sy", "sxx", "sxy")


def to_json(summary: Summary) -> dict[str, Any]:
    """The summary's sums as JSON, to be read again by from_json."""
    return {
        "counts": [getattr(summary, name) for name in _COUNTS],
        "led_minutes": summary.led_minutes,
        "attendance": [getattr(summary.attendance, name) for name in _TREND],
        "rates": [getattr(summary.rates, name) for name in _TREND],
        "recent": list(summary.recent),
        "group_months": [
            [group, month, [getattr(bucket, name) for name in _BUCKET]]
            for (group, month), bucket in summary.group_months.items()
        ],
        "visits": [[key, visited, n] for (key, visited), n in summary._visits.items()],
        "outlines": [
            [key, [list(p) for p in outline]] for key, outline in summary._outlines.items()
        ],
        "overs": [[o.title, o.over, o.over_seconds] for o in summary._overs.values()],
    }


def from_json(data: Any) -> Summary:
    """A summary kept by to_json; ValueError if the value is not one (then it is made anew)."""
    try:
        summary = Summary()
        for name, value in zip(_COUNTS, data["counts"], strict=True):
            setattr(summary, name, _count(value))
        summary.led_minutes = _number(data["led_minutes"])
        for trend, key in ((summary.attendance, "attendance"), (summary.rates, "rates")):
            trend.n = _count(data[key][0])
            for name, value in zip(_TREND[1:], data[key][1:], strict=True):
                setattr(trend, name, _number(value))
        summary.recent.extend(_count(n) for n in data["recent"])
        for group, month, sums in data["group_months"]:
            if not (group is None or type(group) is str) or type(month) is not str:
                raise ValueError("a group or month that is not one")
            bucket = summary.group_months[(group, month)]
            for name, value in zip(_BUCKET, sums, strict=True):
                setattr(
                    bucket, name, _number(value) if name in ("minutes", "rated") else _count(value)
                )
        for key, visited, n in data["visits"]:
            summary._visits[(_text(key), _count(visited))] = _count(n)
        for key, outline in data["outlines"]:
            summary._outlines[_text(key)] = tuple(
                (_text(i), _text(title), case if case is None else _count(case), _number(m))
                for i, title, case, m in outline
            )
        for title, over, seconds in data["overs"]:
            summary._overs[_text(title)] = Overrun(_text(title), 0, _count(over), _number(seconds))
        if any(key not in summary._outlines for key, _visited in summary._visits):
            raise ValueError("visits without their outline")
    except (KeyError, TypeError, IndexError) as err:
        raise ValueError(f"not a summary ({err})") from None
    return summary


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value < 1 << 53:
        raise ValueError("not a count")
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float) or not abs(value) < 1e15:  # also NaN
        raise ValueError("not a number")
    return float(value)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("not a text")
    return value


@functools.cache
def _month(year: int, month: int) -> str:
    """A month's key, as 2026-03 (made once per month: a report adds up thousands)."""
    return f"{year:04d}-{month:02d}"


def _merged(parts: Iterable[tuple[Any, Bucket]]) -> dict[Any, Bucket]:
    """Buckets added up by their key."""
    out: dict[Any, Bucket] = {}
    for key, bucket in parts:
        total = out.get(key)
        if total is None:
            total = out[key] = Bucket()
        total.merge(bucket)
    return out


def summarise(tallies: Iterable[Tally], summary: Summary | None = None) -> Summary:
    """Sums over the sessions given (chosen already), a session at a time, added to summary
    if one is given."""
    summary = Summary() if summary is None else summary
    for tally in tallies:
        summary.add(tally)
    return summary
