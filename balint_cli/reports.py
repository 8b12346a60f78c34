"""Rich renderables and JSON shapes for `balint log`: list, show and summary (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from balint_cli.logbook.reading import SessionLog
from balint_cli.logbook.tallies import Summary
from balint_cli.session import COMPLETED, QUIT
from balint_cli.views import text

_SPARKS = "▁▂▃▄▅▆▇█"
_STATUS = {COMPLETED: "completed", QUIT: "ended early"}


def status_word(log: SessionLog) -> str:
    return _STATUS.get(log.status, "interrupted")


def timing_word(log: SessionLog) -> str:
    """on time, or how late a completed session ended."""
    if log.late is None:
        return ""
    if log.on_time:
        return "on time"
    return f"{round(log.late / 60)} min late"


def mmss(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    whole = round(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


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


def list_table(logs: Sequence[SessionLog]) -> RenderableType:
    """`log list`: a line per session, oldest first."""
    if not logs:
        return Text("No session logs yet. They are kept when you run a session.")
    table = _table(
        ("id", "left"),
        ("started", "left"),
        ("format", "left"),
        ("group", "left"),
        ("came", "right"),
        ("min", "right"),
        ("ended", "left"),
    )
    table.padding = (0, 1, 0, 0)
    for column in table.columns:
        # The free-text columns wrap when the terminal is narrow; the facts never do.
        column.no_wrap = column.header not in ("format", "group")
        column.overflow = "fold"
    for log in logs:
        table.add_row(
            text(log.id),  # a file's name: never markup
            log.started.strftime("%Y-%m-%d %H:%M"),
            text(log.format_name),
            text(log.group or ""),
            "" if log.attendees is None else str(log.attendees),
            str(round(log.seconds / 60)),
            timing_word(log) or status_word(log),
        )
    return table


def list_json(logs: Sequence[SessionLog]) -> list[dict[str, Any]]:
    return [
        {
            "id": log.id,
            "started": log.started.isoformat(),
            "format": log.format_name,
            "format_title": log.format_title,
            "group": log.group,
            "attendees": log.attendees,
            "minutes": round(log.seconds / 60, 2),
            "status": log.status,
            "on_time": log.on_time,
            "cases": log.cases,
        }
        for log in logs
    ]


def show_table(log: SessionLog) -> RenderableType:
    """`log show`: planned against actual, phase by phase."""
    started = log.started
    head = text(f"{log.id}  ", "bold")
    head.append_text(text(log.format_title, "bold"))
    head.append_text(text(f"  ({log.format_name})", "dim"))
    ended = started + timedelta(seconds=log.seconds / log.speed)
    facts = [f"{started:%a %d %b %Y, %H:%M} to {ended:%H:%M}", f"{mmss(log.seconds)} long"]
    if log.group:
        facts.append(log.group)
    if log.attendees is not None:
        facts.append(f"{log.attendees} attending")
    facts.append(count_of(log.cases, "case") + " taken")
    facts.append(", ".join(filter(None, (status_word(log), timing_word(log)))))
    lines: list[RenderableType] = [head, text(" · ".join(facts))]
    extras = []
    if log.paused:
        extras.append(f"paused {mmss(log.paused)}")
    resumes = log.resumes
    if resumes:
        extras.append(f"resumed {resumes}x after balint stopped")
    changes = log.changes
    if changes:
        extras.append(f"{changes} time change{'s' if changes != 1 else ''} with +/-")
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


def count_of(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def show_json(log: SessionLog) -> dict[str, Any]:
    return {
        **list_json([log])[0],
        "format_source": log.start.get("format_source"),
        "late_minutes": None if log.late is None else round(log.late / 60, 2),
        "paused_minutes": round(log.paused / 60, 2),
        "resumed": log.resumes,
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


def no_such_group(group: str, logs: Sequence[SessionLog]) -> Text:
    """What `log summary --group` says when no session had that label."""
    known = sorted({log.group for log in logs if log.group})
    line = text(f"No sessions of the group '{group}'")
    line.append_text(
        text(f"; the groups are {', '.join(known)}." if known else "; no session has a label.")
    )
    return line


def summary_view(summary: Summary) -> RenderableType:
    """`log summary`: what an organiser reports, with small charts."""
    if not summary.sessions:
        return Text("No sessions to summarise.")
    parts: list[RenderableType] = []
    parts.append(Text(f"Sessions led: {summary.sessions}", style="bold"))
    parts.append(
        Text(
            f"  {summary.completed} completed, {summary.quit} ended early, "
            f"{summary.interrupted} interrupted; {round(summary.led_minutes)} minutes, "
            f"{summary.cases} case{'s' if summary.cases != 1 else ''}"
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
            line.append(sparkline(summary.attendance[-40:]), style="cyan")
        parts.append(line)
    parts += [Text(""), Text("By group", style="bold"), _buckets(summary.groups, "group")]
    parts += [Text(""), Text("By month", style="bold"), _buckets(summary.months, "month")]
    overs = [o for o in summary.overruns if o.over]
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


def _buckets(buckets: dict[str | None, dict[str, float]], name: str) -> Table:
    table = _table(
        (name, "left"),
        ("sessions", "right"),
        ("", "left"),
        ("cases", "right"),
        ("attending", "right"),
    )
    most = max((b["sessions"] for b in buckets.values()), default=0)
    for key, values in buckets.items():
        counted = values.get("counted", 0)
        table.add_row(
            text(key) if key is not None else Text("(no label)", style="dim"),
            str(int(values["sessions"])),
            Text(bar(values["sessions"], most, 16), style="blue"),
            str(int(values["cases"])),
            f"{values['attended'] / counted:.1f}" if counted else "",
        )
    return table


def summary_json(summary: Summary) -> dict[str, Any]:
    def buckets(values: dict[str | None, dict[str, float]], key: str) -> list[dict[str, Any]]:
        return [
            {
                key: name,
                "sessions": int(v["sessions"]),
                "cases": int(v["cases"]),
                "mean_attendance": round(v["attended"] / v["counted"], 2)
                if v.get("counted")
                else None,
            }
            for name, v in values.items()
        ]

    return {
        "sessions": summary.sessions,
        "completed": summary.completed,
        "ended_early": summary.quit,
        "interrupted": summary.interrupted,
        "cases": summary.cases,
        "minutes_led": round(summary.led_minutes, 1),
        "on_time": {"sessions": summary.on_time, "of_completed": summary.finished},
        "attendance": {
            "mean": None if summary.mean_attendance is None else round(summary.mean_attendance, 2),
            "trend_per_session": None
            if summary.attendance_trend is None
            else round(summary.attendance_trend, 3),
            "sessions_counted": len(summary.attendance),
        },
        "groups": buckets(summary.groups, "group"),
        "months": buckets(summary.months, "month"),
        "phases_over": [
            {
                "title": o.title,
                "runs": o.runs,
                "over": o.over,
                "mean_over_minutes": round(o.mean_over / 60, 2),
            }
            for o in summary.overruns
        ],
    }
