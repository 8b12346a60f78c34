"""A program in a real pseudo-terminal: pexpect runs it, pyte keeps the screen a user sees."""

from __future__ import annotations

import os
import re
import signal
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10.0  # generous, so that a busy machine slows a test down instead of failing it

# What would change how the child sees its terminal, from the test run's own environment.
_UNSET = (
    "NO_COLOR",
    "FORCE_COLOR",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "BALINT_DEBUG",
)

# Shows what the session left behind: its exit status, then the terminal's settings.
_THEN_STTY = 'trap : INT TERM; "$@"; echo "exit=$?"; stty -a'


def balint_argv(*args: str) -> list[str]:
    """The command line that starts balint with this interpreter."""
    return [sys.executable, "-m", "balint_cli", *args]


def then_stty(argv: Sequence[str]) -> list[str]:
    """argv run by a shell that then prints its exit status and `stty -a`.

    The shell traps INT and TERM so that it outlives the program and reports on it; a trap
    with a command is not inherited, so the program still gets the signals' default handling.
    """
    return ["sh", "-c", _THEN_STTY, "sh", *argv]


def child_env(extra: Mapping[str, str]) -> dict[str, str]:
    """The test run's environment (with its BALINT_HOME), as a colour terminal would have it."""
    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    env["TERM"] = "xterm-256color"
    return {**env, **extra}


_HOME = b"\x1b[H"  # the live screen starts every frame by sending the cursor home


def _as_from_a_shell() -> None:
    """Ctrl-C as a leader's shell leaves it: a test suite run in the background has it ignored,
    which its children would inherit (and rightly keep: a program started so ignores it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


class PtyScreen:
    """One program in a pseudo-terminal of cols x rows, and the screen it has drawn.

    Output is shown on the screen a frame at a time: waiting for something stops at the first
    whole frame that shows it, however many frames came in at once, so a state that lasts a
    few frames is seen even when the test runs late.
    """

    def __init__(
        self, argv: Sequence[str], cols: int = 80, rows: int = 24, env: Mapping[str, str] = {}
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.raw = b""  # everything the program wrote
        self._unseen = b""  # the end of raw, not on the screen yet
        self.eof = False
        self.child = pexpect.spawn(
            argv[0],
            list(argv[1:]),
            env=child_env(env),
            cwd=str(ROOT),
            dimensions=(rows, cols),
            preexec_fn=_as_from_a_shell,
        )
        self.child.delaybeforesend = None  # keys, not a password prompt: no need to wait

    # -- reading ------------------------------------------------------------------------------

    @property
    def seen(self) -> bytes:
        """What the program wrote up to the frame on the screen."""
        return self.raw[: len(self.raw) - len(self._unseen)]

    def _read(self, timeout: float = 0.05) -> None:
        """Take in what the program has written, waiting up to timeout for the first of it."""
        wait = timeout
        while not self.eof:
            try:
                data = self.child.read_nonblocking(65536, timeout=wait)
            except pexpect.TIMEOUT:
                return
            except pexpect.EOF:
                self.eof = True
                return
            self.raw += data
            self._unseen += data
            wait = 0

    def _show(self, check: Callable[[], bool]) -> bool:
        """Show frame after frame until check() holds on a whole one; whether it did."""
        while not (self._whole() and check()):
            if not self._unseen:
                return False
            cut = self._unseen.find(_HOME, 1)
            cut = len(self._unseen) if cut < 0 else cut
            self._stream.feed(self._unseen[:cut])
            self._unseen = self._unseen[cut:]
        return True

    def _show_all(self) -> None:
        self._show(lambda: False)

    def _whole(self) -> bool:
        """Whether the screen is not half drawn: a frame leaves the cursor on the last row."""
        return (self.eof and not self._unseen) or self.screen.cursor.y == self.screen.lines - 1

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def bottom(self) -> str:
        """The last row, where the keys (or a passing note, or how to answer) are."""
        return self.lines()[-1]

    def row(self, pattern: str) -> str:
        """The first row with a match for pattern, or ''."""
        return next((line for line in self.lines() if re.search(pattern, line)), "")

    def time_line(self) -> str:
        """The plain-digits line: `01:23 left of 2 min`, or `2 min · +00:04 over`."""
        return self.row(r"\d\d:\d\d (left of |over)")

    def shown_seconds(self) -> int | None:
        """The time on the plain-digits line in seconds (negative once over), or None."""
        found = re.search(r"(\+?)(\d\d):(\d\d) (left|over)", self.time_line())
        if found is None:
            return None
        seconds = int(found[2]) * 60 + int(found[3])
        return -seconds if found[1] else seconds

    def colour_of(self, pattern: str) -> str:
        """The foreground colour of the first character matched by pattern (pyte's name)."""
        for y, line in enumerate(self.screen.display):
            found = re.search(pattern, line)
            if found:
                return str(self.screen.buffer[y][found.start()].fg)
        raise AssertionError(f"{pattern!r} is not on the screen:\n{self.text()}")

    def wait_until(self, check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        """Read output until check() holds on a whole frame; fail with the screen if never."""
        deadline = time.monotonic() + timeout
        while not self._show(check):
            if self.eof:
                raise AssertionError(
                    f"The program ended while waiting for {what}. The screen:\n{self.text()}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"Gave up after {timeout:g} s waiting for {what}. The screen:\n{self.text()}"
                )
            self._read()

    def search(self, pattern: str) -> re.Match[str] | None:
        """pattern (a regular expression, ^ and $ at each row's ends) on the screen's text."""
        return re.search(pattern, self.text(), re.MULTILINE)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Wait until pattern matches the screen's text."""
        self.wait_until(lambda: self.search(pattern) is not None, repr(pattern), timeout)
        found = self.search(pattern)
        assert found is not None
        return found

    def wait_for_line(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Wait until pattern is on the screen, which need not be a whole frame: a question
        asked on a plain terminal, before or after the live screen."""
        deadline = time.monotonic() + timeout
        while True:
            self._show_all()
            found = self.search(pattern)
            if found is not None:
                return found
            if self.eof or time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} never came. The screen:\n{self.text()}")
            self._read()

    def wait_gone(self, pattern: str, timeout: float = TIMEOUT) -> None:
        self.wait_until(lambda: self.search(pattern) is None, f"{pattern!r} to go", timeout)

    def watch(self, seconds: float) -> None:
        """Keep reading for a short while, to see that something does not change."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.eof:
            self._read(min(0.05, max(deadline - time.monotonic(), 0.0)))
        self._show_all()

    # -- acting -------------------------------------------------------------------------------

    def press(self, keys: str) -> None:
        self.child.send(keys)

    def resize(self, cols: int, rows: int) -> None:
        """Change the terminal's size, as dragging the window's corner does."""
        self._show_all()
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    def signal(self, signum: signal.Signals) -> None:
        """Send signum to the program's whole process group, as `kill -- -PGID` does."""
        os.killpg(os.getpgid(self.child.pid), signum)

    def line_modes(self) -> tuple[bool, bool]:
        """Whether the terminal is in line mode (icanon) and echoes, right now."""
        lflag = termios.tcgetattr(self.child.child_fd)[3]
        return bool(lflag & termios.ICANON), bool(lflag & termios.ECHO)

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Read to the end of the output; the program's exit status."""
        deadline = time.monotonic() + timeout
        while not self.eof:
            assert time.monotonic() < deadline, f"the program still runs:\n{self.text()}"
            self._read()
        self._show_all()
        while self.child.isalive():
            assert time.monotonic() < deadline, "the program closed its terminal but lives on"
            time.sleep(0.01)
        assert self.child.signalstatus is None, f"killed by signal {self.child.signalstatus}"
        return int(self.child.exitstatus)

    def end_session(self) -> int:
        """q, then y to "End the session now?": the program's exit status."""
        self.press("q")
        self.wait_for(r"End the session now\? y/n")
        self.press("y")
        return self.wait_exit()

    def close(self) -> None:
        """Hang up the terminal, which stops the program if it still runs (else kill it)."""
        self.child.close(force=True)
