"""The handout as an SVG picture: the timeline to scale, then the list of phases (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from html import escape
from itertools import groupby

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import decimal_minutes, min_text
from balint_cli.i18n import _
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
    steps,
    subtitle,
    ticks,
)
from balint_cli.render.tables import CHAR_EMS, fits, wrap_cells

_WIDTH = 800
_PAD = 32
_INNER = _WIDTH - 2 * _PAD
_BAR = 44  # height of the timeline
_FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"


def page(fmt: Format, audience: str) -> str:
    """The handout as an SVG picture, for the leader or the members."""
    found = rows(fmt, audience)
    parts = [f"<title>{_x(fmt.name)}</title>"]
    y = float(_PAD)
    lines, y = _heading(fmt, audience, y)
    parts += lines
    lines, y = _timeline(fmt, found, y)
    parts += lines
    lines, y = _phases(found, audience, y)
    parts += lines
    height = round(y + _PAD)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" font-family="{_FONT}" fill="#111" '
        'style="background:#fff">'
    )
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *parts, "</svg>\n"])


def _x(value: str) -> str:
    return escape(inert(value, one_line=True), quote=True)


def _n(value: float) -> str:
    """A coordinate, short."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, body: str, size: float, extra: str = "") -> str:
    """A line of text; body is already escaped."""
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{extra}>{body}</text>'


def _wrapped(
    x: float, y: float, value: str, size: float, width: float, extra: str = ""
) -> tuple[list[str], float]:
    """value wrapped to width, a <text> per line; and the y below it."""
    out = []
    for line in wrap_cells(inert(value, one_line=True), max(10, int(width / (size * CHAR_EMS)))):
        if not line:  # a text of spaces alone: no line at all
            continue
        y += size * 1.35
        out.append(_text(x, y, _x(line), size, extra))
    return out, y


def _heading(fmt: Format, audience: str, y: float) -> tuple[list[str], float]:
    out, y = _wrapped(_PAD, y, fmt.name, 24, _INNER, ' font-weight="bold"')
    if subtitle(audience):
        lines, y = _wrapped(_PAD, y + 4, subtitle(audience), 13, _INNER, ' font-style="italic"')
        out += lines
    if fmt.description:
        lines, y = _wrapped(_PAD, y + 6, fmt.description, 14, _INNER)
        out += lines
    out.append(_text(_PAD, y + 22, _x(in_brief(fmt)), 12, ' fill="#555"'))
    y += 30
    if audience == MEMBERS:
        out.append(_text(_PAD, y + 22, _x(_("New to the group?")), 16, ' font-weight="bold"'))
        y += 26
        for lead, sentence in newcomer(fmt):
            lines, y = _wrapped(_PAD, y + 3, f"{lead} {sentence}".strip(), 13, _INNER)
            out += lines
        y += 8
        y = _rules(fmt.ground_rules, _("Ground rules"), out, y)
        y = _rules(fmt.online_rules, online_heading(), out, y)
    return out, y


def _rules(said: Sequence[str], heading: str, out: list[str], y: float) -> float:
    """A list of rules under its heading, added to out (none if there are none); the y below."""
    if not said:
        return y
    out.append(_text(_PAD, y + 22, _x(heading), 16, ' font-weight="bold"'))
    y += 26
    for rule in said:
        lines, y = _wrapped(_PAD + 14, y, rule, 12.5, _INNER - 14)
        out.append(_text(_PAD + 2, y, "•", 12.5))  # beside the rule's last line
        out += lines
    return y + 8


def _timeline(fmt: Format, found: Sequence[Row], y: float) -> tuple[list[str], float]:
    """Rectangles to scale, brackets naming the cases above, minute marks below."""
    total = fmt.total_minutes
    out: list[str] = []
    if fmt.cases > 1:  # one case needs no bracket naming it
        y += 24
        out += _cases(found, total, y)
    top = y + 6
    for row in found:
        out += _bar(row, total, top)
    axis = top + _BAR
    out.append(f'<path d="M{_PAD} {_n(axis)}H{_PAD + _INNER}" stroke="#222" fill="none"/>')
    marks = ticks(total)
    for tick in marks:
        x = _x_of(tick, total)
        last = tick == marks[-1]
        label = min_text(tick) if last else decimal_minutes(tick)
        anchor = "end" if last and tick == total else "middle"  # keep the end inside the page
        out.append(f'<path d="M{_n(x)} {_n(axis)}v5" stroke="#222"/>')
        out.append(_text(x, axis + 18, _x(label), 11, f' text-anchor="{anchor}" fill="#444"'))
    return out, axis + 30


def _x_of(minute: float, total: float) -> float:
    return _PAD + minute / total * _INNER


def _cases(found: Sequence[Row], total: float, y: float) -> list[str]:
    """A bracket over each run of phases that belong to one case."""
    out = []
    for case, run in groupby(found, key=lambda row: row.phase.case):
        group = list(run)
        if case is None:
            continue
        left = _x_of(group[0].start, total) + 2
        right = _x_of(group[-1].start + group[-1].phase.minutes, total) - 2
        ink = group[0].ink
        out.append(
            f'<path d="M{_n(left)} {_n(y + 4)}V{_n(y)}H{_n(right)}V{_n(y + 4)}" '
            f'stroke="{ink}" stroke-width="1.5" fill="none"/>'
        )
        label = case_label(group[0], partial(fits, size=12, width=right - left - 4))
        middle = (left + right) / 2
        out.append(_text(middle, y - 5, _x(label), 12, f' text-anchor="middle" fill="{ink}"'))
    return out


def _bar(row: Row, total: float, top: float) -> list[str]:
    """One phase's rectangle, numbered, and titled where the title fits."""
    x, width = _x_of(row.start, total), row.phase.minutes / total * _INNER
    tip = _x(f"{row.number}. {row.phase.title}: {row.when}")
    out = [
        f'<rect class="phase" x="{_n(x)}" y="{_n(top)}" width="{_n(width)}" height="{_BAR}" '
        f'fill="{row.fill}" stroke="#222" stroke-width="1"><title>{tip}</title></rect>'
    ]
    middle = ' text-anchor="middle"'
    if width >= 12 and fits(str(row.number), 12, width - 2):
        out.append(
            _text(x + width / 2, top + 18, str(row.number), 12, middle + ' font-weight="bold"')
        )
    if fits(row.phase.title, 11, width - 8):
        out.append(_text(x + width / 2, top + 34, _x(row.phase.title), 11, middle))
    return out


def _phases(found: list[Row], audience: str, y: float) -> tuple[list[str], float]:
    """The list of phases: number, title, case and times, then the purpose (leader) or what
    the members do (members); a case that repeats an earlier one, on the members', in one."""
    out = [_text(_PAD, y + 24, _x(_("The phases")), 16, ' font-weight="bold"')]
    y += 34
    for step in steps(found):
        y += 22
        if isinstance(step, Repeat):
            title, facts, said, fill = step.case, step.when, step.said, step.first.fill
        else:
            title, fill = step.phase.title, step.fill
            facts = " · ".join(filter(None, [step.case, step.when]))
            said = for_members(step.phase) if audience == MEMBERS else step.phase.purpose
        badge, left = _badge(str(step.number), fill, y)
        out += badge
        width = _INNER - (left - _PAD)
        # The title set apart from the times after it, whatever its script: an Arabic or
        # Hebrew title would otherwise draw the number of minutes to its own left.
        heading = f'<tspan font-weight="bold" unicode-bidi="isolate">{_x(title)}</tspan>'
        if fits(f"{title}   {facts}", 13, width):
            out.append(_text(left, y, f'{heading}<tspan fill="#555">   {_x(facts)}</tspan>', 13))
        else:  # a long title gets lines of its own, and the times go below it
            lines, y = _wrapped(left, y - 13 * 1.35, title, 13, width, ' font-weight="bold"')
            out += lines
            out.append(_text(left, y + 16, _x(facts), 11.5, ' fill="#555"'))
            y += 16
        if said:
            lines, y = _wrapped(left, y + 1, said, 11.5, width)
            out += lines
        y += 6
    return out, y


def _badge(number: str, fill: str, y: float) -> tuple[list[str], float]:
    """A phase's number in a round badge (a rounded one for a run of them, 7–11); where the
    text beside it starts."""
    if len(number) <= 2:
        shape = f'<circle cx="{_PAD + 9}" cy="{_n(y - 4)}" r="9" fill="{fill}" stroke="#222"/>'
        width = 18.0
    else:
        width = len(number) * 6.5 + 8
        shape = (
            f'<path d="M{_PAD + 9} {_n(y - 13)}h{_n(width - 18)}a9 9 0 0 1 0 18'
            f'h-{_n(width - 18)}a9 9 0 0 1 0-18z" fill="{fill}" stroke="#222"/>'
        )
    label = _text(_PAD + width / 2, y, _x(number), 10, ' text-anchor="middle"')
    return [shape, label], _PAD + width + 8
