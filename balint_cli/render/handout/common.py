"""What the three kinds of handout share (no I/O): the phases with their place in the
session, their colours, the minute marks, and the words around the format's own, for the
leader or the members; markdown.py, html.py and svg.py draw them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, groupby
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
    """A phase with its place in the session, as one audience's page shows it."""

    number: int
    phase: Phase
    start: float  # minutes from the beginning
    several: bool = False  # the format has more than one case, so each is named
    audience: str = LEADER

    @property
    def case(self) -> str:
        """Which case the phase belongs to, where the format has several ('' if not)."""
        if not (self.several and self.phase.case):
            return ""
        return _("Case {number}").format(number=self.phase.case)

    @property
    def fill(self) -> str:
        return _colours(self.phase)[0]

    @property
    def ink(self) -> str:
        return _colours(self.phase)[1]

    @property
    def when(self) -> str:
        # Members are told what happens, not how balint moves on (a phase that ends by itself).
        if self.phase.at_zero == "next" and self.audience == LEADER:
            return _("{length} min, from minute {start} to {end}; moves on by itself").format(
                **_span(self.phase.minutes, self.start)
            )
        return span_words(self.phase.minutes, self.start)


def case_label(row: Row, fitting: Callable[[str], bool]) -> str:
    """What names row's case over the timeline: its name where that fits, else its number
    alone, else nothing (a case too short for its number is still bracketed in its colour)."""
    return next((said for said in (row.case, str(row.phase.case)) if fitting(said)), "")


@dataclass(frozen=True)
class Repeat:
    """A later case whose phases say, one by one, what an earlier case's said: the members'
    page gives it one line rather than the same words again."""

    first: Row
    last: Row
    like: int  # the earlier case

    @property
    def number(self) -> str:
        return f"{self.first.number}–{self.last.number}"

    @property
    def case(self) -> str:
        return self.first.case

    @property
    def ink(self) -> str:
        return self.first.ink

    @property
    def when(self) -> str:
        end = self.last.start + self.last.phase.minutes
        return span_words(end - self.first.start, self.first.start)

    @property
    def said(self) -> str:
        return _("Case {number} follows the same steps as case {earlier}.").format(
            number=self.first.phase.case, earlier=self.like
        )


def rows(fmt: Format, audience: str = LEADER) -> list[Row]:
    # The running total, from 0: one value more than there are phases (the end), left unzipped.
    starts = accumulate((phase.minutes for phase in fmt.phases), initial=0.0)
    several = fmt.cases > 1  # a one-case format's "Case 1" on every phase would be noise
    return [
        Row(i + 1, p, s, several, audience)
        for i, (p, s) in enumerate(zip(fmt.phases, starts, strict=False))
    ]


def steps(found: list[Row]) -> list[Row | Repeat]:
    """The phases as a page lists them: on the members' page, a case that repeats an earlier
    one step for step is one line."""
    if not found or found[0].audience != MEMBERS:
        return list(found)
    out: list[Row | Repeat] = []
    cases: dict[int, list[Row]] = {}
    for case, run in groupby(found, key=lambda row: row.phase.case):
        group = list(run)
        like = None if case is None or case in cases else _repeated(group, cases)
        if case is not None:
            cases.setdefault(case, group)
        out += group if like is None else [Repeat(group[0], group[-1], like)]
    return out


def _repeated(group: list[Row], cases: dict[int, list[Row]]) -> int | None:
    """The earlier case whose phases say what group's say, one by one, if any."""
    for case, earlier in cases.items():
        if len(earlier) == len(group) and all(
            _alike(a.phase, b.phase, b.audience) for a, b in zip(earlier, group, strict=True)
        ):
            return case
    return None


def span_words(length: float, start: float) -> str:
    """A stretch of the session in words: 6 min, from minute 3 to 9."""
    return _("{length} min, from minute {start} to {end}").format(**_span(length, start))


def _span(length: float, start: float) -> dict[str, str]:
    return {
        "length": decimal_minutes(length),
        "start": decimal_minutes(start),
        "end": decimal_minutes(start + length),
    }


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


def newcomer(fmt: Format) -> list[tuple[str, str]]:
    """What a newcomer to the group needs to hear first, as (lead, sentence) pairs: what the
    group is for, what to bring, and that the leaders can be spoken to afterwards (and, where
    the format has no ground rules to say so, that nobody is assessed or has to speak)."""
    points = [
        (
            _("What it is for."),
            _(
                "A Balint group is a small group of clinicians who meet regularly to think "
                "together about the relationship with a patient: not to solve a clinical "
                "problem, but to understand what happens between the two of them."
            ),
        ),
        (
            _("What to bring."),
            _(
                "Yourself, and perhaps a patient who stays on your mind. No preparation, no "
                "notes, no names: whoever brings a case tells it as it comes and decides how "
                "much to tell."
            ),
        ),
        (
            _("Afterwards."),
            _(
                "If something stays with you, or you would like to know more about the group, "
                "you can speak to the leaders after the session."
            ),
        ),
    ]
    if not fmt.ground_rules:  # else the format's own rules say it, and once is enough
        points.append(("", _("Nobody is assessed here, and nobody has to speak.")))
    return points


def online_heading() -> str:
    """The heading of a format's online rules, under its ground rules."""
    return _("If we meet online")


def same_as(row: Row, found: list[Row]) -> Row | None:
    """An earlier phase saying the same as this one (a second case's), if any."""
    for earlier in found[: row.number - 1]:
        if _alike(earlier.phase, row.phase, row.audience):
            return earlier
    return None


def _alike(one: Phase, other: Phase, audience: str) -> bool:
    """Whether two phases say the same on the audience's page."""
    if audience == MEMBERS:
        return (one.title, one.for_group) == (other.title, other.for_group)
    return (one.title, one.purpose, one.prompt, one.interventions) == (
        other.title,
        other.purpose,
        other.prompt,
        other.interventions,
    )
