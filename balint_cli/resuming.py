"""Carrying on a session that did not finish: from its log, in the same log, as it was.

The time balint was down counts as elapsed: the group went on without it. `balint run`
offers the most recent unfinished session first, when it stopped less than three hours ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from balint_cli import timeline
from balint_cli.clock import check_speed
from balint_cli.config import load_config
from balint_cli.errors import BadInput, BalintError
from balint_cli.events import Event
from balint_cli.filelock import in_use
from balint_cli.files import show_path
from balint_cli.formats import Loaded, Phase, resolve
from balint_cli.logbook import finding, reading, writing
from balint_cli.request import NOTHING_TO_RESUME
from balint_cli.runner import Prepared, warner
from balint_cli.screen import Look
from balint_cli.session import Session

OFFER_HOURS = 3  # an unfinished session this recent is offered before a new one starts


def resume(folder: Path, now: datetime) -> tuple[Prepared, writing.LogWriter]:
    """Continue the most recent unfinished session where it was, in the same log.

    The time balint was down counts as elapsed: the group went on without it. The log is
    locked first, so that a session still running in another terminal is never taken over.
    """
    path = finding.last_log(folder)
    if path is None:
        raise BalintError(NOTHING_TO_RESUME)
    look = Look(format_name="", started=now, bell=load_config(folder).bell)
    name = show_path(path.stem)
    try:
        stopped = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        writer = writing.LogWriter.reopen(path, warner(look))
    except writing.InUse:
        raise BalintError(
            f"The last session ({name}) is still running in another terminal; "
            "carry it on there, or end it there first."
        ) from None
    except OSError as err:
        raise BalintError(
            f"The log of the last session ({name}) cannot be opened: {err.strerror or err}."
        ) from None
    try:
        prepared, completing = _resumed(reading.read_log(path), folder, now, stopped, look)
    except (reading.Damaged, KeyError, IndexError, TypeError, ValueError, OverflowError, BadInput):
        writer.close()
        raise BalintError(
            f"The log of the last session ({name}) is too damaged to resume from."
        ) from None
    except BaseException:
        writer.close()
        raise
    writer.mend()
    if prepared.session.ended:  # the log had the end of it but for its last line
        writer.record_all(completing)
        writer.close()
        raise BalintError(NOTHING_TO_RESUME)
    prepared.first[:0] = completing
    return prepared, writer


def _resumed(
    log: reading.SessionLog, folder: Path, now: datetime, stopped: datetime, look: Look
) -> tuple[Prepared, list[Event]]:
    """The session of an unfinished log, rebuilt as it was, and carried on to now."""
    if not log.resumable:
        raise BalintError(NOTHING_TO_RESUME)
    start = log.start
    phases, loaded = _phases_for(log, folder)
    planned = [run.planned for run in log.phases]
    target = start.get("target")
    session = Session(
        phases,
        planned,
        target=None if target is None else reading.finite_number(target, "its end"),
        auto=bool(start.get("auto")),
    )
    events = reading.events_to_resume(log)
    completing = session.replay(events)
    last = events[-1] if events else reading.to_event(start)
    speed = check_speed(log.speed)
    last_at = datetime.fromisoformat(str(last.data["at"]))
    t = last.t + max(0.0, (now - last_at).total_seconds()) * speed  # the group went on
    # How long balint was not running: since it last wrote or marked its log as alive.
    down = max(0.0, (now - max(last_at, stopped)).total_seconds())
    look.format_name = loaded.format.name
    look.rules = loaded.format.ground_rules
    look.started = datetime.fromisoformat(str(start["at"]))
    again = session.carry_on(t, down=down, at=now.isoformat(timespec="milliseconds"))
    return Prepared(loaded, session, look, speed, again), completing


def _phases_for(log: reading.SessionLog, folder: Path) -> tuple[list[Phase], Loaded]:
    """The format's phases with their words, found by the hash of its content; failing that,
    the outline the log keeps (titles and times, without the prompts)."""
    from balint_cli.formats import Format, catalogue

    start = log.start
    wanted = start.get("format_hash")
    ids = [str(p["id"]) for p in start["phases"]]
    cases = start.get("cases")
    for ref in [str(start.get("format", "")), *(entry.name for entry in catalogue(folder))]:
        try:
            loaded = resolve(ref, folder)
            phases = timeline.take_cases(
                loaded.format.phases, cases if isinstance(cases, int) else None
            )
        except BadInput:
            continue
        if loaded.digest == wanted and [p.id for p in phases] == ids:
            return phases, loaded
    outline = Format(
        name=str(start.get("format_title", "Session")),
        phases=[
            Phase(
                id=p["id"],
                title=p["title"],
                minutes=p["minutes"],
                case=p.get("case"),
                flexible=bool(p.get("flexible")),
                warn_minutes=p.get("warn_minutes", 1),
                at_zero=p.get("at_zero", "wait"),
            )
            for p in start["phases"]
        ],
    )
    loaded = Loaded(outline, str(start.get("format", "")), log.path, "log", "")
    return list(outline.phases), loaded


@dataclass(frozen=True)
class Unfinished:
    """The most recent session, stopped without finishing, that `balint run` offers first."""

    path: Path
    stopped: datetime  # when balint stopped (its last event, or the log's pulse)
    phase: str  # the title of the phase it was in


def unfinished(folder: Path, now: datetime) -> Unfinished | None:
    """The last session, if it stopped unfinished in the last three hours and is not running.

    Reads one log: the most recent, by its start (and the few begun in its minute).
    """
    path = finding.last_log(folder)
    if path is None or in_use(path):
        return None
    try:
        log = reading.read_log(path)
        stopped = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (reading.Damaged, OSError, ValueError, OverflowError):
        return None
    if not log.resumable or now - log.started > timedelta(hours=OFFER_HOURS):
        return None
    index = 0
    for event in log.events:
        if event.get("event") == "phase_start" and type(event.get("index")) is int:
            index = event["index"]
        with_at = event.get("at")
        if isinstance(with_at, str):
            try:
                stopped = max(stopped, datetime.fromisoformat(with_at))
            except (ValueError, TypeError):
                pass
    phases = log.phases
    title = phases[index].title if 0 <= index < len(phases) else ""
    return Unfinished(path, stopped, title)
