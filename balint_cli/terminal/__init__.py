"""The terminal a live session runs in: one interface, chosen for the platform at run time.

`live.py` and everything above it see only `Terminal`: a `with` block that puts the terminal
into key-by-key mode and gives it back as it was however the block ends, and `read`, which
waits up to a timeout for keys. The POSIX implementation is in `posix.py` (termios and
signals), the Windows one in `windows.py` (msvcrt and the console's own calls); each is
imported only on its own platform.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any, Protocol, TextIO

from balint_cli.i18n import _, is_yes

RESIZE = "resize"  # not a key: the terminal changed size, redraw now


class Terminated(Exception):
    """The program was asked to stop from outside (a signal, the window closing)."""

    def __init__(self, reason: str, status: int) -> None:
        super().__init__(reason)
        self.reason = reason  # for the last line: "Stopped by SIGTERM."
        self.status = status  # the exit status that says so


Handler = Callable[[int, FrameType | None], Any]

# The signals that ask balint to stop: a `kill`, and a terminal closed or an ssh link dropped
# (SIGHUP, which Windows does not have).
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signal.Signals(signum).name, 128 + signum)


@contextlib.contextmanager
def stoppable(also: Mapping[int, Handler] | None = None) -> Iterator[None]:
    """For the length of a `with` block, a stop signal raises Terminated (so a session ends
    as interrupted, its log whole), and `also` handles its own signals; the old handlers
    are back after the block.

    Only the main thread may set handlers: elsewhere the block runs with them as they are.
    """
    old: dict[int, Any] = {}
    try:
        for signum, handler in {**dict.fromkeys(STOP_SIGNALS, _terminate), **(also or {})}.items():
            old[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


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


def can_draw() -> bool:
    """Whether the terminal can draw a screen: a `dumb` one cannot move its cursor."""
    return os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


def live_screen() -> bool:
    """Whether a session gets the live screen, rather than a plain line per event."""
    return is_interactive() and can_draw()


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
