"""An organiser's report: one self-contained, printable HTML page with inline SVG charts.

Nothing is fetched (no scripts, fonts or images from elsewhere): the page can be attached
to a quality-improvement report as it is. Each figure a chart draws is also written on its
element (`data-...`) and in a table, so that the page can be read without the charts.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from balint_cli.logbook.summary import Bucket, Summary
from balint_cli.logbook.tallies import Choice
from balint_cli.text import inert

_INKS = ("#2b5c95", "#356f2f", "#9a4a12", "#5e3b8a", "#7a6210", "#8a2b4a", "#2f6f6f", "#555555")
_CSS = """
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 182mm; color: #111; background: #fff;
  font: 9.5pt/1.35 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
@media screen { body { padding: 12mm 6mm; } }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; padding-bottom: 1pt; border-bottom: 0.75pt solid #888;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 3pt; }
.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3pt 10pt; margin: 6pt 0; }
.fact strong { display: block; font-size: 14pt; }
.fact span { color: #444; }
section { break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin-top: 3pt; }
th, td { padding: 1.2pt 4pt; text-align: right; border-bottom: 0.5pt solid #bbb; }
th:first-child, td:first-child { text-align: left; }
svg { display: block; width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 10pt; }
.legend i { display: inline-block; width: 9pt; height: 3pt; margin-right: 3pt;
  vertical-align: middle; }
.note { color: #444; font-size: 8.5pt; }
""".strip()

_W, _H, _PAD = 640, 200, 36  # a chart's size and its margin for labels


def page(summary: Summary, choice: Choice) -> str:
    """The report as one HTML page."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Balint groups: report</title>\n<style>\n{_CSS}\n</style>\n</head>",
        "<body>",
        "<h1>Balint groups: report</h1>",
        f'<p class="note">{_span(summary, choice)} · made by balint on '
        f"{datetime.now():%d %b %Y}. Timings and counts only: no names, nothing said.</p>",
    ]
    if not summary.sessions:
        out += ["<p>No sessions in this report.</p>", "</body>\n</html>\n"]
        return "\n".join(out)
    out += _facts(summary)
    out += _attendance(summary)
    out += _on_time(summary)
    out += _hours(summary)
    out += _overruns(summary)
    out += _groups(summary)
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _h(value: str) -> str:
    return escape(inert(value, one_line=True), quote=True)


def _span(summary: Summary, choice: Choice) -> str:
    months = [month for month, _ in summary.sorted_months()]
    since = str(choice.since) if choice.since else (months[0] if months else "")
    until = str(choice.until) if choice.until else (months[-1] if months else "")
    said = f"From {since} to {until}" if since else "All sessions"
    if choice.group:
        said += f", the group {_h(choice.group)}"
    if choice.include_practice:
        said += ", practice runs included"
    return said


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _facts(summary: Summary) -> list[str]:
    on_time = summary.on_time / summary.finished if summary.finished else None
    facts = [
        ("sessions", str(summary.sessions), f"{summary.cases} cases taken"),
        ("hours", f"{summary.hours:.1f}", f"{summary.units:.1f} units of 90 minutes"),
        ("on-time", _percent(on_time), f"{summary.on_time} of {summary.finished} completed"),
        ("attendance-rate", _percent(summary.rates.mean), "of the members enrolled came"),
        ("in-person", str(summary.in_person), "sessions in person"),
        ("online", str(summary.online), "sessions online"),
    ]
    cells = "".join(
        f'<div class="fact" data-fact="{key}"><strong>{value}</strong><span>{what}</span></div>'
        for key, value, what in facts
    )
    return [f'<section class="facts">{cells}</section>']


def _months(summary: Summary) -> list[str]:
    return [month for month, _ in summary.sorted_months()]


def _x(i: int, count: int) -> float:
    if count <= 1:
        return _PAD + (_W - 2 * _PAD) / 2
    return _PAD + i * (_W - 2 * _PAD) / (count - 1)


def _y(share: float) -> float:
    return _H - _PAD + (2 * _PAD - _H) * min(max(share, 0.0), 1.0)


def _axes(months: list[str], label: str) -> list[str]:
    out = [f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-label="{label}">']
    for share in (0, 0.25, 0.5, 0.75, 1):
        y = _y(share)
        out.append(
            f'<line x1="{_PAD}" x2="{_W - _PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{_PAD - 4}" y="{y + 3:.1f}" font-size="9" text-anchor="end" '
            f'fill="#444">{share:.0%}</text>'
        )
    step = max(1, len(months) // 12)
    for i, month in enumerate(months):
        if i % step == 0 or i == len(months) - 1:
            out.append(
                f'<text x="{_x(i, len(months)):.1f}" y="{_H - _PAD + 14}" font-size="9" '
                f'text-anchor="middle" fill="#444">{month}</text>'
            )
    return out


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
    svg = _axes(months, "Attendance rate over time, per group")
    legend = []
    for n, name in enumerate(groups):
        ink = _INKS[n % len(_INKS)]
        points = []
        for i, month in enumerate(months):
            bucket = summary.group_months.get((name, month))
            if bucket is not None and bucket.rate is not None:
                points.append((i, bucket.rate, month))
        path = " ".join(
            f"{'M' if k == 0 else 'L'}{_x(i, len(months)):.1f},{_y(rate):.1f}"
            for k, (i, rate, _m) in enumerate(points)
        )
        svg.append(f'<path d="{path}" fill="none" stroke="{ink}" stroke-width="2"/>')
        for i, rate, month in points:
            svg.append(
                f'<circle cx="{_x(i, len(months)):.1f}" cy="{_y(rate):.1f}" r="3" fill="{ink}" '
                f'data-group="{_h(name or "")}" data-month="{month}" data-rate="{rate:.4f}"/>'
            )
        legend.append(f'<span><i style="background:{ink}"></i>{_h(name or "(no label)")}</span>')
    out += [*svg, "</svg>", f'<p class="legend">{"".join(legend)}</p>', "</section>"]
    return out


def _bars(
    months: list[str], values: list[float], most: float, ink: str, key: str, label: str
) -> list[str]:
    svg = [f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-label="{label}">']
    count = max(len(months), 1)
    width = (_W - 2 * _PAD) / count
    for i, (month, value) in enumerate(zip(months, values, strict=True)):
        height = (_H - 2 * _PAD) * (value / most if most else 0)
        x = _PAD + i * width + width * 0.15
        svg.append(
            f'<rect x="{x:.1f}" y="{_H - _PAD - height:.1f}" width="{width * 0.7:.1f}" '
            f'height="{height:.1f}" fill="{ink}" data-month="{month}" data-{key}="{value:.4f}"/>'
        )
    step = max(1, len(months) // 12)
    for i, month in enumerate(months):
        if i % step == 0:
            svg.append(
                f'<text x="{_PAD + (i + 0.5) * width:.1f}" y="{_H - _PAD + 14}" font-size="9" '
                f'text-anchor="middle" fill="#444">{month}</text>'
            )
    return [*svg, "</svg>"]


def _on_time(summary: Summary) -> list[str]:
    months = _months(summary)
    rates = [b.on_time / b.finished if b.finished else 0.0 for _, b in summary.sorted_months()]
    out = ['<section class="on-time">', "<h2>Sessions that ended on time, per month</h2>"]
    out += _bars(months, rates, 1.0, "#356f2f", "on-time", "On-time rate per month")
    out.append(
        '<p class="note">A session ended on time when it ended within a minute of its '
        "planned end.</p>"
    )
    return [*out, "</section>"]


def _hours(summary: Summary) -> list[str]:
    months = _months(summary)
    hours = [b.minutes / 60 for _, b in summary.sorted_months()]
    rows = "".join(
        f"<tr><td>{month}</td><td>{b.sessions}</td><td>{b.minutes / 60:.1f}</td>"
        f"<td>{b.sessions - b.online}</td><td>{b.online}</td></tr>"
        for month, b in summary.sorted_months()
    )
    out = ['<section class="hours">', "<h2>Hours of Balint work, and in person or online</h2>"]
    out += _bars(months, hours, max(hours, default=0.0), "#2b5c95", "hours", "Hours per month")
    out.append(
        "<table><thead><tr><th>month</th><th>sessions</th><th>hours</th><th>in person</th>"
        f"<th>online</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return [*out, "</section>"]


def _overruns(summary: Summary) -> list[str]:
    overs = [o for o in summary.sorted_overruns() if o.runs]
    out = ['<section class="overruns">', "<h2>Which phases run over</h2>"]
    if not any(o.over for o in overs):
        none = "<p>No phase ran over (half a minute or more past its time).</p>"
        return [*out, none, "</section>"]
    shown = [o for o in overs if o.over][:12]
    height = 18 * len(shown) + 10
    svg = [f'<svg viewBox="0 0 {_W} {height}" role="img" aria-label="Phases that run over">']
    for i, o in enumerate(shown):
        share = o.over / o.runs
        y = 5 + i * 18
        width = (_W - 260) * share
        svg.append(
            f'<text x="0" y="{y + 11}" font-size="10">{_h(o.title)}</text>'
            f'<rect x="180" y="{y}" width="{width:.1f}" height="13" fill="#9a4a12" '
            f'data-phase="{_h(o.title)}" data-share="{share:.4f}"/>'
            f'<text x="{184 + width:.1f}" y="{y + 11}" font-size="10">{o.over} of {o.runs}, '
            f"+{o.mean_over / 60:.1f} min</text>"
        )
    return [*out, *svg, "</svg>", "</section>"]


def _groups(summary: Summary) -> list[str]:
    def row(name: str | None, b: Bucket) -> str:
        on_time = b.on_time / b.finished if b.finished else None
        return (
            f"<tr><td>{_h(name or '(no label)')}</td><td>{b.sessions}</td><td>{b.cases}</td>"
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
