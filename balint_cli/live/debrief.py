"""The co-leaders' debrief, live, once a co-led session has ended: the question "Debrief
together now? y/n", then the format's questions and a calm countdown in whole minutes until
n or q, or until its time is up; piped, plain lines. It never rings. Meanwhile the group's
view says the session has ended (`Show`), and the log gets one line when it ends.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TextIO

from rich.console import Console
from rich.text import Text

from balint_cli.core.debrief import ASK_SECONDS, Debrief
from balint_cli.core.events import Event
from balint_cli.core.text import inert
from balint_cli.core.words import left_text, length_text, wall, whole_minutes_text
from balint_cli.i18n import _, is_yes
from balint_cli.live.clock import Clock
from balint_cli.live.layout import Block, layout, wrap
from balint_cli.live.panels import bullets
from balint_cli.logbook.writing import PULSE_SECONDS  # the plain lines sleep no longer
from balint_cli.terminal.console import LEAVE, screen_size
from balint_cli.terminal.keys import RESIZE
from balint_cli.terminal.rows import Rows

Show = Callable[[], None]  # tells the group's view, again, that the session has ended
_ENDS = ("n", "q")  # the keys that end the debrief; no question: ending it early loses nothing


class Sink(Protocol):
    """Where the debrief's line goes (the session's log)."""

    def record_all(self, events: Sequence[Event]) -> None: ...

    def pulse(self) -> None: ...


def questions(debrief: Debrief) -> list[str]:
    """What the leaders look back on: the format's questions, else balint's own."""
    return list(debrief.questions) or [
        _("How did the session go, for the group and for the two of you?"),
        _("What do you take to supervision?"),
    ]


def said(debrief: Debrief) -> str:
    """The line for the normal screen once it is over ('' when there was none)."""
    if debrief.held:
        return _("Debrief held: {length}.").format(length=length_text(debrief.length))
    if debrief.ended_at is not None:
        return _("The debrief ended within its first minute: it is not in the log.")
    return ""


# -- on the screen --------------------------------------------------------------------------------


@dataclass
class DebriefScreen:
    """The leaders' screen after the session: the question, or the debrief's questions and
    the time left in whole minutes. Nothing in it is for the group."""

    debrief: Debrief
    t: float
    ended: str  # how the session ended, as its last line says it
    asking: bool

    def lines(self, width: int, height: int) -> list[Text]:
        """Exactly height lines, each at most width cells, the keys on the last."""
        if self.asking:
            blocks = [
                Block("header", [Text(_("The session has ended"), style="bold")]),
                Block("time", [Text(self.ended, style="dim")]),
                Block("question", [Text(_("Debrief together now? y/n"), style="bold reverse")],
                      gap=True),  # fmt: skip
                Block("prompt", list(wrap(self._offer(), width, "")), gap=True, least=1),
                Block("keys", [Text(_("y yes · n no"), style="dim")]),
            ]
        else:
            blocks = [
                Block("header", [self._header(width)]),
                Block("time", [self._time()], gap=True),
                Block("prompt", bullets(questions(self.debrief), width), gap=True, least=1),
                Block("keys", [Text(_("n or q ends the debrief"), style="dim")]),
            ]
        out = layout(blocks, height)
        for line in out:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        return out

    def _offer(self) -> str:
        length = whole_minutes_text(self.debrief.seconds)
        return _(
            "y: {length} for the leaders alone, looking back on the session; the group's view "
            "says the session has ended."
        ).format(length=length)

    def _header(self, width: int) -> Text:
        title = Text(_("Debrief"), style="bold")
        right = _("leaders only · the session has ended")
        if title.cell_len + 2 + len(right) <= width:
            title.append(" " * (width - title.cell_len - len(right)) + right, style="dim")
        return title

    def _time(self) -> Text:
        left = left_text(self.debrief.remaining(self.t), whole=True)
        length = whole_minutes_text(self.debrief.seconds)
        line = Text(left, style="bold")
        line.append(" " + _("of {length}").format(length=length), style="dim")
        return line


def until_change(debrief: Debrief, t: float) -> float:
    """Session seconds until the time shown changes: the next whole minute, or second in the
    last minute."""
    left = debrief.remaining(t)
    step = 60.0 if left > 60 else 1.0
    return max(left - (math.ceil(left / step - 1e-9) - 1) * step, 0.0) + 0.002


class _Painter:
    """Frames drawn only when what they show changes, a row at a time."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.rows = Rows(console)
        self.last: tuple[object, ...] | None = None

    def draw(self, screen: DebriefScreen) -> None:
        size = screen_size(self.console)
        lines = screen.lines(*size)
        shown = (size, tuple(line.plain for line in lines))
        if shown != self.last:
            self.rows.draw(lines, size)
            self.last = shown

    def forget(self) -> None:
        self.last = None
        self.rows.forget()


def on_screen(
    debrief: Debrief,
    clock: Clock,
    sink: Sink,
    read_keys: Callable[[float], list[str]],
    console: Console,
    ended: str,
    show: Show,
) -> None:
    """Ask (unless the leaders chose always), then run the debrief until n or q or its time
    is up. Ctrl-C and the signals that stop balint end it too, its line written first."""
    paint = _Painter(console)
    with console.screen(hide_cursor=True):
        if debrief.ask and not _asked(debrief, clock, read_keys, paint, ended, show):
            debrief.decline()
            return
        debrief.begin(clock.now())
        try:
            _running(debrief, clock, sink, read_keys, paint, ended, show)
        except BaseException:
            sink.record_all(debrief.finish(clock.now()))
            raise


def _asked(
    debrief: Debrief,
    clock: Clock,
    read_keys: Callable[[float], list[str]],
    paint: _Painter,
    ended: str,
    show: Show,
) -> bool:
    """y (or the language's yes) begins; n, q or Escape, or no answer in time, is no."""
    until = clock.now() + ASK_SECONDS
    while (t := clock.now()) < until:
        show()
        paint.draw(DebriefScreen(debrief, t, ended, asking=True))
        for key in read_keys(min(until - t, 60.0) / clock.speed):
            if key == RESIZE:
                paint.forget()
            elif is_yes(key):
                return True
            elif key in (*_ENDS, LEAVE):
                return False
    return False


def _running(
    debrief: Debrief,
    clock: Clock,
    sink: Sink,
    read_keys: Callable[[float], list[str]],
    paint: _Painter,
    ended: str,
    show: Show,
) -> None:
    while debrief.running:
        t = clock.now()
        events = debrief.tick(t)
        if events or not debrief.running:
            sink.record_all(events)
            return
        sink.pulse()
        show()
        paint.draw(DebriefScreen(debrief, t, ended, asking=False))
        for key in read_keys(until_change(debrief, t) / clock.speed):
            if key == RESIZE:
                paint.forget()
            elif key in _ENDS:
                sink.record_all(debrief.finish(clock.now()))
                return


# -- piped ----------------------------------------------------------------------------------------


def plain(
    debrief: Debrief,
    clock: Clock,
    sink: Sink,
    out: TextIO,
    started: datetime,
    show: Show,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """No terminal: the debrief as plain lines, ending by itself when its time is up (nobody
    is there to press n). started is the wall time at session time 0."""

    def line(t: float, words: str) -> None:
        at = f"{wall(started + timedelta(seconds=t)):%H:%M}"
        out.write(f"{at}  {words}\n")
        out.flush()

    debrief.begin(clock.now())
    head = _("Debrief, leaders only: {length}").format(length=length_text(debrief.seconds))
    asked = [f"{'':7}- {inert(question, one_line=True)}" for question in questions(debrief)]
    line(clock.now(), "\n".join([head, *asked]))
    try:
        while debrief.running:
            events = debrief.tick(clock.now())
            if events or not debrief.running:
                sink.record_all(events)
                break
            sink.pulse()
            show()
            left = debrief.remaining(clock.now())
            sleep(min(left / clock.speed, PULSE_SECONDS) + 0.001)
    except BaseException:
        with contextlib.suppress(OSError):  # the reader may have gone with the signal
            sink.record_all(debrief.finish(clock.now()))
        raise
    length = length_text(debrief.length)
    line(debrief.ended_at or clock.now(), _("Debrief ended after {length}").format(length=length))

