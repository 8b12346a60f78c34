"""The terminal a live session runs in: one interface, chosen for the platform at run time.

The live session and the group's view see only `Terminal`: a `with` block that puts the terminal
into key-by-key mode and gives it back as it was however the block ends, and `read`, which
waits up to a timeout for keys. The POSIX implementation is in `posix.py` (termios and
signals), the Windows one in `windows.py` (msvcrt and the console's own calls); each is
imported only on its own platform: `interactive` imports it as it is asked for one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TextIO

from balint_cli.i18n import _, is_yes
from balint_cli.terminal.stopping import Terminated

if TYPE_CHECKING:  # a console is only measured here
    from rich.console import Console


class Terminal(Protocol):
    """The terminal in key-by-key mode for the length of a `with` block."""

    on_suspend: Callable[[], None]
    on_resume: Callable[[], None]

    def __enter__(self) -> Terminal: ...

    def __exit__(self, *exc: object) -> None: ...

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within timeout seconds (none if none), or RESIZE."""
        ...


def interactive(out: TextIO | None = None, platform: str | None = None) -> Terminal:
    """The terminal on stdin, for this platform (sys.platform unless another is named)."""
    if (platform or sys.platform) == "win32":
        from balint_cli.terminal.windows import WindowsTerminal

        return WindowsTerminal(out or sys.stdout)
    from balint_cli.terminal.posix import PosixTerminal

    return PosixTerminal(sys.stdin.fileno(), out or sys.stdout)


def is_interactive() -> bool:
    """Whether there is a person at a terminal: both stdin and stdout are one."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def output_elsewhere() -> bool:
    """Whether a person at a terminal started balint (stdin and stderr are one) with its output
    going to a file or a pipe, where they see none of it."""
    try:
        return sys.stdin.isatty() and sys.stderr.isatty() and not sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def input_elsewhere() -> bool:
    """Whether balint writes to a terminal but reads its keys from a file or a pipe (`balint run
    < /dev/null`), where no key pressed reaches it."""
    try:
        return sys.stdout.isatty() and not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def can_draw() -> bool:
    """Whether the terminal can draw a screen: a `dumb` one cannot move its cursor."""
    return os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


def live_screen() -> bool:
    """Whether a session gets the live screen, rather than a plain line per event."""
    return is_interactive() and can_draw()


def screen_size(out: Console) -> tuple[int, int]:
    """The size (columns, rows) of the terminal out draws on, as the terminal itself says.

    Rich would take COLUMNS and LINES first: a shell may have left them stale, or at 0, and
    the screen would then be drawn at that size (or not at all), deaf to every resize. Where
    out draws on no terminal, its own size.
    """
    try:
        columns, rows = os.get_terminal_size(out.file.fileno())
    except (AttributeError, ValueError, OSError):  # not a terminal (or not a file at all)
        columns = rows = 0
    if columns > 0 and rows > 0:
        return columns, rows
    return out.size.width, out.size.height


def hand_back_on_suspend(term: Terminal, out: Console) -> None:
    """Ctrl-Z gives the shell its own screen and a cursor while balint is stopped, rather than
    leave it typing over a frozen screen; `fg` takes the screen back (term redraws it)."""
    was: list[bool] = [False]

    def suspend() -> None:
        was[0] = out.is_alt_screen
        if was[0]:
            out.set_alt_screen(False)
        out.show_cursor(True)

    def resume() -> None:
        if was[0]:
            out.set_alt_screen(True)
            out.show_cursor(False)

    term.on_suspend, term.on_resume = suspend, resume


LEAVE = "escape"  # answers neither: the question is left, and nothing more is done


def ask(question: str, out: TextIO | None = None) -> bool | None:
    """A yes/no question at the terminal, answered with y or n; None when Escape leaves it.

    Enter answers nothing: pressed out of habit, it would choose for the leader. Ctrl-C and
    the signals that stop balint go on as they are, the cursor first put on a fresh line.
    """
    out = out or sys.stdout
    key = ""
    try:
        with interactive(out) as term:
            out.write(question + " ")  # once keys are taken one by one: none is echoed
            out.flush()
            while not _answers(key):
                key = next(filter(_answers, term.read(60.0)), "")
    except (KeyboardInterrupt, Terminated):
        with contextlib.suppress(OSError, ValueError):  # a terminal closed takes no more
            out.write("\n")
            out.flush()
        raise
    answer = None if key == LEAVE else is_yes(key)
    out.write({True: _("y"), False: _("n"), None: ""}[answer] + "\n")
    out.flush()
    return answer


def _answers(key: str) -> bool:
    return is_yes(key) or key in ("n", LEAVE)
