"""A session without a terminal: one plain line per event, `12:36  Case facts: 6 min`, and
the line that says how it ended (no I/O but the stream it is given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TextIO

from balint_cli.core.events import COMPLETED, QUIT, Event
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import clock_text, length_text, planned_text, status_text, wall
from balint_cli.i18n import _
from balint_cli.live.screen import Look


@dataclass
class PlainPrinter:
    """Events as plain lines: `12:36  Case facts: 6 min`."""

    session: Session
    look: Look
    out: TextIO

    def show(self, event: Event) -> None:
        line = self._line(event)
        if line:
            self.out.write(line + "\n")
            self.out.flush()

    def _line(self, event: Event) -> str:
        at = f"{wall(self.look.started + timedelta(seconds=event.t - self.session.start)):%H:%M}"
        data = event.data
        if event.kind == "phase_start":
            phase = self.session.phases[self.session.place(int(data["index"]))]
            title = inert(phase.title, one_line=True)
            if phase.case is not None:
                title = _("{title}, case {number}").format(title=title, number=phase.case)
            length = planned_text(float(data["allotted"]), phase.seconds, phase.flexible)
            line = f"{at}  {title}: {length}"
            if self.look.show_purpose and phase.purpose:
                line += f"\n{'':7}" + _("Purpose: ") + inert(phase.purpose, one_line=True)
            opening = int(data["index"]) == 0 and data.get("by") == "start"
            if self.look.rules_at_opening and self.look.rules and opening:
                line += f"\n{'':7}" + _("Ground rules") + ":"
                for rule in self.look.rules:
                    line += f"\n{'':7}- {inert(rule, one_line=True)}"
            return line
        if event.kind == "phase_end":
            phase = self.session.phases[self.session.place(int(data["index"]))]
            return f"{at}  " + _("{title} ended after {length}").format(
                title=inert(phase.title, one_line=True), length=length_text(float(data["actual"]))
            )
        if event.kind == "session_resume":
            phase = self.session.phases[self.session.index]
            left = self.session.remaining(event.t)
            title = inert(phase.title, one_line=True)
            if left > 0:
                where = _("Resumed in {title}, {clock} left").format(
                    title=title, clock=clock_text(left)
                )
            else:
                where = _("Resumed in {title}, its time is up").format(title=title)
            return f"{at}  {where}"
        if event.kind == "session_end":
            return f"{at}  " + ended_text(self.session, float(data["seconds"]), str(data["how"]))
        return ""


def ended_text(session: Session, seconds: float, how: str) -> str:
    """How a session ended, as its last line says it: 'Session completed after 45 min, on time'."""
    length = length_text(seconds)
    if how == COMPLETED:
        timing = status_text(session.view(session.ended_at or session.start + seconds))
        return _("Session completed after {length}, {timing}").format(length=length, timing=timing)
    if how == QUIT:
        return _("Session ended early after {length}").format(length=length)
    return _("Session interrupted after {length}").format(length=length)
