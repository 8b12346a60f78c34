"""`balint view` in a terminal: follow the running session's state file, read-only.

The loop wakes when the shown time changes, and at least once a second to look at the
state file (one stat; the file is read again only when it was replaced). It redraws only
when what it shows changes. Keys: q leaves; nothing else does anything, and nothing here
can act on the session.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from rich.color import ColorSystem
from rich.console import Console
from rich.text import Text

from balint_cli.groupview import GroupScreen, Words, words
from balint_cli.i18n import use
from balint_cli.publish import Shown, current, stamp
from balint_cli.terminal import RESIZE

_LOOK_AGAIN = 1.0  # seconds between looks at the state file
_CHECK_ALIVE = 5.0  # seconds between checks that the session publishing is still there


def until_change(shown: Shown | None, now: float) -> float:
    """Real seconds until the time the view shows changes (at most a look's interval)."""
    if shown is None or shown.paused:
        return _LOOK_AGAIN
    left = shown.left_at(now)
    step = 60.0 if shown.discreet and left > 60 else 1.0
    if left > 0:
        delta = left - (math.ceil(left / step - 1e-9) - 1) * step
    else:
        return _LOOK_AGAIN  # time is up: nothing counts
    return min(_LOOK_AGAIN, max(0.02, delta / shown.speed + 0.002))


def watch(
    folder: Path,
    read_keys: Callable[[float], list[str]],
    console: Console,
    language: str | None,
    now: Callable[[], float] = time.time,
) -> None:
    """Show the group view until q; language is for when no session is running."""
    seen: object = ()
    checked = -math.inf
    shown: Shown | None = None
    last: tuple[Words, int, int] | None = None
    rows = Rows(console)
    with console.screen(hide_cursor=True):
        while True:
            moment = now()
            found = stamp(folder)
            if found != seen or moment - checked >= _CHECK_ALIVE:
                seen, checked = found, moment
                before = shown
                shown = current(folder) if found is not None else None
                if shown is None or before is None or shown.language != before.language:
                    use(shown.language if shown else language)
            said = words(shown, moment)
            width, height = console.size
            if (said, width, height) != last:
                rows.draw(GroupScreen(said).lines(width, height, console), (width, height))
                last = (said, width, height)
            for key in read_keys(until_change(shown, now())):
                if key == "q":
                    return
                if key == RESIZE:
                    last = None


_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}


class Rows:
    """Frames drawn a row at a time, sending only the rows that changed.

    A view changes a few rows a second (the time), so redrawing the whole screen each time,
    as a general-purpose live display does, would cost the most of its CPU. Each frame
    starts with the cursor sent home and ends with it on the last row.
    """

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

    def _ansi(self, line: Text) -> str:
        """The row as the terminal takes it: its words with the escape codes of its styles."""
        key = (line.plain, repr(line.spans) + str(line.style))
        made = self._made.get(key)
        if made is not None:
            return made
        system = _SYSTEMS.get(self.console.color_system or "")
        parts = []
        for segment in line.render(self.console):
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
