"""A leader's standing on each rule of a body's requirements, from their sessions summed a
month at a time (no I/O): what the logs show, what is left, and whether it is met."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from balint_cli.logbook.tallies import Month
from balint_cli.requirements.measures import MEASURES, Measure, month_name, month_number
from balint_cli.requirements.model import Requirements, Rule
from balint_cli.requirements.windows import (
    ANY_12_MONTHS,
    LAST_12_MONTHS,
    OVER,
    PER_YEAR,
    Period,
    Window,
    parse_window,
)


@dataclass(frozen=True)
class Standing:
    """Where a leader stands on one rule."""

    rule: Rule
    figure: float | None = None  # what the logs show; None: not recorded, or nothing to show
    left: float | None = None  # what is still needed; None where nothing can be said
    met: bool | None = None  # None: nothing to meet (not recorded here, or no threshold)
    detail: str = ""  # what the window adds: which months, which year

    @property
    def measure(self) -> Measure | None:
        return MEASURES.get(self.rule.measure)

    @property
    def judged(self) -> bool:
        """Whether it counts towards the verdict: balint can count it, to a threshold."""
        return self.rule.recorded and self.rule.threshold is not None


@dataclass(frozen=True)
class Verdict:
    """How many rules are met, of those balint can judge; and how many it cannot see."""

    met: int
    required: int
    desirable_met: int
    desirable: int
    for_record: int  # counted, with no number to reach
    not_recorded: int

    @property
    def sentence(self) -> str:
        """3 of 5 requirements met; 1 of 2 desirable met; 2 not recorded here."""
        said = []
        if self.required or not (self.desirable or self.for_record):
            said.append(f"{self.met} of {self.required} requirement{_s(self.required)} met")
        if self.desirable:
            said.append(f"{self.desirable_met} of {self.desirable} desirable met")
        if self.for_record:
            said.append(f"{self.for_record} figure{_s(self.for_record)} for your record")
        if self.not_recorded:
            said.append(f"{self.not_recorded} not recorded here")
        return "; ".join(said) + "."


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def standings(
    requirements: Requirements, months: Sequence[Month], period: Period
) -> list[Standing]:
    """Each rule's standing, in the file's order."""
    return [standing(rule, months, period) for rule in requirements.rules]


def verdict(found: Sequence[Standing]) -> Verdict:
    judged = [s for s in found if s.judged]
    required = [s for s in judged if not s.rule.desirable]
    desirable = [s for s in judged if s.rule.desirable]
    return Verdict(
        met=sum(1 for s in required if s.met),
        required=len(required),
        desirable_met=sum(1 for s in desirable if s.met),
        desirable=len(desirable),
        for_record=sum(1 for s in found if s.rule.recorded and s.rule.threshold is None),
        not_recorded=sum(1 for s in found if not s.rule.recorded),
    )


def standing(rule: Rule, months: Sequence[Month], period: Period) -> Standing:
    """Where the sessions of the period stand on one rule."""
    measure = MEASURES.get(rule.measure)
    if measure is None:
        return Standing(rule)
    window = parse_window(rule.window) if rule.window is not None else None
    if window is not None and window.kind == PER_YEAR:
        return _per_year(rule, measure, months, period)
    figure, detail, spread = _counted(measure, window, months, period)
    if rule.threshold is None or figure is None:
        return Standing(rule, figure, detail=detail)
    left = max(rule.threshold - figure, 0.0)
    met = figure >= rule.threshold
    if window is not None and window.kind == OVER:
        met = met and spread >= window.months
    return Standing(rule, figure, left, met, detail)


def _counted(
    measure: Measure, window: Window | None, months: Sequence[Month], period: Period
) -> tuple[float | None, str, int]:
    """The figure a window gives, what it says of the months counted, and how many months
    the sessions spread over."""
    spread = _spread(months)
    if window is None:
        return measure.figure(months), "", spread
    if window.kind == LAST_12_MONTHS:
        last = month_number(period.until.isoformat()[:7])
        return measure.figure(_between(months, last - 11, last)), _from_to(last - 11, last), spread
    if window.kind == ANY_12_MONTHS:
        return _best_year(measure, months)
    said = f"sessions spread over {spread} month{_s(spread)} (at least {window.months} asked)"
    return measure.figure(months), said, spread


def _spread(months: Sequence[Month]) -> int:
    """How many calendar months the sessions spread over, from the first one's to the last's."""
    held = [month_number(m.month) for m in months if m.sessions]
    return max(held) - min(held) + 1 if held else 0


def _between(months: Sequence[Month], first: int, last: int) -> list[Month]:
    return [m for m in months if first <= month_number(m.month) <= last]


def _from_to(first: int, last: int) -> str:
    return f"{month_name(first)} to {month_name(last)}"


def _best_year(measure: Measure, months: Sequence[Month]) -> tuple[float | None, str, int]:
    """The twelve months in a row that hold the most, and which they are."""
    held = [month_number(m.month) for m in months]
    if not held:
        return measure.figure(months), "", 0
    best: tuple[float | None, int] = (None, held[0])
    for first in range(held[0], max(held[0], held[-1] - 11) + 1):
        figure = measure.figure(_between(months, first, first + 11))
        if figure is not None and (best[0] is None or figure > best[0]):
            best = (figure, first)
    return best[0], "the most in 12 months: " + _from_to(best[1], best[1] + 11), _spread(months)


def _per_year(rule: Rule, measure: Measure, months: Sequence[Month], period: Period) -> Standing:
    """Each year of the period on its own: every whole year must reach the threshold; the
    year under way is what is left to do."""
    start = _start(months, period)
    if start is None:
        return Standing(rule, detail="no session yet")
    years = []  # (first month, figure, whole)
    first = start
    while first <= month_number(period.until.isoformat()[:7]):
        figure = measure.figure(_between(months, first, first + 11))
        years.append((first, figure, _ended(first + 11, period.until)))
        first += 12
    whole = [(first, figure) for first, figure, done in years if done]
    now = next(((first, figure) for first, figure, done in years if not done), None)
    least = min(whole, key=lambda year: -1.0 if year[1] is None else year[1]) if whole else None
    said = []
    if least is not None:
        said.append(f"the least in a whole year: {_year_said(measure, *least)}")
    if now is not None:
        said.append(f"so far in the year under way: {_year_said(measure, *now)}")
    shown = least[1] if least is not None else now[1] if now is not None else None
    if rule.threshold is None:
        return Standing(rule, shown, detail="; ".join(said))
    met = bool(whole) and all(f is not None and f >= rule.threshold for _, f in whole)
    toward = now if now is not None else least
    done = toward[1] if toward is not None and toward[1] is not None else 0.0
    return Standing(rule, shown, max(rule.threshold - done, 0.0), met, "; ".join(said))


def _year_said(measure: Measure, first: int, figure: float | None) -> str:
    value = "none" if figure is None else measure.number(figure)
    return f"{value} ({_from_to(first, first + 11)})"


def _start(months: Sequence[Month], period: Period) -> int | None:
    """The month the period begins: --since's, else the first session's."""
    if period.since is not None:
        return month_number(period.since.isoformat()[:7])
    held = [month_number(m.month) for m in months if m.sessions]
    return min(held) if held else None


def _ended(month: int, until: date) -> bool:
    """Whether the period runs to the last day of the month (a number) or past it."""
    year, number = divmod(month, 12)
    if year > date.max.year:  # a month past any date: the period cannot reach its end
        return False
    last = date(year, number + 1, calendar.monthrange(year, number + 1)[1])
    return until >= last


@dataclass(frozen=True)
class Check:
    """A leader's progress towards one body's requirements, as every output shows it."""

    name: str  # what --towards was given
    source: str  # built-in, or yours
    requirements: Requirements
    period: Period
    months: list[Month]  # the months with sessions, oldest first
    group: str | None = None
    pooled: int = 0  # the sources pooled with --from; 0: the user's own logs

    @functools.cached_property
    def standings(self) -> list[Standing]:
        return standings(self.requirements, self.months, self.period)

    @property
    def verdict(self) -> Verdict:
        return verdict(self.standings)

    @property
    def sessions(self) -> int:
        return sum(m.sessions for m in self.months)
