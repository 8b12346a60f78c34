"""What printed output shares: text from a file shown literally, plain aligned columns drawn
in a blink for any number of rows, Rich tables, bars, sparklines, and widths shared in
proportion.

Start-up: Rich is imported only where styled text or a Rich table is made, so that
`log list` draws its plain columns without it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells

from balint_cli.core.text import inert

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

_SPARKS = "▁▂▃▄▅▆▇█"


def text(value: str, style: str = "") -> Text:
    """Text from a file or a user: shown literally, never as markup or escape codes."""
    from rich.text import Text

    return Text(inert(value), style=style)


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


def columns_table(*columns: tuple[str, str]) -> Table:
    """A Rich table as balint draws them: no box, bold heads, each column (name, justify)."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    return table


def cells(lengths: Sequence[float], width: int, least: Sequence[int] | None = None) -> list[int]:
    """Share width cells among lengths in proportion, each at least one cell (or `least`).

    `least` is let go of, for one cell each, when the width cannot hold it.
    """
    usable = max(width, len(lengths))
    if least is None or sum(least) > usable:
        least = [1] * len(lengths)
    total = math.fsum(lengths) or 1.0
    raw = [length / total * usable for length in lengths]
    out = [max(low, math.floor(r)) for r, low in zip(raw, least, strict=True)]
    spare = usable - sum(out)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: max(spare, 0)]:
        out[i] += 1
    while sum(out) > usable:
        roomy = [i for i, size in enumerate(out) if size > least[i]]
        if not roomy:
            break
        out[max(roomy, key=lambda i: out[i])] -= 1
    return out


def columns(
    head: Sequence[str],
    rows: Sequence[list[str]],
    width: int,
    *,
    right: Iterable[str] = (),
    free: Iterable[str] = (),
) -> Iterable[str]:
    """Rows as plain aligned columns under their heads, drawn in a blink for any number.

    Widths are terminal cells (a Chinese character takes two, an accent none). When the
    terminal is narrow the free-text columns wrap between words, down to their longest word
    (up to 16 cells); the facts never wrap.
    """
    at_right, wraps = set(right), [head.index(name) for name in free]
    widths = [
        max([cell_len(name), *(cell_len(row[i]) for row in rows)]) for i, name in enumerate(head)
    ]
    excess = sum(widths) + len(widths) - 1 - width
    for i in wraps:
        if excess <= 0:
            break
        longest = max((cell_len(word) for row in rows for word in row[i].split()), default=0)
        give = min(excess, widths[i] - max(8, cell_len(head[i]), min(longest, _WORD)))
        if give > 0:
            widths[i] -= give
            excess -= give

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - cell_len(cell))
            out.append(gap + cell if head[i] in at_right else cell + gap)
        return " ".join(out).rstrip()

    yield line(head)
    for row in rows:
        cells = [
            wrap_cells(cell, widths[i]) if i in wraps else [cell] for i, cell in enumerate(row)
        ]
        for depth in range(max(len(cell) for cell in cells)):
            yield line([cell[depth] if depth < len(cell) else "" for cell in cells])


# The average width of a character set in a page's sans-serif, in ems: a character of Chinese,
# Japanese or Korean, or an emoji, takes two, as a terminal's cells count them.
CHAR_EMS = 0.52


def fits(value: str, size: float, width: float) -> bool:
    """Whether value, set at size, fits in width (in the unit of size), near enough."""
    return cell_len(value) * size * CHAR_EMS <= width


_WORD = 16  # a free-text column narrows no further than its longest word, up to this


def wrap_cells(text: str, width: int) -> list[str]:
    """text wrapped between words to width terminal cells; a word wider than that is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for piece in chop_cells(word, width) if cell_len(word) > width else [word]:
            joined = f"{line} {piece}" if line else piece
            if cell_len(joined) <= width:
                line = joined
            else:
                lines.append(line)
                line = piece
    return [*lines, line] if line or not lines else lines
