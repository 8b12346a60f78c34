"""Frames on a full-screen terminal, drawn a row at a time (the one place they are written).

A live screen changes a few rows a second (the time), so redrawing every row each time, as
a general-purpose live display does, would cost most of its CPU. `Rows` sends only the rows
that changed since the last frame. Each frame starts with the cursor sent home and ends with
it on the last row; a new size clears the screen first.
"""

from __future__ import annotations

from rich.color import ColorSystem
from rich.console import Console
from rich.text import Text

_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}


class Rows:
    """A full screen's frames, sending only the rows that changed."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.size: tuple[int, int] | None = None
        self.shown: list[str] = []
        self._made: dict[tuple[str, str], str] = {}

    def draw(self, lines: list[Text], size: tuple[int, int]) -> None:
        out = ["\x1b[H"]
        if size != self.size:  # a new size: everything moves
            out.append("\x1b[2J")
            self.size, self.shown = size, []
        now = [self._ansi(line) for line in lines]
        for y, row in enumerate(now):
            if y >= len(self.shown) or self.shown[y] != row:
                out.append(f"\x1b[{y + 1};1H{row}\x1b[K")
        self.shown = now
        out.append(f"\x1b[{max(len(now), 1)};1H")
        self.console.file.write("".join(out))
        self.console.file.flush()

    def forget(self) -> None:
        """The screen may hold anything now (it was resized, or given back): draw it all."""
        self.size, self.shown = None, []

    def _ansi(self, line: Text) -> str:
        """The row as the terminal takes it: its words with the escape codes of its styles."""
        key = (line.plain, repr(line.spans) + str(line.style))
        made = self._made.get(key)
        if made is not None:
            return made
        system = _SYSTEMS.get(self.console.color_system or "")
        parts = []
        # Text.render leaves out a line's own style when it has no spans: make it one.
        for segment in Text().append(line).render(self.console):
            style = segment.style
            if system is None or style is None:
                parts.append(segment.text)
                continue
            if self.console.no_color:
                style = style.without_color
            parts.append(style.render(segment.text, color_system=system))
        if len(self._made) > 2048:  # a day's worth of times; then start again
            self._made.clear()
        made = self._made[key] = "".join(parts)
        return made
