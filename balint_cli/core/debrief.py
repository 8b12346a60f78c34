"""Pure: the co-leaders' debrief after a co-led session, on the session's clock.

It is not a phase of the session: the session has ended (its end, its length and whether it
kept to time stand) before the debrief begins. It is given a few minutes, ends when the
leaders say or when its time is up, never rings, and leaves one event for the log: that it
took place and how long it ran, never what was said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from balint_cli.core.events import COMPLETED, QUIT, Event
from balint_cli.core.rules import debrief_held, is_false_start

DEBRIEF = "debrief"  # the event's kind in the log
# The question stands this long (session seconds); unanswered, there is no debrief and balint
# ends, so that a laptop left open does not hold the session's log for hours.
ASK_SECONDS = 300.0


def follows(how: str | None, seconds: float) -> bool:
    """Whether a co-led session that ended so, after seconds of its own time, is followed by
    the debrief: the leaders ended it (completed, or ended early), and it was no false start.

    An interrupted session can be carried on: the debrief follows the end it comes to then.
    """
    return how in (COMPLETED, QUIT) and not is_false_start(seconds)


@dataclass
class Debrief:
    """The debrief offered after one session: how long it is given, the format's questions,
    whether the leaders are asked first, and, once it runs, when it began and ended."""

    seconds: float
    questions: Sequence[str] = ()
    ask: bool = True
    start: float | None = None
    ended_at: float | None = None
    refused: bool = False  # asked, and answered no (or not at all)

    @property
    def running(self) -> bool:
        return self.start is not None and self.ended_at is None

    def begin(self, t: float) -> None:
        """The leaders begin, at session time t."""
        if self.start is None:
            self.start = t

    def decline(self) -> None:
        """No debrief this time: the question was answered no, or left unanswered."""
        self.refused = True

    def elapsed(self, t: float) -> float:
        if self.start is None:
            return 0.0
        until = t if self.ended_at is None else self.ended_at
        return min(max(until - self.start, 0.0), self.seconds)

    def remaining(self, t: float) -> float:
        return self.seconds - self.elapsed(t)

    @property
    def length(self) -> float:
        """How long it ran, once it has ended (0 before)."""
        if self.start is None or self.ended_at is None:
            return 0.0
        return self.ended_at - self.start

    @property
    def held(self) -> bool:
        """Whether it ran long enough to be a debrief held (rules.debrief_held)."""
        return self.ended_at is not None and debrief_held(self.length, self.seconds)

    def tick(self, t: float) -> list[Event]:
        """Let time pass: at the end of its time it ends by itself, quietly."""
        if not self.running or self.remaining(t) > 0:
            return []
        assert self.start is not None
        return self.finish(self.start + self.seconds)

    def finish(self, t: float) -> list[Event]:
        """End it at t (never past its time): the event for the log, if it was one held."""
        if not self.running:
            return []
        assert self.start is not None
        self.ended_at = min(max(t, self.start), self.start + self.seconds)
        if not self.held:
            return []
        return [Event(DEBRIEF, self.ended_at, {"minutes": round(self.length / 60, 1)})]
