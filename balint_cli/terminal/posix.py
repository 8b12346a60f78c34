"""The POSIX terminal: single keys through termios, signals, and restoring it on every way out.

While a session runs the terminal is in cbreak mode (keys arrive one by one, unechoed).
Whatever happens (the end, q, Ctrl-C, SIGTERM, SIGHUP, Ctrl-Z, an exception) the
terminal gets its line mode, echo and cursor back.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import termios
from collections.abc import Callable
from types import FrameType
from typing import Any, TextIO

from balint_cli.i18n import N_
from balint_cli.terminal.keys import ESCAPE_WAIT, RESIZE, Keys
from balint_cli.terminal.stopping import Handler, Terminated, stoppable

_SHOW_CURSOR = "\x1b[?25h"


_BRACKETED_PASTE = ("\x1b[?2004h", "\x1b[?2004l")  # on, off


class PosixTerminal:
    """The terminal in cbreak mode for the length of a `with` block."""

    def __init__(
        self,
        fd: int,
        out: TextIO,
        on_suspend: Callable[[], None] = lambda: None,
        on_resume: Callable[[], None] = lambda: None,
    ) -> None:
        self.fd = fd
        self.out = out
        self._saved: list[Any] | None = None
        self._signals = contextlib.ExitStack()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._resized = False
        self.on_suspend = on_suspend
        self.on_resume = on_resume
        self._keys = Keys()

    def __enter__(self) -> PosixTerminal:
        self._saved = termios.tcgetattr(self.fd)
        self._cbreak()
        self._write(_BRACKETED_PASTE[0])
        own: dict[int, Handler] = {signal.SIGWINCH: self._resize, signal.SIGTSTP: self._suspend}
        self._signals.enter_context(stoppable(own))
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()
        self._signals.close()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def restore(self) -> None:
        """Give the terminal back as it was: line mode, echo, a visible cursor."""
        if self._saved is not None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        self._write(_BRACKETED_PASTE[1] + _SHOW_CURSOR)

    def _write(self, codes: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.out.write(codes)
            self.out.flush()

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within timeout seconds (none if none), or RESIZE."""
        ready = self._wait(timeout)
        keys: list[str] = []
        if self._wake_r in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(self._wake_r, 64)
        if self._resized:
            self._resized = False
            keys.append(RESIZE)
        if self.fd in ready:
            keys += self._keys.feed(self._take())
            # An ESC alone may be the start of an arrow key whose rest is still on its way.
            while self._keys.waiting:
                if self.fd in self._wait(ESCAPE_WAIT, keys_only=True):
                    keys += self._keys.feed(self._take())
                else:
                    keys += self._keys.flush()
        return keys

    def _wait(self, timeout: float, keys_only: bool = False) -> list[int]:
        fds = [self.fd] if keys_only else [self.fd, self._wake_r]
        try:
            ready, _, _ = select.select(fds, [], [], max(timeout, 0.0))
        except InterruptedError:  # pragma: no cover - select retries by itself since 3.5
            ready = []
        return ready

    def _take(self) -> bytes:
        data = os.read(self.fd, 4096)
        if not data:  # the terminal went away
            raise Terminated(N_("the terminal closing"), 128 + signal.SIGHUP)
        return data

    def _cbreak(self) -> None:
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ICANON | termios.ECHO)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN, mode)

    def _resize(self, _signum: int, _frame: FrameType | None) -> None:
        self._resized = True
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"r")

    def _suspend(self, _signum: int, _frame: FrameType | None) -> None:
        """Ctrl-Z: hand back a normal terminal, stop, and take it again on `fg`."""
        self.on_suspend()
        self.restore()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        # ...stopped here until the shell continues us...
        signal.signal(signal.SIGTSTP, self._suspend)
        self._cbreak()
        self._write(_BRACKETED_PASTE[0])
        self.on_resume()
        self._resize(signal.SIGWINCH, None)
