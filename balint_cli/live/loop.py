"""The loop that ties clock, session, keys, screen and log together, and running a prepared
session to its end: `run` chooses the live screen in a terminal (`run_screen`) or a plain
line per event when output is not one (`run_plain`), and says the last line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol, TextIO

from rich.console import Console

from balint_cli.core.debrief import Debrief, follows
from balint_cli.core.events import COMPLETED, INTERRUPTED, Event
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import length_text, status_text
from balint_cli.fs.paths import home
from balint_cli.groupview.state import Board, NoBoard, Publisher
from balint_cli.i18n import _, language
from balint_cli.live import debrief as debriefing
from balint_cli.live.clock import Clock, SystemClock
from balint_cli.live.controller import Controller
from balint_cli.live.plain import PlainPrinter, ended_text
from balint_cli.live.prepare import Prepared, note
from balint_cli.live.screen import Look, SessionScreen
from balint_cli.live.wakes import next_wake, shown
from balint_cli.logbook.writing import PULSE_SECONDS  # the plain mode sleeps no longer
from balint_cli.terminal import console
from balint_cli.terminal.console import screen_size
from balint_cli.terminal.keys import RESIZE
from balint_cli.terminal.rows import Rows
from balint_cli.terminal.stopping import Terminated, stoppable


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
                size = screen_size(console)
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


def run(
    prepared: Prepared,
    sink: Sink,
    clock: Clock | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run the session on the screen (or as plain lines), and the co-leaders' debrief after
    it; returns the exit status. clock and sleep are the real ones unless given."""
    session, look = prepared.session, prepared.look
    first = prepared.first
    # From the last of what happens as it (re)starts: a resumed session's time goes on from
    # its resume, never from a move the log had cut in two before it.
    begin = max((event.t for event in first), default=session.start)
    clock = clock or SystemClock(prepared.speed, start=begin)
    board = Publisher(home(), prepared.speed, language())  # for `balint view`
    debrief = prepared.debrief
    try:
        if console.live_screen():
            how = _on_screen(session, clock, sink, look, first, board, debrief)
        else:
            if console.is_interactive():  # a person, at a terminal that cannot draw a screen
                said = _(
                    "This terminal (TERM={term}) cannot draw the live screen: balint prints a "
                    "line per event and moves on by itself. Ctrl-C stops it."
                )
                tell(said.format(term=inert(os.environ.get("TERM", ""))))
            elif console.output_elsewhere():  # `> today.txt`: a blank terminal, deaf to keys
                note(
                    _(
                        "The output goes to a file or a pipe: balint writes a line per event "
                        "there and moves on by itself; keys do nothing, Ctrl-C stops it."
                    )
                )
            elif console.input_elsewhere():  # `< /dev/null`: lines on the terminal, no keys
                note(
                    _(
                        "The input is a file or a pipe, not the keyboard: balint prints a line "
                        "per event and moves on by itself; keys do nothing, Ctrl-C stops it."
                    )
                )
            # Piped, a `kill` or a dropped link ends the session as one at a terminal does.
            with stoppable():
                how = run_plain(session, clock, sink, look, sys.stdout, first, sleep, board)
                # Piped, nobody can answer the question: only a debrief asked for runs.
                if debrief is not None and not debrief.ask and _follows(session):
                    since = look.started - timedelta(seconds=session.start)
                    show = _ended(session, look, board)
                    debriefing.plain(debrief, clock, sink, sys.stdout, since, show, sleep)
    except KeyboardInterrupt:
        _summary(session, look, _("Stopped."), clock, debrief)
        return 130
    except Terminated as stop:
        reason = _("Stopped by {reason}.").format(reason=_(stop.reason))
        _summary(session, look, reason, clock, debrief)
        return stop.status
    finally:
        board.close()
    _summary(session, look, "", clock, debrief)
    return 0 if how != INTERRUPTED else 1


def _follows(session: Session) -> bool:
    """Whether the debrief follows the way the session ended."""
    return follows(session.ended, (session.ended_at or session.start) - session.start)


def _ended(session: Session, look: Look, board: Board) -> debriefing.Show:
    """Tells the group's view that the session has ended, for as long as the debrief runs."""
    return lambda: board.publish(session.view(session.ended_at or session.start), look)


def _on_screen(
    session: Session,
    clock: Clock,
    sink: Sink,
    look: Look,
    first: list[Event],
    board: Publisher,
    debrief: Debrief | None,
) -> str:
    with console.interactive(sys.stdout) as term:
        # Made inside the block: on Windows the console takes VT sequences only from here,
        # and Rich chooses how to draw by what the console takes when it is made.
        out = Console(highlight=False)
        console.hand_back_on_suspend(term, out)
        how = run_screen(session, clock, sink, look, term.read, out, first, board)
        if debrief is not None and _follows(session):
            ended = ended_text(session, session.view(clock.now()).session_elapsed, how)
            show = _ended(session, look, board)
            debriefing.on_screen(debrief, clock, sink, term.read, out, ended, show)
        return how


def _summary(
    session: Session, look: Look, prefix: str, clock: Clock, debrief: Debrief | None
) -> None:
    """One line on the normal screen once the live screen is gone (and one for a debrief)."""
    if session.ended_at is None or not console.live_screen():
        return  # without a terminal, the plain lines already said it
    # The real time it ended, even when --speed ran the clock fast or a debrief came after.
    since = (clock.now() - session.ended_at) / clock.speed
    ended = datetime.now().astimezone() - timedelta(seconds=max(since, 0.0))
    words = {
        "clock": f"{ended:%H:%M}",
        "length": length_text(session.ended_at - session.start),
        "timing": status_text(session.view(session.ended_at)),
    }
    if session.ended == COMPLETED:
        line = _("Session completed at {clock} after {length}, {timing}.").format(**words)
    elif session.ended == INTERRUPTED:
        line = _("Session interrupted at {clock} after {length}.").format(**words)
        if look.logged and not look.warning:
            line = _(
                "Session interrupted at {clock} after {length}; `balint run --resume` carries on."
            ).format(**words)
    else:
        line = _("Session ended early at {clock} after {length}.").format(**words)
    if look.warning:  # said on the screen as it happened, with why; the session has ended now
        line += " " + _("The session log could not be written to its end.")
    tell(f"{prefix} {line}".strip())
    if debrief is not None and debriefing.said(debrief):
        tell(debriefing.said(debrief))


def tell(sentence: str) -> None:
    """A sentence for the person at the terminal, wrapped between words to fit its width."""

    width = max(shutil.get_terminal_size().columns, 20)
    lines = textwrap.wrap(sentence, width, break_long_words=False, break_on_hyphens=False)
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
