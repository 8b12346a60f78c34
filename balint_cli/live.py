"""The loop that ties clock, session, keys, screen and log together.

`Controller.press` is the one place where a key becomes an action. `run_screen` drives the
live screen in a terminal; `run_plain` prints one line per event when output is not one.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, TextIO

from balint_cli.clock import Clock
from balint_cli.core.digits import is_digits
from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT, Event
from balint_cli.core.rules import MAX_PEOPLE
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import clock_text, length_text, planned_text, status_text
from balint_cli.groupview.state import Board, NoBoard
from balint_cli.i18n import _, is_yes
from balint_cli.panels import AIDS, HELP, NEXT_PAGE, ONLY_PAGES, PAGE_BACK, RULES
from balint_cli.screen import Look, Overlay, SessionScreen
from balint_cli.wakes import next_wake, shown

if TYPE_CHECKING:
    from rich.console import Console

NOTE_SECONDS = 3.0  # how long a passing note stays, in real seconds
NOTES_SECONDS = 60.0  # how long the notes said as the screen opens stay, in real seconds
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
    look: Look = field(default_factory=lambda: Look("", datetime.now().astimezone()))
    speed: float = 1.0
    overlay: Overlay = field(default_factory=Overlay)
    _pending: Callable[[float], list[Event]] | None = None
    _count: str | None = None  # the attendance being typed after `a`
    _note_until: float = 0.0
    _notes_until: float = 0.0
    pages: int = 1  # how many pages the open panel has, as last drawn

    def greet(self, notes: Sequence[str], t: float) -> None:
        """Say notes as the screen opens, at session time t: until a key, or for a minute."""
        self.overlay.notes = tuple(notes)
        self._notes_until = t + NOTES_SECONDS * self.speed

    def press(self, key: str, t: float) -> list[Event]:
        """What a key does, at session time t."""
        session = self.session
        self.overlay.note = ""  # a passing note never hides what the key does next
        self.overlay.notes = ()  # nor do the notes said as the screen opened: they were seen
        if self.overlay.panel:  # a key turns a panel's page or closes it, and does nothing else
            self._turn_page(key)
            return []
        if key in ONLY_PAGES:  # an arrow outside a panel does nothing, not even answer a question
            return []
        if self._count is not None:
            return self._counting(key, t)
        if self._pending is not None:
            action, self._pending = self._pending, None
            self.overlay.question = ""
            if is_yes(key):
                return action(t)
            self._note(_("Carrying on."), t)
            return []
        phase = session.phases[session.index]
        title = inert(phase.title, one_line=True)
        if key == "space":
            return session.toggle_pause(t)
        if key == "n":
            if session.index == len(session.phases) - 1:
                self._ask(_("This is the last phase. End the session now? y/n"), session.next)
                return []
            return session.next(t)
        if key == "b":
            events = session.back(t)
            if not events:
                self._note(_("This is the first phase."), t)
            return events
        if key in ("+", "-"):
            events = session.extend(t, 1 if key == "+" else -1)
            if key == "+":
                self._note(_("One more minute for {title}.").format(title=title), t)
            elif events:
                self._note(_("One minute less for {title}.").format(title=title), t)
            else:
                self._note(_("{title} cannot be shorter than a minute.").format(title=title), t)
            return events
        if key == "c":
            self._ask_skip_case(t)
            return []
        if key == "m":
            events = session.mark(t)
            into = length_text(t - session.start)
            self._note(_("Marker set, {length} into the session.").format(length=into), t)
            return events
        if key == "a":
            self._count = ""
            self._ask_count()
            return []
        if key == "d":
            self.look.discreet = not self.look.discreet
            if self.look.discreet:
                self._note(_("Discreet: whole minutes, no big digits, no bell."), t)
            else:
                self._note(_("Full screen: the countdown in big digits."), t)
            return []
        if key == "g":
            if self.look.rules:
                self._open(RULES)
            else:
                self._note(_("This format has no ground rules."), t)
            return []
        if key == "i":
            if phase.purpose or phase.interventions:
                self._open(AIDS)
            else:
                nothing = _("The format gives {title} no purpose or interventions.")
                self._note(nothing.format(title=title), t)
            return []
        if key == "q":
            self._ask(_("End the session now? y/n"), lambda at: session.finish(at, QUIT))
            return []
        if key == "?":
            self._open(HELP)
        return []

    def _open(self, panel: str) -> None:
        """A panel over the screen, from its first page (how many it has is known once drawn)."""
        self.overlay.panel, self.overlay.page = panel, 0
        self.pages = 1

    def overlay_at(self, t: float) -> Overlay:
        if self.overlay.note and t >= self._note_until:
            self.overlay.note = ""
        if self.overlay.notes and t >= self._notes_until:
            self.overlay.notes = ()
        return self.overlay

    def note_left(self, t: float) -> float:
        """Session seconds until a passing note, or the opening notes, go (infinity: none)."""
        timers = [(self.overlay.note, self._note_until), (self.overlay.notes, self._notes_until)]
        return max(min((until - t for said, until in timers if said), default=math.inf), 0.0)

    def _turn_page(self, key: str) -> None:
        """Space (n, an arrow) to the panel's next page, b to the one before; else it closes."""
        overlay = self.overlay
        overlay.page = min(overlay.page, self.pages - 1)  # fewer pages, after a resize
        if key in NEXT_PAGE and overlay.page + 1 < self.pages:
            overlay.page += 1
        elif key in PAGE_BACK and overlay.page > 0:
            overlay.page -= 1
        else:
            overlay.panel, overlay.page = "", 0

    def _counting(self, key: str, t: float) -> list[Event]:
        """Digits and Enter set the attendance; Escape cancels; nothing else does anything."""
        assert self._count is not None
        if key == "escape":
            self._count = None
            self.overlay.question = ""
            self._note(_("Attendance left as it was."), t)
            return []
        if key == "enter" and self._count:
            came, self._count = int(self._count), None
            self.overlay.question = ""
            members = self.look.members
            if members:
                self._note(_("{came} of {members} here.").format(came=came, members=members), t)
            else:
                self._note(_("{came} here.").format(came=came), t)
            return self.session.count(t, came, members)
        if key == "backspace":
            self._count = self._count[:-1]
        elif is_digits(key) and len(self._count) < len(str(MAX_PEOPLE)):
            self._count += key
        self._ask_count()
        return []

    def _ask_count(self) -> None:
        typed = self._count or "_"
        self.overlay.question = _("How many came? {typed}").format(typed=typed)
        self.overlay.hint = _("digits, then Enter · Escape cancels")
        self.overlay.note = ""

    def _ask_skip_case(self, t: float) -> None:
        session = self.session
        case = session.phases[session.index].case
        if case is None:
            self._note(_("This phase is not part of a case."), t)
            return
        after = session.after_case()
        if after >= len(session.phases):
            question = _("Skip the rest of case {number} and end the session? y/n")
        elif session.phases[after].case is not None:
            question = _("Skip the rest of case {number} and go on to case {next}? y/n")
        else:
            question = _("Skip the rest of case {number} and go on to {title}? y/n")
        title = inert(session.phases[min(after, len(session.phases) - 1)].title, one_line=True)
        following = session.phases[after].case if after < len(session.phases) else None
        self._ask(question.format(number=case, next=following, title=title), session.skip_case)

    def _ask(self, question: str, action: Callable[[float], list[Event]]) -> None:
        self._pending = action
        self.overlay.question = question
        self.overlay.hint = ""
        self.overlay.note = ""

    def _note(self, note: str, t: float) -> None:
        self.overlay.note = note
        self._note_until = t + NOTE_SECONDS * self.speed


def run_screen(
    session: Session,
    clock: Clock,
    sink: Sink,
    look: Look,
    read_keys: Callable[[float], list[str]],
    console: Console,
    first: Sequence[Event] = (),
    board: Board | None = None,
) -> str:
    """Show the live screen until the session ends; returns how it ended.

    The board, if any, is told where the session is as it goes, for the group's view.

    Ctrl-C and termination signals end the session as interrupted (and are re-raised for the
    caller's exit status) after the event is written.
    """
    from balint_cli.terminal.keys import RESIZE
    from balint_cli.terminal.rows import Rows

    controller = Controller(session, look, clock.speed)
    controller.greet(look.notes, clock.now())
    board = board or NoBoard()

    def handle(events: list[Event]) -> None:
        sink.record_all(events)
        if look.bell and not look.discreet and any(event.kind == "due" for event in events):
            console.bell()

    rows = Rows(console)
    with console.screen(hide_cursor=True):
        last: tuple[object, ...] | None = None
        handle(list(first))
        try:
            while not session.ended:
                t = clock.now()
                handle(session.tick(t))
                sink.pulse()
                view = session.view(t)
                board.publish(view, look)
                screen = SessionScreen(view=view, look=look, overlay=controller.overlay_at(t))
                size = (console.size.width, console.size.height)
                signature = shown(screen, size)
                if signature != last:
                    rows.draw(screen.lines(*size, console), size)
                    controller.pages = screen.pages
                    last = signature
                if session.ended:
                    break
                wait = next_wake(view, look, clock.speed, size[0], controller.note_left(t))
                for key in read_keys(wait):
                    if key == RESIZE:  # a new size, or the terminal given back after Ctrl-Z
                        last = None
                        rows.forget()
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
    board: Board | None = None,
) -> str:
    """No terminal: one plain line per event, phases moving on by themselves."""
    session.auto = True  # nobody is there to press n...
    board = board or NoBoard()
    printer = PlainPrinter(session, look, out)

    def emit(events: Sequence[Event]) -> None:
        sink.record_all(events)
        for event in events:
            printer.show(event)

    if look.notice:
        out.write("! " + look.notice + "\n")
    try:
        emit(first)  # before time moves on, so that a resumed session says where it was
        if session.paused:  # ...or space: a session resumed while paused carries on
            emit(session.toggle_pause(clock.now()))
        while True:
            emit(session.tick(clock.now()))
            if session.ended:
                break
            sink.pulse()
            board.publish(session.view(clock.now()), look)
            remaining = session.remaining(clock.now())
            sleep(min(max(remaining, 0.0) / clock.speed, PULSE_SECONDS) + 0.001)
    except BaseException:
        # The log is written first; the reader may have gone with the signal (a dropped link).
        with contextlib.suppress(OSError):
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
            title = inert(phase.title, one_line=True)
            if phase.case is not None:
                title = _("{title}, case {number}").format(title=title, number=phase.case)
            length = planned_text(float(data["allotted"]), phase.seconds, phase.flexible)
            line = f"{at}  {title}: {length}"
            if self.look.show_purpose and phase.purpose:
                line += f"\n{'':7}" + _("Purpose: ") + inert(phase.purpose, one_line=True)
            if self.look.ground_rules and int(data["index"]) == 0 and data.get("by") == "start":
                line += f"\n{'':7}" + _("Ground rules") + ":"
                for rule in self.look.ground_rules:
                    line += f"\n{'':7}- {inert(rule, one_line=True)}"
            return line
        if event.kind == "phase_end":
            phase = self.session.phases[int(data["index"])]
            return f"{at}  " + _("{title} ended after {length}").format(
                title=inert(phase.title, one_line=True), length=length_text(float(data["actual"]))
            )
        if event.kind == "session_resume":
            phase = self.session.phases[self.session.index]
            left = self.session.remaining(event.t)
            title = inert(phase.title, one_line=True)
            if left > 0:
                where = _("Resumed in {title}, {clock} left").format(
                    title=title, clock=clock_text(left)
                )
            else:
                where = _("Resumed in {title}, its time is up").format(title=title)
            return f"{at}  {where}"
        if event.kind == "session_end":
            return f"{at}  " + ended_text(self.session, float(data["seconds"]), str(data["how"]))
        return ""


def ended_text(session: Session, seconds: float, how: str) -> str:
    """How a session ended, as its last line says it: 'Session completed after 45 min, on time'."""
    length = length_text(seconds)
    if how == COMPLETED:
        timing = status_text(session.view(session.ended_at or session.start + seconds))
        return _("Session completed after {length}, {timing}").format(length=length, timing=timing)
    if how == QUIT:
        return _("Session ended early after {length}").format(length=length)
    return _("Session interrupted after {length}").format(length=length)
