"""Reading session logs back: one log, every log on the shelf, the one to resume."""

from __future__ import annotations

import gc
import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from balint_cli.errors import BadInput, BalintError
from balint_cli.logbook import SUFFIX, log_dir
from balint_cli.session import COMPLETED, INTERRUPTED, QUIT, Event
from balint_cli.text import inert
from balint_cli.tomlfile import show_path

ON_TIME_SECONDS = 60.0  # a session that ends within a minute of its plan ended on time

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


def to_event(line: dict[str, Any]) -> Event:
    data = {k: v for k, v in line.items() if k not in ("event", "t")}
    return Event(str(line["event"]), float(line["t"]), data)
