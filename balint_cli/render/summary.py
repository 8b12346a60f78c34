"""What `balint log summary` and `balint log portfolio` show: for organisers and leaders, as
text for the terminal and as stable JSON shapes (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from balint_cli.core.rules import UNIT_MINUTES, UNITS, units
from balint_cli.core.text import spreadsheet_cell
from balint_cli.core.words import count, mmss
from balint_cli.logbook.summary import Bucket, Summary
from balint_cli.logbook.tallies import Year
from balint_cli.render.tables import bar, columns_table, sparkline, text


def left_running(count: int) -> str:
    """The sessions a report leaves out because they are still running, in a sentence."""
    if count == 1:
        return "1 session still running is left out until it ends."
    return f"{count} sessions still running are left out until they end."


def whose(pooled: int) -> str:
    """Whose records a pooled report holds: the number of sources given with --from."""
    if pooled == 1:
        return "The records of 1 source given with --from"
    return f"The records of {pooled} sources pooled"


def led_and_co_led(led: int, co_led: int) -> str:
    """Sessions led and co-led, named apart, as every report says them."""
    return f"Sessions led: {led} · co-led: {co_led}"


def percent(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else ""


def unit_name(size: int) -> str:
    """A unit of Balint work as every report names it: Units of 45 minutes (Stunden)."""
    return f"Units of {size} minutes ({UNITS[size]})"


def units_lines(sizes: Sequence[int], minutes: float, in_person: float) -> list[str]:
    """Balint work in each unit asked for, and how much of it was in person, a line a unit:
    Units of 45 minutes (Stunden): 7.0, 5.0 of them in person (71%)."""
    share = f" ({percent(in_person, minutes)})" if minutes else ""
    return [
        f"{unit_name(size)}: {units(minutes, size):.1f}, "
        f"{units(in_person, size):.1f} of them in person{share}"
        for size in sizes
    ]


def units_json(sizes: Sequence[int], minutes: float, in_person: float) -> dict[str, float]:
    """Balint work in each unit asked for, and what was in person, as JSON keys (to a
    hundredth, as hours are)."""
    out = {}
    for size in sizes:
        out[f"units_of_{size}_minutes"] = round(units(minutes, size), 2)
        out[f"in_person_units_of_{size}_minutes"] = round(units(in_person, size), 2)
    return out


def summary_view(summary: Summary, sizes: Sequence[int] = ()) -> RenderableType:
    """`log summary`: what an organiser reports, with small charts; its work in the units
    of sizes, if any."""
    parts: list[RenderableType] = []
    if summary.pooled:
        parts.append(Text(whose(summary.pooled), style="bold"))
    if not summary.sessions:
        none = "No sessions to summarise."
        parts.append(Text(f"{none} {left_running(summary.running)}" if summary.running else none))
        return Group(*parts)
    said = led_and_co_led(summary.led, summary.co_led) + f" ({summary.sessions} in all)"
    parts.append(Text(said, style="bold"))
    parts.append(
        Text(
            f"  {summary.completed} completed, {summary.quit} ended early, "
            f"{summary.interrupted} interrupted; {count(summary.cases, 'case')} taken"
        )
    )
    if summary.running:
        parts.append(Text(f"  {left_running(summary.running)}"))
    # Asked for units, the lines below give them; else the hours say them, as they always have.
    ninety = "" if sizes else f" ({units(summary.minutes, UNIT_MINUTES):.1f} units of 90 minutes)"
    parts.append(
        Text(
            f"  {summary.hours:.1f} hours{ninety}: "
            f"{summary.led_minutes / 60:.1f} led, {summary.co_led_minutes / 60:.1f} co-led"
        )
    )
    parts.append(Text(f"  {summary.in_person} in person, {summary.online} online"))
    in_units = units_lines(sizes, summary.minutes, summary.in_person_minutes)
    parts += [Text(f"  {line}") for line in in_units]
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
        table = columns_table(
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
        parts += [Text(""), Text("No phase ran over (half a minute or more past its time).")]
    return Group(*parts)


def _buckets(buckets: list[tuple[str | None, Bucket]], name: str) -> Table:
    table = columns_table(
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


def summary_json(summary: Summary, sizes: Sequence[int] = ()) -> dict[str, Any]:
    return {
        "pooled_sources": summary.pooled,
        "sessions": summary.sessions,
        "led": summary.led,
        "co_led": summary.co_led,
        "completed": summary.completed,
        "ended_early": summary.quit,
        "interrupted": summary.interrupted,
        "running": summary.running,
        "cases": summary.cases,
        "minutes": round(summary.minutes, 1),
        "minutes_led": round(summary.led_minutes, 1),
        "minutes_co_led": round(summary.co_led_minutes, 1),
        "hours": round(summary.hours, 2),
        "units_of_90_minutes": round(units(summary.minutes, UNIT_MINUTES), 2),
        **units_json(sizes, summary.minutes, summary.in_person_minutes),
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
    "groups", "debriefs",
)  # fmt: skip


def portfolio_columns(sizes: Sequence[int] = ()) -> tuple[str, ...]:
    """The portfolio CSV's columns: the units asked for after the rest, so that a sheet made
    before them still finds its columns where they were."""
    return PORTFOLIO_COLUMNS + tuple(units_json(sizes, 0.0, 0.0))


def portfolio_row(year: Year, sizes: Sequence[int] = ()) -> list[object]:
    """A year's row of the portfolio's CSV, its text guarded as every CSV cell balint writes."""
    return [
        year.year,
        year.sessions,
        year.led,
        year.co_led,
        year.supervised,
        year.cases,
        round(year.hours, 2),
        round(year.share_in_person, 3),
        spreadsheet_cell("; ".join(sorted(year.groups))),
        year.debriefs,  # before the units: a column added keeps the others where they were
        *units_json(sizes, year.minutes, year.in_person_minutes).values(),
    ]


def portfolio_json(
    years: Sequence[Year], pooled: int = 0, sizes: Sequence[int] = ()
) -> dict[str, Any]:
    minutes = sum(y.minutes for y in years)
    in_person = sum(y.in_person_minutes for y in years)
    return {
        "pooled_sources": pooled,
        "years": [
            {
                "year": y.year,
                "sessions": y.sessions,
                "led": y.led,
                "co_led": y.co_led,
                "debriefs": y.debriefs,
                "supervised": y.supervised,
                "cases": y.cases,
                "hours": round(y.hours, 2),
                "in_person_share": round(y.share_in_person, 3),
                **units_json(sizes, y.minutes, y.in_person_minutes),
                "groups": sorted(y.groups),
            }
            for y in years
        ],
        "total": {
            "sessions": sum(y.sessions for y in years),
            "led": sum(y.led for y in years),
            "co_led": sum(y.co_led for y in years),
            "debriefs": sum(y.debriefs for y in years),
            "supervised": sum(y.supervised for y in years),
            "cases": sum(y.cases for y in years),
            "hours": round(sum(y.hours for y in years), 2),
            "in_person": sum(y.in_person for y in years),
            **units_json(sizes, minutes, in_person),
        },
    }


def portfolio_view(
    years: Sequence[Year], pooled: int = 0, sizes: Sequence[int] = ()
) -> RenderableType:
    """`log portfolio`: a leader's record for accreditation, a year at a time; pooled, the
    records of the sources given with --from; its work in all in the units of sizes, if any."""
    heading = Text(whose(pooled) if pooled else "Your record as a leader", style="bold")
    if not years:
        return Group(heading, Text("No sessions to put in a portfolio."))
    table = columns_table(
        ("year", "left"),
        ("sessions", "right"),
        ("led", "right"),
        ("co-led", "right"),
        ("debriefs", "right"),
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
            str(y.debriefs),
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
        str(total["debriefs"]),
        str(total["supervised"]),
        str(total["cases"]),
        f"{total['hours']:.1f}",
        percent(total["in_person"], total["sessions"]),
        "",
    )
    minutes = sum(y.minutes for y in years)
    said = units_lines(sizes, minutes, sum(y.in_person_minutes for y in years))
    return Group(heading, Text(""), table, *(Text(line) for line in said))
