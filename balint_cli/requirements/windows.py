"""The windows a rule may be counted in, and the period a check covers (no I/O).

Without a window a rule counts every session of the period: all the logs, or those from
--since to --until. A window counts a part of it, or asks more of it:

- `per-year`: each year of the period on its own, counted in twelve calendar months from the
  month it begins; every whole year must reach the threshold, and the year under way is shown
  as it stands.
- `last-12-months`: the twelve calendar months to the end of the period only.
- `any-12-months`: the twelve calendar months in a row that hold the most.
- `over-N-years`, `over-N-months`: the whole period, and its sessions spread over at least
  that long, from the month of the first to the month of the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PER_YEAR = "per-year"
LAST_12_MONTHS = "last-12-months"
ANY_12_MONTHS = "any-12-months"
OVER = "over"
_OVER = re.compile(r"over-([1-9][0-9]?)-(month|year)s?")
MOST_YEARS = 10  # over-N-years: a span no accreditation asks more of
NAMES = (
    f'"{PER_YEAR}", "{LAST_12_MONTHS}", "{ANY_12_MONTHS}", "over-N-years" (N from 1 to '
    f'{MOST_YEARS}) or "over-N-months" (N from 1 to 99)'
)


@dataclass(frozen=True)
class Window:
    """A window of a rule: its kind, and for `over`, how many months its sessions span."""

    kind: str
    months: int = 0

    @property
    def words(self) -> str:
        """The window as a requirement says it: each year, over at least 2 years."""
        if self.kind == OVER:
            years, months = divmod(self.months, 12)
            span = f"{years} year" if not months else f"{self.months} month"
            count = years if not months else self.months
            return f"over at least {span}{'' if count == 1 else 's'}"
        return {
            PER_YEAR: "each year",
            LAST_12_MONTHS: "in the last 12 months",
            ANY_12_MONTHS: "in any 12 months",
        }[self.kind]


def parse_window(text: str) -> Window | None:
    """The window a rule's text names; None if it names none balint knows."""
    if text in (PER_YEAR, LAST_12_MONTHS, ANY_12_MONTHS):
        return Window(text)
    found = _OVER.fullmatch(text)
    if found is None:
        return None
    number, unit = int(found[1]), found[2]
    months = number * 12 if unit == "year" else number
    return Window(OVER, months) if months <= MOST_YEARS * 12 else None


@dataclass(frozen=True)
class Period:
    """The dates a check covers: from --since (else the first session) to --until (else
    today)."""

    since: date | None
    until: date
