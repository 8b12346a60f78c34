"""Finding one session's log: by its id, a unique start of it, or `last`.

An id is the minute its session began and a random part (`20261123-1230-7f3a`), so names
order sessions to the minute only: the few logs that share a minute are read and ordered by
the start each records, to the millisecond. No more logs than that are ever read, so finding
one is as quick among 100,000 logs as among ten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import filterfalse, groupby, islice
from pathlib import Path

from balint_cli.core.text import inert
from balint_cli.errors import BadInput, BalintError
from balint_cli.fs.files import show_path
from balint_cli.fs.locks import in_use
from balint_cli.fs.paths import LOG_SUFFIX, LOGS
from balint_cli.logbook import latest, reading
from balint_cli.logbook.reading import Damaged, SessionLog

LAST = ("last", "latest")
LOOK_BACK = 10  # how many of the latest logs --resume reads for a session that did not finish
NOTHING_TO_RESUME = "There is no unfinished session to resume."
RUNNING = "is still running in another terminal; carry it on there, or end it there first."
_MINUTE = len("20261123-1230")  # how much of an id is its start
_NEVER = datetime.min.replace(tzinfo=UTC)  # the start of a log that cannot be read
Note = Callable[[str], None]
_ID_NAME = re.compile(r"\d{8}-\d{4}-[0-9a-f]{4}\.jsonl\Z")  # a log's file name: its id
Read = Callable[[Path], SessionLog | None]


def check_ref(ref: str) -> str:
    """An ID as given; BadInput when empty or only spaces, which would match every log."""
    if not ref.strip():
        raise BadInput("The ID is empty; give a session's id (or a start of it), or 'last'.")
    return ref


def find(home: Path, ref: str, note: Note, include_practice: bool = False) -> SessionLog:
    """The log ref names, read, with a note of any damaged lines skipped in it; BadInput if
    there is none or ref fits many."""
    path, log = locate(home, ref, note, include_practice)
    if log is not None:
        return log  # `last`: read, and its damage noted, as it was found
    try:
        log = reading.read_log(path)
    except Damaged as err:
        raise BalintError(f"The session log {show_path(path.stem)} {err}.") from None
    if log.skipped_lines:
        note(reading.damaged_lines(path.name, log.skipped_lines))
    return log


def locate(
    home: Path, ref: str, note: Note, include_practice: bool = False
) -> tuple[Path, SessionLog | None]:
    """Where the log ref names is, and the log itself when finding it meant reading it.

    `last` is the last session led: practice runs and false starts are passed over (and
    said to be) unless include_practice. An id or a start of one may name any file in logs/.
    """
    check_ref(ref)
    folder = home / LOGS
    whole = folder / (ref + LOG_SUFFIX)
    if is_id_name(whole.name) and os.path.lexists(whole):
        return whole, None  # a whole id: no listing needed
    if ref in LAST:
        log = _last_led(folder, note, include_practice)
        return log.path, log
    names = log_names(folder)
    if not names:
        raise BadInput("There are no session logs yet.")
    return folder / _by_id(folder, names, ref), None


def last_log(home: Path) -> Path | None:
    """The log of the session begun last, whatever it was; None when there is none.

    A log alone in the latest minute is not read: its name says it is the last.
    """
    folder = home / LOGS
    names = _latest_minute(folder)
    if len(names) < 2:
        return folder / names[0] if names else None
    return _by_start(folder, names, _quietly)[0][0]


def last_unfinished(
    home: Path, running: Callable[[Path], bool], note: Note
) -> tuple[Path, SessionLog | None]:
    """The log of the most recent session that did not finish and is not running, read.

    Read back from the newest, no further than LOOK_BACK logs, so that a session stopped
    before a few others (a new one begun instead, a false start) is still found. A log too
    damaged to read stops the search (None): it may be the one, and resuming it says so; but
    no session stopped in a file balint never names, nor in a folder, pipe or dangling link.
    BalintError when there is none, naming a running one if that is all there is.
    """
    busy: Path | None = None
    which = "The last session"
    for read, (path, log) in enumerate(islice(_newest(home / LOGS, LOOK_BACK), LOOK_BACK)):
        if log is not None and not log.resumable or log is None and not _may_be_one(path):
            continue
        if log is not None and running(path):
            if busy is None:
                busy, which = path, which if read == 0 else "The last session that did not finish"
            continue
        if busy is not None:
            note(
                f"{show_path(busy.stem)} is still running in another terminal; "
                f"this carries on {show_path(path.stem)}."
            )
        return path, log
    if busy is not None:
        raise BalintError(f"{which} ({show_path(busy.stem)}) {RUNNING}")
    raise BalintError(NOTHING_TO_RESUME)


def _newest(folder: Path, few: int) -> Iterator[tuple[Path, SessionLog | None]]:
    """Every log, newest first by its start, read as it is reached (None: damaged); the
    latest few minutes' found in one pass over the folder."""
    for minute in _minutes_newest_first(folder, few):
        yield from _by_start(folder, minute, _quietly)


def _last_led(folder: Path, note: Note, include_practice: bool) -> SessionLog:
    """The last session led (or, with include_practice, the very last): the ones passed over
    are said, so that `last` never quietly means another session than the user thinks."""
    passed, any_log = 0, False
    for minute in _minutes_newest_first(folder):
        any_log = True
        for _, log in _by_start(folder, minute, lambda path: read_or_note(path, note)):
            if log is None:
                continue
            if include_practice or log.counted or _led_now(log):
                if passed:
                    note(
                        f"{passed} later practice run(s) or false start(s) passed over; "
                        "--include-practice takes them too."
                    )
                return log
            passed += 1
    if passed:
        raise BadInput(
            "There are only practice runs and false starts so far; --include-practice shows them."
        )
    if not any_log:
        raise BadInput("There are no session logs yet.")
    raise BadInput("There are no readable session logs.")


def _led_now(log: SessionLog) -> bool:
    """Whether the log is of a session being led now, in another terminal: not a false start,
    however short it is so far (a lock looked at only where there is no end)."""
    return log.end is None and not log.practice and in_use(log.path)


def _minutes_newest_first(folder: Path, few: int = 1) -> Iterator[list[str]]:
    """The log names, newest first, a minute at a time: the few newest minutes found in one
    pass over the folder (usually all that is needed), the rest listed and sorted only if
    asked."""
    first = _latest_minutes(folder, few)
    yield from first
    if not first:
        return
    given = {name for minute in first for name in minute}
    for minute in _minutes(log_names(folder)):
        rest = [name for name in minute if name not in given]
        if rest:
            yield rest


def _latest_minute(folder: Path) -> list[str]:
    """The names of the logs begun in the latest minute (see _latest_minutes)."""
    latest = _latest_minutes(folder, 1)
    return latest[0] if latest else []


def _latest_minutes(folder: Path, count: int) -> list[list[str]]:
    """The names of the logs begun in the latest count minutes, newest minute first, as
    log_names would put them last: from the record of them while the folder is as it was
    when it was made (logbook/latest.py), else found in one pass over the folder, with no
    list of every name and no sorting (a shelf may hold a hundred thousand)."""
    try:
        seen = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        raise _unreadable(folder, err) from None
    found = latest.recorded(folder, seen) if count <= latest.KEPT else None
    if found is None:
        found = _scan(folder, max(count, latest.KEPT))
        latest.keep(folder, seen, found)
    return found[:count]


def _scan(folder: Path, count: int) -> list[list[str]]:
    """The latest count minutes' names, read from the folder in one pass. A name balint never
    gives is the latest only when no log has a name balint gives."""
    found: dict[str, list[str]] = {}  # the latest minutes seen so far, and their names
    floor, odd = "", ""  # a name below floor is older than all of them: passed
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                name = item.name
                if name < floor or not name.endswith(LOG_SUFFIX):
                    continue
                if not is_id_name(name):
                    odd = max(odd, name)
                    continue
                minute = name[:_MINUTE]
                if minute in found:
                    found[minute].append(name)
                    continue
                found[minute] = [name]
                if len(found) > count:
                    del found[min(found)]
                if len(found) == count:
                    floor = min(found)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        raise _unreadable(folder, err) from None
    if not found:
        return [[odd]] if odd else []
    return [found[minute] for minute in sorted(found, reverse=True)]


def _minutes(names: list[str]) -> Iterator[list[str]]:
    """The names, newest first, a minute at a time (a name balint never gives on its own)."""
    for _, minute in groupby(reversed(names), key=_minute):
        yield list(minute)


def _minute(name: str) -> str:
    return name[:_MINUTE] if is_id_name(name) else name


def _by_start(
    folder: Path, names: Iterable[str], read: Read
) -> list[tuple[Path, SessionLog | None]]:
    """The logs of one minute, read, newest first by the start each records.

    One that cannot be read (None) has no start, and comes last.
    """
    found = [(folder / name, read(folder / name)) for name in names]
    return sorted(found, key=_start, reverse=True)


def _start(found: tuple[Path, SessionLog | None]) -> tuple[bool, datetime, str]:
    path, log = found
    return (log is not None, log.started if log else _NEVER, path.name)


def _may_be_one(path: Path) -> bool:
    """Whether an unreadable log may still be a session's: a file named by an id."""
    return is_id_name(path.name) and path.is_file()


def _quietly(path: Path) -> SessionLog | None:
    """The log at path, or None if it is damaged: whoever reads it next says why."""
    try:
        return reading.read_log(path)
    except Damaged:
        return None


def _by_id(folder: Path, names: list[str], ref: str) -> str:
    """The name of the log whose id is ref, or the one whose id begins with it.

    A log under a name balint never gives (restored from a backup as `restored.jsonl`, say)
    is the session its first line names, as `log list` shows it: those few are read when no
    name fits."""
    ids = [name[: -len(LOG_SUFFIX)] for name in names]
    found = [i for i in ids if i == ref] or [i for i in ids if i.startswith(ref)]
    if not found:
        given = {
            log.session_id: log.id
            for log in map(_quietly, (folder / name for name in filterfalse(is_id_name, names)))
            if log is not None
        }
        found = [given[i] for i in given if i == ref] or [
            given[i] for i in given if i.startswith(ref)
        ]
    what = inert(ref, one_line=True)
    if not found:
        raise BadInput(f"There is no session log '{what}'; `balint log list` shows them.")
    if len(found) > 1:
        raise BadInput(f"'{what}' matches {len(found)} session logs; give more of the id.")
    return found[0] + LOG_SUFFIX


# -- logs by their names --------------------------------------------------------------------


def is_id_name(name: str) -> bool:
    """Whether a file name is one balint gives a log: its id (its start to the minute)."""
    return bool(_ID_NAME.match(name))


def log_names(folder: Path) -> list[str]:
    """The file names in a logs folder that may be session logs, oldest first by their id.

    An id begins with its start to the minute, so the names alone give the order but within
    a minute (finding.py reads those few). Names that are not balint's ids come first.
    """
    try:
        names = [name for name in os.listdir(folder) if name.endswith(LOG_SUFFIX)]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        raise _unreadable(folder, err) from None
    names.sort()  # the ids in the order of their starts; then the names balint never gives
    odd = list(filterfalse(_ID_NAME.match, names))  # a loop in C: 10,000 names in a blink
    if odd:  # first, as name_order has them
        names = odd + list(filter(_ID_NAME.match, names))
    return names


def name_order(name: str) -> tuple[bool, str]:
    """Where a log's file name sorts: by its id (its start); names balint never gives first."""
    return bool(_ID_NAME.match(name)), name


def read_or_note(
    path: Path, note: Callable[[str], None], keep_events: bool = True
) -> SessionLog | None:
    """The log at path, or None with a note saying why it was skipped."""
    try:
        log = reading.read_log(path, keep_events=keep_events)
    except Damaged as err:
        note(reading.skipped(path.name, str(err)))
        return None
    if log.skipped_lines:
        note(reading.damaged_lines(path.name, log.skipped_lines))
    return log


def _unreadable(folder: Path, err: OSError) -> BalintError:
    reason = err.strerror or err
    return BalintError(f"The logs folder {show_path(folder)} cannot be read: {reason}.")
