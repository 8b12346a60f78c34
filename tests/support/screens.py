"""The live screen as plain lines, and the sessions and keys tests show on it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from rich.console import Console

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.live.controller import Controller
from balint_cli.live.prepare import Prepared
from balint_cli.live.screen import Look, Overlay, SessionScreen
from support.formats import builtin

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))  # a Monday


def frame(screen: SessionScreen, width: int, height: int) -> Iterator[str]:
    """The screen as plain lines, for tests and the benchmark."""
    console = Console(width=width, height=height, color_system=None, file=io.StringIO())
    for line in screen.lines(width, height, console):
        yield line.plain


def screen_text(
    session: Session,
    t: float,
    look: Look | None = None,
    overlay: Overlay | None = None,
    width: int = 100,
    height: int = 40,
) -> str:
    """The live screen at session time t, as plain text."""
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    look = look or Look("x", STARTED)
    screen = SessionScreen(view=session.view(t), look=look, overlay=overlay or Overlay())
    return "\n".join(line.plain for line in screen.lines(width, height, console))


def started(phases: list[Phase], planned: list[float] | None = None) -> Session:
    """A session of these phases, begun."""
    session = Session(phases, planned)
    session.begin()
    return session


def screen_at(session: Session, t: float, width: int = 80, height: int = 24, **look: Any) -> str:
    """The screen at session time t with this look, as plain text."""
    view = session.view(t)
    return "\n".join(
        frame(SessionScreen(view=view, look=Look("x", STARTED, **look)), width, height)
    )


def discussion() -> Session:
    """A session of one 22-minute discussion, begun."""
    session = Session([Phase(id="d", title="Group discussion", minutes=22, warn_minutes=3)])
    session.begin()
    return session


def named(line: str) -> set[str]:
    """The keys a key line names: single letters and signs, alone or as n/b and +/-."""
    keys = {part for word in line.split() for part in word.split("/") if len(part) == 1}
    if any(word in line.split() for word in ("space", "spc", "Leertaste")):
        keys.add("space")
    return keys


EVERY_KEY = {"space", "n", "b", "+", "-", "g", "i", "c", "m", "a", "d", "q", "?"}


def panel_words(lines: list[str]) -> str:
    """A panel's words, whatever line they were wrapped onto."""
    return " ".join(" ".join(re.sub(r"^(• |  )", "", line) for line in lines).split())


def under_g(prepared: Prepared, width: int = 100, height: int = 40) -> str:
    """Every page of what `g` shows, as the leader reads it, turning pages with space."""
    control = Controller(prepared.session, prepared.look)
    control.press("g", 10)
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    pages: list[str] = []
    while control.overlay.panel:
        view = prepared.session.view(10)
        screen = SessionScreen(view=view, look=prepared.look, overlay=control.overlay_at(10))
        lines = [line.plain for line in screen.lines(width, height, console)]
        control.pages = screen.pages
        pages.append(panel_words(lines[3:-1]))  # below the header and time, above the page's row
        control.press("space", 10)
    return " ".join(pages)


def ninety(*, target: float | None = 90 * 60, auto: bool = False) -> Session:
    """A session of the built-in 90min, begun: its end kept at 90 minutes unless told."""
    session = Session(builtin("90min").phases, target=target, auto=auto)
    session.begin()
    return session
