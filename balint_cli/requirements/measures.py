"""What progress towards accreditation counts: a function per measure, over a leader's
sessions summed a calendar month at a time, and how each figure is said (no I/O).

The months hold only what reports count: practice runs, false starts and sessions still
running never reach them (the index's queries leave them out).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from balint_cli.core.rules import SHORT_UNIT_MINUTES, UNIT_MINUTES
from balint_cli.logbook.tallies import Month

Months = Sequence[Month]


def month_number(month: str) -> int:
    """A month (YYYY-MM) as a number that goes up by one a month."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(number: int) -> str:
    """The month (YYYY-MM) that month_number gives this number for."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def sessions_led(months: Months) -> float:
    return sum(m.led for m in months)


def sessions_co_led(months: Months) -> float:
    return sum(m.co_led for m in months)


def sessions(months: Months) -> float:
    """Every session: balint logs only sessions its user led or co-led."""
    return sum(m.sessions for m in months)


def supervised(months: Months) -> float:
    return sum(m.supervised for m in months)


def cases(months: Months) -> float:
    return sum(m.cases for m in months)


def hours(months: Months) -> float:
    return math.fsum(m.minutes for m in months) / 60


def units_45(months: Months) -> float:
    """45-minute units: each session's minutes over 45, summed, never rounded a session."""
    return math.fsum(m.minutes for m in months) / SHORT_UNIT_MINUTES


def units_90(months: Months) -> float:
    """90-minute units (Doppelstunden), as units_45 counts its own."""
    return math.fsum(m.minutes for m in months) / UNIT_MINUTES


def months_with_sessions(months: Months) -> float:
    return sum(1 for m in months if m.sessions)


def longest_run(months: Months) -> float:
    """The most calendar months in a row with at least one session in each."""
    best = run = 0
    last: int | None = None
    for number in sorted(month_number(m.month) for m in months if m.sessions):
        run = run + 1 if last is not None and number == last + 1 else 1
        best, last = max(best, run), number
    return best


def share_in_person(months: Months) -> float | None:
    """The per cent of the sessions held in person; None without a session."""
    held = sessions(months)
    return 100 * sum(m.in_person for m in months) / held if held else None


def debriefs(months: Months) -> float:
    return sum(m.debriefs for m in months)


def share_debriefed(months: Months) -> float | None:
    """The per cent of the sessions co-led that the co-leaders debriefed; None if none was."""
    co_led = sessions_co_led(months)
    return 100 * sum(m.co_led_debriefed for m in months) / co_led if co_led else None


@dataclass(frozen=True)
class Measure:
    """A figure balint counts from its logs, and how it is said: 20 sessions co-led, 15.0
    units of 90 minutes, 50% in person."""

    count: Callable[[Months], float | None]
    one: str  # after 1 (or, for a share, after the per cent)
    many: str  # after any other number
    decimals: int = 0  # a figure is rounded to these, and compared as it is shown
    share: bool = False  # a per cent, from 0 to 100

    def figure(self, months: Months) -> float | None:
        found = self.count(months)
        return None if found is None else round(found, self.decimals)

    def number(self, value: float) -> str:
        """A figure of this measure as a number alone: 20, 15.5, 50%."""
        said = f"{value:.{self.decimals}f}" if self.decimals and value % 1 else f"{value:.0f}"
        return f"{said}%" if self.share else said

    def said(self, value: float) -> str:
        """A figure with its words: 1 session co-led, 24 months in a row, 50% in person."""
        noun = self.one if self.share or value == 1 else self.many
        return f"{self.number(value)} {noun}"


# Every measure a rule may name, in the order the documentation lists them.
MEASURES: dict[str, Measure] = {
    "sessions-led": Measure(sessions_led, "session led", "sessions led"),
    "sessions-co-led": Measure(sessions_co_led, "session co-led", "sessions co-led"),
    "sessions-led-or-co-led": Measure(sessions, "session led or co-led", "sessions led or co-led"),
    "supervised-sessions": Measure(supervised, "supervised session", "supervised sessions"),
    "cases": Measure(cases, "case discussion", "case discussions"),
    "meetings": Measure(sessions, "meeting", "meetings"),  # a body's word for sessions
    "hours": Measure(hours, "hour", "hours", decimals=1),
    "units-45": Measure(units_45, "unit of 45 minutes", "units of 45 minutes", decimals=1),
    "units-90": Measure(units_90, "unit of 90 minutes", "units of 90 minutes", decimals=1),
    "months-with-sessions": Measure(months_with_sessions, "month with a session",
                                    "months with a session"),
    "consecutive-months": Measure(longest_run, "month in a row", "months in a row"),
    "share-in-person": Measure(share_in_person, "in person", "in person", share=True),
    "debriefs": Measure(debriefs, "debrief", "debriefs"),
    "share-co-led-debriefed": Measure(share_debriefed, "of the sessions co-led debriefed",
                                      "of the sessions co-led debriefed", share=True),
}  # fmt: skip
