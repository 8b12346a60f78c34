"""A session ready to run: prepared from the command's options (its format, its plan from
now, the end it keeps), or carried on from its log; and where its log's problems are told."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from balint_cli.cli import output
from balint_cli.core import schedule
from balint_cli.core.debrief import Debrief
from balint_cli.core.events import Event
from balint_cli.core.rules import CO_LEAD, ONLINE, check_speed
from balint_cli.core.session import Session
from balint_cli.formats.catalogue import Loaded
from balint_cli.fs.paths import home
from balint_cli.i18n import _, use
from balint_cli.live import ending
from balint_cli.live.request import Request
from balint_cli.live.screen import Look
from balint_cli.settings.config import chosen_format, load_config
from balint_cli.settings.groups import format_of_group
from balint_cli.terminal import console


@dataclass
class Prepared:
    """A session ready to start: the format, its plan, the session and how to show it."""

    loaded: Loaded
    session: Session
    look: Look
    speed: float
    first: list[Event] = field(default_factory=list)  # what happens as it (re)starts
    end_at: str | None = None  # the end time it holds, as given (not one set aside)
    co_led: bool = False  # the leader's role is co-lead (as given, or the group's)
    debrief: Debrief | None = None  # offered once it ends, if it is co-led (start.py)

    @property
    def practice(self) -> bool:
        """A trial at another speed: not a session led."""
        return self.speed != 1.0


def note(sentence: str) -> None:
    """A note in the session's language, on stderr beside the session's lines."""
    output.note(sentence, _("Note: "))


def warner(look: Look) -> Callable[[str], None]:
    """Where a log problem is told: on the live screen, or on stderr without one."""

    def warn(message: str) -> None:
        look.warning = message
        if not console.live_screen():
            output.warning(message, _("Warning: "))

    return warn


def prepare(request: Request, now: datetime) -> Prepared:
    """Load the format and plan the session from now, keeping to --end-at or its total."""
    folder = home()
    config = load_config(folder)
    speed = check_speed(request.speed)
    with format_of_group(folder, request.group if request.format_from_group else None):
        loaded = chosen_format(request.format_ref, folder)
    fmt = loaded.format
    use(fmt.language, config.language)  # before any word of the session is put together
    phases = schedule.take_cases(fmt.phases, request.cases)
    kept = ending.plan(request, phases, now)
    slots = kept.slots
    planned = [slot.seconds for slot in slots]
    target = None
    if kept.end is not None:
        target = (kept.end - now).total_seconds()
    elif fmt.holds_end():  # its own total, or less when fewer cases are taken
        target = math.fsum(planned)
    leave_at, leave_aside = None, ""
    if request.some_leave_at is not None:
        leave_at, leave_aside = ending.leave_at(request.some_leave_at, now, slots[-1].end)
    # A demonstration moves on by itself; the keys still work for the trainer.
    auto = config.auto if request.auto is None else request.auto
    auto = auto or request.demo or not console.live_screen()
    session = Session(phases, planned, target=target, auto=auto)
    notice = _set_aside([kept.aside, leave_aside], ending.end_notice(request, kept))
    look = Look(
        format_name=fmt.name,
        started=now,
        bell=config.bell,
        show_purpose=request.demo,
        rules=fmt.rules(request.setting == ONLINE),
        rules_at_opening=request.demo,
        badge=_("demo, {speed}× speed").format(speed=f"{speed:g}") if request.demo else "",
        leave_at=leave_at,
        notice=notice,
        members=request.members,
    )
    end_at = request.end_at if kept.end is not None else None
    co_led = request.role == CO_LEAD
    return Prepared(loaded, session, look, speed, session.begin(), end_at, co_led)


def _set_aside(lines: list[str], notice: str) -> str:
    """What was set aside, a line each: on the first screen with the notice, else on stderr."""
    said = [line for line in lines if line]
    if console.live_screen():
        return " ".join([*said, notice]).strip()
    for line in said:
        note(line)
    return notice
