"""Pure: a session as it stands at one moment, for the live screen and the group's view.

The session (session.py) computes one whenever it is asked; nothing keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from balint_cli.core.format import Phase


@dataclass(frozen=True)
class View:
    """Everything the screen shows at one moment, computed, never stored."""

    index: int
    count: int
    phase: Phase
    cases: int
    allotted: float
    elapsed: float
    remaining: float  # below zero once the phase has run over
    warn: bool
    paused: bool
    next_phase: Phase | None
    next_seconds: float
    projected_end: float  # session time at which the session will end
    late: float  # seconds later than the end it keeps to (negative: early)
    holding: bool  # whether the session keeps to a fixed end
    session_elapsed: float
    lengths: tuple[float, ...]  # every phase's length as things stand, for the timeline
    ended: str | None

    @property
    def over(self) -> bool:
        return self.remaining <= 0

    @property
    def phase_progress(self) -> float:
        return min(1.0, self.elapsed / self.allotted) if self.allotted > 0 else 1.0

    @property
    def session_progress(self) -> float:
        if self.projected_end <= 0:
            return 1.0
        return min(1.0, self.session_elapsed / self.projected_end)
