"""The view's state publisher: what the group may see of the running session, in a small file.

A running session keeps `view.json` in the user's folder saying where the group is: the
phase's title and case, what the members do now (`for_group`), the time left, what comes
next, paused or over, and the session's language; once the session has ended, while the
co-leaders debrief, that it has ended. Nothing else: no prompt, purpose, intervention, debrief
question, log or anything typed. `balint view` (in a terminal or a browser) reads it.

The file is replaced in one step, readable by the owner alone, and only when what it says
changes: the time left is written as the moment it runs out, so a running phase is one
write, not one a second (and again once a minute, so that a clock set meanwhile is put
right). While it runs, the session holds a lock on `view.lock`; a view that finds the file
but not the lock knows that the session stopped without tidying up. A second session
running at the same time leaves the first one's view alone, and takes it once the first ends.

The session never waits on a view: if the file cannot be written, publishing stops for
that session, silently, and the session runs on as it would with no view at all.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

from balint_cli.core.view import View
from balint_cli.fs.files import (
    FILE_MODE,
    O_CLOEXEC,
    O_NOFOLLOW,
    private_folder,
    read_capped,
    replace_quickly,
)
from balint_cli.fs.locks import in_use, try_lock
from balint_cli.fs.paths import VIEW_LOCK, VIEW_STATE

VERSION = 1
REFRESH = 60.0  # seconds between writes at most, while nothing changes
RETRY = 2.0  # seconds between tries for the view while another session is showing itself
_MAX_BYTES = 64 * 1024  # a state file is a few hundred bytes; anything far bigger is not one


class Looks(Protocol):
    """How the session is shown, as far as the group's view reads it."""

    discreet: bool  # whole minutes: a view showing the clock shows them too


@dataclass(frozen=True, kw_only=True)
class Shown:
    """What the group sees of the session at one moment."""

    language: str
    title: str
    case: int | None
    for_group: str
    next_title: str | None
    next_case: int | None
    paused: bool
    discreet: bool
    moves_on: bool  # the phase moves on by itself at zero (at_zero = "next")
    warn_seconds: float
    left: float  # session seconds left in the phase at `at` (below zero: over)
    at: float  # when that was: seconds since the epoch, the system's clock
    speed: float
    ended: bool = False  # the session has ended (the leaders debrief): the rest is not shown

    def left_at(self, now: float) -> float:
        """Session seconds left in the phase at now (a moment on the same clock as `at`)."""
        if self.paused:
            return self.left
        return self.left - max(0.0, now - self.at) * self.speed

    def due(self) -> float:
        """The moment the phase's time runs out, on the system's clock (paused: never)."""
        return math.inf if self.paused else self.at + self.left / self.speed

    def to_json(self) -> str:
        return json.dumps({"balint-view": VERSION, **asdict(self)}, ensure_ascii=False)


def shown(view: View, look: Looks, speed: float, language: str, now: float) -> Shown:
    """What the group may see of view (pure)."""
    nxt = view.next_phase
    return Shown(
        language=language,
        title=view.phase.title,
        case=view.phase.case,
        for_group=view.phase.for_group or "",
        next_title=nxt.title if nxt is not None else None,
        next_case=nxt.case if nxt is not None else None,
        paused=view.paused,
        discreet=look.discreet,
        moves_on=view.phase.at_zero == "next",
        warn_seconds=view.phase.warn_seconds,
        left=view.remaining,
        at=now,
        speed=speed,
        ended=view.ended is not None,
    )


def read_shown(text: str) -> Shown:
    """A state file's text as Shown; ValueError if it is not one."""
    data = json.loads(text, parse_constant=_no_constant)
    if not isinstance(data, dict) or data.pop("balint-view", None) != VERSION:
        raise ValueError("not a view state of this version")
    data.setdefault("ended", False)  # a state written before the view knew of an end
    words, number, flag = (str,), (int, float), (bool,)
    maybe_text, maybe_int = (str, type(None)), (int, type(None))
    fields: dict[str, tuple[type, ...]] = {
        "language": words,
        "title": words,
        "case": maybe_int,
        "for_group": words,
        "next_title": maybe_text,
        "next_case": maybe_int,
        "paused": flag,
        "discreet": flag,
        "moves_on": flag,
        "warn_seconds": number,
        "left": number,
        "at": number,
        "speed": number,
        "ended": flag,
    }
    if set(data) != set(fields):
        raise ValueError("fields missing or unknown")
    for name, kinds in fields.items():
        value = data[name]
        if not isinstance(value, kinds) or (kinds != flag and isinstance(value, bool)):
            raise ValueError(f"{name} is not what it should be")
    numbers = (data["warn_seconds"], data["left"], data["at"], data["speed"])
    if not all(math.isfinite(x) and abs(x) < 1e12 for x in numbers) or data["speed"] <= 0:
        raise ValueError("a number out of range")
    if len(data["title"]) > 500 or len(data["for_group"]) > 2000:
        raise ValueError("text far too long")
    return Shown(**data)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def current(folder: Path) -> Shown | None:
    """What the running session shows the group now; None when no session is running."""
    path = folder / VIEW_STATE
    try:
        text = read_capped(path, _MAX_BYTES).decode("utf-8")
        found = read_shown(text)
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not in_use(folder / VIEW_LOCK):
        return None  # left behind by a session that stopped without tidying up
    return found


def stamp(folder: Path) -> tuple[int, int] | None:
    """Something that changes whenever the state file is replaced or goes (cheap: one stat)."""
    try:
        info = os.stat(folder / VIEW_STATE)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns)


class Board(Protocol):
    """Where a session shows the group where it is."""

    def publish(self, view: View, look: Looks) -> None: ...

    def close(self) -> None: ...


class NoBoard:
    """No view: nothing is published (a test, or a session that could not take the lock)."""

    def publish(self, view: View, look: Looks) -> None:
        pass

    def close(self) -> None:
        pass


class Publisher:
    """The running session's state file: written when what it says changes, gone at the end."""

    def __init__(
        self,
        folder: Path,
        speed: float,
        language: str,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.speed = speed
        self.language = language
        self._now = now
        self._lock: int | None = None
        self._waiting = True  # for the view, while another session shows itself
        self._tried = -math.inf
        self._said: Shown | None = None  # the last state written, with its own time
        self.writes = 0
        self._take()

    @property
    def active(self) -> bool:
        return self._lock is not None

    def _take(self) -> None:
        """Take the view, unless another session is showing itself: its view is left alone,
        and tried for again a little later, so that this session shows once it has ended."""
        self._tried = self._now()
        try:
            private_folder(self.folder)
            flags = os.O_RDWR | os.O_CREAT | O_NOFOLLOW | O_CLOEXEC
            fd = os.open(self.folder / VIEW_LOCK, flags, FILE_MODE)
        except OSError:
            self._waiting = False  # no view can be had: stop trying
            return
        if try_lock(fd):
            self._lock, self._waiting, self._said = fd, False, None
        else:
            os.close(fd)

    def publish(self, view: View, look: Looks) -> None:
        if self._lock is None:
            if not self._waiting or abs(self._now() - self._tried) < RETRY:
                return
            self._take()
            if self._lock is None:
                return
        state = shown(view, look, self.speed, self.language, self._now())
        if self._said is not None and _same(self._said, state):
            return
        try:
            replace_quickly(self.folder / VIEW_STATE, state.to_json().encode("utf-8"))
        except OSError:
            self.close()  # the session matters more than its view: stop trying, say nothing
            return
        self._said = state
        self.writes += 1

    def close(self) -> None:
        """The session is over: no state left behind, the lock let go."""
        self._waiting = False
        if self._lock is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.folder / VIEW_STATE)
        with contextlib.suppress(OSError):
            os.close(self._lock)
        self._lock = None


def _same(said: Shown, now: Shown) -> bool:
    """Whether the state written still says what now says, near enough to leave it."""
    if now.at - said.at >= REFRESH or now.at < said.at:
        return False
    if replace(said, left=0.0, at=0.0) != replace(now, left=0.0, at=0.0):
        return False
    if said.paused:
        return abs(said.left - now.left) < 0.5
    return abs(said.due() - now.due()) < 0.5 / max(now.speed, 1.0)
