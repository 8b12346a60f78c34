"""Time for a session: the clock it runs on (a protocol), and the real one, a monotonic
reference that keeps counting through laptop sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    """Seconds on the session's time line; only differences between readings mean anything."""

    speed: float

    def now(self) -> float: ...


def _raw_clock() -> Callable[[], float]:
    """The best monotonic clock here: one that also counts while the laptop sleeps.

    A group goes on while the lid is shut, so the timer must too. Linux: CLOCK_BOOTTIME.
    macOS (10.12 on) has no CLOCK_BOOTTIME, but its CLOCK_MONOTONIC is the time of day less
    the boot time, which its man page says goes on counting while the Mac sleeps; whereas
    time.monotonic() there reads mach_absolute_time(), which stops (CLOCK_MONOTONIC_RAW is
    the one that reads mach_continuous_time()). Windows has no clock_gettime, and its
    time.monotonic() reads GetTickCount64 (to Python 3.12) or QueryPerformanceCounter (from
    3.13), both documented by Microsoft as counting sleep. Neither a Mac nor Windows has run
    balint's tests: this is what the sources say.
    """
    for name in ("CLOCK_BOOTTIME", "CLOCK_MONOTONIC"):  # neither is there on Windows
        clock_id = getattr(time, name, None)
        if clock_id is not None:
            try:
                time.clock_gettime(clock_id)
            except OSError:
                continue
            return lambda: time.clock_gettime(clock_id)
    return time.monotonic


class SystemClock:
    """The real clock, optionally running `speed` times faster for demonstrations and tests."""

    def __init__(self, speed: float = 1.0, start: float = 0.0) -> None:
        self.speed = speed
        self._raw = _raw_clock()
        self._origin = self._raw()
        self._start = start

    def now(self) -> float:
        return self._start + (self._raw() - self._origin) * self.speed
