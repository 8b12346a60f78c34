"""What the group's view says (no I/O): the running session's phase, time and next step.

`words` turns what the session publishes (`state.Shown`) into the few things a group view
says, in the session's language; the terminal (terminal.py) and the web page (web.py) show
the same words. The leader's prompts, purposes and tips never reach this module: the state
it reads does not hold them.

The view is quiet unless the leader asks for the clock: about how many minutes are left (or
nothing of the time), never seconds, never nearly time or time is up, so that nothing on the
shared screen presses the presenter; past zero the view simply stays on the phase.
"""

from __future__ import annotations

from dataclasses import dataclass

from balint_cli.core.faces import NORMAL, OVER, PAUSED, WARN
from balint_cli.core.rules import CLOCK, MINUTES, GroupTime
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
    big: str = ""  # the countdown in big digits ("12:34"), with the clock alone; "" for none
    time: str = ""  # the time in words: "about 12 min"; with the clock "12:34 left"
    state: str = IDLE  # normal, paused or idle; with the clock warn and over too: the colour
    for_group: str = ""
    next: str = ""
    clock: bool = False  # the countdown shown, in its colours (a trainer's demonstration)
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


def words(shown: Shown | None, now: float, time: GroupTime = MINUTES) -> Words:
    """What the view says of shown at now (a moment on the system's clock); idle if None.

    time is how much of the time the group sees: about how many minutes, none, or the clock.
    """
    if shown is None:
        return Words(running=False, time=idle_text(), clock=time == CLOCK)
    if shown.ended:  # the leaders debrief: the group sees only that the session has ended
        said = _("The session has ended")
        return Words(running=False, time=said, idle=said)
    left = shown.left_at(now)
    if time == CLOCK:
        big, said, state = _clock(shown, left)
    else:
        big, said, state = "", _minutes(left) if time == MINUTES else "", NORMAL
    if shown.paused:
        state = PAUSED
        said = _("Paused · {time}").format(time=said) if said else _("Paused")
    if shown.next_title is None:
        nxt = _("Next: the end of the session")
    else:
        following = case_title(shown.next_title, shown.next_case)
        nxt = _("Next: {title}").format(title=following)
    return Words(
        running=True,
        title=inert(shown.title, one_line=True),
        case=_("Case {number}").format(number=shown.case) if shown.case else "",
        big=big,
        time=said,
        state=state,
        for_group=inert(shown.for_group),
        next=nxt,
        clock=time == CLOCK,
    )


def _minutes(left: float) -> str:
    """About how many minutes are left, as the leader's discreet screen counts them; nothing
    once the time has run out."""
    if left <= 0:
        return ""
    return _("about {minutes} min").format(minutes=minutes_up(left))


def _clock(shown: Shown, left: float) -> tuple[str, str, str]:
    """The countdown for a demonstration: its big digits, its words and its state. A discreet
    session says whole minutes and has no big digits, as the leader's screen does."""
    if left <= 0:
        return "", _("Time is up"), OVER
    big = "" if shown.discreet else clock_text(left)
    said = left_text(left, shown.discreet)
    if shown.warn_seconds and 0 < left <= shown.warn_seconds:
        nearly = _("{time} · nearly time").format(time=said)
        return big, said if shown.moves_on else nearly, WARN
    return big, said, NORMAL
