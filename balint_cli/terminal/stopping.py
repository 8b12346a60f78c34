"""Stopping from outside: a `kill`, a terminal closed or an ssh link dropped ends a session
as interrupted, its log whole, with the exit status that says why."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any


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
