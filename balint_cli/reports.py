"""What `balint log` shows: the listing, one session, the summary and the portfolio, as
text for the terminal and as stable JSON shapes (no I/O)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from balint_cli.events import COMPLETED, QUIT
from balint_cli.logbook.reading import SessionLog
from balint_cli.logbook.tallies import Bucket, Summary, Tally, Year
from balint_cli.text import inert

_SPARKS = "▁▂▃▄▅▆▇█"
_STATUS = {COMPLETED: "completed", QUIT: "ended early"}


def text(value: str, style: str = "") -> Text:
    """Text from a file or a user: shown literally, never as markup or escape codes."""
    return Text(inert(value), style=style)


def status_word(status: str) -> str:
    return _STATUS.get(status, "interrupted")


def timing_word(late: float | None, on_time: bool | None) -> str:
    """on time, or how late a completed session ended."""
    if late is None:
        return ""
    if on_time:
        return "on time"
    return f"{round(late / 60)} min late"


def mmss(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    whole = round(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def count_of(n: float, noun: str) -> str:
    number = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{number} {noun}{'' if n == 1 else 's'}"


def bar(value: float, most: float, width: int = 20) -> str:
    """A bar of block characters, value out of most, in eighths of a cell."""
    if most <= 0 or value <= 0:
        return ""
    eighths = round(value / most * width * 8)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def sparkline(values: Sequence[float]) -> str:
    """The shape of a series in one line: ▁▃▅█."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    return "".join(
        _SPARKS[round((v - low) / span * (len(_SPARKS) - 1)) if span else 3] for v in values
    )


def _table(*columns: tuple[str, str]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    return table


# -- the listing -----------------------------------------------------------------------------

_HEAD = ("id", "started", "format", "group", "came", "min", "ended")
_RIGHT = {"came", "min"}
_FREE = ("format", "group")  # free text: wrapped when the terminal is narrow; facts never are


def ended_word(tally: Tally) -> str:
    """How a session ended, for the listing: on time, N min late, ended early..."""
    word = timing_word(tally.late, tally.on_time) or status_word(tally.status)
    if tally.false_start:
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
        tally.started.strftime("%Y-%m-%d %H:%M"),
        inert(tally.format, one_line=True),
        inert(tally.group or "", one_line=True),
        came,
        str(round(tally.seconds / 60)),
        ended_word(tally),
    ]


def list_lines(rows: Sequence[list[str]], width: int) -> Iterable[str]:
    """The listing as plain aligned columns: quick for thousands of sessions.

    When the terminal is narrow the free-text columns wrap; the facts never do.
    """
    widths = [max([len(head), *(len(row[i]) for row in rows)]) for i, head in enumerate(_HEAD)]
    excess = sum(widths) + len(widths) - 1 - width
    for i in (_HEAD.index(name) for name in _FREE):
        if excess <= 0:
            break
        give = min(excess, widths[i] - max(8, len(_HEAD[i])))
        if give > 0:
            widths[i] -= give
            excess -= give
    yield _line(list(_HEAD), widths)
    for row in rows:
        cells = [
            textwrap.wrap(cell, widths[i], break_on_hyphens=False) or [""]
            if _HEAD[i] in _FREE
            else [cell]
            for i, cell in enumerate(row)
        ]
        for depth in range(max(len(cell) for cell in cells)):
            yield _line([cell[depth] if depth < len(cell) else "" for cell in cells], widths)


def _line(cells: list[str], widths: list[int]) -> str:
    out = [
        cell.rjust(widths[i]) if _HEAD[i] in _RIGHT else cell.ljust(widths[i])
        for i, cell in enumerate(cells)
    ]
    return " ".join(out).rstrip()


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


def show_table(log: SessionLog) -> RenderableType:
    """`log show`: planned against actual, phase by phase."""
    tally = Tally.of(log)
    started = log.started
    head = text(f"{log.id}  ", "bold")
    head.append_text(text(log.format_title, "bold"))
    head.append_text(text(f"  ({log.format_name})", "dim"))
    ended = started + timedelta(seconds=log.seconds / log.speed)
    facts = [f"{started:%a %d %b %Y, %H:%M} to {ended:%H:%M}", f"{mmss(log.seconds)} long"]
    if log.group:
        facts.append(log.group)
    if log.attendees is not None:
        facts.append(
            f"{log.attendees} of {log.members} attending"
            if log.members
            else f"{log.attendees} attending"
        )
    facts.append(log.setting)
    facts.append(log.role + (", supervised" if log.supervised else ""))
    facts.append(count_of(log.cases, "case") + " taken")
    facts.append(ended_word(tally) if tally.false_start or tally.practice else "")
    how = (status_word(log.status), timing_word(log.late, log.on_time))
    facts.append(", ".join(filter(None, how)))
    lines: list[RenderableType] = [head, text(" · ".join(filter(None, facts)))]
    extras = []
    if log.paused:
        extras.append(f"paused {mmss(log.paused)}")
    if log.resumes:
        extras.append(f"resumed {log.resumes}x after balint stopped")
    if log.changes:
        extras.append(f"{count_of(log.changes, 'time change')} with +/-")
    if log.edits:
        extras.append(f"corrected {count_of(log.edits, 'time')} with `balint log edit`")
    if extras:
        lines.append(Text(" · ".join(extras), style="dim"))
    table = _table(
        ("#", "right"),
        ("phase", "left"),
        ("case", "right"),
        ("planned", "right"),
        ("given", "right"),
        ("actual", "right"),
        ("over", "right"),
    )
    for run in log.phases:
        over = run.over if run.visits else 0.0
        table.add_row(
            str(run.index + 1),
            text(run.title),
            "" if run.case is None else str(run.case),
            mmss(run.planned),
            mmss(run.allotted),
            mmss(run.actual) if run.visits else "-",
            Text("+" + mmss(over), style="red") if over > 30 else "",
        )
    lines += [Text(""), table]
    if log.markers:
        lines += [Text(""), Text("Markers", style="bold")]
        marks = _table(("clock", "left"), ("into the session", "right"), ("phase", "left"))
        for marker in log.markers:
            marks.add_row(f"{marker.at:%H:%M:%S}", mmss(marker.t), _phase_name(log, marker.phase))
        lines.append(marks)
    return Group(*lines)


def _phase_name(log: SessionLog, index: int) -> Text:
    if not 0 <= index < len(log.phases):
        return Text("")
    run = log.phases[index]
    return text(run.title + (f" (case {run.case})" if run.case is not None else ""))


def show_json(log: SessionLog) -> dict[str, Any]:
    return {
        **list_json(Tally.of(log)),
        "format_source": log.start.get("format_source"),
        "late_minutes": None if log.late is None else round(log.late / 60, 2),
        "paused_minutes": round(log.paused / 60, 2),
        "resumed": log.resumes,
        "edits": log.edits,
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
                "visits": run.visits,
            }
            for run in log.phases
        ],
    }


# -- the summary ------------------------------------------------------------------------------


def percent(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else ""


def summary_view(summary: Summary) -> RenderableType:
    """`log summary`: what an organiser reports, with small charts."""
    if not summary.sessions:
        return Text("No sessions to summarise.")
    parts: list[RenderableType] = []
    parts.append(Text(f"Sessions led: {summary.sessions}", style="bold"))
    parts.append(
        Text(
            f"  {summary.completed} completed, {summary.quit} ended early, "
            f"{summary.interrupted} interrupted; {count_of(summary.cases, 'case')} taken"
        )
    )
    parts.append(
        Text(
            f"  {summary.hours:.1f} hours ({summary.units:.1f} units of 90 minutes); "
            f"{summary.in_person} in person, {summary.online} online"
        )
    )
    if summary.finished:
        share = summary.on_time / summary.finished
        line = Text(
            f"Ended on time: {summary.on_time} of {summary.finished} completed ({share:.0%})  "
        )
        line.append(bar(summary.on_time, summary.finished), style="green")
        parts.append(line)
    mean = summary.mean_attendance
    if mean is not None:
        line = Text(f"Attendance: {mean:.1f} on average")
        trend = summary.attendance_trend
        if trend is not None:
            line.append(f", trend {trend:+.2f} per session  ")
            line.append(sparkline(list(summary.recent)), style="cyan")
        parts.append(line)
    rate = summary.rates.mean
    if rate is not None:
        line = Text(f"Attendance rate: {rate:.0%} of the members enrolled")
        slope = summary.rates.slope
        if slope is not None:
            line.append(f", trend {slope * 100:+.1f} points per session")
        parts.append(line)
    parts += [Text(""), Text("By group", style="bold")]
    parts.append(_buckets([(key, b) for key, b in summary.sorted_groups()], "group"))
    parts += [Text(""), Text("By month", style="bold")]
    parts.append(_buckets([(key, b) for key, b in summary.sorted_months()], "month"))
    overs = [o for o in summary.sorted_overruns() if o.over]
    if overs:
        table = _table(
            ("phase", "left"), ("ran over", "right"), ("by, on average", "right"), ("", "left")
        )
        most = max(o.mean_over for o in overs)
        for o in overs:
            table.add_row(
                text(o.title),
                f"{o.over} of {o.runs}",
                "+" + mmss(o.mean_over),
                Text(bar(o.mean_over, most, 12), style="red"),
            )
        parts += [Text(""), Text("Phases that run over", style="bold"), table]
    else:
        parts += [Text(""), Text("No phase ran over by more than half a minute.")]
    return Group(*parts)


def _buckets(buckets: list[tuple[str | None, Bucket]], name: str) -> Table:
    table = _table(
        (name, "left"),
        ("sessions", "right"),
        ("", "left"),
        ("cases", "right"),
        ("attending", "right"),
        ("rate", "right"),
        ("online", "right"),
        ("on time", "right"),
    )
    most = max((b.sessions for _, b in buckets), default=0)
    for key, b in buckets:
        table.add_row(
            text(key) if key is not None else Text("(no label)", style="dim"),
            str(b.sessions),
            Text(bar(b.sessions, most, 16), style="blue"),
            str(b.cases),
            "" if b.mean_attendance is None else f"{b.mean_attendance:.1f}",
            "" if b.rate is None else f"{b.rate:.0%}",
            str(b.online),
            percent(b.on_time, b.finished),
        )
    return table


def _bucket_json(b: Bucket) -> dict[str, Any]:
    return {
        "sessions": b.sessions,
        "cases": b.cases,
        "minutes": round(b.minutes, 1),
        "mean_attendance": None if b.mean_attendance is None else round(b.mean_attendance, 2),
        "attendance_rate": None if b.rate is None else round(b.rate, 3),
        "online": b.online,
        "in_person": b.sessions - b.online,
        "on_time": {"sessions": b.on_time, "of_completed": b.finished},
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "sessions": summary.sessions,
        "completed": summary.completed,
        "ended_early": summary.quit,
        "interrupted": summary.interrupted,
        "cases": summary.cases,
        "minutes_led": round(summary.led_minutes, 1),
        "hours": round(summary.hours, 2),
        "units_of_90_minutes": round(summary.units, 2),
        "in_person": summary.in_person,
        "online": summary.online,
        "on_time": {"sessions": summary.on_time, "of_completed": summary.finished},
        "attendance": {
            "mean": _round(summary.mean_attendance, 2),
            "trend_per_session": _round(summary.attendance_trend, 3),
            "sessions_counted": summary.attendance.n,
        },
        "attendance_rate": {
            "mean": _round(summary.rates.mean, 3),
            "trend_per_session": _round(summary.rates.slope, 4),
            "sessions_counted": summary.rates.n,
        },
        "groups": [{"group": k, **_bucket_json(b)} for k, b in summary.sorted_groups()],
        "months": [{"month": k, **_bucket_json(b)} for k, b in summary.sorted_months()],
        "phases_over": [
            {
                "title": o.title,
                "runs": o.runs,
                "over": o.over,
                "mean_over_minutes": round(o.mean_over / 60, 2),
            }
            for o in summary.sorted_overruns()
        ],
    }


# -- the portfolio ----------------------------------------------------------------------------

PORTFOLIO_COLUMNS = (
    "year", "sessions", "led", "co_led", "supervised", "cases", "hours", "in_person_share",
    "groups",
)  # fmt: skip


def portfolio_row(year: Year) -> list[object]:
    return [
        year.year,
        year.sessions,
        year.led,
        year.co_led,
        year.supervised,
        year.cases,
        round(year.hours, 2),
        round(year.share_in_person, 3),
        "; ".join(inert(g, one_line=True) for g in sorted(year.groups)),
    ]


def portfolio_json(years: Sequence[Year]) -> dict[str, Any]:
    return {
        "years": [
            {
                "year": y.year,
                "sessions": y.sessions,
                "led": y.led,
                "co_led": y.co_led,
                "supervised": y.supervised,
                "cases": y.cases,
                "hours": round(y.hours, 2),
                "in_person_share": round(y.share_in_person, 3),
                "groups": sorted(y.groups),
            }
            for y in years
        ],
        "total": {
            "sessions": sum(y.sessions for y in years),
            "led": sum(y.led for y in years),
            "co_led": sum(y.co_led for y in years),
            "supervised": sum(y.supervised for y in years),
            "cases": sum(y.cases for y in years),
            "hours": round(sum(y.hours for y in years), 2),
            "in_person": sum(y.in_person for y in years),
        },
    }


def portfolio_view(years: Sequence[Year]) -> RenderableType:
    """`log portfolio`: a leader's record for accreditation, a year at a time."""
    if not years:
        return Text("No sessions to put in a portfolio.")
    table = _table(
        ("year", "left"),
        ("sessions", "right"),
        ("led", "right"),
        ("co-led", "right"),
        ("supervised", "right"),
        ("cases", "right"),
        ("hours", "right"),
        ("in person", "right"),
        ("groups", "left"),
    )
    for y in years:
        table.add_row(
            str(y.year),
            str(y.sessions),
            str(y.led),
            str(y.co_led),
            str(y.supervised),
            str(y.cases),
            f"{y.hours:.1f}",
            f"{y.share_in_person:.0%}",
            text(", ".join(sorted(y.groups))),
        )
    total = portfolio_json(years)["total"]
    table.add_row(
        Text("all", style="bold"),
        str(total["sessions"]),
        str(total["led"]),
        str(total["co_led"]),
        str(total["supervised"]),
        str(total["cases"]),
        f"{total['hours']:.1f}",
        percent(total["in_person"], total["sessions"]),
        "",
    )
    return Group(Text("Your record as a leader", style="bold"), Text(""), table)
