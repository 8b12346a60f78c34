"""A record of the newest logs' names, so that finding the last session need not read the
name of every log in the folder (a shelf may hold a hundred thousand).

The record is trusted only while the logs folder is as it was when the record was made: a
log made, removed or renamed in the folder moves the folder's own modification and change
times, and the record holds them. A folder changed in the last few seconds is not recorded
at all, since a file system keeps those times to a grain (up to two seconds) and a log made
within the same grain would leave them as they were; and balint drops the record itself as
it makes or removes a log. The record holds file names only (a session's start and a random
part), and can always be deleted: the folder is then read.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from balint_cli.fs.files import read_capped, replace_quickly
from balint_cli.fs.paths import LATEST, LOG_SUFFIX

KEPT = 10  # how many of the latest minutes the record keeps: all that is ever asked for
SETTLED_NS = 3_000_000_000  # a folder unchanged this long cannot change unseen in its grain
_MOST_BYTES = 64 * 1024  # far more than ten minutes' names take
Minutes = list[list[str]]  # names a minute at a time, the newest minute first
Clock = Callable[[], int]  # the wall clock, in nanoseconds


def recorded(folder: Path, seen: os.stat_result) -> Minutes | None:
    """The latest minutes' names as recorded, if the folder is as it was then (seen: how it
    is now); None where there is no record, it is of another state of the folder, or it is
    not one balint wrote (then the folder is read, as with none)."""
    try:
        kept = json.loads(read_capped(folder.parent / LATEST, _MOST_BYTES))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("folder") != _state(seen):
        return None
    minutes = kept.get("minutes")
    if not isinstance(minutes, list) or not all(_names(minute) for minute in minutes):
        return None
    if not all(os.path.lexists(folder / name) for minute in minutes for name in minute):
        return None  # a record that does not fit the folder: none of balint's
    return minutes


def keep(folder: Path, seen: os.stat_result, minutes: Minutes, now: Clock = time.time_ns) -> None:
    """Record the latest minutes' names as read from the folder, seen as it was before it
    was read; not when it changed too lately to tell a later change by its times. A record
    that cannot be written is no loss: the folder is read next time too."""
    if seen.st_mtime_ns + SETTLED_NS > now():
        return
    record = {"folder": _state(seen), "minutes": minutes[:KEPT]}
    with contextlib.suppress(OSError):
        replace_quickly(folder.parent / LATEST, json.dumps(record).encode("utf-8"))


def forget(folder: Path) -> None:
    """Drop the record, as balint makes or removes a log in the folder: on a file system
    that does not move a folder's times (some keep none for folders), the record would
    otherwise outlive the change."""
    with contextlib.suppress(OSError):
        os.unlink(folder.parent / LATEST)


def _state(seen: os.stat_result) -> list[int]:
    """The folder as a record names it: which folder, and when it last changed."""
    return [seen.st_dev, seen.st_ino, seen.st_mtime_ns, seen.st_ctime_ns]


def _names(minute: object) -> bool:
    """Whether a minute's entry in a record is a list of log names in the folder itself
    (whether each is there is looked at after)."""
    return (
        isinstance(minute, list)
        and bool(minute)
        and all(
            isinstance(name, str) and name.endswith(LOG_SUFFIX) and os.path.basename(name) == name
            for name in minute
        )
    )
