"""The commands on Windows, as far as Linux shows it: a closed window leaves a log, and
balint runs without the POSIX modules."""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import pytest
from rich.console import Console
from support import helpers
from support.clock import FakeClock
from support.logfixtures import complete, fake_log, log_files, log_lines

from balint_cli.core.events import INTERRUPTED
from balint_cli.live.resume import resume
from balint_cli.terminal.windows import (
    CTRL_CLOSE_EVENT,
    WindowsTerminal,
)

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


def _terminal(
    clock: FakeClock | None, script: dict[float, Action]
) -> tuple[WindowsTerminal, FakeConsole]:
    keyboard = FakeMsvcrt()
    console = FakeConsole(keyboard, clock, script)
    return WindowsTerminal(io.StringIO(), console, keyboard), console


def test_closing_the_window_leaves_a_log_to_resume(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[FakeConsole] = []

    def windows(out: Any = None, platform: str | None = None) -> WindowsTerminal:
        term, console = _terminal(None, {0: "", 1: CTRL_CLOSE_EVENT})
        made.append(console)
        return term

    monkeypatch.setattr("balint_cli.terminal.console.live_screen", lambda: True)
    monkeypatch.setattr("balint_cli.terminal.console.interactive", windows)
    fmt = helpers.write(home.parent / "group.toml", helpers.SHORT_FORMAT)
    result = helpers.balint("run", str(fmt))
    assert result.exit_code == 129, result.output
    assert "Stopped by the window closing. Session interrupted at" in result.stdout
    assert made and made[0].mode == "old"
    (log,) = log_files(home)
    assert log_lines(log)[-1]["how"] == INTERRUPTED
    prepared, writer = resume(home, datetime.now(UTC))
    writer.close()
    assert prepared.session.index == 0


IN, OUT = 10, 11
FOCUS_EVENT, WINDOW_BUFFER_SIZE_EVENT = 0x0010, 0x0004


POSIX_ONLY = ("termios", "tty", "fcntl", "pty", "pwd", "grp", "resource")
_MISSING = cast(ModuleType, None)  # sys.modules[name] = None: `import name` fails


@pytest.fixture
def without_posix_modules() -> Iterator[None]:
    """The POSIX-only modules missing, as on Windows, and balint imported afresh without them.

    sys.platform stays as it is: Typer and Rich would reach for the real Windows calls.
    """
    saved = dict(sys.modules)
    for name in [n for n in sys.modules if n == "balint_cli" or n.startswith("balint_cli.")]:
        del sys.modules[name]
    sys.modules.update(dict.fromkeys(POSIX_ONLY, _MISSING))
    try:
        yield
    finally:
        for name in [n for n in sys.modules if n not in saved]:
            del sys.modules[name]
        sys.modules.update(saved)


@pytest.mark.usefixtures("without_posix_modules")
def test_balint_imports_and_its_commands_run_without_posix_modules(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ImportError):
        importlib.import_module("termios")
    package = importlib.import_module("balint_cli")
    names = [m.name for m in pkgutil.walk_packages(package.__path__, "balint_cli.")]
    assert {"balint_cli.terminal.posix", "balint_cli.terminal.windows"} <= set(names)
    for name in names:
        if name == "balint_cli.terminal.posix":  # the POSIX layer, imported only there
            with pytest.raises(ImportError):
                importlib.import_module(name)
        else:
            importlib.import_module(name)
    at = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    fake_log(home, "20261120-1230-good", complete(at, attendees=5))
    monkeypatch.setattr(helpers, "app", importlib.import_module("balint_cli.cli.main").app)
    for command in ("plan", "formats list", "handout", "log list", "log summary"):
        result = helpers.balint(*command.split())
        assert result.exit_code == 0, (command, result.output)
    assert "balint_cli.terminal.posix" not in sys.modules
    assert all(sys.modules.get(name) is None for name in POSIX_ONLY), "still missing throughout"
