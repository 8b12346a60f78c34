"""The handout as an SVG picture: the timeline to scale, then the list of phases (no I/O)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape
from itertools import groupby

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import decimal_minutes, min_text
from balint_cli.i18n import _
from balint_cli.render.handout.common import (
    MEMBERS,
    Row,
    assurance,
    for_members,
    in_brief,
    rows,
    subtitle,
    ticks,
)

_WIDTH = 800
_PAD = 32
_INNER = _WIDTH - 2 * _PAD
_BAR = 44  # height of the timeline
_CHAR = 0.52  # average width of a character, in ems, for wrapping and fitting labels
_FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"


def page(fmt: Format, audience: str) -> str:
    """The handout as an SVG picture, for the leader or the members."""
    found = rows(fmt)
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
    lines = textwrap.wrap(inert(value, one_line=True), max(10, int(width / (size * _CHAR))))
    out = []
    for line in lines:
        y += size * 1.35
        out.append(_text(x, y, _x(line), size, extra))
    return out, y


def _fits(value: str, size: float, width: float) -> bool:
    return len(value) * size * _CHAR <= width


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
        lines, y = _wrapped(_PAD, y, assurance(), 13, _INNER)
        out += lines
        y += 8
        if fmt.ground_rules:
            out.append(_text(_PAD, y + 22, _x(_("Ground rules")), 16, ' font-weight="bold"'))
            y += 26
            for rule in fmt.ground_rules:
                lines, y = _wrapped(_PAD + 14, y, rule, 12.5, _INNER - 14)
                out.append(_text(_PAD + 2, y, "•", 12.5))  # beside the rule's last line
                out += lines
            y += 8
    return out, y


def _timeline(fmt: Format, found: Sequence[Row], y: float) -> tuple[list[str], float]:
    """Rectangles to scale, brackets naming the cases above, minute marks below."""
    total = fmt.total_minutes
    out: list[str] = []
    if fmt.cases:
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
        label = _x(group[0].case)
        middle = (left + right) / 2
        out.append(_text(middle, y - 5, label, 12, f' text-anchor="middle" fill="{ink}"'))
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
    if width >= 12:
        out.append(
            _text(x + width / 2, top + 18, str(row.number), 12, middle + ' font-weight="bold"')
        )
    if _fits(row.phase.title, 11, width - 8):
        out.append(_text(x + width / 2, top + 34, _x(row.phase.title), 11, middle))
    return out


def _phases(found: Sequence[Row], audience: str, y: float) -> tuple[list[str], float]:
    """The list of phases: number, title, case and times, then the purpose (leader) or what
    the members do (members)."""
    out = [_text(_PAD, y + 24, _x(_("The phases")), 16, ' font-weight="bold"')]
    y += 34
    for row in found:
        y += 22
        out.append(
            f'<circle cx="{_PAD + 9}" cy="{_n(y - 4)}" r="9" fill="{row.fill}" stroke="#222"/>'
        )
        out.append(_text(_PAD + 9, y, str(row.number), 10, ' text-anchor="middle"'))
        facts = " · ".join(filter(None, [row.case, row.when]))
        title = f'<tspan font-weight="bold">{_x(row.phase.title)}</tspan>'
        if _fits(f"{row.phase.title}   {facts}", 13, _INNER - 26):
            out.append(_text(_PAD + 26, y, f'{title}<tspan fill="#555">   {_x(facts)}</tspan>', 13))
        else:  # a long title gets lines of its own, and the times go below it
            bold = ' font-weight="bold"'
            lines, y = _wrapped(_PAD + 26, y - 13 * 1.35, row.phase.title, 13, _INNER - 26, bold)
            out += lines
            out.append(_text(_PAD + 26, y + 16, _x(facts), 11.5, ' fill="#555"'))
            y += 16
        said = for_members(row.phase) if audience == MEMBERS else row.phase.purpose
        if said:
            lines, y = _wrapped(_PAD + 26, y + 1, said, 11.5, _INNER - 26)
            out += lines
        y += 6
    return out, y
