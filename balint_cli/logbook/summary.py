"""Sums over many sessions, for organisers' reports: counts and timings, never names.

A `Summary` is what the index's queries give (queries.py), in the shape the summary, its
JSON and the HTML report are drawn from: totals, attendance and its trend, a bucket per
group and month, and which phases run over.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import add, mul
from typing import Any

from balint_cli.logbook.tallies import SPARK


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
    online_minutes: float = 0.0

    def merge(self, other: Bucket) -> None:
        """Add other's sums to these."""
        for name in (
            "sessions", "cases", "minutes", "attended", "counted", "rated", "rates", "online",
            "finished", "on_time", "online_minutes",
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

    def extend(self, ys: Sequence[float]) -> None:
        """The series continued by ys: the sums a point at a time, in the order given and
        so to the bit, added in C's loops rather than a Python step per point."""
        xs = range(self.n, self.n + len(ys))
        self.sx = reduce(add, xs, self.sx)
        self.sy = reduce(add, ys, self.sy)
        self.sxx = reduce(add, map(mul, xs, xs), self.sxx)
        self.sxy = reduce(add, map(mul, xs, ys), self.sxy)
        self.n += len(ys)

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

    A group's month is the smallest bucket; groups and months are added up from them. Each
    group is under one spelling of its label (queries.py says which).
    """

    sessions: int = 0
    completed: int = 0
    quit: int = 0
    interrupted: int = 0
    cases: int = 0
    on_time: int = 0
    finished: int = 0  # completed sessions, of which on_time ended on time
    online: int = 0
    minutes: float = 0.0  # of every session, led and co-led
    co_led: int = 0  # sessions co-led: the rest were led
    co_led_minutes: float = 0.0
    running: int = 0  # sessions still running, left out of every sum until they end
    pooled: int = 0  # the sources pooled with --from; 0: the user's own logs
    attendance: Trend = field(default_factory=Trend)
    rates: Trend = field(default_factory=Trend)  # the share of members who came
    recent: deque[int] = field(default_factory=lambda: deque(maxlen=SPARK))
    group_months: dict[tuple[str | None, str], Bucket] = field(default_factory=dict)
    overruns: dict[str, Overrun] = field(default_factory=dict)  # by phase title

    @property
    def groups(self) -> dict[str | None, Bucket]:
        return _merged((group, bucket) for (group, _month), bucket in self.group_months.items())

    @property
    def months(self) -> dict[str, Bucket]:
        return _merged((month, bucket) for (_group, month), bucket in self.group_months.items())

    @property
    def in_person(self) -> int:
        return self.sessions - self.online

    @property
    def led(self) -> int:
        return self.sessions - self.co_led

    @property
    def led_minutes(self) -> float:
        return self.minutes - self.co_led_minutes

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def in_person_minutes(self) -> float:
        """Minutes of Balint work held in person."""
        return self.minutes - sum(b.online_minutes for b in self.group_months.values())

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


def _merged(parts: Iterable[tuple[Any, Bucket]]) -> dict[Any, Bucket]:
    """Buckets added up by their key."""
    out: dict[Any, Bucket] = {}
    for key, bucket in parts:
        total = out.get(key)
        if total is None:
            total = out[key] = Bucket()
        total.merge(bucket)
    return out
