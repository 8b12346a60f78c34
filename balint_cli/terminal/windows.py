"""The Windows console: single keys through msvcrt, the screen through VT mode, control events.

While a session runs, the console's output takes VT sequences (which Rich writes), its
input reports resizes, and a control handler turns Ctrl-C, Ctrl-Break and the window
closing into a stop that `read` raises, so that the session ends with its log closed as
interrupted. However the `with` block ends, the console gets its modes back.

How the loop waits: `read` blocks in one WaitForMultipleObjects on two handles, the
console's input (signalled while any input record is waiting) and an event the control
handler sets, with the loop's own timeout: the time until the shown second (or minute)
changes. The thread sleeps in the kernel meanwhile; nothing polls. Windows' timer ticks
every 15.6 ms by default, so a wake may come up to a tick late, which no one can see. The
cost is one kernel wait per wake: at most one a second on the full screen, one a minute
on the discreet one, about two per key (its press and its release), and one per resize or
change of focus. Records that hold no character (a key's release, Shift, focus, resizes)
are taken off the input as the wait returns: left there, they would keep the input
signalled with nothing for msvcrt to read, and turn the wait into a busy loop.

ctypes.wintypes, which only Windows has, is imported as kernel32 is loaded.
"""

from __future__ import annotations

import ctypes
import importlib
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TextIO, cast

from balint_cli.i18n import N_
from balint_cli.terminal.keys import RESIZE, Keys
from balint_cli.terminal.stopping import Terminated

CTRL_C_EVENT, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT = 0, 1, 2
# What each stop says on the last line, and the exit status: 130 as for Ctrl-C, and 129 for
# the window closing, as for the terminal closing on POSIX (SIGHUP). Nobody sees that status
# once the window is gone, but a script that started balint may.
STOPS = {CTRL_BREAK_EVENT: ("Ctrl-Break", 130), CTRL_CLOSE_EVENT: (N_("the window closing"), 129)}
GRACE = 4.0  # seconds a close waits for the log; Windows ends the process after about five

_SHOW_CURSOR = "\x1b[?25h"
_SPECIAL = ("\x00", "\xe0")  # msvcrt's first half of an arrow or function key
# The second half of the keys balint names (the arrows, Page Up and Down) turned into what a
# terminal sends for them, so that `Keys` names them in one place; other keys are dropped.
_AS_SEQUENCE = {
    "H": "\x1b[A",
    "P": "\x1b[B",
    "M": "\x1b[C",
    "K": "\x1b[D",
    "I": "\x1b[5~",
    "Q": "\x1b[6~",
}
_MOST_KEYS = 4096  # read in one wake at most; the rest of a long paste waits for the next

STD_INPUT_HANDLE, STD_OUTPUT_HANDLE = -10, -11
ENABLE_PROCESSED_OUTPUT, ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0001, 0x0004
ENABLE_WINDOW_INPUT, ENABLE_MOUSE_INPUT = 0x0008, 0x0010
KEY_EVENT = 0x0001
WAIT_FAILED = 0xFFFFFFFF
_LONGEST_MS = 0xFFFFFFFE  # 0xFFFFFFFF would be INFINITE
_PEEK = 64  # input records looked at per call


class Keyboard(Protocol):
    """What balint uses of msvcrt."""

    def kbhit(self) -> bool: ...

    def getwch(self) -> str: ...


class Console(Protocol):
    """The console calls the terminal needs: its modes, the wait, control events, the size."""

    def enter(self, on_event: Callable[[int], None]) -> None:
        """VT output and resize reports on; on_event told of Ctrl-C, Ctrl-Break, closing."""
        ...

    def leave(self) -> None:
        """The modes as they were, the control handler gone (and a waiting close let go)."""
        ...

    def wait(self, timeout: float) -> None:
        """Until a key may be waiting, a control event came, or timeout seconds passed."""
        ...

    def size(self) -> tuple[int, int]:
        """The window's columns and lines."""
        ...


class WindowsTerminal:
    """The Windows console, read key by key, for the length of a `with` block."""

    def __init__(
        self,
        out: TextIO,
        console: Console | None = None,
        keyboard: Keyboard | None = None,
        keys: Keys | None = None,
    ) -> None:
        self.out = out
        self.console = console or WindowsConsole()
        self.keyboard = keyboard or cast(Keyboard, importlib.import_module("msvcrt"))
        # A Windows console cannot be suspended (no Ctrl-Z): these are never called.
        self.on_suspend: Callable[[], None] = lambda: None
        self.on_resume: Callable[[], None] = lambda: None
        self._keys = keys or Keys()
        self._event: int | None = None  # the control event that came, until read raises it
        self._size = (0, 0)

    def __enter__(self) -> WindowsTerminal:
        self.console.enter(self._control)
        self._size = self.console.size()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._write(_SHOW_CURSOR)  # while VT output is still on
        finally:
            self.console.leave()

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within timeout seconds (none if none), or RESIZE."""
        self.console.wait(max(timeout, 0.0))
        self._stop_if_asked()
        # msvcrt gives arrows as two characters, never as escape sequences still on their
        # way: an ESC is the Escape key at once, with no wait for more.
        keys = self._keys.feed_text(self._take()) + self._keys.flush()
        size = self.console.size()
        if size != self._size:  # no SIGWINCH here: the size is looked at on every wake
            self._size = size
            keys.insert(0, RESIZE)
        return keys

    def _control(self, event: int) -> None:
        """Called from the console's handler thread; `read` raises it in the main thread."""
        if self._event is None or event != CTRL_C_EVENT:  # Ctrl-C never hides a close
            self._event = event

    def _stop_if_asked(self) -> None:
        event, self._event = self._event, None
        if event == CTRL_C_EVENT:
            raise KeyboardInterrupt
        if event is not None:
            raise Terminated(*STOPS[event])

    def _take(self) -> str:
        """The characters waiting: arrows as sequences, function keys dropped, Ctrl-C an
        interrupt."""
        taken: list[str] = []
        while len(taken) < _MOST_KEYS and self.keyboard.kbhit():
            char = self.keyboard.getwch()
            if char in _SPECIAL:
                # The key's code follows at once; without one it was a typed "à" (U+00E0),
                # which is no key of balint's either.
                if self.keyboard.kbhit():
                    taken.append(_AS_SEQUENCE.get(self.keyboard.getwch(), ""))
                continue
            if char == "\x03":  # Ctrl-C read as a character, when input is not processed
                raise KeyboardInterrupt
            taken.append(char)
        return "".join(taken)

    def _write(self, codes: str) -> None:
        try:
            self.out.write(codes)
            self.out.flush()
        except (OSError, ValueError):
            pass


# -- kernel32, through ctypes ----------------------------------------------------------------
# The structures are built from fixed-width types, so that this module imports (and its
# logic is tested) on any system; kernel32 itself is only loaded on Windows.


class _KeyRecord(ctypes.Structure):
    _fields_ = [
        ("down", ctypes.c_int32),
        ("repeat", ctypes.c_uint16),
        ("virtual_key", ctypes.c_uint16),
        ("scan_code", ctypes.c_uint16),
        ("char", ctypes.c_uint16),  # a WCHAR: UTF-16, 0 for a key with no character
        ("control_keys", ctypes.c_uint32),
    ]


class _Event(ctypes.Union):
    _fields_ = [("key", _KeyRecord), ("other", ctypes.c_uint8 * 16)]


class InputRecord(ctypes.Structure):
    """An INPUT_RECORD: a key, mouse, resize, menu or focus event."""

    _fields_ = [("kind", ctypes.c_uint16), ("event", _Event)]


class _ScreenInfo(ctypes.Structure):
    """A CONSOLE_SCREEN_BUFFER_INFO, its COORDs and SMALL_RECT spelt out."""

    _fields_ = [
        (name, ctypes.c_int16)
        for name in ("width", "height", "x", "y", "attributes", "left", "top", "right", "bottom")
    ] + [("most_width", ctypes.c_int16), ("most_height", ctypes.c_int16)]


def leading_non_keys(records: Sequence[InputRecord]) -> int:
    """How many records at the front hold no character for msvcrt to read."""
    count = 0
    for record in records:
        key = record.event.key
        if record.kind == KEY_EVENT and key.down and key.char:
            break
        count += 1
    return count


def output_mode(mode: int) -> int:
    """The output's mode with VT sequences taken (Rich moves the cursor with them)."""
    return mode | ENABLE_PROCESSED_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING


def input_mode(mode: int) -> int:
    """The input's mode with resizes reported (they wake the wait) and the mouse not."""
    return (mode | ENABLE_WINDOW_INPUT) & ~ENABLE_MOUSE_INPUT


# The handler's C type: WINFUNCTYPE on Windows; CFUNCTYPE elsewhere, for the tests.
_HANDLER_ROUTINE = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)(ctypes.c_int, ctypes.c_uint32)
# Every handler installed, kept for the life of the process: Windows may still be running one
# on its own thread after it is removed, and freeing it then would crash the process.
_INSTALLED: list[Any] = []


class WindowsConsole:
    """The console through kernel32: its modes, the wait for keys, the control handler."""

    def __init__(self, kernel32: Any = None) -> None:
        self._kernel32 = kernel32  # loaded on entering: it exists only on Windows
        self._saved: dict[int, int] = {}  # handle: the mode it had
        self._on_event: Callable[[int], None] = lambda _event: None
        self._handler: Any = None
        self._input = self._output = self._wake = self._released = 0

    def enter(self, on_event: Callable[[int], None]) -> None:
        k = self._kernel32 = self._kernel32 or _load_kernel32()
        try:
            self._input = k.GetStdHandle(STD_INPUT_HANDLE)
            self._output = k.GetStdHandle(STD_OUTPUT_HANDLE)
            self._change_mode(self._output, output_mode)  # fails before Windows 10: Rich copes
            self._change_mode(self._input, input_mode)
            # Left open when done: a close may still wait on them, and the process ends soon.
            self._wake = k.CreateEventW(None, False, False, None)  # reset as a wait returns
            self._released = k.CreateEventW(None, True, False, None)
            self._on_event = on_event
            self._handler = _HANDLER_ROUTINE(self._control)
            _INSTALLED.append(self._handler)
            k.SetConsoleCtrlHandler(self._handler, True)
        except BaseException:
            self.leave()
            raise

    def leave(self) -> None:
        k = self._kernel32
        if self._handler is not None:
            k.SetEvent(self._released)  # a close waiting for the log may let Windows go on
            k.SetConsoleCtrlHandler(self._handler, False)
            self._handler = None
        for handle, mode in self._saved.items():
            k.SetConsoleMode(handle, mode)
        self._saved.clear()

    def wait(self, timeout: float) -> None:
        handles = (ctypes.c_void_p * 2)(self._input, self._wake)
        # Whole milliseconds rounded up, so as never to wake before the second changes.
        ms = math.ceil(min(timeout, _LONGEST_MS / 1000) * 1000)
        if self._kernel32.WaitForMultipleObjects(2, handles, False, ms) == WAIT_FAILED:
            raise OSError("The console's input cannot be waited on.")
        self._drop_non_keys()

    def size(self) -> tuple[int, int]:
        info = _ScreenInfo()
        if not self._kernel32.GetConsoleScreenBufferInfo(self._output, ctypes.byref(info)):
            return (0, 0)
        return (info.right - info.left + 1, info.bottom - info.top + 1)

    def _change_mode(self, handle: int, change: Callable[[int], int]) -> None:
        mode = ctypes.c_uint32()
        if self._kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            if self._kernel32.SetConsoleMode(handle, change(mode.value)):
                self._saved[handle] = mode.value

    def _drop_non_keys(self) -> None:
        """Read the records at the front of the input that hold no key, and only those.

        Only this thread reads the input, and records only join at its end: the records
        read are the ones just peeked at, so no key is ever taken from msvcrt.
        """
        k = self._kernel32
        records = (InputRecord * _PEEK)()
        count = ctypes.c_uint32()
        while k.PeekConsoleInputW(self._input, records, _PEEK, ctypes.byref(count)):
            peeked = count.value
            drop = leading_non_keys(records[:peeked])
            if drop:
                k.ReadConsoleInputW(self._input, records, drop, ctypes.byref(count))
            if drop < _PEEK:  # a key is next, or the input is empty now
                break

    def _control(self, event: int) -> int:
        """The control handler, on a thread Windows starts for it: wake the loop.

        When this returns after a close, Windows ends the process: wait (a few seconds at
        most) until the loop has written the end of the session and left the console.
        """
        if event != CTRL_C_EVENT and event not in STOPS:
            return 0  # not ours: the next handler's
        self._on_event(event)
        self._kernel32.SetEvent(self._wake)
        if event == CTRL_CLOSE_EVENT:
            self._kernel32.WaitForSingleObject(self._released, int(GRACE * 1000))
        return 1


def _load_kernel32() -> Any:
    """kernel32 with the prototypes used here (64-bit handles need them)."""
    if sys.platform != "win32":
        raise OSError("The Windows console exists only on Windows.")
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle, dword, boolean = wintypes.HANDLE, wintypes.DWORD, wintypes.BOOL
    records = [handle, ctypes.POINTER(InputRecord), dword, ctypes.POINTER(dword)]
    prototypes: dict[str, tuple[Any, list[Any]]] = {
        "GetStdHandle": (handle, [dword]),
        "GetConsoleMode": (boolean, [handle, ctypes.POINTER(dword)]),
        "SetConsoleMode": (boolean, [handle, dword]),
        "CreateEventW": (handle, [ctypes.c_void_p, boolean, boolean, wintypes.LPCWSTR]),
        "SetEvent": (boolean, [handle]),
        "WaitForSingleObject": (dword, [handle, dword]),
        "WaitForMultipleObjects": (dword, [dword, ctypes.POINTER(handle), boolean, dword]),
        "PeekConsoleInputW": (boolean, records),
        "ReadConsoleInputW": (boolean, records),
        "GetConsoleScreenBufferInfo": (boolean, [handle, ctypes.POINTER(_ScreenInfo)]),
        "SetConsoleCtrlHandler": (boolean, [_HANDLER_ROUTINE, boolean]),
    }
    for name, (result, arguments) in prototypes.items():
        function = getattr(kernel32, name)
        function.restype, function.argtypes = result, arguments
    return kernel32
