"""Locks on open files: one session, one writer of its log; one balint at a time changing a file.

The lock goes with the open file, so the system releases it however the process ends (even
`kill -9`): a killed session can be resumed at once, a running one cannot be taken over.
POSIX uses flock(2); Windows locks one byte far past the end of the file with
msvcrt.locking, where it blocks no one's reading of the log itself. Each platform's module
(fcntl, msvcrt) is imported only on its platform, as a lock is taken.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from balint_cli.errors import BalintError
from balint_cli.fs.files import (
    FILE_MODE,
    O_CLOEXEC,
    O_NOCTTY,
    O_NOFOLLOW,
    O_NONBLOCK,
    private_folder,
    show_path,
)

_FAR = 1 << 30  # the byte Windows locks: past the end of any log, so reading is never blocked
_RETRY = 0.05  # seconds between tries while another process holds a lock: quick, not busy
CHANGE_WAIT = 5.0  # seconds to wait while another balint changes a file, then say so


class Busy(Exception):
    """Another process held the lock for the whole of the wait."""


def try_lock(fd: int) -> bool:
    """Take the lock on the open file fd without waiting; whether it was free."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _FAR, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def lock(path: os.PathLike[str] | str) -> int | None:
    """The file at path opened, never through a link or waiting, with its lock taken: its fd.

    None when another process holds the lock; OSError when the file cannot be opened.
    """
    flags = os.O_RDWR if sys.platform == "win32" else os.O_RDONLY
    fd = os.open(path, flags | O_NOFOLLOW | O_NONBLOCK)
    if try_lock(fd):
        return fd
    os.close(fd)
    return None


def in_use(path: os.PathLike[str] | str) -> bool:
    """Whether another process holds the lock on the file at path (False if it cannot tell)."""
    try:
        fd = lock(path)
    except OSError:
        return False
    if fd is None:
        return True
    os.close(fd)  # which lets go of the lock again
    return False


def wait_lock(
    fd: int,
    timeout: float,
    *,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], float] = time.monotonic,
) -> bool:
    """Take the lock on the open file fd, trying again until timeout seconds have passed.

    Whether it was taken. Tried again and again rather than waited on, since neither system
    bounds a blocking wait.
    """
    deadline = now() + timeout
    while not try_lock(fd):
        left = deadline - now()
        if left <= 0:
            return False
        sleep(min(_RETRY, left))
    return True


def take(path: os.PathLike[str] | str, timeout: float) -> int:
    """The lock file at path, open and locked, waiting up to timeout; let_go() when done.

    The file is made if missing (0600), never opened through a link, and must be a regular
    file. Busy if another process holds it all the while; OSError if it cannot be opened.
    """
    flags = os.O_RDWR | os.O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
    fd = os.open(path, flags, FILE_MODE)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if not wait_lock(fd, timeout):
            raise Busy(str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def let_go(fd: int) -> None:
    """Release the lock taken on fd and close it (Windows asks for the unlock first)."""
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, _FAR, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)


@contextlib.contextmanager
def changing(path: Path, what: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock file at path while what (a file of the user's) is read and written
    again, so that two balints changing it at once both keep their change; or say in one
    sentence why it cannot be had. The wait is CHANGE_WAIT unless timeout says."""
    try:
        private_folder(path.parent)
        fd = take(path, CHANGE_WAIT if timeout is None else timeout)
    except Busy:
        raise BalintError(f"Another balint is changing {what}; try again in a moment.") from None
    except OSError as err:
        where = show_path(path)
        if err.errno in (errno.ELOOP, errno.EINVAL, errno.EISDIR):  # a link, a pipe, a folder
            raise BalintError(
                f"{where} must be a plain file (balint keeps the lock on {what} in it); "
                "remove what is there and try again."
            ) from None
        raise BalintError(f"{where} cannot be opened: {err.strerror or err}.") from None
    try:
        yield
    finally:
        let_go(fd)
