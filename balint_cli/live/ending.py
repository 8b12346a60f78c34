"""What a session keeps of the times it is given: an end (typed, or its group's) and when
some leave. A time the leader typed is held to, or refused; a default or a reminder that
does not suit this session gives way, and one line says it was set aside."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from balint_cli.core import schedule
from balint_cli.core.digits import parse_clock
from balint_cli.core.format import Phase
from balint_cli.core.words import clock, length_text
from balint_cli.i18n import _
from balint_cli.live.request import Request

GROUP_END = "The group's end at"  # how errors name the group's end time (errors are English)


@dataclass(frozen=True)
class Plan:
    """The session's schedule, the end it holds (if any), and what was set aside ('' if not)."""

    slots: list[schedule.Slot]
    end: datetime | None
    aside: str = ""


def plan(request: Request, phases: Sequence[Phase], now: datetime) -> Plan:
    """The schedule from now, to the end asked for; the group's end only where it suits."""
    if request.end_at is None:
        return Plan(schedule.schedule(phases, now), None)
    said = GROUP_END if request.end_at_from_group else "--end-at"
    when = parse_clock(request.end_at, said)
    why = schedule.unsuited(phases, now, when) if request.end_at_from_group else ""
    if why:
        slots = schedule.schedule(phases, now)
        return Plan(slots, None, _group_end_aside(request.end_at, why, slots))
    end = schedule.end_after(when, now, said)
    return Plan(schedule.schedule(phases, now, end), end)


def _group_end_aside(end_at: str, why: str, slots: Sequence[schedule.Slot]) -> str:
    """The line saying the group's end is set aside, why, and how long the session runs."""
    length = length_text((slots[-1].end - slots[0].start).total_seconds())
    reasons = {
        schedule.PASSED: _("it has passed"),
        schedule.FAR: _("it is over 8 hours away"),
        schedule.RIGID: _("none of this session's phases is flexible"),
        schedule.TOO_SOON: _("it comes too soon, even with the flexible phases cut to a minute"),
        schedule.TOO_LONG: _("it would stretch the flexible phases past twice their length"),
    }
    return _(
        "The group's end at {clock} is set aside, as {reason}: this session runs its own "
        "{length}, to {end}."
    ).format(clock=end_at, reason=reasons[why], length=length, end=clock(slots[-1].end))


def end_notice(request: Request, kept: Plan) -> str:
    """A line for the first screen when the end held distorts a phase ('' if it does not)."""
    if kept.end is None:
        return ""
    said = _("The group's end at") if request.end_at_from_group else "--end-at"
    return schedule.distortion_text(kept.slots, f"{said} {request.end_at}")


def leave_at(text: str, now: datetime, end: datetime) -> tuple[datetime | None, str]:
    """--some-leave-at as a moment in this session; or None and the line setting it aside.

    A reminder changes no timings, so it never stops a session: only a time that is not a
    clock time at all is refused (BadInput).
    """
    option = "--some-leave-at"
    given = parse_clock(text, option)
    today = schedule.at_today(given, now.date(), now)
    if today >= now - timedelta(minutes=1):
        when = today
    else:
        when = schedule.at_today(given, now.date() + timedelta(days=1), now)
    if when <= end:
        return when, ""
    if when != today:
        said = _("{option} {clock} is set aside, as it has passed.")
    else:
        said = _("{option} {clock} is set aside, as the session ends at {end}.")
    return None, said.format(option=option, clock=f"{today:%H:%M}", end=clock(end))
