"""What `balint log` shows of sessions: the listing and one session, as text for the
terminal and as stable JSON shapes (no I/O). The summary and the portfolio: summary.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from balint_cli.core.events import COMPLETED, QUIT
from balint_cli.core.rules import ON_TIME_SECONDS
from balint_cli.core.text import inert
from balint_cli.core.words import count, mmss, wall
from balint_cli.logbook.reading import SessionLog
from balint_cli.logbook.tallies import RUNNING, Tally
from balint_cli.render.tables import columns, wrap_cells

_STATUS = {COMPLETED: "completed", QUIT: "ended early", RUNNING: "still running"}


def status_word(status: str) -> str:
    return _STATUS.get(status, "interrupted")


def timing_word(late: float | None, on_time: bool | None) -> str:
    """on time, or how late or how early a completed session ended (rules.ON_TIME_SECONDS)."""
    if late is None:
        return ""
    if not on_time:
        return f"{round(late / 60)} min late"
    if late < -ON_TIME_SECONDS:
        return f"{round(-late / 60)} min early"
    return "on time"


# -- the listing -----------------------------------------------------------------------------

_HEAD = ("id", "started", "format", "group", "came", "min", "ended")
_RIGHT = {"came", "min"}
_FREE = ("format", "group")  # free text: wrapped when the terminal is narrow; facts never are


def ended_word(tally: Tally) -> str:
    """How a session ended, for the listing: on time, N min late, ended early..."""
    word = timing_word(tally.late, tally.on_time) or status_word(tally.status)
    if tally.status == RUNNING:
        word = "running"  # not over yet: not a false start either, whatever its length so far
    elif tally.false_start:
        word = "false start"
    if tally.practice:
        word += " (practice)"
    return word


def list_row(tally: Tally) -> list[str]:
    came = "" if tally.attendees is None else str(tally.attendees)
    if came and tally.members:
        came += f"/{tally.members}"
    return [
        inert(tally.id, one_line=True),
        f"{tally.started.date().isoformat()} {tally.started:%H:%M}",  # a year in 4 digits
        inert(tally.format, one_line=True),
        inert(tally.group or "", one_line=True),
        came,
        str(round(tally.seconds / 60)),
        ended_word(tally),
    ]


def list_lines(rows: Sequence[list[str]], width: int) -> Iterable[str]:
    """The listing as plain aligned columns: quick for thousands of sessions."""
    return columns(_HEAD, rows, width, right=_RIGHT, free=_FREE)


def list_json(tally: Tally) -> dict[str, Any]:
    return {
        "id": tally.id,
        "started": tally.started.isoformat(),
        "format": tally.format,
        "format_title": tally.format_title,
        "group": tally.group,
        "attendees": tally.attendees,
        "minutes": round(tally.seconds / 60, 2),
        "status": tally.status,
        "on_time": tally.on_time,
        "cases": tally.cases,
        "members": tally.members,
        "setting": tally.setting,
        "role": tally.role,
        "supervised": tally.supervised,
        "practice": tally.practice,
        "false_start": tally.false_start,
    }


# -- one session ------------------------------------------------------------------------------


def not_led(log: SessionLog) -> list[str]:
    """What the session was if it was not one led, which reports leave out."""
    words = (("a false start", log.false_start), ("a practice run", log.practice))
    return [word for word, it_was in words if it_was]


def show_lines(log: SessionLog, width: int, running: bool = False) -> list[str]:
    """`log show`: planned against actual, phase by phase, in plain lines (running: a
    running balint is writing the log now)."""
    started = log.started
    head = f"{inert(log.session_id, one_line=True)}  {inert(log.format_title, one_line=True)}"
    head += f"  ({inert(log.format_name, one_line=True)})"
    ended = started + timedelta(seconds=log.seconds / log.speed)
    facts = [f"{started:%a %d %b %Y, %H:%M} to {wall(ended):%H:%M}", f"{mmss(log.seconds)} long"]
    if log.group:
        facts.append(inert(log.group, one_line=True))
    if log.attendees is not None:
        facts.append(
            f"{log.attendees} of {log.members} attending"
            if log.members
            else f"{log.attendees} attending"
        )
    facts.append(log.setting)
    facts.append(log.role + (", supervised" if log.supervised else ""))
    if log.debriefs:
        facts.append(f"{count(log.debriefs, 'debrief')} of {mmss(log.debrief_minutes * 60)}")
    facts.append(count(log.cases, "case") + " taken")
    how = (status_word(RUNNING if running else log.status), timing_word(log.late, log.on_time))
    facts.append(", ".join(filter(None, how)))
    extras = []
    if log.paused:
        extras.append(f"paused {mmss(log.paused)}")
    if log.resumes:
        extras.append(f"resumed {log.resumes}x after balint stopped")
    if log.changes:
        extras.append(f"{count(log.changes, 'time change')} with +/-")
    if log.edits:
        extras.append(f"corrected {count(log.edits, 'time')} with `balint log edit`")
    lines = [*_wrapped(head, width), *_wrapped(" · ".join(filter(None, facts)), width)]
    lines += _wrapped(" · ".join(extras), width)
    was = not_led(log)
    if running:
        lines += _wrapped("Still running: left out of reports until it ends.", width)
    elif was:  # a line of its own: `last` gives one only with --include-practice
        lines += _wrapped(" and ".join(was).capitalize() + ": left out of reports.", width)
    rows = [
        [
            str(run.index + 1),
            inert(run.title, one_line=True),
            "" if run.case is None else str(run.case),
            mmss(run.planned),
            mmss(run.allotted),
            mmss(run.actual) if run.visits else "-",
            "+" + mmss(run.over) if run.over else "",
        ]
        for run in log.phases
    ]
    phases = ("#", "phase", "case", "planned", "given", "actual", "over")
    lines += ["", *columns(phases, rows, width, right=set(phases) - {"phase"}, free=["phase"])]
    if log.markers:
        marks = [
            [f"{marker.at:%H:%M:%S}", mmss(marker.t), _phase_name(log, marker.phase)]
            for marker in log.markers
        ]
        marked = columns(("clock", "into the session", "phase"), marks, width, free=["phase"])
        lines += ["", "Markers", *marked]
    return lines


def _wrapped(line: str, width: int) -> list[str]:
    return wrap_cells(line, max(width, 20)) if line else []


def _phase_name(log: SessionLog, index: int) -> str:
    if not 0 <= index < len(log.phases):
        return ""
    run = log.phases[index]
    return inert(run.title + (f" (case {run.case})" if run.case is not None else ""), one_line=True)


def show_json(log: SessionLog, running: bool = False) -> dict[str, Any]:
    tally = Tally.of(log)
    if running:
        tally.status = RUNNING
    return {
        **list_json(tally),
        "format_source": log.start.get("format_source"),
        "late_minutes": None if log.late is None else round(log.late / 60, 2),
        "paused_minutes": round(log.paused / 60, 2),
        "resumed": log.resumes,
        "edits": log.edits,
        "debriefs": log.debriefs,
        "debrief_minutes": round(log.debrief_minutes, 2) if log.debriefs else None,
        "markers": [
            {
                "at": marker.at.isoformat(timespec="seconds"),
                "minutes_in": round(marker.t / 60, 2),
                "phase": log.phases[marker.phase].id if marker.phase >= 0 else None,
            }
            for marker in log.markers
        ],
        "phases": [
            {
                "index": run.index,
                "id": run.id,
                "title": run.title,
                "case": run.case,
                "planned_minutes": round(run.planned / 60, 2),
                "allotted_minutes": round(run.allotted / 60, 2),
                "actual_minutes": round(run.actual / 60, 2) if run.visits else None,
                "over_minutes": round(run.over / 60, 2) if run.visits else None,
                "visits": run.visits,
            }
            for run in log.phases
        ],
    }
