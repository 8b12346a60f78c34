"""An organiser's report: one self-contained, printable HTML page with inline SVG charts.

Nothing is fetched (no scripts, fonts or images from elsewhere): the page can be attached
to a quality-improvement report as it is, and a year or so of sessions prints on one A4
page. Every figure is named; every chart has its scale, a value on each bar or point's
month, and a legend where it draws more than one series. Each figure a chart draws is also
written on its element (`data-...`), and the groups and phases are tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from balint_cli.core.rules import UNIT_MINUTES, units
from balint_cli.logbook.summary import Bucket, Summary
from balint_cli.logbook.tallies import Choice
from balint_cli.render.pages import CSS, bars, escaped, frame, head, legend, point, scale, y_at
from balint_cli.render.summary import percent, unit_name, whose

_INKS = ("#2b5c95", "#356f2f", "#9a4a12", "#5e3b8a", "#7a6210", "#8a2b4a", "#2f6f6f", "#555555")
_IN_PERSON, _ONLINE, _ON_TIME = "#2b5c95", "#8fb3d9", "#356f2f"

_MOST_PHASES = 12  # the phases that run over most often, of all that do


def page(summary: Summary, choice: Choice, sizes: Sequence[int] = ()) -> str:
    """The report as one HTML page; its work in the units of sizes too, if any."""
    out = [
        *head("Balint groups: report", CSS),
        "<h1>Balint groups: report</h1>",
        f'<p class="note">{_span(summary, choice)} · made by balint on '
        f"{datetime.now():%d %b %Y}. Timings and counts only: no names, nothing said.</p>",
    ]
    if not summary.sessions:
        out += ["<p>No sessions in this report.</p>", "</body>\n</html>\n"]
        return "\n".join(out)
    out += _facts(summary, sizes)
    out += _attendance(summary)
    out += _on_time(summary)
    out += _hours(summary)
    right = _groups(summary)
    if sizes:  # under the groups, in the room their column leaves: the page stays one
        right = ["<div>", *right, *_units(summary, sizes), "</div>"]
    out += ['<div class="pair">', *_overruns(summary), *right, "</div>"]
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _span(summary: Summary, choice: Choice) -> str:
    months = _months(summary)
    since = str(choice.since) if choice.since else (months[0] if months else "")
    until = str(choice.until) if choice.until else (months[-1] if months else "")
    # A date given with no session to bound the other end is said alone, never "to ,".
    if since and until:
        said = f"From {since} to {until}"
    elif since or until:
        said = f"From {since} on" if since else f"Up to {until}"
    else:
        said = "All sessions"
    if choice.group:
        said += f", the group {escaped(choice.group)}"
    if choice.include_practice:
        said += ", practice runs included"
    if summary.pooled:
        said += f" · {whose(summary.pooled).lower()}"
    return said


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _facts(summary: Summary, sizes: Sequence[int]) -> list[str]:
    """The big figures, each with its name and what it is out of."""
    on_time = summary.on_time / summary.finished if summary.finished else None
    in_all = f"of {summary.sessions} sessions in all"
    facts = [
        ("led", str(summary.led), "Sessions led", in_all),
        ("co-led", str(summary.co_led), "Sessions co-led", in_all),
        ("cases", str(summary.cases), "Cases taken", f"in {summary.sessions} sessions"),
        ("hours", f"{summary.hours:.1f}", "Hours", _hours_said(summary, sizes)),
        ("on-time", _percent(on_time), "Ended on time",
         f"{summary.on_time} of {summary.finished} completed sessions"),
        ("attendance-rate", _percent(summary.rates.mean), "Attendance rate",
         "the share of the members enrolled who came"),
        ("in-person", str(summary.in_person), "Sessions in person", in_all),
        ("online", str(summary.online), "Sessions online", in_all),
    ]  # fmt: skip
    cells = "".join(
        f'<div class="fact" data-fact="{key}"><strong>{value}</strong><b>{name}</b>'
        f"<span>{what}</span></div>"
        for key, value, name, what in facts
    )
    return [f'<section class="facts">{cells}</section>']


def _hours_said(summary: Summary, sizes: Sequence[int]) -> str:
    """What the hours are beside: in 90-minute units, as ever, unless the units asked for
    have a table of their own."""
    if sizes:
        return f"{summary.in_person_minutes / 60:.1f} of them in person"
    return f"{units(summary.minutes, UNIT_MINUTES):.1f} units of 90 minutes"


def _months(summary: Summary) -> list[str]:
    return [month for month, _ in summary.sorted_months()]


# -- the charts ---------------------------------------------------------------------------------


def _attendance(summary: Summary) -> list[str]:
    """A line per group: the share of its members who came, month by month."""
    months = _months(summary)
    groups = [name for name, bucket in summary.sorted_groups() if bucket.rates]
    out = ['<section class="attendance">', "<h2>Attendance rate over time, per group</h2>"]
    if not groups:
        out += [
            '<p class="note">No attendance as a share of members yet: give each group its '
            "members (balint groups add NAME --members N) and its sessions an attendance.</p>",
            "</section>",
        ]
        return out
    height = 135
    ticks = [(share, f"{share:.0%}") for share in (0, 0.25, 0.5, 0.75, 1)]
    label = "Attendance rate over time, per group"
    svg = frame(months, ticks, 1.0, height, label, centred=False)
    keys = []
    for n, name in enumerate(groups):
        ink = _INKS[n % len(_INKS)]
        points = []
        for i, month in enumerate(months):
            bucket = summary.group_months.get((name, month))
            if bucket is not None and bucket.rate is not None:
                points.append((point(i, len(months)), y_at(bucket.rate, 1.0, height), month,
                               bucket.rate))  # fmt: skip
        path = " ".join(
            f"{'L' if k else 'M'}{x:.1f},{y:.1f}" for k, (x, y, *_) in enumerate(points)
        )
        svg.append(f'<path d="{path}" fill="none" stroke="{ink}" stroke-width="2"/>')
        for x, y, month, rate in points:
            svg.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{ink}" '
                f'data-group="{escaped(name or "")}" data-month="{month}" data-rate="{rate:.4f}">'
                f"<title>{escaped(name or '')}, {month}: {rate:.0%}</title></circle>"
            )
        keys.append((escaped(name or "(no label)"), ink))
    out += [*svg, "</svg>", legend(keys)]
    return [*out, "</section>"]


def _on_time(summary: Summary) -> list[str]:
    """The share of each month's completed sessions that ended on time."""
    months = _months(summary)
    stacks: list[list[tuple[float, str, str]]] = []
    values = []
    for _month, b in summary.sorted_months():
        rate = b.on_time / b.finished if b.finished else None
        stacks.append([] if rate is None else [(rate, _ON_TIME, f'data-on-time="{rate:.4f}"')])
        values.append(_percent(rate))
    height = 105
    ticks = [(share, f"{share:.0%}") for share in (0, 0.5, 1)]
    label = "Share of the completed sessions that ended on time, per month"
    out = ['<section class="on-time">', "<h2>Sessions that ended on time, per month</h2>"]
    out += frame(months, ticks, 1.0, height, label, centred=True)
    out += [*bars(months, stacks, 1.0, height, values), "</svg>"]
    out.append(
        '<p class="note">The share of each month\'s completed sessions that ended no more than '
        "a minute after their planned end; – where none was completed.</p>"
    )
    return [*out, "</section>"]


def _hours(summary: Summary) -> list[str]:
    """Hours of Balint work each month, in person and online."""
    months = _months(summary)
    stacks = []
    for _month, b in summary.sorted_months():
        here, there = (b.minutes - b.online_minutes) / 60, b.online_minutes / 60
        stacks.append([
            (here, _IN_PERSON, f'data-setting="in-person" data-hours="{here:.4f}"'),
            (there, _ONLINE, f'data-setting="online" data-hours="{there:.4f}"'),
        ])  # fmt: skip
    totals = [b.minutes / 60 for _, b in summary.sorted_months()]
    top, ticks = scale(max(totals, default=0.0))
    height = 105
    label = "Hours of Balint work per month, in person and online"
    out = ['<section class="hours">', "<h2>Hours of Balint work per month</h2>"]
    out += frame(months, [(v, f"{said} h") for v, said in ticks], top, height, label, True)
    out += [*bars(months, stacks, top, height, [f"{hours:.1f}" for hours in totals]), "</svg>"]
    out.append(legend([("in person", _IN_PERSON), ("online", _ONLINE)]))
    return [*out, "</section>"]


# -- the tables ---------------------------------------------------------------------------------


def _overruns(summary: Summary) -> list[str]:
    """The phases that ran over: how often, out of how many times the group was in them."""
    every = [o for o in summary.sorted_overruns() if o.runs and o.over]
    overs = every[:_MOST_PHASES]
    out = ['<section class="overruns">', "<h2>Which phases run over</h2>"]
    if not overs:
        none = "<p>No phase ran over (half a minute or more past its time).</p>"
        return [*out, none, "</section>"]
    rows = "".join(
        f"<tr><td>{escaped(o.title)}</td><td>{o.over} of {o.runs}</td>"
        f'<td class="share"><i style="width:{o.over / o.runs * 40:.1f}pt" '
        f'data-phase="{escaped(o.title)}" data-share="{o.over / o.runs:.4f}"></i>'
        f"{o.over / o.runs:.0%}</td><td>+{o.mean_over / 60:.1f} min</td></tr>"
        for o in overs
    )
    said = "A phase ran over when it ran half a minute or more past its time."
    if len(every) > len(overs):
        said += f" The {len(overs)} of {len(every)} that ran over most often; log summary has all."
    return [
        *out,
        "<table><thead><tr><th>phase</th><th>ran over</th><th>of its runs</th>"
        f"<th>by, on average</th></tr></thead><tbody>{rows}</tbody></table>",
        f'<p class="note">{said}</p>',
        "</section>",
    ]


def _groups(summary: Summary) -> list[str]:
    def row(name: str | None, b: Bucket) -> str:
        on_time = b.on_time / b.finished if b.finished else None
        return (
            f"<tr><td>{escaped(name or '(no label)')}</td><td>{b.sessions}</td><td>{b.cases}</td>"
            f"<td>{b.minutes / 60:.1f}</td>"
            f"<td>{'' if b.mean_attendance is None else f'{b.mean_attendance:.1f}'}</td>"
            f"<td>{_percent(b.rate)}</td><td>{_percent(on_time)}</td><td>{b.online}</td></tr>"
        )

    rows = "".join(row(name, bucket) for name, bucket in summary.sorted_groups())
    return [
        '<section class="groups">',
        "<h2>Per group</h2>",
        "<table><thead><tr><th>group</th><th>sessions</th><th>cases</th><th>hours</th>"
        "<th>attending</th><th>rate</th><th>on time</th><th>online</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>",
        "</section>",
    ]


def _units(summary: Summary, sizes: Sequence[int]) -> list[str]:
    """Balint work in each unit asked for, in all and in person."""
    minutes, here = summary.minutes, summary.in_person_minutes
    rows = "".join(
        f'<tr data-units="{size}"><td>{escaped(unit_name(size))}</td>'
        f"<td>{units(minutes, size):.1f}</td><td>{units(here, size):.1f}</td>"
        f"<td>{percent(here, minutes)}</td></tr>"
        for size in sizes
    )
    return [
        '<section class="units">',
        "<h2>Units of Balint work</h2>",
        "<table><thead><tr><th>unit</th><th>in all</th><th>in person</th><th>share</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>",
        "</section>",
    ]
