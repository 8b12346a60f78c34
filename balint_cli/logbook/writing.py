"""Writing a session's log: each event appended and on disk before the session goes on.

A new log is created exclusively and never through a link (an id that is taken gets a new
one, so two sessions never share a file), in a folder that is checked without following
links. While the session runs it holds a lock on its log, so no second balint can append
to it. The timer matters more than the log: when the log cannot be written, the writer says
so once and the session runs on.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import secrets
import stat
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from balint_cli.core.events import Event
from balint_cli.core.text import inert
from balint_cli.fs.files import FILE_MODE, O_BINARY, O_CLOEXEC, O_NOFOLLOW, private_folder
from balint_cli.fs.locks import try_lock
from balint_cli.fs.paths import LOG_SUFFIX
from balint_cli.i18n import _
from balint_cli.logbook import latest

LOG_VERSION = 1  # the version of the log's lines: its first line says it ("v")
PULSE_SECONDS = 30.0  # how often a running session marks its log as alive (its mtime)
_NEW = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_BINARY
_AGAIN = os.O_RDWR | os.O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_BINARY


class InUse(Exception):
    """The log is held by a session that is still running."""


def now_iso() -> str:
    """The wall time now, with its time zone, as logs record it."""
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def new_id(started: datetime) -> str:
    """A short, sortable id that a person can type: 20261123-1230-7f3a."""
    return f"{started:%Y%m%d-%H%M}-{secrets.token_hex(2)}"


class LogWriter:
    """Appends a session's events to its log, on disk as each happens."""

    def __init__(self, path: Path, warn: Callable[[str], None]) -> None:
        self.path = path
        self._warn = warn
        self._fd: int | None = None
        self._pulsed = time.monotonic()
        self.reason = ""  # why the log could not be written, in a few words
        self.failed = ""  # the same, as the live session says it

    @classmethod
    def create(
        cls,
        folder: Path,
        started: datetime,
        first: Callable[[str], Event],
        warn: Callable[[str], None],
    ) -> LogWriter:
        """A new log in folder, its first event (made for its id) written; failing, a warning.

        The file appears only with that event in it: a session that cannot be logged leaves
        no empty file behind.
        """
        writer = cls(folder / "?", warn)
        try:
            _check_folder(folder)
            for _ in range(64):  # an id taken by another session, or a planted link: another
                log_id = new_id(started)
                path = folder / f"{log_id}{LOG_SUFFIX}"
                data = _encode([first(log_id)])
                try:
                    fd = os.open(path, _NEW, FILE_MODE)
                except FileExistsError:
                    continue
                writer.path = path
                try:
                    if hasattr(os, "fchmod"):  # the file it made: 0600, whatever the umask
                        os.fchmod(fd, FILE_MODE)
                    try_lock(fd)
                    _write_all(fd, data)
                except BaseException:
                    os.close(fd)
                    with contextlib.suppress(OSError):
                        os.unlink(path)
                    raise
                writer._fd = fd
                latest.forget(folder)  # the newest log is this one now
                return writer
            raise OSError(errno.EEXIST, "no free name for a new log")
        except (OSError, ValueError) as err:
            writer._fail(err)
        return writer

    @classmethod
    def reopen(cls, path: Path, warn: Callable[[str], None]) -> LogWriter:
        """The log of an unfinished session, locked, to carry it on; InUse if it is running."""
        fd = os.open(path, _AGAIN)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            if not try_lock(fd):
                raise InUse(str(path))
        except BaseException:
            os.close(fd)
            raise
        writer = cls(path, warn)
        writer._fd = fd
        return writer

    def mend(self) -> None:
        """End a last line torn by a power cut, so the next event starts a line of its own.

        Appended to the fragment, it would be lost with it.
        """
        if self._fd is None:
            return
        try:
            size = os.lseek(self._fd, 0, os.SEEK_END)
            if size:
                os.lseek(self._fd, size - 1, os.SEEK_SET)
                if os.read(self._fd, 1) != b"\n":
                    _write_all(self._fd, b"\n")
        except OSError as err:
            self._fail(err)

    def record(self, event: Event) -> None:
        """Append one event and make sure it is on disk before going on."""
        self.record_all([event])

    def record_all(self, events: Sequence[Event]) -> None:
        """Append events in one write and one flush to disk.

        A move is two events (the phase that ends, the one that starts): written together,
        a kill can never leave the first without the second.
        """
        if self._fd is None or not events:
            return
        try:
            _write_all(self._fd, _encode(events))
            self._pulsed = time.monotonic()
        except (OSError, ValueError, TypeError, OverflowError, RecursionError) as err:
            self._fail(err)

    def pulse(self) -> None:
        """Mark the log as alive (its modification time) every half minute.

        When balint is killed, the log then says to within half a minute when it stopped,
        even in a long phase with no events.
        """
        if self._fd is None or time.monotonic() - self._pulsed < PULSE_SECONDS:
            return
        self._pulsed = time.monotonic()
        with contextlib.suppress(OSError, NotImplementedError):
            if os.utime in os.supports_fd:
                os.utime(self._fd)
            else:
                os.utime(self.path)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _fail(self, err: BaseException) -> None:
        self.reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        self.failed = _(
            "The session log cannot be written ({reason}); the session goes on."
        ).format(reason=self.reason)
        self.close()
        self._warn(self.failed)


def _check_folder(folder: Path) -> None:
    """The logs folder, made private if balint makes it; never a link, never written through."""
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        private_folder(folder)
        return
    if stat.S_ISLNK(mode):
        raise OSError(errno.ELOOP, f"{inert(str(folder))} is a link, which balint does not follow")
    if not stat.S_ISDIR(mode):
        raise OSError(errno.ENOTDIR, f"{inert(str(folder))} is not a folder")


def _write_all(fd: int, data: bytes) -> None:
    while data:
        written = os.write(fd, data)
        data = data[written:]
    os.fsync(fd)


def _encode(events: Sequence[Event]) -> bytes:
    lines = [json.dumps(to_line(event), ensure_ascii=False, allow_nan=False) for event in events]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_line(event: Event) -> dict[str, Any]:
    """An event as a log line: its kind, session time, wall time, and its data."""
    line: dict[str, Any] = {"event": event.kind, "t": _value(round(event.t, 3))}
    line["at"] = event.data.get("at") or now_iso()
    for key, value in event.data.items():
        if key != "at":
            line[key] = _value(value)
    return line


def _value(value: Any) -> Any:
    """A value in a form JSON and UTF-8 can always hold.

    A name that is not UTF-8 (a file name, surrogate-escaped) keeps what can be read of it;
    a number that is not finite becomes null.
    """
    if isinstance(value, float):
        return round(value, 3) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)
        return value
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    return value
