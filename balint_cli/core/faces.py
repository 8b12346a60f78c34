"""How the clock looks, the same on every screen (no I/O): its states, their colours, and
the countdown in big digits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a view is only read here: the session's module need not be loaded
    from balint_cli.core.view import View

NORMAL, WARN, OVER, PAUSED = "normal", "warn", "over", "paused"
# Each colour reads at 4:1 or better on a white and on a black background (WCAG asks 3:1
# for large text), so the screen works on a light terminal and on a projector alike; and
# no state relies on its colour alone: a word says it too.
PALETTE = {
    NORMAL: "#218a3c",  # green
    WARN: "#c15f00",  # amber
    OVER: "#d12d2d",  # red
    PAUSED: "#767676",  # grey
}
STYLES = {name: f"bold {colour}" for name, colour in PALETTE.items()}

# A 3x5 font for the countdown, drawn twice as wide as it is tall per cell.
_FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
}


def state(view: View) -> str:
    """The clock's state at a glance: paused, over, nearly time, or running."""
    if view.paused:
        return PAUSED
    if view.over:
        return OVER
    return WARN if view.warn else NORMAL


def big_digits(value: str, scale: int = 1, gap: int = 2) -> list[str]:
    """value drawn in block letters, 5 * scale rows tall, gap font cells between letters."""
    rows = []
    for row in range(5):
        cells = (" " * gap).join(_FONT[ch][row] for ch in value if ch in _FONT)
        line = cells.replace("#", "█" * 2 * scale).replace(" ", " " * 2 * scale)
        rows.extend([line] * scale)
    return rows
