"""What balint's printable HTML pages share: an A4 page's style, text from a file or a user
made safe, and inline SVG charts (a bar or a point a month, with a scale and a legend).

Nothing is fetched: no scripts, fonts or images from elsewhere. Each figure a chart draws is
also written on its element (`data-...`), and the months under it are named.
"""

from __future__ import annotations

import math
from html import escape

from balint_cli.core.text import inert


def a4(margin: str, width: str, font: str, body: str = "") -> str:
    """The first rules of every printable page: A4 with its margins, colours printed as they
    are, the body's width and type (and any more of the body's rules), a margin on screen.

    A word too long for its line or column (a format's, a group's) is broken rather than
    run off the paper or over the next column."""
    return (
        f"@page {{ size: A4; margin: {margin}; }}\n"
        "* { box-sizing: border-box; }\n"
        "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
        f"body {{ margin: 0 auto; max-width: {width}; color: #111; background: #fff;{body}\n"
        "  overflow-wrap: break-word;\n"
        f'  font: {font} "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }}\n'
        "@media screen { body { padding: 12mm 6mm; } }"
    )


CSS = a4("12mm 14mm", "182mm", "9pt/1.3") + "\n" + """
h1 { font-size: 16pt; margin: 0 0 2pt; }
h2 { font-size: 10.5pt; margin: 8pt 0 3pt; padding-bottom: 1pt; border-bottom: 0.75pt solid #888;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2pt; }
.facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4pt 10pt; margin: 6pt 0 2pt; }
.fact strong { display: block; font-size: 15pt; line-height: 1.1; }
.fact b { display: block; font-size: 8.5pt; }
.fact span { display: block; color: #444; font-size: 8pt; }
section { break-inside: avoid; page-break-inside: avoid; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12pt; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; margin-top: 2pt; }
th, td { padding: 0.8pt 3pt; text-align: right; border-bottom: 0.5pt solid #bbb; }
td + td { white-space: nowrap; }
th { vertical-align: bottom; }
th:first-child, td:first-child { text-align: left; min-width: 26mm; }
td.share { text-align: left; white-space: nowrap; }
td.share i { display: inline-block; height: 6pt; margin-right: 3pt; vertical-align: -0.5pt;
  background: #9a4a12; }
svg { display: block; width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 10pt; }
.legend i { display: inline-block; width: 9pt; height: 6pt; margin-right: 3pt;
  vertical-align: middle; }
.note { color: #444; font-size: 8pt; }
""".strip()

W = 640  # a chart's width; its height is its own
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 14, 18  # margins for the scale, values and months
TEXT = 'font-size="9" fill="#444"'


def head(title: str, css: str, lang: str = "en", body_class: str = "") -> list[str]:
    """A page's first lines, to its <body>: its language, its title and its style, inline."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escaped(title)}</title>\n<style>\n{css}\n</style>\n</head>",
        f'<body class="{body_class}">' if body_class else "<body>",
    ]


def escaped(value: str) -> str:
    """Text from a file or a user, on one line, as HTML shows it literally."""
    return escape(inert(value, one_line=True), quote=True)


def legend(series: list[tuple[str, str]]) -> str:
    """The names of a chart's series beside their colours."""
    keys = "".join(f'<span><i style="background:{ink}"></i>{name}</span>' for name, ink in series)
    return f'<p class="legend">{keys}</p>'


# -- drawing ----------------------------------------------------------------------------------


def y_at(value: float, top: float, height: int) -> float:
    """Where a value falls on a chart of that height whose scale runs from 0 to top."""
    share = min(max(value / top, 0.0), 1.0) if top else 0.0
    return height - BOTTOM - share * (height - BOTTOM - TOP)


def frame(months: list[str], ticks: list[tuple[float, str]], top: float, height: int,
           label: str, centred: bool) -> list[str]:  # fmt: skip
    """A chart's scale (a line and its value at each tick) and its months along the foot (a
    dozen at most): at their bar's centre, or (a line chart) at the ends and evenly between."""
    out = [f'<svg viewBox="0 0 {W} {height}" role="img" aria-label="{label}">']
    for value, said in ticks:
        y = y_at(value, top, height)
        out.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end" {TEXT}>{said}</text>'
        )
    step = max(1, math.ceil(len(months) / 12))
    for i, month in enumerate(months):
        if i % step == 0:
            x = slot(i, len(months)) if centred else point(i, len(months))
            out.append(
                f'<text x="{x:.1f}" y="{height - 5}" text-anchor="middle" {TEXT}>{month}</text>'
            )
    return out


def slot(i: int, count: int) -> float:
    """The centre of the i-th of count bars."""
    return LEFT + (i + 0.5) * (W - LEFT - RIGHT) / max(count, 1)


def point(i: int, count: int) -> float:
    """The i-th of count points of a line, the first and last at the ends."""
    if count <= 1:
        return slot(0, 1)
    return LEFT + 12 + i * (W - LEFT - RIGHT - 24) / (count - 1)


def bars(months: list[str], stacks: list[list[tuple[float, str, str]]], top: float,
          height: int, values: list[str]) -> list[str]:  # fmt: skip
    """A bar per month, of one or more parts stacked (value, colour, data attributes), with
    its value written above it."""
    width = (W - LEFT - RIGHT) / max(len(months), 1)
    size = 9 if width >= 30 else 7
    out = []
    for i, (month, parts) in enumerate(zip(months, stacks, strict=True)):
        base = 0.0
        for value, ink, data in parts:
            low, high = y_at(base, top, height), y_at(base + value, top, height)
            out.append(
                f'<rect x="{slot(i, len(months)) - width * 0.35:.1f}" y="{high:.1f}" '
                f'width="{width * 0.7:.1f}" height="{low - high:.1f}" fill="{ink}" '
                f'data-month="{month}" {data}/>'
            )
            base += value
        out.append(
            f'<text x="{slot(i, len(months)):.1f}" y="{y_at(base, top, height) - 3:.1f}" '
            f'text-anchor="middle" font-size="{size}" fill="#111">{values[i]}</text>'
        )
    return out


def scale(most: float) -> tuple[float, list[tuple[float, str]]]:
    """A scale from 0 that holds most, in two to five round steps: its top and its ticks."""
    steps = (unit * 10**power for power in range(-1, 9) for unit in (1, 2, 5))
    step = next((s for s in steps if most <= 4 * s), most / 4)  # 0.1, 0.2, 0.5, 1, 2, 5...
    top = max(step, math.ceil(most / step - 1e-9) * step)
    count = round(top / step)
    return top, [(n * step, f"{n * step:g}") for n in range(count + 1)]
