"""A clock for tests: it moves only when told to."""

from __future__ import annotations


class FakeClock:
    """A clock that only moves when told to: a 90-minute session is tested in milliseconds."""

    def __init__(self, start: float = 0.0, speed: float = 1.0) -> None:
        self.t = start
        self.speed = speed

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds
