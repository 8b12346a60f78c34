"""The group's view in every state a session gives it, in English and in German."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.formats.catalogue import resolve
from balint_cli.groupview.state import Publisher, Shown
from balint_cli.live.screen import Look
from support.clock import FakeClock

WALL = 1_800_000_000.0  # the system's clock when a session starts, in these tests

FORMATS = {"en": "45min", "de": "de-45min"}


def shown(**change: object) -> Shown:
    """What a session in its group discussion publishes, 754 seconds left, with change."""
    values: dict[str, object] = {
        "language": "en",
        "title": "Group discussion",
        "case": 1,
        "for_group": "The presenter listens; we wonder together, no advice.",
        "next_title": "The presenter returns",
        "next_case": 1,
        "paused": False,
        "discreet": False,
        "moves_on": False,
        "warn_seconds": 60.0,
        "left": 754.0,
        "at": WALL,
        "speed": 1.0,
    }
    values.update(change)
    return Shown(**values)  # type: ignore[arg-type]


def view_format(language: str, home: Path) -> Format:
    """The built-in 45-minute format in this language."""
    return resolve(FORMATS[language], home).format


def view_states(home: Path, fmt: Format, clock: FakeClock) -> Iterator[str]:
    """Each state the group may see, set up in turn in home's state file: its name."""
    yield "before"
    session = Session(fmt.phases)
    session.begin()
    board = Publisher(home, 1.0, fmt.language or "en", now=lambda: WALL + clock.t)
    look = Look("Test", datetime.now().astimezone())
    longest = max(range(len(fmt.phases)), key=lambda i: fmt.phases[i].seconds)

    def at(t: float) -> None:
        clock.t = t
        board.publish(session.view(t), look)

    for index in range(len(fmt.phases)):
        at(clock.t + 30)
        yield f"phase {index + 1}"
        if index == longest:
            session.toggle_pause(clock.t)
            at(clock.t + 100)
            yield "paused"
            session.toggle_pause(clock.t)
            at(clock.t + session.view(clock.t).remaining - 20)
            yield "warning"
            at(clock.t + 110)
            yield "past zero"
        session.next(clock.t)
    board.close()
    yield "ended"
