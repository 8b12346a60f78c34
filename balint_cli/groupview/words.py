"""What the group's view says (no I/O): the running session's phase, time and next step.

`words` turns what the session publishes (`state.Shown`) into the few things a group view
says, in the session's language; the terminal (terminal.py) and the web page (web.py) show
the same words. The leader's prompts, purposes and tips never reach this module: the state
it reads does not hold them.
"""

from __future__ import annotations

from dataclasses import dataclass

from balint_cli.core.faces import NORMAL, OVER, PAUSED, WARN
from balint_cli.core.text import inert
from balint_cli.core.words import case_title, clock_text, left_text, minutes_up
from balint_cli.groupview.state import Shown
from balint_cli.i18n import _

IDLE = "idle"


@dataclass(frozen=True, kw_only=True)
class Words:
    """What the group view says at one moment; everything but `state` is for reading."""

    running: bool
    title: str = ""
    case: str = ""
    big: str = ""  # the time in big digits ("12:34", or "12" when discreet); "" for none
    time: str = ""  # the time in words: "12:34 left", "12 min left", "Time is up"
    state: str = IDLE  # normal, warn, over, paused or idle: the colour, never the only sign
    for_group: str = ""
    next: str = ""
    idle: str = ""  # what is said while no session runs ("": that none is running)

    def as_json(self) -> dict[str, object]:
        return {
            "running": self.running,
            "title": self.title,
            "case": self.case,
            "big": self.big,
            "time": self.time,
            "state": self.state,
            "for_group": self.for_group,
            "next": self.next,
            "idle": self.idle or idle_text(),
        }


def idle_text() -> str:
    return _("No session is running")


def words(shown: Shown | None, now: float) -> Words:
    """What the view says of shown at now (a moment on the system's clock); idle if None."""
    if shown is None:
        return Words(running=False, time=idle_text())
    if shown.ended:  # the leaders debrief: the group sees only that the session has ended
        said = _("The session has ended")
        return Words(running=False, time=said, idle=said)
    left = shown.left_at(now)
    title = inert(shown.title, one_line=True)
    case = _("Case {number}").format(number=shown.case) if shown.case else ""
    if left <= 0 and not shown.paused:
        big, time, state = "", _("Time is up"), OVER
    else:
        big = str(minutes_up(left)) if shown.discreet and left > 60 else clock_text(left)
        time, state = left_text(left, shown.discreet), NORMAL
    if state == NORMAL and shown.warn_seconds and 0 < left <= shown.warn_seconds:
        state = WARN
        if not shown.moves_on:
            time = _("{time} · nearly time").format(time=time)
    if shown.paused:
        state, time = PAUSED, _("PAUSED · {time}").format(time=time)
    if shown.next_title is None:
        nxt = _("Next: the end of the session")
    else:
        following = case_title(shown.next_title, shown.next_case)
        nxt = _("Next: {title}").format(title=following)
    return Words(
        running=True,
        title=title,
        case=case,
        big=big,
        time=time,
        state=state,
        for_group=inert(shown.for_group),
        next=nxt,
    )
