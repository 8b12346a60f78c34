"""A nameless certificate of attendance (no I/O): a group's sessions in a period as the logs
have them (each one's date, length, units of 45 minutes, and whether in person), their
totals, and blank fields for the participant's name and the leader's signature. A long one
runs over pages, its rows whole and its head on each; the totals and the signatures stay
together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from balint_cli.core.rules import (
    FALSE_START_SECONDS,
    IN_PERSON,
    SHORT_UNIT_MINUTES,
    UNIT_MINUTES,
    units,
)
from balint_cli.core.words import day_text, number, tenths
from balint_cli.i18n import _
from balint_cli.logbook.tallies import Tally
from balint_cli.render.pages import escaped as h
from balint_cli.render.sheet.common import blank, document, facts, fields

_CSS = """
table.sessions { font-size: 9.5pt; }
table.sessions td { height: 6mm; }
table.sessions th.n, table.sessions td.n { width: 10mm; text-align: right; }
table.sessions th.day { width: 32%; }
table.sessions th.num { width: 20%; }
.end { break-inside: avoid; page-break-inside: avoid; margin-top: 10pt; }
table.totals { width: auto; min-width: 60%; margin-bottom: 14pt; }
table.totals th { background: none; text-align: left; font-size: 10pt; }
.fields.participant { grid-template-columns: 1fr; margin-bottom: 10pt; }
.fields.signed { grid-template-columns: 2fr 3fr; margin-bottom: 0; }
"""


@dataclass(frozen=True)
class Attended:
    """One session as a certificate shows it."""

    day: date
    minutes: float
    in_person: bool

    @classmethod
    def of(cls, tally: Tally) -> Attended:
        return cls(tally.started.date(), tally.seconds / 60, tally.setting == IN_PERSON)


@dataclass(frozen=True)
class Certificate:
    """The sessions a certificate lists, of a group (None: a line to write it on), in a
    period (where it says no end, from the first session or to the last)."""

    sessions: Sequence[Attended]
    group: str | None = None
    since: date | None = None
    until: date | None = None

    def period(self) -> tuple[date, date] | None:
        days = [attended.day for attended in self.sessions]
        first = self.since or min(days, default=None)
        last = self.until or max(days, default=None)
        return None if first is None or last is None else (first, last)


def title() -> str:
    return _("Certificate of attendance")


def page(sheet: Certificate) -> str:
    """The certificate as one self-contained page that prints on A4, over several if long."""
    body = [
        f"<h1>{h(title())}</h1>",
        facts(_facts(sheet)),
        fields([_("Participant (name)")], "participant"),
        f"<p>{h(_('The person named above took part in the sessions listed below.'))}</p>",
        _sessions(sheet.sessions),
        '<div class="end">',
        _totals(sheet.sessions),
        fields([_("Place and date"), _("Leader (name and signature)")], "signed"),
        f'<p class="note">{h(_note())}</p>',
        "</div>",
    ]
    return document(title(), _CSS, body)


def _note() -> str:
    return _(
        "Made by balint from the leader's session logs, which hold timings and counts only. "
        "Practice runs and false starts (sessions of under {minutes} minutes) are not counted."
    ).format(minutes=number(FALSE_START_SECONDS / 60))


def _facts(sheet: Certificate) -> list[tuple[str, str]]:
    period = sheet.period()
    span = "" if period is None else _("{first} to {last}").format(
        first=day_text(period[0]), last=day_text(period[1])
    )  # fmt: skip
    return [
        (_("Balint group"), blank(long=True) if sheet.group is None else h(sheet.group)),
        (_("Period"), h(span)),
    ]


def _units_heading() -> str:
    return _("Units of {unit} min").format(unit=number(SHORT_UNIT_MINUTES))


def _sessions(sessions: Sequence[Attended]) -> str:
    """A row per session: its date, length, units and whether the group met in person."""
    head = (
        f'<thead><tr><th class="n">#</th><th class="day">{h(_("Date"))}</th>'
        f'<th class="num">{h(_("Minutes"))}</th><th class="num">{h(_units_heading())}</th>'
        f"<th>{h(_('In person'))}</th></tr></thead>"
    )
    rows = "".join(
        f'<tr><td class="n">{n}</td><td>{h(day_text(s.day))}</td>'
        f'<td class="num">{number(round(s.minutes))}</td>'
        f'<td class="num">{h(tenths(units(s.minutes, SHORT_UNIT_MINUTES)))}</td>'
        f"<td>{h(_('yes') if s.in_person else _('no, online'))}</td></tr>"
        for n, s in enumerate(sessions, start=1)
    )
    return f'<table class="sessions">{head}<tbody>{rows}</tbody></table>'


def _totals(sessions: Sequence[Attended]) -> str:
    """The sums of the sessions listed, each named."""
    minutes = sum(s.minutes for s in sessions)
    here = [s for s in sessions if s.in_person]
    here_minutes = sum(s.minutes for s in here)
    totals = [
        (_("Sessions"), _("{n} ({here} in person, {online} online)").format(
            n=len(sessions), here=len(here), online=len(sessions) - len(here))),
        (_("Minutes"), number(round(minutes))),
        (_units_heading(), _("{units} ({here} in person)").format(
            units=tenths(units(minutes, SHORT_UNIT_MINUTES)),
            here=tenths(units(here_minutes, SHORT_UNIT_MINUTES)))),
        (_("Double units of {unit} min").format(unit=number(UNIT_MINUTES)),
         tenths(units(minutes, UNIT_MINUTES))),
    ]  # fmt: skip
    rows = "".join(f"<tr><th>{h(name)}</th><td>{h(value)}</td></tr>" for name, value in totals)
    return f'<table class="totals"><tbody>{rows}</tbody></table>'
