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

from rich.console import Console

from balint_cli.groupview import GroupScreen, Words, words
from balint_cli.i18n import use
from balint_cli.publish import Shown, current, stamp
from balint_cli.terminal.keys import RESIZE
from balint_cli.terminal.rows import Rows

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
                    rows.forget()
