"""Writing a session's log: each event appended and on disk before the session goes on."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from balint_cli.logbook import FILE_MODE, FOLDER_MODE
from balint_cli.session import Event


def now_iso() -> str:
    """The wall time now, with its time zone, as logs record it."""
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def new_id(started: datetime) -> str:
    """A short, sortable id that a person can type: 20261123-1230-7f3a."""
    return f"{started:%Y%m%d-%H%M}-{secrets.token_hex(2)}"
class LogWriter:
    """Appends a session's events to its log, on disk as each happens.

    The timer matters more than the log: when the log cannot be written (its folder is a
    file, read-only, the disk is full) the writer says so once and the session runs on.
    """

    def __init__(self, path: Path, warn: Callable[[str], None]) -> None:
        self.path = path
        self._warn = warn
        self._fd: int | None = None
        self.failed = ""
        try:
            _private_folder(path.parent)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            os.fchmod(self._fd, FILE_MODE)
        except OSError as err:
            self._fail(err)

    def record(self, event: Event) -> None:
        """Append one event and make sure it is on disk before going on."""
        if self._fd is None:
            return
        line = json.dumps(to_line(event), ensure_ascii=False, allow_nan=False) + "\n"
        try:
            data = line.encode("utf-8")
            while data:
                written = os.write(self._fd, data)
                data = data[written:]
            os.fsync(self._fd)
        except (OSError, ValueError) as err:
            self._fail(err)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _fail(self, err: Exception) -> None:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        self.failed = f"The session log cannot be written ({reason}); the session goes on."
        self.close()
        self._warn(self.failed)


def _private_folder(folder: Path) -> None:
    """The logs folder, made if need be, open to its owner only."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(FOLDER_MODE)


def to_line(event: Event) -> dict[str, Any]:
    """An event as a log line: its kind, session time, wall time, and its data."""
    line: dict[str, Any] = {"event": event.kind, "t": round(event.t, 3)}
    line["at"] = event.data.get("at") or now_iso()
    for key, value in event.data.items():
        if key != "at":
            line[key] = round(value, 3) if isinstance(value, float) else value
    return line
