"""The Windows console layer, tested on Linux: a fake msvcrt and a fake console drive the
session loop, and a fake kernel32 the console's modes and waits."""

from __future__ import annotations

import io
import os
import sys
import time
from types import ModuleType
from typing import Any, cast

import pytest
from support.clock import FakeClock
from support.fakes import Recorder
from support.fakes import phases as _phases
from support.fakes import terminal as _screen
from support.screens import STARTED
from support.windows import Action, FakeConsole, FakeMsvcrt, windows_terminal

from balint_cli.core.events import INTERRUPTED, QUIT
from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.live import clock as clock_module
from balint_cli.live.loop import run_screen
from balint_cli.live.screen import Look, key_lines
from balint_cli.terminal.console import interactive
from balint_cli.terminal.keys import RESIZE
from balint_cli.terminal.posix import PosixTerminal
from balint_cli.terminal.stopping import Terminated
from balint_cli.terminal.windows import (
    CTRL_BREAK_EVENT,
    CTRL_C_EVENT,
    CTRL_CLOSE_EVENT,
    ENABLE_MOUSE_INPUT,
    ENABLE_VIRTUAL_TERMINAL_PROCESSING,
    ENABLE_WINDOW_INPUT,
    KEY_EVENT,
    InputRecord,
    WindowsConsole,
    WindowsTerminal,
)

# What happens at a session time: keys typed, a control event, or the window's new size.


def _run(
    phases: list[Phase], script: dict[float, Action]
) -> tuple[Session, Recorder, FakeConsole, str]:
    """A session on the live screen with keys and events from the Windows console."""
    clock = FakeClock()
    session = Session(phases)
    sink = Recorder()
    term, console = windows_terminal(clock, script)
    with term:
        how = run_screen(
            session, clock, sink, Look("x", STARTED), term.read, _screen(), session.begin()
        )
    return session, sink, console, how


# -- keys ------------------------------------------------------------------------------------


def test_keys_typed_in_the_console_drive_a_whole_session() -> None:
    script: dict[float, Action] = {30: "n", 90: " ", 100: " ", 130: "q", 131: "y"}
    session, sink, console, how = _run(_phases(1, 2), script)
    assert how == QUIT
    assert sink.kinds() == [
        "phase_start",
        "phase_end",
        "phase_start",
        "pause",
        "resume",
        "phase_end",
        "session_end",
    ]
    assert sink.events[-1].t == 131
    assert console.mode == "old", "the console's modes given back"
    assert all(wait > 0 for wait in console.waits)
    assert len(console.waits) <= 131 + 10, "about a wake a second, not a busy loop"


@pytest.mark.parametrize(
    ("key", "would_be"),
    [("\xe0M", "m: a marker"), ("\x00=", "+: a minute more"), ("\xe0G", "g: the rules")],
    ids=["right arrow", "F3", "Home"],
)
def test_arrows_and_function_keys_never_act_as_letters(key: str, would_be: str) -> None:
    # Read with n in one wake, the arrow is dropped and n still counts: no paste of three.
    script: dict[float, Action] = {5: key, 10: key + "n", 15: "\xe0Q", 16: "y", 20: "q", 21: "y"}
    session, sink, _console, how = _run(_phases(1, 1), script)
    assert how == QUIT, "Page Down is not q: y did not end it"
    assert sink.events[-1].t == 21, "Page Down is not q: y did not end it"
    kinds = ["phase_start", "phase_end", "phase_start", "phase_end", "session_end"]
    assert sink.kinds() == kinds, would_be
    assert sink.events[1].t == 10


def test_a_typed_a_grave_takes_no_key_with_it() -> None:
    session, _sink, _console, _how = _run(_phases(1, 1), {5: "\xe0", 6: "n", 20: "q", 21: "y"})
    assert session.index == 1, "n, in the next wake, still moved on"


def test_a_paste_is_dropped_whole() -> None:
    script: dict[float, Action] = {5: "Nina", 10: "qy", 15: "nn", 20: "q", 21: "y"}
    session, sink, _console, _how = _run(_phases(1, 1), script)
    assert sink.kinds() == ["phase_start", "phase_end", "session_end"]
    assert sink.events[-1].t == 21
    assert session.index == 0


def test_escape_enter_and_backspace_are_the_keys_they_are() -> None:
    term, console = windows_terminal(FakeClock(), {1: "\x1b", 2: "\r", 3: "\x08", 4: "\x1bn"})
    with term:
        reads = [term.read(1.0) for _ in range(4)]
    assert reads == [["escape"], ["enter"], ["backspace"], ["escape", "n"]]


# -- stops -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "stop"),
    [
        ("\x03", KeyboardInterrupt()),  # read as a key, when the input is not processed
        (CTRL_C_EVENT, KeyboardInterrupt()),
        (CTRL_BREAK_EVENT, Terminated("Ctrl-Break", 130)),
        (CTRL_CLOSE_EVENT, Terminated("the window closing", 129)),
    ],
    ids=["Ctrl-C typed", "Ctrl-C", "Ctrl-Break", "closing the window"],
)
def test_ctrl_c_and_control_events_end_the_session_as_interrupted(
    event: Action, stop: BaseException
) -> None:
    clock = FakeClock()
    session = Session(_phases(5))
    sink = Recorder()
    term, console = windows_terminal(clock, {40: event, 50: "q", 51: "y"})  # q, y: were it missed
    with pytest.raises(type(stop)) as raised, term:
        run_screen(session, clock, sink, Look("x", STARTED), term.read, _screen(), session.begin())
    if isinstance(stop, Terminated):
        assert isinstance(raised.value, Terminated)
        assert (raised.value.reason, raised.value.status) == (stop.reason, stop.status)
    ended = sink.events[-1]
    assert ended.kind == "session_end"
    assert ended.data["how"] == INTERRUPTED
    assert ended.t == 40
    assert console.mode == "old"


# -- resizes and the console's modes ----------------------------------------------------------


def test_a_changed_size_is_a_resize_and_redraws() -> None:
    clock = FakeClock()
    session = Session(_phases(1))
    term, console = windows_terminal(clock, {0.5: (40, 12), 0.6: "q", 0.7: "y"})
    screen = console.screen = _screen(60, 20)
    with term:
        run_screen(
            session, clock, Recorder(), Look("x", STARTED), term.read, screen, session.begin()
        )
    assert isinstance(screen.file, io.StringIO)
    assert key_lines()[-1] in screen.file.getvalue(), "the keys as they fit 40 columns"


def test_read_says_resize_once_per_change() -> None:
    term, console = windows_terminal(FakeClock(), {})
    with term:
        assert term.read(1.0) == []
        console.dims = (80, 24)
        assert term.read(1.0) == [RESIZE]
        assert term.read(1.0) == []


def test_the_consoles_modes_come_back_after_an_exception() -> None:
    term, console = windows_terminal(FakeClock(), {})
    with pytest.raises(RuntimeError), term:
        assert console.mode == "vt"
        raise RuntimeError
    assert console.mode == "old"


# -- kernel32, faked: the console's own logic -------------------------------------------------

IN, OUT = 10, 11
FOCUS_EVENT, WINDOW_BUFFER_SIZE_EVENT = 0x0010, 0x0004
WAIT_TIMEOUT = 0x102


class FakeKernel32:
    """kernel32 as far as WindowsConsole calls it: modes, events, input records, handlers."""

    def __init__(self) -> None:
        self.modes = {IN: 0x1F7, OUT: 0x0003}  # as a console starts: processed, mouse, ...
        self.records: list[InputRecord] = []
        self.signalled: dict[int, bool] = {}
        self.handlers: list[Any] = []
        self.waits: list[tuple[int, int]] = []  # (a handle waited on, milliseconds)
        self.failing = False

    def GetStdHandle(self, which: int) -> int:
        return {-10: IN, -11: OUT}[which]

    def GetConsoleMode(self, handle: int, mode: Any) -> int:
        mode._obj.value = self.modes[handle]
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:
        self.modes[handle] = mode
        return 1

    def CreateEventW(self, _security: None, _manual: bool, initial: bool, _name: None) -> int:
        handle = 100 + len(self.signalled)
        self.signalled[handle] = initial
        return handle

    def SetEvent(self, handle: int) -> int:
        self.signalled[handle] = True
        return 1

    def WaitForSingleObject(self, handle: int, ms: int) -> int:
        self.waits.append((handle, ms))
        return 0 if self.signalled[handle] else WAIT_TIMEOUT

    def WaitForMultipleObjects(self, count: int, handles: Any, _all: bool, ms: int) -> int:
        self.waits.append((handles[0], ms))
        if self.failing:
            return 0xFFFFFFFF
        if self.records:
            return 0
        if self.signalled[handles[1]]:
            self.signalled[handles[1]] = False  # an auto-reset event
            return 1
        return WAIT_TIMEOUT

    def PeekConsoleInputW(self, _handle: int, buffer: Any, length: int, count: Any) -> int:
        peeked = self.records[:length]
        for i, record in enumerate(peeked):
            buffer[i] = record
        count._obj.value = len(peeked)
        return 1

    def ReadConsoleInputW(self, _handle: int, _buffer: Any, length: int, count: Any) -> int:
        count._obj.value = len(self.records[:length])
        del self.records[:length]
        return 1

    def GetConsoleScreenBufferInfo(self, _handle: int, info: Any) -> int:
        info._obj.left, info._obj.right, info._obj.top, info._obj.bottom = 0, 99, 5, 34
        return 1

    def SetConsoleCtrlHandler(self, handler: Any, add: bool) -> int:
        (self.handlers.append if add else self.handlers.remove)(handler)
        return 1


def _key(char: str, down: bool = True) -> InputRecord:
    record = InputRecord(kind=KEY_EVENT)
    record.event.key.down, record.event.key.char = down, ord(char) if char else 0
    return record


def _shown(records: list[InputRecord]) -> list[tuple[bool, str]]:
    return [(bool(r.event.key.down), chr(r.event.key.char)) for r in records]


def test_the_console_takes_vt_output_and_gives_its_modes_back() -> None:
    kernel = FakeKernel32()
    out = io.StringIO()
    term = WindowsTerminal(out, WindowsConsole(kernel), FakeMsvcrt())
    with pytest.raises(RuntimeError), term:
        assert kernel.modes[OUT] == 0x0003 | ENABLE_VIRTUAL_TERMINAL_PROCESSING
        assert kernel.modes[IN] == (0x1F7 | ENABLE_WINDOW_INPUT) & ~ENABLE_MOUSE_INPUT
        assert len(kernel.handlers) == 1
        raise RuntimeError
    assert kernel.modes == {IN: 0x1F7, OUT: 0x0003}, "as they were, after an exception too"
    assert kernel.handlers == []
    assert out.getvalue() == "\x1b[?25h"


def test_records_before_a_key_are_dropped_and_the_key_is_left_for_msvcrt() -> None:
    kernel = FakeKernel32()
    console = WindowsConsole(kernel)
    console.enter(lambda _event: None)
    focus, resized = InputRecord(kind=FOCUS_EVENT), InputRecord(kind=WINDOW_BUFFER_SIZE_EVENT)
    kernel.records = [_key("n", down=False), focus, _key(""), resized, _key("n"), _key("n", False)]
    console.wait(1.0)
    assert _shown(kernel.records) == [(True, "n"), (False, "n")]
    kernel.records = [InputRecord(kind=FOCUS_EVENT) for _ in range(150)]  # more than one peek
    console.wait(1.0)
    assert kernel.records == [], "nothing left to keep the input signalled"
    assert console.size() == (100, 30)
    console.leave()


def test_the_wait_is_one_kernel_wait_of_whole_milliseconds_rounded_up() -> None:
    kernel = FakeKernel32()
    console = WindowsConsole(kernel)
    console.enter(lambda _event: None)
    for timeout in (0.0004, 0.0, 1.0, 60.0, 1e12):
        console.wait(timeout)
    assert [ms for _handle, ms in kernel.waits] == [1, 0, 1000, 60_000, 0xFFFFFFFE]
    kernel.failing = True
    with pytest.raises(OSError, match="cannot be waited on"):
        console.wait(1.0)
    console.leave()


def test_a_close_wakes_the_loop_and_waits_for_the_log_before_windows_ends_it() -> None:
    kernel = FakeKernel32()
    console = WindowsConsole(kernel)
    told: list[int] = []
    console.enter(told.append)
    (handler,) = kernel.handlers
    wake, released = 100, 101
    assert handler(CTRL_CLOSE_EVENT) == 1, "handled: no other handler runs"
    assert told == [CTRL_CLOSE_EVENT]
    assert kernel.signalled[wake]
    assert kernel.waits == [(released, 4000)], "a few seconds at most, for the log"
    console.wait(60.0)
    assert not kernel.signalled[wake], "the wait returned on it"
    assert handler(5) == 0, "logging off: not ours"
    assert told == [CTRL_CLOSE_EVENT], "logging off: not ours"
    console.leave()
    assert kernel.signalled[released]
    assert kernel.handlers == []


# -- the platform, the clock, and a Windows without POSIX modules ----------------------------


def test_the_platform_chooses_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    keyboard = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", cast(ModuleType, keyboard))
    windows = interactive(io.StringIO(), platform="win32")
    assert isinstance(windows, WindowsTerminal)
    assert windows.keyboard is keyboard
    assert isinstance(windows.console, WindowsConsole), "kernel32 untouched until entered"
    with open(os.devnull) as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        for platform in ("linux", "darwin", None):
            posix = interactive(io.StringIO(), platform=platform)
            assert isinstance(posix, PosixTerminal), platform
            posix.__exit__(None, None, None)  # closes its wake-up pipe


def test_without_clock_gettime_the_clock_is_time_monotonic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("CLOCK_BOOTTIME", "CLOCK_MONOTONIC", "clock_gettime"):
        monkeypatch.delattr(time, name, raising=False)  # as on Windows
    assert clock_module._raw_clock() is time.monotonic


