"""Handouts of a format: Markdown, a printable HTML page and an SVG picture (no I/O)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import accumulate, groupby
from pathlib import Path

from balint_cli.errors import BadInput
from balint_cli.formats import Format, Phase
from balint_cli.text import inert
from balint_cli.views import cells, in_brief, minutes

# Light fills keep black labels readable and print as pale greys in black and white; the ink
# of each pair marks the same case where a fill would be too faint (borders, labels).
_COLOURS = (
    ("#e3e3e3", "#666666"),  # opening and closing
    ("#cadcf2", "#2b5c95"),
    ("#cfe8cb", "#356f2f"),
    ("#f4d8c2", "#9a4a12"),
    ("#e1d3ef", "#5e3b8a"),
    ("#f1e4ad", "#7a6210"),
)


_KINDS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".svg": "svg"}


def kind_for(kind: str | None, output: Path | None) -> str:
    """What to make: as asked, else as the output's name says (.md, .html, .svg), else md.

    Asked for one kind into a file named for another, it is refused: an .svg file holding
    HTML would open as nothing at all.
    """
    named = _KINDS.get(output.suffix.lower()) if output is not None else None
    if kind is None:
        return named or "md"
    if named is not None and kind in _KINDS.values() and named != kind:
        assert output is not None
        raise BadInput(
            f"--format {kind} does not match {inert(output.name, one_line=True)}, whose name "
            f"says {named}; name the file .{kind}, or leave --format out."
        )
    return kind


def render(fmt: Format, kind: str) -> str:
    """The handout of fmt as kind: md, html or svg."""
    makers: dict[str, Callable[[Format], str]] = {"md": markdown, "html": html, "svg": svg}
    if kind not in makers:
        raise BadInput(f"--format must be md, html or svg, not '{inert(kind, one_line=True)}'.")
    return makers[kind](fmt)


@dataclass(frozen=True)
class _Row:
    """A phase with its place in the session."""

    number: int
    phase: Phase
    start: float  # minutes from the beginning

    @property
    def case(self) -> str:
        return f"Case {self.phase.case}" if self.phase.case is not None else ""

    @property
    def fill(self) -> str:
        return _colours(self.phase)[0]

    @property
    def ink(self) -> str:
        return _colours(self.phase)[1]

    @property
    def when(self) -> str:
        start, end = minutes(self.start), minutes(self.start + self.phase.minutes)
        moves = "; moves on by itself" if self.phase.at_zero == "next" else ""
        return f"{minutes(self.phase.minutes)} min, from minute {start} to {end}{moves}"


def _rows(fmt: Format) -> list[_Row]:
    # The running total, from 0: one value more than there are phases (the end), left unzipped.
    starts = accumulate((phase.minutes for phase in fmt.phases), initial=0.0)
    return [_Row(i + 1, p, s) for i, (p, s) in enumerate(zip(fmt.phases, starts, strict=False))]


def _colours(phase: Phase) -> tuple[str, str]:
    if phase.case is None:
        return _COLOURS[0]
    return _COLOURS[1 + (phase.case - 1) % (len(_COLOURS) - 1)]


def _ticks(total: float) -> list[float]:
    """Round minute marks for a scale: a handful, from 0 to the end."""
    step = next((s for s in (1, 2, 5, 10, 15, 30, 60) if total / s <= 9), 120)
    marks = [float(k * step) for k in range(int(total // step) + 1)]
    if total - marks[-1] >= step / 2:  # closer than that, the end's label would collide
        marks.append(total)
    return marks


# Markdown ----------------------------------------------------------------------------------

_MD_WIDTH = 60  # cells of the timeline: fits a code block on a page or a narrow slide
_MD_INLINE = re.compile(r"[\\`*_\[\]|~]")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")  # "1. " would start a list
_MD_BLOCK = re.compile(r"^[#+=-]")  # headings, lists, rules, underlines


def markdown(fmt: Format) -> str:
    """The handout as Markdown: a to-scale timeline, then each phase's purpose and prompt."""
    rows = _rows(fmt)
    out = [f"# {_md(fmt.name)}", ""]
    if fmt.description:
        out += [*_md_lines(fmt.description), ""]
    out += [f"*{in_brief(fmt)}*", ""]
    if fmt.ground_rules:
        out += ["## Ground rules", "", *(f"- {_md(rule)}" for rule in fmt.ground_rules), ""]
    out += ["## Timeline", "", *_md_timeline(rows, fmt.total_minutes), ""]
    out += [*_md_table(rows), "", "## The phases", ""]
    for row in rows:
        out += _md_phase(row)
    return "\n".join(out).rstrip("\n") + "\n"


def _md(value: str) -> str:
    """Text from the format as one line that Markdown shows literally."""
    line = escape(" ".join(inert(value, one_line=True).split()), quote=False)
    line = _MD_INLINE.sub(r"\\\g<0>", line)
    line = _MD_ORDERED.sub(r"\1\\\2", line)
    return _MD_BLOCK.sub(r"\\\g<0>", line)


def _md_lines(value: str) -> list[str]:
    """A paragraph from the format, its line breaks kept, shown literally."""
    return [_md(line) for line in value.splitlines()]


def _md_timeline(rows: Sequence[_Row], total: float) -> list[str]:
    """A bar per phase in a code block, whose fixed-width font keeps them to scale."""
    sizes = cells([row.phase.minutes for row in rows], _MD_WIDTH)
    lines = ["```text", "min " + _ruler(total, sum(sizes))]
    offsets = accumulate(sizes, initial=0)
    for row, size, offset in zip(rows, sizes, offsets, strict=False):
        lines.append(f"{row.number:>3} " + " " * offset + "█" * size)
    return [*lines, "```"]


def _ruler(total: float, width: int) -> str:
    """Minute marks placed where they fall on a bar `width` cells long."""
    line = ""
    for tick in _ticks(total):
        at = round(tick / total * width)
        if line and at <= len(line):
            continue
        line = line.ljust(at) + minutes(tick)
    return line


def _md_table(rows: Sequence[_Row]) -> list[str]:
    lines = ["| # | Phase | Case | Length | Starts at |", "|--:|:--|:--|--:|--:|"]
    for row in rows:
        cols = [str(row.number), _md(row.phase.title), row.case]
        cols += [f"{minutes(row.phase.minutes)} min", f"{minutes(row.start)} min"]
        lines.append("| " + " | ".join(cols) + " |")
    return lines


def _md_phase(row: _Row) -> list[str]:
    phase = row.phase
    heading = f"### {row.number}. {_md(phase.title)}" + (f" · {row.case}" if row.case else "")
    out = [heading, "", f"*{row.when}*", ""]
    if phase.purpose:
        out += ["**Purpose:** " + "\n".join(_md_lines(phase.purpose)), ""]
    if phase.prompt:
        out += ["**The leader says:**", ""]
        out += [f"> {line}".rstrip() for line in _md_lines(phase.prompt)] + [""]
    if phase.interventions:
        out += ["**If it drifts:**", "", *(f"- {_md(said)}" for said in phase.interventions), ""]
    return out


# HTML --------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 186mm; color: #111; background: #fff;
  font: 8.5pt/1.28 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
@media screen { body { padding: 12mm 6mm; } }
h1 { font-size: 16pt; line-height: 1.15; margin: 0 0 2pt; }
h2 { font-size: 10.5pt; margin: 6pt 0 3pt; padding-bottom: 1pt;
  border-bottom: 0.75pt solid #888; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 9pt; margin: 0 0 1pt; break-after: avoid; }
p { margin: 0; }
.text { white-space: pre-line; }
.description { font-size: 9.5pt; }
.facts { margin-top: 2pt; color: #444; }
.rules ul { margin: 0; padding-left: 12pt; columns: 2; column-gap: 8mm; }
.rules li { margin-bottom: 0.5pt; break-inside: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8pt; }
th, td { padding: 0.6pt 4pt; text-align: left; vertical-align: middle;
  border-bottom: 0.5pt solid #bbb; }
tr { break-inside: avoid; page-break-inside: avoid; }
.n { width: 4%; text-align: right; }
.title { width: 25%; }
.case { width: 8%; }
.num { width: 10%; text-align: right; }
.track { width: 43%; padding-left: 8pt; padding-right: 10pt; }
.bar { height: 7.5pt; border: 0.75pt solid #222; }
.axis { position: relative; height: 1.2em; font-weight: normal; color: #444; }
.axis span { position: absolute; top: 0; transform: translateX(-50%); }
.cards { columns: 3; column-gap: 5mm; font-size: 7.8pt; }
.phase { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4pt;
  padding: 0.5pt 0 0.5pt 5pt; border-left: 2.5pt solid; }
.phase h3 .label { font-weight: normal; font-size: 8pt; margin-left: 3pt; }
.when { font-size: 7.2pt; color: #444; margin-bottom: 1pt; }
.same { color: #444; }
.purpose { margin-bottom: 1.5pt; }
.prompt { font-style: italic; }
""".strip()


def html(fmt: Format) -> str:
    """The handout as one self-contained HTML page that prints on A4."""
    rows = _rows(fmt)
    name = _h(fmt.name)
    out = [
        "<!DOCTYPE html>",
        "<html>",
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{name}</title>\n<style>\n{_CSS}\n</style>\n</head>",
        f"<body>\n<header>\n<h1>{name}</h1>",
    ]
    if fmt.description:
        out.append(f'<p class="text description">{_h(fmt.description)}</p>')
    out.append(f'<p class="facts">{in_brief(fmt)}</p>\n</header>')
    if fmt.ground_rules:
        items = "".join(f'<li class="text">{_h(rule)}</li>' for rule in fmt.ground_rules)
        out.append(f'<section class="rules">\n<h2>Ground rules</h2>\n<ul>{items}</ul>\n</section>')
    out += _html_timeline(rows, fmt.total_minutes)
    out += ['<section class="phases">\n<h2>The phases</h2>\n<div class="cards">']
    out += [_html_phase(row, _same_as(row, rows)) for row in rows]
    out.append("</div>\n</section>\n</body>\n</html>\n")
    return "\n".join(out)


def _h(value: str) -> str:
    return escape(inert(value), quote=True)


def _html_timeline(rows: Sequence[_Row], total: float) -> list[str]:
    """A table of the phases, each with a bar placed and sized to scale."""
    axis = "".join(
        f'<span style="left:{_pc(tick, total)}">{minutes(tick)}</span>' for tick in _ticks(total)
    )
    head = (
        '<tr><th class="n">#</th><th class="title">Phase</th><th class="case">Case</th>'
        '<th class="num">Length</th><th class="num">Starts</th>'
        f'<th class="track"><div class="axis">{axis}</div></th></tr>'
    )
    out = ['<section class="timeline">\n<h2>Timeline</h2>', f"<table>\n<thead>{head}</thead>"]
    out.append("<tbody>")
    for row in rows:
        bar = (
            f'<div class="bar" style="margin-left:{_pc(row.start, total)};'
            f'width:{_pc(row.phase.minutes, total)};background:{row.fill}"></div>'
        )
        out.append(
            f'<tr><td class="n">{row.number}</td><td>{_h(row.phase.title)}</td>'
            f'<td style="color:{row.ink}">{row.case}</td>'
            f'<td class="num">{minutes(row.phase.minutes)} min</td>'
            f'<td class="num">{minutes(row.start)} min</td><td class="track">{bar}</td></tr>'
        )
    return [*out, "</tbody>\n</table>\n</section>"]


def _pc(part: float, total: float) -> str:
    return f"{part / total * 100:.3f}%"


def _same_as(row: _Row, rows: Sequence[_Row]) -> _Row | None:
    """An earlier phase with the same title, purpose and prompt (a second case's), if any."""
    phase = row.phase
    for earlier in rows[: row.number - 1]:
        other = earlier.phase
        if (other.title, other.purpose, other.prompt) == (phase.title, phase.purpose, phase.prompt):
            return earlier
    return None


def _html_phase(row: _Row, same: _Row | None = None) -> str:
    phase = row.phase
    label = f'<span class="label" style="color:{row.ink}">{row.case}</span>' if row.case else ""
    out = [
        f'<section class="phase" style="border-left-color:{row.ink}">',
        f"<h3>{row.number}. {_h(phase.title)}{label}</h3>",
        f'<p class="when">{row.when}</p>',
    ]
    if same is not None:  # said once, on one page: a second case repeats the first's words
        out.append(f'<p class="same">As {same.number}, {_h(same.phase.title)}.</p>')
        return "\n".join([*out, "</section>"])
    if phase.purpose:
        out.append(f'<p class="text purpose"><strong>Purpose:</strong> {_h(phase.purpose)}</p>')
    if phase.prompt:
        out.append(f'<p class="text prompt">{_h(phase.prompt)}</p>')
    return "\n".join([*out, "</section>"])


# SVG ---------------------------------------------------------------------------------------

_SVG_WIDTH = 800
_PAD = 32
_INNER = _SVG_WIDTH - 2 * _PAD
_BAR = 44  # height of the timeline
_CHAR = 0.52  # average width of a character, in ems, for wrapping and fitting labels
_FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"


def svg(fmt: Format) -> str:
    """The handout as an SVG picture: the timeline to scale, then the list of phases."""
    rows = _rows(fmt)
    parts = [f"<title>{_x(fmt.name)}</title>"]
    y = float(_PAD)
    for section in (_svg_heading, _svg_timeline, _svg_phases):
        lines, y = section(fmt, rows, y)
        parts += lines
    height = round(y + _PAD)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SVG_WIDTH} {height}" '
        f'width="{_SVG_WIDTH}" height="{height}" font-family="{_FONT}" fill="#111" '
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


def _svg_heading(fmt: Format, rows: Sequence[_Row], y: float) -> tuple[list[str], float]:
    out, y = _wrapped(_PAD, y, fmt.name, 24, _INNER, ' font-weight="bold"')
    if fmt.description:
        lines, y = _wrapped(_PAD, y + 6, fmt.description, 14, _INNER)
        out += lines
    out.append(_text(_PAD, y + 22, in_brief(fmt), 12, ' fill="#555"'))
    return out, y + 30


def _svg_timeline(fmt: Format, rows: Sequence[_Row], y: float) -> tuple[list[str], float]:
    """Rectangles to scale, brackets naming the cases above, minute marks below."""
    total = fmt.total_minutes
    out: list[str] = []
    if fmt.cases:
        y += 24
        out += _svg_cases(rows, total, y)
    top = y + 6
    for row in rows:
        out += _svg_bar(row, total, top)
    axis = top + _BAR
    out.append(f'<path d="M{_PAD} {_n(axis)}H{_PAD + _INNER}" stroke="#222" fill="none"/>')
    marks = _ticks(total)
    for tick in marks:
        x = _x_of(tick, total)
        last = tick == marks[-1]
        label = minutes(tick) + (" min" if last else "")
        anchor = "end" if last and tick == total else "middle"  # keep the end inside the page
        out.append(f'<path d="M{_n(x)} {_n(axis)}v5" stroke="#222"/>')
        out.append(_text(x, axis + 18, label, 11, f' text-anchor="{anchor}" fill="#444"'))
    return out, axis + 30


def _x_of(minute: float, total: float) -> float:
    return _PAD + minute / total * _INNER


def _svg_cases(rows: Sequence[_Row], total: float, y: float) -> list[str]:
    """A bracket over each run of phases that belong to one case."""
    out = []
    for case, run in groupby(rows, key=lambda row: row.phase.case):
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


def _svg_bar(row: _Row, total: float, top: float) -> list[str]:
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


def _svg_phases(fmt: Format, rows: Sequence[_Row], y: float) -> tuple[list[str], float]:
    """The list of phases: number, title, case and times, then the purpose."""
    out = [_text(_PAD, y + 24, "The phases", 16, ' font-weight="bold"')]
    y += 34
    for row in rows:
        y += 22
        out.append(
            f'<circle cx="{_PAD + 9}" cy="{_n(y - 4)}" r="9" fill="{row.fill}" stroke="#222"/>'
        )
        out.append(_text(_PAD + 9, y, str(row.number), 10, ' text-anchor="middle"'))
        facts = " · ".join(filter(None, [row.case, row.when]))
        title = f'<tspan font-weight="bold">{_x(row.phase.title)}</tspan>'
        if _fits(f"{row.phase.title}   {facts}", 13, _INNER - 26):
            out.append(_text(_PAD + 26, y, f'{title}<tspan fill="#555">   {facts}</tspan>', 13))
        else:  # a long title gets lines of its own, and the times go below it
            bold = ' font-weight="bold"'
            lines, y = _wrapped(_PAD + 26, y - 13 * 1.35, row.phase.title, 13, _INNER - 26, bold)
            out += lines
            out.append(_text(_PAD + 26, y + 16, facts, 11.5, ' fill="#555"'))
            y += 16
        if row.phase.purpose:
            lines, y = _wrapped(_PAD + 26, y + 1, row.phase.purpose, 11.5, _INNER - 26)
            out += lines
        y += 6
    return out, y
