"""What the three kinds of handout share (no I/O): the phases with their place in the
session, their colours, the minute marks, and the words around the format's own, for the
leader or the members; markdown.py, html.py and svg.py draw them."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from balint_cli.core.words import decimal_minutes
from balint_cli.i18n import _, n_

if TYPE_CHECKING:  # read only: the format's model need not be loaded for the kinds' names
    from balint_cli.core.format import Format, Phase

LEADER, MEMBERS = "leader", "members"
AUDIENCES = (LEADER, MEMBERS)
KINDS = ("md", "html", "svg")  # what a handout is made as, the first by default

# Light fills keep black labels readable and print as pale greys in black and white; the ink
# of each pair marks the same case where a fill would be too faint (borders, labels).
_COLOURS = (
    ("#e3e3e3", "#666666"),  # opening and closing
    ("#cadcf2", "#2b5c95"),
    ("#cfe8cb", "#356f2f"),
    ("#f4d8c2", "#9a4a12"),
    ("#e1d3ef", "#5e3b8a"),
    ("#f1e4ad", "#7a6210"),
)

@dataclass(frozen=True)
class Row:
    """A phase with its place in the session."""

    number: int
    phase: Phase
    start: float  # minutes from the beginning

    @property
    def case(self) -> str:
        return _("Case {number}").format(number=self.phase.case) if self.phase.case else ""

    @property
    def fill(self) -> str:
        return _colours(self.phase)[0]

    @property
    def ink(self) -> str:
        return _colours(self.phase)[1]

    @property
    def when(self) -> str:
        words = {
            "length": decimal_minutes(self.phase.minutes),
            "start": decimal_minutes(self.start),
            "end": decimal_minutes(self.start + self.phase.minutes),
        }
        if self.phase.at_zero == "next":
            return _("{length} min, from minute {start} to {end}; moves on by itself").format(
                **words
            )
        return _("{length} min, from minute {start} to {end}").format(**words)


def rows(fmt: Format) -> list[Row]:
    # The running total, from 0: one value more than there are phases (the end), left unzipped.
    starts = accumulate((phase.minutes for phase in fmt.phases), initial=0.0)
    return [Row(i + 1, p, s) for i, (p, s) in enumerate(zip(fmt.phases, starts, strict=False))]


def _colours(phase: Phase) -> tuple[str, str]:
    if phase.case is None:
        return _COLOURS[0]
    return _COLOURS[1 + (phase.case - 1) % (len(_COLOURS) - 1)]


def ticks(total: float) -> list[float]:
    """Round minute marks for a scale: a handful, from 0 to the end."""
    step = next((s for s in (1, 2, 5, 10, 15, 30, 60) if total / s <= 9), 120)
    marks = [float(k * step) for k in range(int(total // step) + 1)]
    if total - marks[-1] >= step / 2:  # closer than that, the end's label would collide
        marks.append(total)
    return marks


def in_brief(fmt: Format) -> str:
    """The format in brief, like 45 minutes · 7 phases · 1 case."""
    total = fmt.total_minutes
    facts = [
        n_("{n} minute", "{n} minutes", 1 if total == 1 else 2).format(n=decimal_minutes(total)),
        n_("{n} phase", "{n} phases", len(fmt.phases)).format(n=len(fmt.phases)),
    ]
    if fmt.cases:
        facts.append(n_("{n} case", "{n} cases", fmt.cases).format(n=fmt.cases))
    return " · ".join(facts)


def for_members(phase: Phase) -> str:
    """What the members and the presenter do in a phase, as the format says ('' if not)."""
    return phase.for_group or ""


def subtitle(audience: str) -> str:
    """A line under the name saying whose handout this is ('' for the leader's, as ever)."""
    if audience == MEMBERS:
        return _("For the group's members: what happens in a session, step by step.")
    return ""


def assurance() -> str:
    """What a new member needs to hear first."""
    return _(
        "Nobody is assessed here: there are no right answers, nobody has to speak, and "
        "whoever brings a case decides how much to tell."
    )


def same_as(row: Row, found: list[Row], audience: str) -> Row | None:
    """An earlier phase saying the same as this one (a second case's), if any."""
    phase = row.phase
    for earlier in found[: row.number - 1]:
        other = earlier.phase
        if audience == MEMBERS:
            alike = (other.title, other.for_group) == (phase.title, phase.for_group)
        else:
            alike = (other.title, other.purpose, other.prompt) == (
                phase.title,
                phase.purpose,
                phase.prompt,
            )
        if alike:
            return earlier
    return None
