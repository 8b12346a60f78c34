"""A leader's progress towards accreditation on one printable A4 page, for a portfolio (no
I/O): the verdict, a row per rule as `log progress` says it, the sessions of each month
against the rule of regularity, and where the requirements were read. Self-contained, as
every page of balint's is (pages.py): nothing is fetched."""

from __future__ import annotations

from datetime import datetime

from balint_cli.logbook.tallies import Month
from balint_cli.render.pages import (
    CSS,
    LEFT,
    RIGHT,
    W,
    bars,
    escaped,
    frame,
    head,
    legend,
    scale,
    slot,
    y_at,
)
from balint_cli.render.progress import MET, left, needed, period, requirement, shown, title
from balint_cli.requirements.measures import month_name, month_number
from balint_cli.requirements.progress import Check, Standing

_LED, _CO_LED, _GAP, _RULE = "#2b5c95", "#8fb3d9", "#b3261e", "#9a4a12"
# The rules of regularity: a month counts when it has a session.
_REGULAR = ("consecutive-months", "months-with-sessions")
_CSS = """
.level { font-size: 11pt; margin: 0 0 3pt; }
.verdict { font-size: 11.5pt; font-weight: bold; margin: 5pt 0 2pt; }
table.rules td, table.rules th { white-space: normal; vertical-align: top; text-align: left; }
table.rules td.n, table.rules th.n { text-align: right; white-space: nowrap; }
table.rules td.met { text-align: center; font-weight: bold; width: 6mm; }
table.rules tr.unseen td { color: #444; }
table.rules small { display: block; color: #444; font-size: 7.2pt; line-height: 1.25; }
.sources { font-size: 7.2pt; color: #444; overflow-wrap: anywhere; }
.sources p { margin: 0; }
"""


def page(check: Check) -> str:
    """The page, whole."""
    requirements = check.requirements
    out = [
        *head(f"Progress towards {title(requirements)}", f"{CSS}\n{_CSS.strip()}"),
        "<h1>Progress towards accreditation</h1>",
        f'<p class="level">{escaped(requirements.body)}: {escaped(requirements.level)}</p>',
        f'<p class="note">{escaped(period(check))} · made by balint on '
        f"{datetime.now():%d %b %Y}. Timings and counts only: no names, nothing said.</p>",
        f'<p class="verdict" data-met="{check.verdict.met}">{escaped(check.verdict.sentence)}</p>',
        *_rules(check.standings),
        *_months(check),
        *_sources(check),
        "</body>\n</html>\n",
    ]
    return "\n".join(out)


def _rules(standings: list[Standing]) -> list[str]:
    """A row per rule: what it asks, what is needed, what the logs show, what is left."""
    rows = []
    for standing in standings:
        more = [standing.detail, " ".join(standing.rule.note.split())]
        said = escaped(requirement(standing)) + "".join(
            f"<small>{escaped(line)}</small>" for line in more if line
        )
        kind = ' class="unseen"' if not standing.rule.recorded else ""
        met = "" if standing.met is None else f' data-met="{str(standing.met).lower()}"'
        if standing.rule.recorded:
            cells = (
                f"<td>{escaped(needed(standing))}</td>"
                f'<td class="n">{escaped(shown(standing))}</td>'
                f'<td class="n">{escaped(left(standing))}</td>'
                f'<td class="met">{MET if standing.met else ""}</td>'
            )
        else:
            cells = f'<td colspan="4">{escaped(shown(standing))}</td>'
        rows.append(
            f'<tr{kind} data-measure="{escaped(standing.rule.measure)}"{met}>'
            f"<td>{said}</td>{cells}</tr>"
        )
    return [
        '<section class="rules">',
        '<table class="rules"><thead><tr><th>requirement</th><th>needed</th>'
        '<th class="n">the logs show</th><th class="n">left</th><th>met</th></tr></thead>',
        f"<tbody>{''.join(rows)}</tbody></table>",
        "</section>",
    ]


def _months(check: Check) -> list[str]:
    """The sessions of each month, led and co-led, against the rule of regularity if the
    body has one: a line at one session, and each month without a session marked."""
    out = ['<section class="months">', "<h2>Sessions per month</h2>"]
    if not check.sessions:
        return [*out, "<p>No sessions in these dates yet.</p>", "</section>"]
    names, held = _every_month(check)
    rule = next((s for s in check.standings if s.rule.measure in _REGULAR), None)
    top, ticks = scale(max(4, *(m.sessions for m in held)))
    height = 120
    stacks: list[list[tuple[float, str, str]]] = [
        [
            (m.led, _LED, f'data-led="{m.led}"'),
            (m.co_led, _CO_LED, f'data-co-led="{m.co_led}"'),
        ]
        for m in held
    ]
    values = [str(m.sessions) if m.sessions else "" for m in held]
    label = "Sessions per month, led and co-led"
    svg = frame(names, [(v, said) for v, said in ticks], top, height, label, centred=True)
    svg += bars(names, stacks, top, height, values)
    keys = [("led", _LED), ("co-led", _CO_LED)]
    if rule is not None:
        svg += _regularity(names, held, top, height)
        keys += [("one a month (the rule of regularity)", _RULE), ("a month without", _GAP)]
    out += [*svg, "</svg>", legend(keys)]
    if rule is not None:
        out.append(
            f'<p class="note">{escaped(requirement(rule))} Asked: {escaped(needed(rule))}; '
            f"the logs show {escaped(shown(rule))}.</p>"
        )
    return [*out, "</section>"]


def _every_month(check: Check) -> tuple[list[str], list[Month]]:
    """Each month from the first counted to the period's end (or the last session's, if
    later), with or without sessions."""
    by_name = {m.month: m for m in check.months}
    first = month_number(check.months[0].month)
    if check.period.since is not None:
        first = min(first, month_number(check.period.since.isoformat()[:7]))
    last = max(month_number(check.period.until.isoformat()[:7]), month_number(max(by_name)))
    names = [month_name(n) for n in range(first, last + 1)]
    return names, [by_name.get(name, Month(name)) for name in names]


def _regularity(names: list[str], held: list[Month], top: float, height: int) -> list[str]:
    """A dashed line at one session a month, and a mark under each month without one."""
    y = y_at(1, top, height)
    out = [
        f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{_RULE}" stroke-width="1.2" stroke-dasharray="5 3" data-rule="1"/>'
    ]
    width = (W - LEFT - RIGHT) / len(names)
    base = y_at(0, top, height)
    for i, (name, month) in enumerate(zip(names, held, strict=True)):
        if not month.sessions:
            x = slot(i, len(names)) - width * 0.35
            out.append(
                f'<rect x="{x:.1f}" y="{base - 2.5:.1f}" width="{width * 0.7:.1f}" height="2.5" '
                f'fill="{_GAP}" data-month="{name}" data-gap="1"/>'
            )
    return out


def _sources(check: Check) -> list[str]:
    """Where the requirements were read, and what their file says of them."""
    requirements = check.requirements
    whose = "your own file" if check.source == "yours" else "the file shipped with balint"
    out = [
        '<section class="sources">',
        "<h2>Where these requirements come from</h2>",
        f"<p>Read on {requirements.read} ({whose}, {escaped(check.name)}) from:</p>",
        *(f"<p>{escaped(address)}</p>" for address in requirements.sources),
    ]
    if requirements.note.strip():
        out.append(f"<p>{escaped(' '.join(requirements.note.split()))}</p>")
    return [*out, "</section>"]
