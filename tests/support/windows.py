"""Stand-ins for the Windows console, for tests on any platform: msvcrt's keyboard and a console."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from balint_cli.terminal.keys import Keys
from balint_cli.terminal.windows import WindowsTerminal
from support.clock import FakeClock

# What happens at a session time: keys typed, a control event, or the window's new size.
Action = str | int | tuple[int, int]


class FakeMsvcrt:
    """msvcrt's keyboard: the characters typed, read one at a time."""

    def __init__(self) -> None:
        self.typed: list[str] = []

    def kbhit(self) -> bool:
        return bool(self.typed)

    def getwch(self) -> str:
        return self.typed.pop(0)


class FakeConsole:
    """The console: modes, and a wait that moves a fake clock instead of sleeping.

    Without a clock, each wait does the next action at once (for the real clock).
    """

    def __init__(
        self, keyboard: FakeMsvcrt, clock: FakeClock | None, script: dict[float, Action]
    ) -> None:
        self.keyboard = keyboard
        self.clock = clock
        self.script = sorted(script.items())
        self.dims = (60, 20)
        self.screen: Console | None = None  # resized with the window
        self.mode = "old"
        self.on_event: Callable[[int], None] = lambda _event: None
        self.waits: list[float] = []

    def enter(self, on_event: Callable[[int], None]) -> None:
        self.mode, self.on_event = "vt", on_event

    def leave(self) -> None:
        self.mode = "old"

    def size(self) -> tuple[int, int]:
        return self.dims

    def wait(self, timeout: float) -> None:
        self.waits.append(timeout)
        if len(self.waits) > 10_000:  # a test that went wrong fails instead of hanging
            raise RuntimeError("the loop never ended")
        if self.keyboard.typed:  # a key is waiting: the input is signalled
            return
        if self.clock is None:
            if not self.script:
                raise RuntimeError("nothing more was scripted")
            self._do(self.script.pop(0)[1])
            return
        until = self.clock.t + timeout * self.clock.speed
        if self.script and self.script[0][0] <= until:
            at, action = self.script.pop(0)
            self.clock.t = max(self.clock.t, at)
            self._do(action)
        else:
            self.clock.t = until

    def _do(self, action: Action) -> None:
        if isinstance(action, str):
            self.keyboard.typed += list(action)
        elif isinstance(action, int):
            self.on_event(action)  # as the control handler does, from its own thread
        else:
            self.dims = action
            if self.screen is not None:
                self.screen.size = action


def windows_terminal(
    clock: FakeClock | None, script: dict[float, Action]
) -> tuple[WindowsTerminal, FakeConsole]:
    """The Windows terminal over a fake console and keyboard."""
    keyboard = FakeMsvcrt()
    console = FakeConsole(keyboard, clock, script)
    # Keys come on the fake clock: two presses a fake minute apart are never one held down.
    keys = Keys(clock=lambda: clock.now() / clock.speed) if clock is not None else Keys()
    return WindowsTerminal(io.StringIO(), console, keyboard, keys), console
