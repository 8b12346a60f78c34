"""The attendance list of one session (no I/O): what the session is (its group, date, planned
times, format, and length in minutes and in units of 45 minutes), lines for the leaders'
names and signatures, and numbered rows for each person's name, profession and signature.
The names are written on the paper alone: balint never asks for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from balint_cli.core.rules import SHORT_UNIT_MINUTES, units
from balint_cli.core.words import clock, day_text, decimal_minutes, number, tenths
from balint_cli.i18n import _
from balint_cli.render.pages import escaped as h
from balint_cli.render.sheet.common import blank, document, facts, fields

SPARE_ROWS = 4  # rows beyond the members enrolled: guests, newcomers, a co-leader in training
FEWEST_ROWS = 12  # a group of 6 to 12 members (and its guests) never runs out of rows
# The height a row is given (mm): room to sign in, and twenty rows or so on one A4 page;
# a longer list is set tighter, down to the least a signature needs, then takes a second page.
_ROW_MM, _LEAST_ROW_MM = 12.0, 6.0
_ROOM_MM = 190.0  # what the rows have of the page under its head, with one leader's line
_LEADER_MM = 17.0  # what a second leader's line takes from them

_CSS = """
table.people th.n, table.people td.n { width: 8mm; text-align: right; }
table.people th.name { width: 40%; }
table.people th.profession { width: 24%; }
"""


@dataclass(frozen=True)
class SignIn:
    """One session as its attendance list shows it, before it has happened."""

    day: date
    format_name: str
    minutes: float  # the format's length
    group: str | None = None  # None: a line to write the group's name on
    end_at: time | None = None  # the group's end time: the start is the format's length before
    members: int | None = None
    co_led: bool = False

    @property
    def rows(self) -> int:
        return max(FEWEST_ROWS, (self.members or 0) + SPARE_ROWS)

    def times(self) -> tuple[datetime, datetime] | None:
        """When the session is planned to start and end, where the group has an end time."""
        if self.end_at is None:
            return None
        end = datetime.combine(self.day, self.end_at)
        return end - timedelta(minutes=self.minutes), end


def title() -> str:
    return _("Attendance list")


def page(sheet: SignIn) -> str:
    """The attendance list as one self-contained page that prints on A4."""
    leaders = 2 if sheet.co_led else 1
    row_mm = _row_mm(sheet.rows, leaders)
    named = [_("Leader (name)"), _("Signature")] * leaders
    body = [
        f"<h1>{h(title())}</h1>",
        facts(_facts(sheet)),
        fields(named, "leaders"),
        _people(sheet.rows, row_mm),
        f'<p class="note">{h(_("This list stays on paper: balint keeps no names."))}</p>',
    ]
    return document(title(), _CSS, body)


def _facts(sheet: SignIn) -> list[tuple[str, str]]:
    times = sheet.times()
    said = _("from {start} to {end}")
    if times is None:
        when = h(said).format(start=blank(), end=blank())
    else:
        when = h(said.format(start=clock(times[0]), end=clock(times[1])))
    length = _("{minutes} min · {units} units of {unit} minutes").format(
        minutes=decimal_minutes(sheet.minutes),
        units=tenths(units(sheet.minutes, SHORT_UNIT_MINUTES)),
        unit=number(SHORT_UNIT_MINUTES),
    )
    return [
        (_("Balint group"), blank(long=True) if sheet.group is None else h(sheet.group)),
        (_("Date"), h(day_text(sheet.day))),
        (_("Time"), when),
        (_("Format"), h(sheet.format_name)),
        (_("Length"), h(length)),
    ]


def _row_mm(rows: int, leaders: int) -> float:
    """How tall a row is set: as tall as the page allows for that many, within bounds."""
    room = _ROOM_MM - _LEADER_MM * (leaders - 1)
    return max(_LEAST_ROW_MM, min(_ROW_MM, room / rows))


def _people(rows: int, row_mm: float) -> str:
    """Numbered rows, each for a name, a profession and a signature, written by hand."""
    head = (
        f'<thead><tr><th class="n">#</th><th class="name">{h(_("Name"))}</th>'
        f'<th class="profession">{h(_("Profession"))}</th>'
        f"<th>{h(_('Signature'))}</th></tr></thead>"
    )
    height = f"height:{row_mm:.1f}mm"
    body = "".join(
        f'<tr style="{height}"><td class="n">{n}</td><td></td><td></td><td></td></tr>'
        for n in range(1, rows + 1)
    )
    return f'<table class="people">{head}<tbody>{body}</tbody></table>'
