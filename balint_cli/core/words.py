"""Every way balint writes time and numbers (no I/O): countdowns, lengths, minutes, how late,
clock times. Every word comes from the message catalogue."""

from __future__ import annotations

import math

from balint_cli.core.session import View
from balint_cli.i18n import _

# -- times and lengths as a person reads them ---------------------------------------------------


def clock_text(seconds: float) -> str:
    """Seconds as MM:SS, the way a countdown shows them (rounded up while counting down)."""
    whole = max(0, math.ceil(seconds - 1e-9)) if seconds > 0 else math.floor(-seconds + 1e-9)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def time_text(view: View) -> str:
    """The time as the big digits show it: 06:12 left, or +01:12 once over."""
    return ("+" if view.over else "") + clock_text(view.remaining)


def widest_time_text(view: View) -> str:
    """The widest time the big digits may show in this phase: over, by as many minutes."""
    return "+" + clock_text(view.allotted)


def length_text(seconds: float) -> str:
    """A length as a person reads it at a glance: 22 min, 7½ min, ½ min; never 22:57."""
    minutes = seconds / 60
    if minutes < 9.75:  # half minutes matter in a short phase
        whole, half = divmod(max(1, round(minutes * 2)), 2)
        number = f"{whole if whole else ''}{'½' if half else ''}"
    else:
        number = str(round(minutes))
    return _("{minutes} min").format(minutes=number)


def whole_minutes_text(seconds: float) -> str:
    """A length in whole minutes, rounded up as a discreet screen rounds the time left."""
    return _("{minutes} min").format(minutes=max(1, math.ceil(seconds / 60 - 1e-9)))


def planned_text(seconds: float, planned: float, flexible: bool, whole: bool = False) -> str:
    """A phase's length, and its plan beside it when it was fitted to keep the end; whole,
    in whole minutes rounded up (a discreet screen)."""
    said = whole_minutes_text if whole else length_text
    length = said(seconds)
    if flexible and length != said(planned):
        return _("{length}, planned {planned}").format(
            length=length, planned=said(planned).split()[0]
        )
    return length


def status_text(view: View) -> str:
    """On time, or how late (or early) the session will end."""
    late = round(view.late / 60)
    if late >= 1:
        return _("{minutes} min late").format(minutes=late)
    if late <= -1:
        return _("{minutes} min early").format(minutes=-late)
    return _("on time")


def discreet_text(view: View) -> str:
    """The time left as a discreet screen says it: whole minutes, seconds in the last one."""
    if view.over:
        over = math.floor(-view.remaining / 60 + 1e-9)
        return _("{minutes} min over").format(minutes=over) if over >= 1 else _("time is up")
    if view.remaining <= 60:
        return _("{clock} left").format(clock=clock_text(view.remaining))
    return _("{minutes} min left").format(minutes=math.ceil(view.remaining / 60 - 1e-9))


def shown_time(view: View, discreet: bool) -> str:
    """The time as the screen shows it: what changing means a redraw."""
    return discreet_text(view) if discreet else time_text(view)
