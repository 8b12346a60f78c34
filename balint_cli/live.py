"""The loop that ties clock, session, keys, screen and log together.

`Controller.press` is the one place where a key becomes an action. `run_screen` drives the
live screen in a terminal; `run_plain` prints one line per event when output is not one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol, TextIO

from balint_cli.clock import Clock
from balint_cli.screen import Look, Overlay, SessionScreen, minutes_text, status_text, time_text
from balint_cli.session import COMPLETED, INTERRUPTED, QUIT, Event, Session, View
from balint_cli.text import inert

if TYPE_CHECKING:
    from rich.console import Console

NOTE_SECONDS = 3.0  # how long a passing note stays, in real seconds
PULSE_SECONDS = 30.0  # the longest the plain mode sleeps, so that the log is marked alive


class Sink(Protocol):
    """Where events go as they happen (the session log)."""

    def record_all(self, events: Sequence[Event]) -> None:
        """Keep events that happened together, together."""
        ...

    def pulse(self) -> None:
        """Called as the loop wakes: the sink may mark itself as alive."""
        ...


class NoLog:
    """A sink that keeps nothing (demo mode, --no-log)."""

    def record_all(self, events: Sequence[Event]) -> None:
        pass

    def pulse(self) -> None:
        pass


@dataclass
class Controller:
    """Turns key presses into session changes, with panels, questions and passing notes.

    This is the one place where a key becomes an action.
    """

    session: Session
    speed: float = 1.0
    rules: Sequence[str] = ()
    overlay: Overlay = field(default_factory=Overlay)
    _pending: Callable[[float], list[Event]] | None = None
    _note_until: float = 0.0

    def press(self, key: str, t: float) -> list[Event]:
        """What a key does, at session time t."""
        session = self.session
        self.overlay.note = ""  # a passing note never hides what the key does next
        if self.overlay.panel:  # any key closes a panel (help, rules, aids), and does nothing else
            self.overlay.panel = ""
            return []
        if self._pending is not None:
            action, self._pending = self._pending, None
            self.overlay.question = ""
            if key == "y":
                return action(t)
            self._note("Carrying on.", t)
            return []
        phase = session.phases[session.index]
        title = inert(phase.title, one_line=True)
        if key == "space":
            return session.toggle_pause(t)
        if key == "n":
            if session.index == len(session.phases) - 1:
                self._ask("This is the last phase. End the session now? y/n", session.next)
                return []
            return session.next(t)
        if key == "b":
            events = session.back(t)
            if not events:
                self._note("This is the first phase.", t)
            return events
        if key in ("+", "-"):
            events = session.extend(t, 1 if key == "+" else -1)
            if key == "+":
                self._note(f"One more minute for {title}.", t)
            elif events:
                self._note(f"One minute less for {title}.", t)
            else:
                self._note(f"{title} cannot be shorter than a minute.", t)
            return events
        if key == "c":
            self._ask_skip_case(t)
            return []
        if key == "m":
            events = session.mark(t)
            self._note(f"Marker set, {_mmss(t - session.start)} into the session.", t)
            return events
        if key == "g":
            if self.rules:
                self.overlay.panel = "rules"
            else:
                self._note("This format has no ground rules.", t)
            return []
        if key == "i":
            if phase.purpose or phase.interventions:
                self.overlay.panel = "aids"
            else:
                self._note(f"The format gives {title} no purpose or interventions.", t)
            return []
        if key == "q":
            self._ask("End the session now? y/n", lambda at: session.finish(at, QUIT))
            return []
        if key == "?":
            self.overlay.panel = "help"
        return []

    def overlay_at(self, t: float) -> Overlay:
        if self.overlay.note and t >= self._note_until:
            self.overlay.note = ""
        return self.overlay

    def _ask_skip_case(self, t: float) -> None:
        session = self.session
        case = session.phases[session.index].case
        if case is None:
            self._note("This phase is not part of a case.", t)
            return
        after = session.after_case()
        if after >= len(session.phases):
            where = "end the session"
        elif session.phases[after].case is not None:
            where = f"go on to case {session.phases[after].case}"
        else:
            where = f"go on to {inert(session.phases[after].title, one_line=True)}"
        self._ask(f"Skip the rest of case {case} and {where}? y/n", session.skip_case)

    def _ask(self, question: str, action: Callable[[float], list[Event]]) -> None:
        self._pending = action
        self.overlay.question = question
        self.overlay.note = ""

    def _note(self, note: str, t: float) -> None:
        self.overlay.note = note
        self._note_until = t + NOTE_SECONDS * self.speed


def until_next_second(view: View, speed: float) -> float:
    """Real seconds until the shown time changes: the loop sleeps exactly that long."""
    if view.paused:
        return 1.0
    if view.remaining > 0:
        delta = view.remaining - (math.ceil(view.remaining - 1e-9) - 1)
    else:
        over = -view.remaining
        delta = math.floor(over + 1e-9) + 1 - over
    # Land just after the change; never spin faster than 50 frames a second at high --speed.
    return min(1.0, max(0.02, delta / speed + 0.002))


def _signature(screen: SessionScreen, size: tuple[int, int]) -> tuple[object, ...]:
    """What the screen shows, cheaply: when this is unchanged there is nothing to redraw.

    The bars are left out on purpose: they move with the time, so they are redrawn with it,
    once a second, instead of at every step of their own.
    """
    view = screen.view
    overlay = screen.overlay
    return (
        size,
        time_text(view),
        view.index,
        view.paused,
        view.warn,
        status_text(view),
        round(view.projected_end / 60),
        screen.leaving,
        overlay.panel,
        overlay.question,
        overlay.note,
        screen.look.warning,
    )


def run_screen(
    session: Session,
    clock: Clock,
    sink: Sink,
    look: Look,
    read_keys: Callable[[float], list[str]],
    console: Console,
    first: Sequence[Event] = (),
) -> str:
    """Show the live screen until the session ends; returns how it ended.

    Ctrl-C and termination signals end the session as interrupted (and are re-raised for the
    caller's exit status) after the event is written.
    """
    from rich.live import Live

    from balint_cli.terminal import RESIZE

    controller = Controller(session, clock.speed, look.rules)

    def handle(events: list[Event]) -> None:
        sink.record_all(events)
        if look.bell and any(event.kind == "due" for event in events):
            console.bell()

    with Live(
        console=console,
        screen=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as live:
        last: tuple[object, ...] | None = None
        handle(list(first))
        try:
            while not session.ended:
                t = clock.now()
                handle(session.tick(t))
                sink.pulse()
                view = session.view(t)
                screen = SessionScreen(view=view, look=look, overlay=controller.overlay_at(t))
                signature = _signature(screen, (console.size.width, console.size.height))
                if signature != last:
                    live.update(screen, refresh=True)
                    last = signature
                if session.ended:
                    break
                for key in read_keys(until_next_second(view, clock.speed)):
                    if key == RESIZE:
                        last = None
                    else:
                        handle(controller.press(key, clock.now()))
        except BaseException:
            handle(session.finish(clock.now(), INTERRUPTED))
            raise
    return session.ended or INTERRUPTED


def run_plain(
    session: Session,
    clock: Clock,
    sink: Sink,
    look: Look,
    out: TextIO,
    first: Sequence[Event] = (),
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """No terminal: one plain line per event, phases moving on by themselves."""
    session.auto = True  # nobody is there to press n...
    printer = PlainPrinter(session, look, out)

    def emit(events: Sequence[Event]) -> None:
        sink.record_all(events)
        for event in events:
            printer.show(event)

    try:
        emit(first)  # before time moves on, so that a resumed session says where it was
        if session.paused:  # ...or space: a session resumed while paused carries on
            emit(session.toggle_pause(clock.now()))
        while True:
            emit(session.tick(clock.now()))
            if session.ended:
                break
            sink.pulse()
            remaining = session.remaining(clock.now())
            sleep(min(max(remaining, 0.0) / clock.speed, PULSE_SECONDS) + 0.001)
    except BaseException:
        emit(session.finish(clock.now(), INTERRUPTED))
        raise
    return session.ended or INTERRUPTED


@dataclass
class PlainPrinter:
    """Events as plain lines: `12:36  Case facts: 6 min`."""

    session: Session
    look: Look
    out: TextIO

    def show(self, event: Event) -> None:
        line = self._line(event)
        if line:
            self.out.write(line + "\n")
            self.out.flush()

    def _line(self, event: Event) -> str:
        at = (self.look.started + timedelta(seconds=event.t - self.session.start)).strftime("%H:%M")
        data = event.data
        if event.kind == "phase_start":
            phase = self.session.phases[int(data["index"])]
            case = f", case {phase.case}" if phase.case is not None else ""
            line = f"{at}  {inert(phase.title, one_line=True)}{case}: "
            line += minutes_text(float(data["allotted"]))
            if self.look.show_purpose and phase.purpose:
                line += f"\n{'':7}Why: {inert(phase.purpose, one_line=True)}"
            if self.look.ground_rules and int(data["index"]) == 0 and data.get("by") == "start":
                line += f"\n{'':7}Ground rules:"
                for rule in self.look.ground_rules:
                    line += f"\n{'':7}- {inert(rule, one_line=True)}"
            return line
        if event.kind == "phase_end":
            phase = self.session.phases[int(data["index"])]
            spent = _mmss(float(data["actual"]))
            return f"{at}  {inert(phase.title, one_line=True)} ended after {spent}"
        if event.kind == "session_resume":
            phase = self.session.phases[self.session.index]
            left = self.session.remaining(event.t)
            where = f"{_mmss(left)} left" if left > 0 else "its time is up"
            return f"{at}  Resumed in {inert(phase.title, one_line=True)}, {where}"
        if event.kind == "session_end":
            spent = _mmss(float(data["seconds"]))
            if data["how"] == COMPLETED:
                timing = status_text(self.session.view(event.t))
                return f"{at}  Session completed after {spent}, {timing}"
            if data["how"] == QUIT:
                return f"{at}  Session ended early after {spent}"
            return f"{at}  Session interrupted after {spent}"
        return ""


def _mmss(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
