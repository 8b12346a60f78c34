"""A lock that says a session's log is in use: one session, one writer.

The lock goes with the open file, so the system releases it however the process ends (even
`kill -9`): a killed session can be resumed at once, a running one cannot be taken over.
POSIX uses flock(2); Windows locks one byte far past the end of the file with
msvcrt.locking, where it blocks no one's reading of the log itself.
"""

from __future__ import annotations

import os
import sys

_FAR = 1 << 30  # the byte Windows locks: past the end of any log, so reading is never blocked


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
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
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
