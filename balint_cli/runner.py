"""Setting up a session from the command's options, and running it to the end."""

from __future__ import annotations

import math
import signal
import sys
from dataclasses import dataclass
from datetime import datetime

from balint_cli import timeline
from balint_cli.clock import SystemClock
from balint_cli.config import home, load_config
from balint_cli.errors import BadInput
from balint_cli.formats import Loaded, resolve
from balint_cli.keys import Terminated, interactive, is_interactive
from balint_cli.live import Look, NoLog, Sink, run_plain, run_screen
from balint_cli.screen import status_text
from balint_cli.session import COMPLETED, INTERRUPTED, Event, Session

MAX_SPEED = 100_000.0


@dataclass(frozen=True)
class Request:
    """What the user asked for on the command line."""

    format_ref: str | None = None
    speed: float = 1.0
    end_at: str | None = None
    auto: bool = False
    bell: bool | None = None
    demo: bool = False


@dataclass
class Prepared:
    """A session ready to start: the format, its plan, the session and how to show it."""

    loaded: Loaded
    session: Session
    look: Look
    speed: float
    resumed: bool = False


def check_speed(speed: float) -> float:
    if not math.isfinite(speed) or speed <= 0 or speed > MAX_SPEED:
        raise BadInput(f"--speed must be more than 0 and at most {MAX_SPEED:g}.")
    return speed


def prepare(request: Request, now: datetime) -> Prepared:
    """Load the format and plan the session from now, keeping to --end-at or its total."""
    folder = home()
    config = load_config(folder)
    speed = check_speed(request.speed)
    end = None
    if request.end_at is not None:
        end = timeline.end_after(timeline.parse_clock(request.end_at, "--end-at"), now)
    loaded = resolve(request.format_ref or config.default_format, folder)
    fmt = loaded.format
    slots = timeline.schedule(fmt.phases, now, end)
    planned = [slot.seconds for slot in slots]
    target = None
    if end is not None:
        target = (end - now).total_seconds()
    elif fmt.holds_end():
        target = math.fsum(planned)
    auto = request.auto or not is_interactive()
    session = Session(fmt.phases, planned, target=target, auto=auto)
    bell = config.bell if request.bell is None else request.bell
    look = Look(
        format_name=fmt.name,
        started=now,
        bell=bell,
        show_purpose=request.demo,
        ground_rules=fmt.ground_rules if request.demo else (),
    )
    return Prepared(loaded, session, look, speed)


def run(prepared: Prepared, sink: Sink | None = None, clock: SystemClock | None = None) -> int:
    """Run the session on the screen (or as plain lines); returns the exit status."""
    session, look = prepared.session, prepared.look
    sink = sink or NoLog()
    clock = clock or SystemClock(prepared.speed, start=session.start)
    first = [] if prepared.resumed else session.begin()
    try:
        if is_interactive():
            how = _on_screen(session, clock, sink, look, first)
        else:
            how = run_plain(session, clock, sink, look, sys.stdout, first)
    except KeyboardInterrupt:
        _summary(session, look, "Stopped.")
        return 130
    except Terminated as stop:
        _summary(session, look, f"Stopped by {signal.Signals(stop.signum).name}.")
        return 128 + stop.signum
    _summary(session, look, "")
    return 0 if how != INTERRUPTED else 1


def _on_screen(
    session: Session, clock: SystemClock, sink: Sink, look: Look, first: list[Event]
) -> str:
    from rich.console import Console

    console = Console(highlight=False)

    def suspend() -> None:
        console.set_alt_screen(False)
        console.show_cursor(True)

    def resume() -> None:
        console.set_alt_screen(True)
        console.show_cursor(False)

    with interactive(sys.stdout) as term:
        term.on_suspend, term.on_resume = suspend, resume
        return run_screen(session, clock, sink, look, term.read, console, first)


def _summary(session: Session, look: Look, prefix: str) -> None:
    """One line on the normal screen once the live screen is gone."""
    from datetime import timedelta

    if session.ended_at is None or not is_interactive():
        return  # without a terminal, the plain lines already said it
    ended = look.started + timedelta(seconds=session.ended_at - session.start)
    spent = round(session.ended_at - session.start)
    line = f"at {ended.strftime('%H:%M')} after {spent // 60}:{spent % 60:02d}"
    if session.ended == COMPLETED:
        line = f"Session completed {line}, {status_text(session.view(session.ended_at))}."
    elif session.ended == INTERRUPTED:
        line = f"Session interrupted {line}."
    else:
        line = f"Session ended early {line}."
    sys.stdout.write(f"{prefix} {line}".strip() + "\n")
    sys.stdout.flush()
