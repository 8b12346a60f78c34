"""Stand-ins the session loop is driven with in tests: a log that records, keys on a script."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from rich.console import Console

from balint_cli.core.events import Event
from balint_cli.core.format import Phase
from support.clock import FakeClock

Script = dict[float, list[str]]


class Recorder:
    """A log that keeps its events in memory."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def record_all(self, events: Sequence[Event]) -> None:
        self.events += events

    def pulse(self) -> None:
        pass

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]


def scripted_keys(
    clock: FakeClock, script: Script, step: float | None = None
) -> Callable[[float], list[str]]:
    """Keys pressed at session times; between them the fake clock moves on."""
    pending = sorted(script.items())

    def read(timeout: float) -> list[str]:
        wait = timeout * clock.speed if step is None else step
        if pending and clock.t + wait >= pending[0][0]:
            at, keys = pending.pop(0)
            clock.t = max(clock.t, at)
            return keys
        clock.advance(wait)
        return []

    return read


def phases(*minutes: float) -> list[Phase]:
    """Plain phases of these lengths: p0, p1, ..."""
    return [Phase(id=f"p{i}", title=f"Phase {i}", minutes=m) for i, m in enumerate(minutes)]


def terminal(width: int = 60, height: int = 20) -> Console:
    """A console drawing as a terminal would, into memory, without colour."""
    return Console(
        file=io.StringIO(),
        force_terminal=True,
        width=width,
        height=height,
        color_system=None,
        legacy_windows=False,
    )


def flexible_phases(*spec: tuple[float, bool]) -> list[Phase]:
    """Phases p0, p1, ... of these lengths, each flexible or not."""
    return [
        Phase(id=f"p{i}", title=f"Phase {i}", minutes=m, flexible=f)
        for i, (m, f) in enumerate(spec)
    ]


def view_phases() -> list[Phase]:
    """Three phases, the first two with every word the group's view may show."""
    return [
        Phase(
            id="facts",
            title="Case facts",
            minutes=2,
            case=1,
            prompt="Tell us about the patient.",
            purpose="The leader protects the story.",
            interventions=["Let the story come to its end first."],
            for_group="The presenter tells the case; we listen.",
        ),
        Phase(
            id="discussion",
            title="Group discussion",
            minutes=3,
            case=1,
            flexible=True,
            for_group="The presenter listens; we wonder together, no advice.",
        ),
        Phase(id="closing", title="Closing", minutes=1),
    ]
