"""Reading session logs back, and listing their names in the order of their ids.

A log is read once and worked out into a `SessionLog`: its phases planned against actual,
pauses, changes, markers, how it ended, and what it records about the group (a label, how
many came of how many enrolled, in person or online, the leader's role), with every later
correction (`attendance` during the session, `edit` after it) applied in order. A file that
cannot give all that is `Damaged`, and is skipped with a note, never a crash.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT
from balint_cli.core.rules import (
    CASE_TAKEN_SECONDS,
    IN_PERSON,
    LEAD,
    LOGGED_COUNT,
    LOGGED_LABEL,
    MAX_MINUTES,
    MAX_SPEED,
    MIN_SPEED,
    ON_TIME_SECONDS,
    ROLES,
    SETTINGS,
    is_false_start,
    overrun,
)
from balint_cli.core.text import control_chars, inert
from balint_cli.fs.files import NotAFile, TooBig, read_capped, show_path
from balint_cli.logbook import lines

# A log far bigger than any session writes is not one; reading it whole would only be slow.
MAX_LOG_BYTES = 4_000_000
# No time in a log is more than this many seconds (115 days: far past any session, even one
# resumed days later); a bigger number is damage, and would overflow the sums of reports.
MAX_SECONDS = 1e7
# A session is carried on only this long after it began (by its own clock): more, and its log
# would soon hold times past MAX_SECONDS, and read as damaged.
RESUMED_AT_MOST = 100 * 86_400
RECORD_FIELDS = ("attendees", "members", "group", "setting", "role", "supervised")


class Damaged(Exception):
    """A file in logs/ that is not a balint session log, or is broken beyond reading."""


@dataclass
class PhaseRun:
    """How one phase went: planned against actual."""

    index: int
    id: str
    title: str
    case: int | None
    planned: float
    allotted: float
    actual: float = 0.0
    visits: int = 0

    @property
    def over(self) -> float:
        """How far it ran over (rules.overrun), in seconds; 0 if it did not, or was not reached."""
        return overrun(self.allotted, self.actual) if self.visits else 0.0


@dataclass(frozen=True)
class Marker:
    """A moment the leader marked for supervision: when, and in which phase (-1: unknown)."""

    t: float  # session time
    at: datetime  # wall time
    phase: int


@dataclass
class SessionLog:
    """One session as its log tells it (read once; everything else is worked out from it)."""

    id: str
    path: Path
    start: dict[str, Any]
    events: list[dict[str, Any]]
    started: datetime
    torn: bool = False
    skipped_lines: int = 0
    phases: list[PhaseRun] = field(default_factory=list)
    end: dict[str, Any] | None = None
    paused: float = 0.0  # seconds
    resumes: int = 0
    changes: int = 0  # minutes added or taken with + and -
    markers: list[Marker] = field(default_factory=list)
    edits: int = 0  # corrections made with `balint log edit`
    debriefs: int = 0  # the co-leaders' debriefs after it (one, as balint writes them)
    debrief_minutes: float = 0.0  # their length in all
    last_t: float = 0.0
    speed: float = 1.0  # how many times faster than real time the clock ran
    ended: datetime | None = None  # wall time, worked out as it is read
    # What the log records about the group, as last corrected:
    group: str | None = None
    attendees: int | None = None
    members: int | None = None
    setting: str = IN_PERSON
    role: str = LEAD
    supervised: bool = False
    practice: bool = False  # run at another --speed: a trial, not a session led

    @property
    def status(self) -> str:
        """completed, quit or interrupted (which includes a session that was killed)."""
        how = self.end.get("how") if self.end else None
        return str(how) if how in (COMPLETED, QUIT) else INTERRUPTED

    @property
    def resumable(self) -> bool:
        return self.status == INTERRUPTED

    @property
    def seconds(self) -> float:
        """How long the session ran, in session time, as far as the log knows."""
        if self.end is not None:
            return finite_number(self.end.get("seconds", self.end.get("t", 0.0)), "its length")
        return self.last_t

    @property
    def late(self) -> float | None:
        """Seconds past its planned end (negative: early); None if it did not finish."""
        if self.end is None or self.end.get("how") != COMPLETED:
            return None
        value = self.end.get("late")
        return None if value is None else finite_number(value, "its lateness")

    @property
    def on_time(self) -> bool | None:
        late = self.late
        return None if late is None else late <= ON_TIME_SECONDS

    @property
    def false_start(self) -> bool:
        """Under two minutes long, however it ended: a first try, not a session led."""
        return is_false_start(self.seconds)

    @property
    def counted(self) -> bool:
        """Whether reports count it: not a practice run, not a false start."""
        return not (self.practice or self.false_start)

    @property
    def session_id(self) -> str:
        """A session is its id: the one its first line gives, else its file's name (a copy
        or a log restored under another name is still the session it was)."""
        given = self.start.get("id")
        if not isinstance(given, str) or not 0 < len(given) <= 100:
            return self.id
        return given if inert(given, one_line=True) == given else self.id

    @property
    def format_name(self) -> str:
        return str(self.start.get("format", "?"))

    @property
    def format_title(self) -> str:
        return str(self.start.get("format_title", self.format_name))

    @property
    def cases(self) -> int:
        """Cases the group actually took: time was spent on them, not seconds passing over."""
        spent: dict[int, float] = {}
        for run in self.phases:
            if run.case is not None and run.visits:
                spent[run.case] = spent.get(run.case, 0.0) + run.actual
        return sum(1 for seconds in spent.values() if seconds >= CASE_TAKEN_SECONDS)


def read_log(path: Path, keep_events: bool = True) -> SessionLog:
    """The session log at path, tolerating a torn last line; Damaged if it is not one.

    Reports need only the tally, so they leave the events behind to stay light.
    """
    if inert(path.name) != path.name:
        raise Damaged("has a name that is not UTF-8 text, which balint never gives a log")
    try:
        raw = read_capped(path, MAX_LOG_BYTES)
    except NotAFile as err:
        raise Damaged(f"is {err.strerror}, not a session log") from None
    except TooBig:
        too_big = f"is over {MAX_LOG_BYTES // 1_000_000} MB, far too big for a session log"
        raise Damaged(too_big) from None
    except OSError as err:
        raise Damaged(f"cannot be read ({err.strerror or err})") from None
    return parse_log(raw, path, keep_events)


def parse_log(raw: bytes, path: Path, keep_events: bool = True) -> SessionLog:
    """A session log from its bytes (a file's, or a bundle member's); Damaged if not one."""
    records, skipped, torn = lines.records(raw)
    if not records or records[0]["event"] != "session_start" or "at" not in records[0]:
        raise Damaged("is not a balint session log")
    try:
        started = datetime.fromisoformat(str(records[0]["at"]))
        if started.tzinfo is None:
            raise ValueError("its start time has no time zone")
        log = SessionLog(path.stem, path, records[0], records[1:], started, torn, skipped)
        _tally(log)
        # Reports read these later: a file that cannot give them is damaged now, not then.
        log.late  # noqa: B018
        log.ended = started + timedelta(seconds=log.seconds / log.speed)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as err:
        raise Damaged(f"is damaged ({err})") from None
    if not keep_events:
        log.events = []
        log.start = {k: v for k, v in log.start.items() if k != "phases"}
    return log


def finite_number(
    value: object,
    what: str,
    low: float = -MAX_SECONDS,
    high: float = MAX_SECONDS,
    *,
    whole: bool = False,
) -> float:
    """A number from a log within [low, high], or ValueError naming what it should have been.

    The bounds keep later sums and clock arithmetic from overflowing on a damaged file.
    """
    if type(value) not in ((int,) if whole else (int, float)):
        raise ValueError(f"{what} is not {'a whole number' if whole else 'a number'}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an integer of hundreds of digits
        raise ValueError(f"{what} is out of range") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{what} is out of range")
    return number


def _seconds(value: object, what: str) -> float:
    """finite_number for the times in every event, with the common case checked inline."""
    if (type(value) is float or type(value) is int) and -MAX_SECONDS <= value <= MAX_SECONDS:
        return float(value)  # NaN and the infinities fail the bounds and are refused below
    return finite_number(value, what)


def _record(log: SessionLog, values: dict[str, Any]) -> None:
    """Take what a line records about the group (the start, an attendance, an edit)."""
    for key in RECORD_FIELDS:
        if key not in values:
            continue
        value = values[key]
        if key in ("attendees", "members"):
            least = 1 if key == "members" else 0
            if value is not None:
                value = int(finite_number(value, key, least, LOGGED_COUNT, whole=True))
            setattr(log, key, value)
        elif key == "group":
            short = isinstance(value, str) and 0 < len(value) <= LOGGED_LABEL
            if value is not None and not (short and not control_chars(value)):
                raise ValueError("its group is not a short label")
            log.group = value or None
        elif key == "setting":
            if value not in SETTINGS:
                raise ValueError("its setting is not in-person or online")
            log.setting = value
        elif key == "role":
            if value not in ROLES:
                raise ValueError("its role is not lead or co-lead")
            log.role = value
        elif type(value) is not bool:  # supervised
            raise ValueError("supervised is not true or false")
        else:
            log.supervised = value


def _tally(log: SessionLog) -> None:
    """Go through the events once: each phase's times, pauses, changes, corrections, the end."""
    start = log.start
    log.speed = finite_number(start.get("speed", 1.0), "its speed", MIN_SPEED, MAX_SPEED)
    practice = start.get("practice", log.speed != 1.0)
    if type(practice) is not bool:
        raise ValueError("practice is not true or false")
    log.practice = practice
    _record(log, start)
    runs = []
    for number, phase in enumerate(start.get("phases", [])):
        planned = finite_number(phase["planned"], "a phase's planned time")
        case = phase.get("case")
        runs.append(
            PhaseRun(
                number,
                str(phase["id"]),
                str(phase.get("title", phase["id"])),
                case if isinstance(case, int) else None,
                planned,
                planned,
            )
        )
    log.phases = runs
    last_t = log.last_t
    for event in log.events:
        t = _seconds(event.get("t", 0.0), "an event's time")
        if t > last_t:
            last_t = t
        kind = event["event"]
        if kind == "phase_start" or kind == "phase_end":
            at = event.get("index")
            if type(at) is not int or not 0 <= at < len(runs):
                continue
            run = runs[at]
            run.allotted = _seconds(event.get("allotted", run.allotted), "a phase's time")
            if kind == "phase_start":
                run.visits += 1
            else:
                run.actual = _seconds(event.get("actual", run.actual), "a phase's time")
        elif kind == "resume":
            log.paused += finite_number(event.get("paused", 0.0), "a pause")
        elif kind == "extend":
            log.changes += 1
        elif kind == "marker":
            at = event.get("index")
            phase = at if type(at) is int and 0 <= at < len(runs) else -1
            t = finite_number(event.get("t"), "a marker's time")
            log.markers.append(Marker(t, _wall(event.get("at"), log.started, t), phase))
        elif kind == "attendance":
            _record(log, event)
        elif kind == "edit":
            _record(log, event)
            log.edits += 1
        elif kind == "debrief" and (log.end is None or log.debriefs):
            # balint writes one, after the end: a repeat, or one before the end, is damage.
            log.skipped_lines += 1
        elif kind == "debrief":  # after its end: that the co-leaders debriefed, how long
            # Read with up to a session's length: looser than the hour one is given at most.
            log.debriefs += 1
            log.debrief_minutes += finite_number(
                event.get("minutes"), "a debrief's length", 0.0, MAX_MINUTES
            )
        elif kind == "session_resume":  # takes back the end that stopped the session, if any
            log.resumes += 1
            log.end = None
        elif kind == "session_end":
            log.end = event
    log.last_t = last_t


def _wall(value: object, started: datetime, t: float) -> datetime:
    """An event's wall time; from the session's start if the log does not say."""
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return started + timedelta(seconds=t)
    return at if at.tzinfo is not None else started + timedelta(seconds=t)


def skipped(name: str, why: str) -> str:
    """The note for a file a report passes over: it is not a log, or is damaged."""
    return f"Skipped {show_path(name)}: it {why}."


def damaged_lines(name: str, count: int) -> str:
    """The note for a log read with some of its lines left out."""
    return f"{show_path(name)}: {count} damaged line(s) skipped."
