"""Session logs: append events as they happen, read them back, summarise and export them.

A log is one JSON Lines file per session in $BALINT_HOME/logs/, readable by its owner
only. It holds timings and counts: the format, planned and actual phase times, pauses,
changes, how the session ended, an optional group label and an attendance count. Never
names, never anything said about a case. Each event is flushed and fsynced as it happens,
so a session killed mid-way loses nothing and can be resumed.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from balint_cli.errors import BadInput, BalintError
from balint_cli.session import COMPLETED, INTERRUPTED, QUIT, Event
from balint_cli.text import inert
from balint_cli.tomlfile import show_path

LOG_VERSION = 1
SUFFIX = ".jsonl"
FOLDER_MODE = 0o700
FILE_MODE = 0o600
ON_TIME_SECONDS = 60.0  # a session that ends within a minute of its plan ended on time
OVER_SECONDS = 30.0  # a phase that runs half a minute past its time ran over


def log_dir(home: Path) -> Path:
    return home / "logs"


def now_iso() -> str:
    """The wall time now, with its time zone, as logs record it."""
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def new_id(started: datetime) -> str:
    """A short, sortable id that a person can type: 20261123-1230-7f3a."""
    return f"{started:%Y%m%d-%H%M}-{secrets.token_hex(2)}"


# -- writing ------------------------------------------------------------------------------


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


def to_event(line: dict[str, Any]) -> Event:
    data = {k: v for k, v in line.items() if k not in ("event", "t")}
    return Event(str(line["event"]), float(line["t"]), data)


# -- reading ------------------------------------------------------------------------------


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
        return self.actual - self.allotted


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
    last_t: float = 0.0

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
    def speed(self) -> float:
        """How many times faster than real time the clock ran (1 in a real session)."""
        speed = finite_number(self.start.get("speed", 1.0), "its speed")
        if speed <= 0:
            raise ValueError("its speed is not above zero")
        return speed

    @property
    def on_time(self) -> bool | None:
        late = self.late
        return None if late is None else late <= ON_TIME_SECONDS

    @property
    def group(self) -> str | None:
        value = self.start.get("group")
        return str(value) if isinstance(value, str) and value else None

    @property
    def attendees(self) -> int | None:
        value = self.start.get("attendees")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def format_name(self) -> str:
        return str(self.start.get("format", "?"))

    @property
    def format_title(self) -> str:
        return str(self.start.get("format_title", self.format_name))

    @property
    def cases(self) -> int:
        """Cases the group actually reached (a case counts once one of its phases began)."""
        return len({p.case for p in self.phases if p.case is not None and p.visits})


def read_log(path: Path, keep_events: bool = True) -> SessionLog:
    """A session log, tolerating a torn last line; Damaged if it is not one.

    Reports need only the tally, so they leave the events behind to stay light.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except OSError as err:
        raise Damaged(f"cannot be read ({err.strerror or err})") from None
    lines = raw.decode("utf-8", errors="replace").split("\n")
    torn = bool(lines[-1].strip())  # the last write was cut short
    lines.pop()  # the torn line, or the empty rest after the last newline
    records, skipped = _records(lines)
    if not records or records[0]["event"] != "session_start" or "at" not in records[0]:
        raise Damaged("is not a balint session log")
    try:
        started = datetime.fromisoformat(str(records[0]["at"]))
        if started.tzinfo is None:
            raise ValueError("its start time has no time zone")
        log = SessionLog(path.stem, path, records[0], records[1:], started, torn, skipped)
        _tally(log)
        # Reports read these later: a file that cannot give them is damaged now, not then.
        log.seconds, log.late, log.speed  # noqa: B018
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as err:
        raise Damaged(f"is damaged ({err})") from None
    if not keep_events:
        log.events = []
        log.start = {k: v for k, v in log.start.items() if k != "phases"}
    return log


def _records(lines: list[str]) -> tuple[list[dict[str, Any]], int]:
    """The events in the lines, and how many lines were not events."""
    try:  # a sound log parses in one go, which is what makes 10,000 of them quick
        records = json.loads("[" + ",".join(lines) + "]", parse_constant=_not_json)
        if all(_is_event(record) for record in records):
            return records, 0
    except ValueError:
        pass
    records, skipped = [], 0
    for line in lines:
        try:
            record = json.loads(line, parse_constant=_not_json)
        except ValueError:
            skipped += 1
            continue
        if _is_event(record):
            records.append(record)
        else:
            skipped += 1
    return records, skipped


def _not_json(word: str) -> float:
    """NaN and Infinity are not JSON, and balint never writes them."""
    raise ValueError(f"{word} is not a JSON value")


def finite_number(value: object, what: str) -> float:
    """A finite number from a log, or ValueError naming what it should have been."""
    if type(value) not in (int, float):
        raise ValueError(f"{what} is not a number")
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"{what} is not a finite number")
    return number


def _is_event(record: object) -> bool:
    return (
        type(record) is dict
        and type(record.get("event")) is str
        and type(record.get("t", 0.0)) in (float, int)
    )


def _tally(log: SessionLog) -> None:
    """Go through the events once: each phase's times, pauses, changes and the end."""
    runs = []
    for number, phase in enumerate(log.start.get("phases", [])):
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
    for event in log.events:
        log.last_t = max(log.last_t, finite_number(event.get("t", 0.0), "an event's time"))
        kind = event["event"]
        if kind == "phase_start" or kind == "phase_end":
            at = event.get("index")
            if type(at) is not int or not 0 <= at < len(runs):
                continue
            run = runs[at]
            run.allotted = finite_number(event.get("allotted", run.allotted), "a phase's time")
            if kind == "phase_start":
                run.visits += 1
            else:
                run.actual = finite_number(event.get("actual", run.actual), "a phase's time")
        elif kind == "resume":
            log.paused += finite_number(event.get("paused", 0.0), "a pause")
        elif kind == "extend":
            log.changes += 1
        elif kind == "session_resume":  # takes back the end that stopped the session, if any
            log.resumes += 1
            log.end = None
        elif kind == "session_end":
            log.end = event


@dataclass
class Shelf:
    """Every readable log in the folder, oldest first, and a note for each file skipped."""

    logs: list[SessionLog]
    notes: list[str]


def read_all(home: Path) -> Shelf:
    folder = log_dir(home)
    if not folder.is_dir():
        return Shelf([], [])
    logs, notes = [], []
    with os.scandir(folder) as entries:
        paths = sorted(entry.path for entry in entries if entry.name.endswith(SUFFIX))
    collecting = gc.isenabled()
    gc.disable()  # parsing makes many objects and no cycles: collecting would only slow it
    try:
        for name in paths:
            path = Path(name)
            try:
                log = read_log(path, keep_events=False)
            except Damaged as err:
                notes.append(f"Skipped {show_path(path.name)}: it {err}.")
                continue
            if log.skipped_lines:
                notes.append(
                    f"{show_path(path.name)}: {log.skipped_lines} damaged line(s) skipped."
                )
            logs.append(log)
    finally:
        if collecting:
            gc.enable()
    logs.sort(key=lambda log: (log.started, log.id))
    return Shelf(logs, notes)


def find(shelf: Shelf, ref: str) -> SessionLog:
    """A log by its id, a unique start of it, or `last`."""
    if not shelf.logs:
        raise BadInput("There are no session logs yet.")
    if ref in ("last", "latest"):
        return shelf.logs[-1]
    exact = [log for log in shelf.logs if log.id == ref]
    if exact:
        return exact[0]
    found = [log for log in shelf.logs if log.id.startswith(ref)]
    if len(found) == 1:
        return found[0]
    what = inert(ref, one_line=True)
    if not found:
        raise BadInput(f"There is no session log '{what}'; `balint log list` shows them.")
    raise BadInput(f"'{what}' matches {len(found)} session logs; give more of the id.")


def last_unfinished(home: Path) -> SessionLog:
    """The most recent session that did not finish (killed, or stopped with Ctrl-C)."""
    shelf = read_all(home)
    if not shelf.logs or not shelf.logs[-1].resumable:
        raise BalintError("There is no unfinished session to resume.")
    return read_log(shelf.logs[-1].path)


def events_to_resume(log: SessionLog) -> list[Event]:
    """The log's events as the session saw them, without the ends that stopped it.

    A session may have been stopped and resumed more than once: every interrupted end (and
    the phase it cut short) was taken back by the resume that followed it, or is now.
    """
    events: list[Event] = []
    for event in map(to_event, log.events):
        if event.kind == "session_end" and event.data.get("how") == INTERRUPTED:
            if (
                events
                and events[-1].kind == "phase_end"
                and events[-1].data.get("by") == INTERRUPTED
            ):
                events.pop()
            continue
        events.append(event)
    return events


# -- summarising ----------------------------------------------------------------------------


@dataclass
class Overrun:
    """How often a phase (by title) ran over, and by how much."""

    title: str
    runs: int = 0
    over: int = 0
    over_seconds: float = 0.0

    @property
    def mean_over(self) -> float:
        return self.over_seconds / self.over if self.over else 0.0


@dataclass
class Summary:
    """What organisers and leaders report: counts and timings, never names."""

    sessions: int
    completed: int
    quit: int
    interrupted: int
    cases: int
    on_time: int
    finished: int  # completed sessions, of which on_time ended on time
    attendance: list[int]  # in session order, where recorded
    groups: dict[str | None, dict[str, float]]  # None: sessions run without a --group label
    months: dict[str | None, dict[str, float]]
    overruns: list[Overrun]
    led_minutes: float

    @property
    def mean_attendance(self) -> float | None:
        return sum(self.attendance) / len(self.attendance) if self.attendance else None

    @property
    def attendance_trend(self) -> float | None:
        """Change in attendance per session (least squares slope), or None with under 2."""
        values = self.attendance
        if len(values) < 2:
            return None
        n = len(values)
        mean_x, mean_y = (n - 1) / 2, sum(values) / n
        spread = sum((x - mean_x) ** 2 for x in range(n))
        return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread


def summarise(logs: Sequence[SessionLog], group: str | None = None) -> Summary:
    """Sessions and cases per group and month, attendance, timeliness and overruns."""
    chosen = [log for log in logs if group is None or log.group == group]
    statuses = Counter(log.status for log in chosen)
    groups: dict[str | None, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    months: dict[str | None, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    overruns: dict[str, Overrun] = {}
    attendance = []
    for log in chosen:
        cases = log.cases
        for bucket in (groups[log.group], months[log.started.strftime("%Y-%m")]):
            bucket["sessions"] += 1
            bucket["cases"] += cases
            if log.attendees is not None:
                bucket["attended"] += log.attendees
                bucket["counted"] += 1
        if log.attendees is not None:
            attendance.append(log.attendees)
        for run in log.phases:
            if not run.visits:
                continue
            entry = overruns.setdefault(run.title, Overrun(run.title))
            entry.runs += 1
            if run.over > OVER_SECONDS:
                entry.over += 1
                entry.over_seconds += run.over
    finished = [log for log in chosen if log.on_time is not None]
    return Summary(
        sessions=len(chosen),
        completed=statuses[COMPLETED],
        quit=statuses[QUIT],
        interrupted=statuses[INTERRUPTED],
        cases=sum(log.cases for log in chosen),
        on_time=sum(1 for log in finished if log.on_time),
        finished=len(finished),
        attendance=attendance,
        groups={name: dict(groups[name]) for name in sorted(groups, key=_labels_first)},
        months={name: dict(months[name]) for name in sorted(months, key=_labels_first)},
        overruns=sorted(overruns.values(), key=lambda o: (-o.over, -o.mean_over, o.title)),
        led_minutes=math.fsum(log.seconds for log in chosen) / 60,
    )


def _labels_first(name: str | None) -> tuple[bool, str]:
    """Labels in order, then the sessions that had none."""
    return name is None, name or ""


# -- exporting -----------------------------------------------------------------------------

CSV_COLUMNS = (
    "session", "date", "start", "format", "format_title", "group", "attendees", "status",
    "session_minutes", "phase_index", "phase_id", "phase_title", "case", "planned_minutes",
    "allotted_minutes", "actual_minutes", "over_minutes",
)  # fmt: skip


def csv_rows(logs: Iterable[SessionLog]) -> Iterable[list[object]]:
    """A row per phase with the session's fields, for spreadsheets."""
    for log in logs:
        started = log.started
        for run in log.phases:
            yield [
                log.id, started.strftime("%Y-%m-%d"), started.strftime("%H:%M"),
                _cell(log.format_name), _cell(log.format_title), _cell(log.group or ""),
                _blank(log.attendees), log.status, _minutes(log.seconds), run.index + 1,
                _cell(run.id), _cell(run.title), _blank(run.case), _minutes(run.planned),
                _minutes(run.allotted), _minutes(run.actual) if run.visits else "",
                _minutes(max(run.over, 0.0)) if run.visits else "",
            ]  # fmt: skip


def _cell(value: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula."""
    value = inert(value, one_line=True)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def _blank(value: object) -> object:
    return "" if value is None else value
