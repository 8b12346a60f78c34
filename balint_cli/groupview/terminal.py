"""`balint view` in a terminal: follow the running session's state file, read-only, and show
the group's view centred: the phase and what the group does now first, the time small and
dim (with the clock, the countdown as large as the room allows).

The loop wakes when the shown time changes, and at least once a second to look at the
state file (one stat; the file is read again only when it was replaced). It redraws only
when what it shows changes. Keys: q leaves; nothing else does anything, and nothing here
can act on the session.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

from balint_cli.core.faces import PAUSED, STYLES, big_digits
from balint_cli.core.rules import MINUTES, NO_TIME, GroupTime
from balint_cli.groupview.state import Shown, current, stamp
from balint_cli.groupview.words import Words, words
from balint_cli.i18n import _, use
from balint_cli.terminal.console import screen_size
from balint_cli.terminal.keys import RESIZE
from balint_cli.terminal.rows import Rows

_LOOK_AGAIN = 1.0  # seconds between looks at the state file
_SCALES = (8, 7, 6, 5, 4, 3, 2, 1)  # the big digits' sizes, tried largest first
_CHECK_ALIVE = 5.0  # seconds between checks that the session publishing is still there


def until_change(shown: Shown | None, now: float, time: GroupTime = MINUTES) -> float:
    """Real seconds until the time the view shows changes (at most a look's interval)."""
    if shown is None or shown.paused or time == NO_TIME:
        return _LOOK_AGAIN
    left = shown.left_at(now)
    step = 60.0 if (shown.discreet or time == MINUTES) and left > 60 else 1.0
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
    shows: GroupTime = MINUTES,
) -> None:
    """Show the group view until q, with as much of the time as shows says. language is for
    before any session runs; after one, the view keeps its language."""
    seen: object = ()
    checked = -math.inf
    shown: Shown | None = None
    spoken = language
    last: tuple[Words, int, int] | None = None
    rows = Rows(console)
    with console.screen(hide_cursor=True):
        while True:
            moment = now()
            found = stamp(folder)
            if found != seen or moment - checked >= _CHECK_ALIVE:
                seen, checked = found, moment
                shown = current(folder) if found is not None else None
                if shown is not None:
                    spoken = shown.language
                use(spoken)
            said = words(shown, moment, shows)
            width, height = screen_size(console)
            if (said, width, height) != last:
                rows.draw(GroupScreen(said).lines(width, height, console), (width, height))
                last = (said, width, height)
            for key in read_keys(until_change(shown, now(), shows)):
                if key == "q":
                    return
                if key == RESIZE:
                    last = None
                    rows.forget()


@dataclass
class GroupScreen:
    """The group view in a terminal: centred, the phase and what the group does now first;
    the time dim, or with the clock in its colours and as large as the room allows."""

    said: Words

    def lines(self, width: int, height: int, console: Console) -> list[Text]:
        """Exactly height lines of at most width cells, the hint on the last."""
        said = self.said
        style = STYLES.get(said.state, "bold") if said.clock or said.state == PAUSED else "dim"
        hint = Text(_("q leaves the view"), style="dim")
        if not said.running:
            body = [Text(said.time, style="bold")]
            body += self._wrapped(_("The view follows the session as soon as one starts."),
                                  width, console, "")  # fmt: skip
            return self._fit([body], width, height, hint)
        head = Text(said.title, style="bold")
        if said.case:
            head.append("  ·  " + said.case)
        time = Text(said.time, style=style)
        for_group = self._wrapped(said.for_group, width, console, "")
        parts = [[head], [time], for_group, [Text(said.next, style="dim")]]
        room = height - 1 - sum(len(p) for p in parts) - len(parts)  # a blank line between
        digits = self._digits(said.big, width, room, style)
        if digits:
            parts.insert(1, digits)
        return self._fit(parts, width, height, hint)

    @staticmethod
    def _digits(value: str, width: int, room: int, style: str) -> list[Text]:
        if not value:
            return []
        for scale in _SCALES:
            rows = big_digits(value, scale)
            if len(rows) + 1 <= room and len(rows[0]) <= width:
                return [Text(row, style=style) for row in rows]
        return []

    @staticmethod
    def _wrapped(value: str, width: int, console: Console, style: str) -> list[Text]:
        if not value.strip():
            return []
        text = Text(" ".join(value.split()), style=style)
        return list(text.wrap(console, max(10, min(width, 72))))

    @staticmethod
    def _fit(parts: list[list[Text]], width: int, height: int, hint: Text) -> list[Text]:
        """The parts centred, a blank line between them, dropped from the end if need be."""
        body: list[Text] = []
        for part in parts:
            if not part:
                continue
            extra = 1 if body else 0
            if len(body) + extra + len(part) > height - 1:
                room = height - 1 - len(body) - extra
                if room <= 0:
                    break
                part = part[:room]
            body += [Text("")] * extra + part
        top = max(0, (height - 1 - len(body)) // 2)
        out = [Text("")] * top + [_centred(line, width) for line in body]
        out += [Text("")] * (height - 1 - len(out))
        hint.truncate(width, overflow="ellipsis")
        return [*out[: height - 1], hint][:height]


def _centred(line: Text, width: int) -> Text:
    line = line.copy()
    line.truncate(width, overflow="ellipsis")
    pad = max(0, (width - line.cell_len) // 2)
    return Text(" " * pad) + line if pad else line
