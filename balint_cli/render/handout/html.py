"""The handout as one self-contained HTML page that prints on A4 (no I/O): the members' on
one sheet, the leader's crib on one or two."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from html import escape
from itertools import groupby

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import decimal_minutes, min_text
from balint_cli.i18n import _, language
from balint_cli.render.handout.common import (
    MEMBERS,
    Repeat,
    Row,
    case_label,
    for_members,
    in_brief,
    newcomer,
    online_heading,
    rows,
    same_as,
    steps,
    subtitle,
    ticks,
)
from balint_cli.render.pages import a4, head
from balint_cli.render.tables import fits

# Nothing a reader reads is set below 9pt: the leader glances at the crib mid-session, at
# arm's length. The leader's cards may run onto a second sheet; the members' fit one.
_WIDTH_MM = 186  # the page's width inside its margins, and so the timeline's
_CSS = a4("10mm 12mm", f"{_WIDTH_MM}mm", "10pt/1.28", " hyphens: auto;") + "\n" + """
h1 { font-size: 17pt; line-height: 1.15; margin: 0 0 2pt; }
h2 { font-size: 11.5pt; margin: 7pt 0 3pt; padding-bottom: 1pt;
  border-bottom: 0.75pt solid #888; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 1pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0; }
ul { margin: 0; padding-left: 12pt; }
.text { white-space: pre-line; }
.description { font-size: 10.5pt; }
.subtitle { font-size: 10.5pt; font-style: italic; margin-bottom: 2pt; }
.facts { margin-top: 2pt; color: #444; }
.newcomer p { margin-bottom: 2pt; }
.rules ul { columns: 2; column-gap: 8mm; }
.rules li { margin-bottom: 1pt; break-inside: avoid; }
.rules h3 { margin-top: 4pt; }
.strip { position: relative; height: 17pt; margin: 6pt 0 0; }
.strip.cases { margin-top: 26pt; }
.bar { position: absolute; top: 0; bottom: 0; border: 0.75pt solid #222; overflow: hidden;
  text-align: center; font-size: 9pt; line-height: 15.5pt; font-weight: bold; }
.span { position: absolute; top: -15pt; height: 5pt; border: 1pt solid; border-bottom: 0;
  font-size: 9pt; line-height: 1; }
.span b { position: absolute; top: -11pt; left: 0; right: 0; text-align: center;
  font-weight: normal; white-space: nowrap; }
.axis { position: relative; height: 13pt; margin-top: 2pt; color: #444; font-size: 9pt; }
.axis span { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; }
.axis span.first { transform: none; }
.axis span.end { transform: translateX(-100%); }
.cards { columns: 2; column-gap: 7mm; font-size: 9.5pt; }
.members .cards { columns: 3; column-gap: 6mm; font-size: 9.5pt; }
.phase { margin: 0 0 6pt; padding: 0.5pt 0 0.5pt 6pt; border-left: 2.5pt solid; }
.members .phase, .phase p, .phase li { break-inside: avoid; page-break-inside: avoid; }
.when, .interventions p { break-after: avoid; page-break-after: avoid; }
.phase h3 .label { font-weight: normal; margin-left: 3pt; }
.when { font-size: 9pt; color: #444; margin-bottom: 1.5pt; }
.same { color: #444; }
.purpose, .say { margin-bottom: 2pt; }
.say { padding: 1.5pt 4pt; background: #f3f3f3; }
.interventions ul { margin-top: 0.5pt; }
.interventions { font-size: 9pt; }
.interventions li { margin-bottom: 0.5pt; }
""".strip()
# A phase narrower than this share of the strip shows no number: it would not fit.
_NUMBERED = 0.02
_STRIP_PT = _WIDTH_MM / 25.4 * 72  # the timeline's width in points, the unit of its type


def page(fmt: Format, audience: str) -> str:
    """The handout as one self-contained HTML page, for the leader or the members."""
    found = rows(fmt, audience)
    name = _h(fmt.name)
    out = [*head(fmt.name, _CSS, language(), audience), f"<header>\n<h1>{name}</h1>"]
    if subtitle(audience):
        out.append(f'<p class="subtitle">{_h(subtitle(audience))}</p>')
    if fmt.description:
        out.append(f'<p class="text description">{_h(fmt.description)}</p>')
    out += [f'<p class="facts">{_h(in_brief(fmt))}</p>', "</header>"]
    if audience == MEMBERS:
        out += _newcomer(fmt)
    out += _rules(fmt)
    out += _timeline(found, fmt.total_minutes)
    out += [f'<section class="phases">\n<h2>{_h(_("The phases"))}</h2>\n<div class="cards">']
    out += [_card(step, found) for step in steps(found)]
    out.append("</div>\n</section>\n</body>\n</html>\n")
    return "\n".join(out)


def _h(value: str) -> str:
    return escape(inert(value), quote=True)


def _newcomer(fmt: Format) -> list[str]:
    """What a newcomer needs to hear first, a short paragraph a point."""
    said = [
        f"<p>{f'<strong>{_h(lead)}</strong> ' if lead else ''}{_h(sentence)}</p>"
        for lead, sentence in newcomer(fmt)
    ]
    return ['<section class="newcomer">', f"<h2>{_h(_('New to the group?'))}</h2>", *said,
            "</section>"]  # fmt: skip


def _rules(fmt: Format) -> list[str]:
    """The ground rules, and under them the rules for meeting online."""
    out = []
    if fmt.ground_rules:
        out += [f"<h2>{_h(_('Ground rules'))}</h2>", _list(fmt.ground_rules)]
    if fmt.online_rules:
        level = "h3" if fmt.ground_rules else "h2"
        out += [f"<{level}>{_h(online_heading())}</{level}>", _list(fmt.online_rules)]
    return ['<section class="rules">', *out, "</section>"] if out else []


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f'<li class="text">{_h(item)}</li>' for item in items) + "</ul>"


def _timeline(found: Sequence[Row], total: float) -> list[str]:
    """The phases as one strip, each to scale and numbered as its card is, with the cases
    bracketed above and minute marks below; the cards give each one's times."""
    named = _cases(found, total)
    strip = '<div class="strip cases">' if named else '<div class="strip">'
    out = [f'<section class="timeline">\n<h2>{_h(_("Timeline"))}</h2>', strip]
    for row in found:
        share = row.phase.minutes / total
        number = str(row.number)
        # Its borders and a little room: a number that just fails to fit breaks over two
        # lines, and the bar shows its first digit alone.
        if share < _NUMBERED or not fits(number, 9, share * _STRIP_PT - 4):
            number = ""
        tip = _h(f"{row.number}. {row.phase.title}")
        out.append(
            f'<div class="bar" title="{tip}" style="left:{_pc(row.start, total)};'
            f'width:{_pc(row.phase.minutes, total)};background:{row.fill}">{number}</div>'
        )
    out += named
    marks = ticks(total)
    axis = []
    for tick in marks:
        end = tick == marks[-1]
        label = _h(min_text(tick)) if end else decimal_minutes(tick)
        kind = ' class="end"' if end and tick == total else ""  # kept inside the page
        kind = ' class="first"' if tick == 0 else kind
        axis.append(f'<span{kind} style="left:{_pc(tick, total)}">{label}</span>')
    return [*out, "</div>", f'<div class="axis">{"".join(axis)}</div>', "</section>"]


def _cases(found: Sequence[Row], total: float) -> list[str]:
    """A bracket over each case's phases, named, where the format has several."""
    out = []
    for case, run in groupby(found, key=lambda row: row.case):
        group = list(run)
        if not case:
            continue
        end = group[-1].start + group[-1].phase.minutes
        room = (end - group[0].start) / total * _STRIP_PT - 4  # a little space either side
        label = case_label(group[0], partial(fits, size=9, width=room))
        out.append(
            f'<div class="span" style="left:{_pc(group[0].start, total)};'
            f"width:{_pc(end - group[0].start, total)};border-color:{group[0].ink};"
            f'color:{group[0].ink}"><b>{_h(label)}</b></div>'
        )
    return out


def _pc(part: float, total: float) -> str:
    return f"{part / total * 100:.3f}%"


def _card(step: Row | Repeat, found: list[Row]) -> str:
    """A phase's card: its number, title, case and times, then what the page says of it."""
    if isinstance(step, Repeat):
        title, body = step.case, [f"<p>{_h(step.said)}</p>"]
    else:
        title, body = step.phase.title, _said(step, same_as(step, found))
    label = (
        f' <span class="label" style="color:{step.ink}">{_h(step.case)}</span>'
        if step.case and title != step.case
        else ""
    )
    return "\n".join(
        [
            f'<section class="phase" style="border-left-color:{step.ink}">',
            f"<h3>{step.number}. {_h(title)}{label}</h3>",
            f'<p class="when">{_h(step.when)}</p>',
            *body,
            "</section>",
        ]
    )


def _said(row: Row, same: Row | None) -> list[str]:
    """What a phase's card says: for the members, what they do; for the leader, the purpose,
    the words to say and the interventions; or, said already, where."""
    phase = row.phase
    if same is not None:  # said once, on one page: a second case repeats the first's words
        as_before = _("Same words as phase {number} ({title}).").format(
            number=same.number, title=same.phase.title
        )
        return [f'<p class="same">{_h(as_before)}</p>']
    if row.audience == MEMBERS:
        return [f'<p class="text">{_h(for_members(phase))}</p>'] if for_members(phase) else []
    out = []
    if phase.purpose:
        out.append(_labelled("purpose", _("Purpose:"), _h(phase.purpose)))
    if phase.prompt:
        out.append(_labelled("say", _("Say:"), _h(phase.prompt)))
    if phase.interventions:
        items = "".join(f"<li>{_h(said)}</li>" for said in phase.interventions)
        label = _h(_("Interventions:"))
        out.append(
            f'<div class="interventions"><p><strong>{label}</strong></p><ul>{items}</ul></div>'
        )
    return out


def _labelled(kind: str, label: str, body: str) -> str:
    return f'<p class="text {kind}"><strong>{_h(label)}</strong> {body}</p>'
