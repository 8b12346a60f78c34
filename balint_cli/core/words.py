"""Every way balint writes time and numbers (no I/O): numbers and minutes, countdowns,
lengths, how late, clock times. Every word comes from the message catalogue."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from balint_cli.core.text import inert
from balint_cli.i18n import _, decimal

if TYPE_CHECKING:  # a view is only read here: the session's module need not be loaded
    from balint_cli.core.view import View

# -- numbers and minutes --------------------------------------------------------------------


def number(value: float) -> str:
    """A number as a person writes it, in full: 7, 7.25 (never 7.0)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def minutes(value: float) -> str:
    """Minutes as a person writes them, to a tenth: 7, 7.5, 0.3."""
    return number(round(float(value), 1))


def decimal_minutes(value: float) -> str:
    """Minutes with the language's decimal mark: 7.5, in German 7,5."""
    return decimal(minutes(value))


def min_text(value: float) -> str:
    """Minutes with their unit, in the language's words: 7 min, 7,5 Min."""
    return _("{n} min").format(n=decimal_minutes(value))


def tenths(value: float) -> str:
    """A number to a tenth, with the language's decimal mark: 2.0, in German 2,0."""
    return decimal(f"{value:.1f}")


def case_title(title: str, case: int | None) -> str:
    """A phase's title, as text from a file on one line, with its case where it has one:
    Discussion (case 2)."""
    shown = inert(title, one_line=True)
    return _("{title} (case {number})").format(title=shown, number=case) if case else shown


def one_of(words: Sequence[str]) -> str:
    """Words as a sentence offers them: md, html or svg; lead or co-lead."""
    *first, last = words
    return f"{', '.join(first)} or {last}" if first else last


def count(n: float, noun: str) -> str:
    """A number with its noun, singular or plural: 1 phase, 7 phases, 1.5 minutes."""
    said = str(n) if isinstance(n, int) else minutes(n)
    return f"{said} {noun}" + ("" if n == 1 else "s")


# -- countdowns and lengths -------------------------------------------------------------------


def clock_text(seconds: float) -> str:
    """Seconds as MM:SS, the way a countdown shows them (rounded up while counting down)."""
    whole = max(0, math.ceil(seconds - 1e-9)) if seconds > 0 else math.floor(-seconds + 1e-9)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def minutes_up(seconds: float) -> int:
    """Seconds in whole minutes, rounded up, as a discreet screen counts the time left."""
    return math.ceil(seconds / 60 - 1e-9)


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
        said = f"{whole if whole else ''}{'½' if half else ''}"
    else:
        said = str(round(minutes))
    return _("{n} min").format(n=said)


def whole_minutes_text(seconds: float) -> str:
    """A length in whole minutes, rounded up as a discreet screen rounds the time left."""
    return _("{n} min").format(n=max(1, minutes_up(seconds)))


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


def left_text(seconds: float, whole: bool) -> str:
    """The time left in words: 06:12 left; whole, in minutes (12 min left), seconds in the
    last one."""
    if whole and seconds > 60:
        return _("{minutes} min left").format(minutes=minutes_up(seconds))
    return _("{clock} left").format(clock=clock_text(seconds))


def discreet_text(view: View) -> str:
    """The time left as a discreet screen says it: whole minutes, seconds in the last one."""
    if view.over:
        over = math.floor(-view.remaining / 60 + 1e-9)
        return _("{minutes} min over").format(minutes=over) if over >= 1 else _("time is up")
    return left_text(view.remaining, whole=True)


def shown_time(view: View, discreet: bool) -> str:
    """The time as the screen shows it: what changing means a redraw."""
    return discreet_text(view) if discreet else time_text(view)


# -- clock times and spans ----------------------------------------------------------------------


def to_minute(moment: datetime) -> datetime:
    """moment to the nearest whole minute, as a clock time is said."""
    return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)


def wall(moment: datetime) -> datetime:
    """moment as this computer's clock shows it, when it was counted from that clock.

    A session's times are its start plus the time since, in the start's offset; after the
    clocks change in the night, the wall clock shows an hour more or less than that.
    """
    try:
        near = {(moment + timedelta(hours=h)).astimezone().utcoffset() for h in (-12, 0, 12)}
        return moment.astimezone() if moment.utcoffset() in near else moment
    except (OverflowError, ValueError):  # a day at the calendar's ends (year 1, year 9999)
        return moment


def clock(moment: datetime) -> str:
    """A moment as the clock on the wall shows it, rounded to the minute: 13:15."""
    return f"{wall(to_minute(moment)):%H:%M}"


def day_text(day: date) -> str:
    """A date as the language writes it: 2026-03-03, in German 03.03.2026; the year always in
    four digits (the C library writes year 1 as "1")."""
    return _("{year}-{month}-{day}").format(
        year=f"{day.year:04d}", month=f"{day.month:02d}", day=f"{day.day:02d}"
    )


def mmss(seconds: float) -> str:
    """A span of time as a log shows it, to the second: 7:05, -0:30."""
    sign = "-" if seconds < 0 else ""
    whole = round(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def ago_text(since: timedelta) -> str:
    """How long ago, in hours up to two days, then in days."""
    hours = int(since.total_seconds() // 3600)
    if hours < 48:
        return _("{hours} hours").format(hours=hours)
    return _("{days} days").format(days=hours // 24)
