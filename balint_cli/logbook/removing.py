"""Deleting one log: a regular file in logs/ alone, and never one that a session holds.

The log is locked as a running session locks it, from before the question until the file
is gone, so no `run --resume` or `log edit` can take it up meanwhile and write on into a
file that is then deleted.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from types import TracebackType

from balint_cli.errors import BalintError
from balint_cli.fs.files import kind_of, show_path
from balint_cli.fs.locks import lock
from balint_cli.fs.paths import LOG_SUFFIX
from balint_cli.logbook import latest, reading


def copies(path: Path, log: reading.SessionLog | None) -> list[Path]:
    """The other logs beside path that hold its session (a file manager's `… copy.jsonl`, named
    by the id and more): reports count a session once, from whichever copy is left, so
    deleting it deletes them too. Only names that begin with the id are read: a few."""
    if log is None:
        try:
            log = reading.read_log(path)
        except reading.Damaged:
            return []  # a damaged log is no session: it has no copies to speak of
    session = log.session_id
    try:
        names = sorted(os.listdir(path.parent))
    except OSError:
        return []
    found = []
    for name in names:
        other = path.parent / name
        if name == path.name or not (name.startswith(session) and name.endswith(LOG_SUFFIX)):
            continue
        try:
            # A regular file alone: a link or a folder here is never deleted (Held says so).
            regular = stat.S_ISREG(os.lstat(other).st_mode)
            if regular and reading.read_log(other).session_id == session:
                found.append(other)
        except (reading.Damaged, OSError):
            continue
    return found


class Held:
    """A log in logs/, opened and locked for deleting (use it in a `with`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._name = show_path(path.name)
        self._fd: int | None = self._take()

    def _take(self) -> int:
        """The log's lock, taken; BalintError for a link, a folder, or a log in use."""
        try:
            seen = os.lstat(self.path)
        except OSError as err:
            raise self._cannot(err) from None
        if stat.S_ISLNK(seen.st_mode):
            raise BalintError(
                f"{self._name} in your logs folder is a link, which balint neither follows "
                "nor deletes."
            )
        if not stat.S_ISREG(seen.st_mode):
            raise BalintError(
                f"{self._name} in your logs folder is {kind_of(self.path)}, not a session log; "
                "balint deletes only log files."
            )
        try:
            fd = lock(self.path)
        except OSError as err:
            raise self._cannot(err) from None
        if fd is None:
            raise BalintError(
                f"The session {show_path(self.path.stem)} is still running; end it before "
                "deleting its log."
            )
        try:
            self._unchanged(fd, seen)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _unchanged(self, fd: int, seen: os.stat_result) -> None:
        """BalintError if the file open at fd is no longer the one seen in logs/."""
        if not os.path.samestat(os.fstat(fd), seen):  # replaced by another meanwhile
            raise BalintError(f"{self._name} changed as it was about to be deleted; try again.")

    def delete(self) -> None:
        """Delete the file, the lock still held; BalintError if it cannot be."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self._unchanged(fd, os.lstat(self.path))
            if sys.platform == "win32":
                # An open file cannot be deleted there: let go first. A session that takes the
                # log in between keeps it open, so the deletion fails rather than losing it.
                os.close(fd)
                fd = None
            os.unlink(self.path)
            latest.forget(self.path.parent)
        except OSError as err:
            raise self._cannot(err) from None
        finally:
            if fd is not None:
                os.close(fd)

    def _cannot(self, err: OSError) -> BalintError:
        return BalintError(f"{self._name} cannot be deleted: {err.strerror or err}.")

    def __enter__(self) -> Held:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
