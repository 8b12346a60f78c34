"""When the live screen wakes and redraws (no I/O): it sleeps until what it shows changes.

A full screen changes with every second. A discreet one changes with every minute (every
second only in the last one), and its phase's bar with every step, which at a normal width
is every few seconds: a frame that sends one row.
"""

from __future__ import annotations

import math
from datetime import timedelta

from balint_cli.core.view import View
from balint_cli.core.words import shown_time, status_text
from balint_cli.live.screen import LEAVE_NOTICE, Look, SessionScreen, until_bar_moves

DISCREET_WAIT = 60.0  # the longest a discreet screen sleeps between frames, in real seconds


def next_wake(view: View, look: Look, speed: float, width: int, note_left: float) -> float:
    """Real seconds the loop sleeps: until the time, a note, the line of those who leave or
    (on a discreet screen) the phase's bar changes. note_left is in session seconds."""
    bar = until_bar_moves(view, width) if look.discreet else math.inf
    then = min(note_left, until_leaving_changes(look, view), bar)
    return min(until_change(view, speed, look.discreet), then / speed + 0.002)


def until_change(view: View, speed: float, discreet: bool) -> float:
    """Real seconds until what the screen shows changes: the loop sleeps exactly that long.

    A full screen changes with every second; a discreet one with every minute (and every
    second only in the last minute), so it wakes about once a minute.
    """
    most = DISCREET_WAIT if discreet else 1.0
    if view.paused:
        return most
    remaining = view.remaining
    if remaining > 0:
        delta = remaining - (math.ceil(remaining - 1e-9) - 1)
        if discreet and remaining > 60:
            delta = remaining - (math.ceil(remaining / 60 - 1e-9) - 1) * 60
        if view.phase.warn_seconds and remaining > view.phase.warn_seconds:  # turning amber
            delta = min(delta, remaining - view.phase.warn_seconds)
    else:
        over = -remaining
        step = 60.0 if discreet else 1.0
        delta = (math.floor(over / step + 1e-9) + 1) * step - over
    # Land just after the change; never spin faster than 50 frames a second at high --speed.
    return min(most, max(0.02, delta / speed + 0.002))


def shown(screen: SessionScreen, size: tuple[int, int]) -> tuple[object, ...]:
    """What the screen shows, cheaply: when this is unchanged there is nothing to redraw.

    A full screen's bars are left out: they move with the time, so they are redrawn with it,
    once a second, instead of at every step of their own. A discreet screen's are not.
    """
    view, look, overlay = screen.view, screen.look, screen.overlay
    return (
        size,
        shown_time(view, look.discreet),
        look.discreet,
        view.index,
        view.paused,
        view.warn,
        status_text(view),
        round(view.projected_end / 60),
        screen.bars(size[0]) if look.discreet else None,
        look.leaving(view),
        overlay.panel,
        overlay.page,
        overlay.question,
        overlay.note,
        overlay.notes,
        look.warning,
    )


def until_leaving_changes(look: Look, view: View) -> float:
    """Session seconds until the 'some leave' line comes or goes (infinity if it never will)."""
    if look.leave_at is None:
        return math.inf
    now = look.started + timedelta(seconds=view.session_elapsed)
    ahead = [
        (moment - now).total_seconds()
        for moment in (look.leave_at - LEAVE_NOTICE, look.leave_at + timedelta(minutes=1))
        if moment > now
    ]
    return min(ahead, default=math.inf)
