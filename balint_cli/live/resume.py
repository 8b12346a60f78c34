"""Carrying on a session that did not finish: from its log, in the same log, as it was.

The time balint was down counts as elapsed: the group went on without it. `balint run`
offers the last session first when it stopped unfinished less than three hours ago;
`--resume` carries on the most recent session that did not finish, or the one its ID names,
and asks first about one that stopped longer ago than that.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from balint_cli.cli import output
from balint_cli.core import schedule
from balint_cli.core.events import COMPLETED, INTERRUPTED, QUIT, Event
from balint_cli.core.format import Format, Phase
from balint_cli.core.rules import CO_LEAD, ONLINE, check_speed
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import ago_text
from balint_cli.errors import BadInput, BalintError
from balint_cli.formats.catalogue import Loaded, catalogue, resolve
from balint_cli.fs.files import show_path
from balint_cli.fs.locks import in_use
from balint_cli.i18n import _
from balint_cli.live.prepare import Prepared, note, warner
from balint_cli.live.screen import Look
from balint_cli.logbook import finding, reading, writing
from balint_cli.logbook.finding import NOTHING_TO_RESUME
from balint_cli.logbook.lines import to_event
from balint_cli.settings.config import load_config
from balint_cli.terminal import console
from balint_cli.terminal.stopping import Terminated

OFFER_HOURS = 3  # stopped this recently, a session is offered, and carried on without a question
_WINDOW = timedelta(hours=OFFER_HOURS)
# What a log too damaged to carry on raises as it is worked out.
_DAMAGE = (reading.Damaged, KeyError, IndexError, TypeError, ValueError, OverflowError, BadInput)


class NothingStarted(Exception):
    """The leader left a question and nothing starts; the exit status to leave with."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class Unfinished:
    """A session stopped without finishing: offered first, or taken up by --resume."""

    path: Path
    stopped: datetime | None  # when balint stopped (its last event, or the log's pulse)
    phase: str  # the title of the phase it was in
    # stopped is None for a log too damaged to read: resuming it says what is wrong.
    format_ref: str = ""  # its format, as the log names it
    log: reading.SessionLog | None = None


def chosen(folder: Path, ref: str | None) -> Unfinished:
    """The session --resume carries on: the one ref names (its id or a start of it), else
    (or for last) the most recent that did not finish. BalintError or BadInput if none."""
    if ref is None or ref in finding.LAST:
        return _stopped(*finding.last_unfinished(folder, in_use, _note))
    path, log = finding.locate(folder, ref, _note)
    name = show_path(path.stem)
    try:
        log = log or reading.read_log(path)
    except reading.Damaged:
        return Unfinished(path, None, "")
    if not log.resumable:
        how = "completed" if log.status == COMPLETED else "ended early"
        raise BalintError(
            f"Session {name} was {how}; only a session that stopped unfinished carries on."
        )
    if log.practice:
        raise BalintError(
            f"Session {name} is a practice run (at --speed {log.speed:g}), not a session led, "
            "so it is not carried on by its id."
        )
    if in_use(path):
        raise BalintError(f"Session {name} {finding.RUNNING}")
    return _stopped(path, log)


def confirm(found: Unfinished, now: datetime, yes: bool) -> bool:
    """A session that stopped longer ago than the offer's window carries on only when the
    leader says so: y at a terminal, --yes without one. Its time is long up by now.

    Whether the leader was asked (and said y)."""
    if found.log is not None:
        with contextlib.suppress(*_DAMAGE):  # resuming a damaged log says what is wrong
            _within_reach(found.log, _carried_to(found.log, events_to_resume(found.log), now)[0])
    if found.stopped is None or yes or now - found.stopped <= _WINDOW:
        return False
    if not console.is_interactive():
        raise BalintError(
            f"Session {show_path(found.path.stem)} stopped more than {OFFER_HOURS} hours ago, "
            f"at {found.stopped.astimezone(now.tzinfo):%Y-%m-%d %H:%M}; "
            "--yes carries it on all the same."
        )
    question = _("Session {id} stopped {ago} ago, in {phase}. Carry on with it? y/n")
    words = {"id": show_path(found.path.stem), "ago": ago_text(now - found.stopped)}
    if not _ask(question.format(phase=inert(found.phase, one_line=True), **words)):
        _nothing_started()
        raise NothingStarted(0)
    return True


def language_of(found: Unfinished, folder: Path) -> str | None:
    """The language of the unfinished session's format, if it still says one: its question is
    asked in it."""
    if not found.format_ref:
        return None
    try:
        return resolve(found.format_ref, folder).format.language
    except BadInput:  # gone, or broken since: the question in the usual language
        return None


def unfinished(folder: Path, now: datetime) -> Unfinished | None:
    """The last session, if it stopped unfinished less than three hours ago, is not running
    and is no practice run.

    Reads one log: the most recent, by its start (and the few begun in its minute).
    """
    path = finding.last_log(folder)
    if path is None or in_use(path):
        return None
    try:
        log = reading.read_log(path)
    except reading.Damaged:
        return None
    found = _stopped(path, log)
    if not log.resumable or log.practice or found.stopped is None or _ending_cut(log):
        return None  # a practice run is never offered: carried on, it would run at its speed
    return found if now - found.stopped <= _WINDOW else None


def _ending_cut(log: reading.SessionLog) -> bool:
    """Whether the session ended but for its last line (killed as it wrote its end): carried
    on, it would only be ended, so there is nothing to offer."""
    last = log.events[-1] if log.events else {}
    return last.get("event") == "phase_end" and last.get("by") in (COMPLETED, QUIT)


def offer(found: Unfinished, now: datetime) -> bool:
    """Carry on with it? y carries it on, n starts the new session; Escape and Ctrl-C leave
    with neither. Piped, nobody can answer: a line says so, and the new session starts."""
    clock = f"{(found.stopped or now).astimezone(now.tzinfo):%H:%M}"
    phase = inert(found.phase, one_line=True)
    if not console.live_screen():
        said = _(
            "A session stopped at {clock} in {phase} did not finish; `balint run --resume` "
            "carries it on. This one starts anew."
        )
        note(said.format(clock=clock, phase=phase))
        return False
    question = _("A session stopped at {clock} in {phase}. Carry on with it? y/n")
    return _ask(question.format(clock=clock, phase=phase))


def resume(
    folder: Path, now: datetime, found: Unfinished | None = None
) -> tuple[Prepared, writing.LogWriter]:
    """Continue an unfinished session where it was, in the same log: the one found, else the
    most recent that did not finish.

    The time balint was down counts as elapsed: the group went on without it. The log is
    locked first, so that a session still running in another terminal is never taken over.
    """
    path = (found or chosen(folder, None)).path
    look = Look(format_name="", started=now, bell=load_config(folder).bell)
    what = _called(folder, path)
    try:
        stopped = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        writer = writing.LogWriter.reopen(path, warner(look))
    except writing.InUse:
        raise BalintError(f"{what[:1].upper()}{what[1:]} {finding.RUNNING}") from None
    except OSError as err:
        raise BalintError(f"The log of {what} cannot be opened: {err.strerror or err}.") from None
    try:
        prepared, completing = _resumed(reading.read_log(path), folder, now, stopped, look)
    except _DAMAGE:
        writer.close()
        raise BalintError(f"The log of {what} is too damaged to resume from.") from None
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
    events = events_to_resume(log)
    t, last_at = _carried_to(log, events, now)
    _within_reach(log, t)
    completing = session.replay(events)
    speed = check_speed(log.speed)
    last_t = events[-1].t if events else 0.0
    for event in completing:  # they happened with the last line the log has, not now
        at = last_at + timedelta(seconds=(event.t - last_t) / speed)
        event.data.setdefault("at", at.isoformat(timespec="milliseconds"))
    # How long balint was not running: since it last wrote or marked its log as alive.
    down = max(0.0, (now - max(last_at, stopped)).total_seconds())
    look.format_name = loaded.format.name
    look.rules = loaded.format.rules(log.setting == ONLINE)
    look.started = datetime.fromisoformat(str(start["at"]))
    again = session.carry_on(t, down=down, at=now.isoformat(timespec="milliseconds"))
    co_led = log.role == CO_LEAD  # as last corrected
    return Prepared(loaded, session, look, speed, again, co_led=co_led), completing


def _carried_to(
    log: reading.SessionLog, events: list[Event], now: datetime
) -> tuple[float, datetime]:
    """The session's time now, as the group went on while balint was down; and when, by the
    wall clock, the last of its events happened."""
    last = events[-1] if events else to_event(log.start)
    last_at = _last_wall([to_event(log.start), *events], check_speed(log.speed))
    return last.t + max(0.0, (now - last_at).total_seconds()) * log.speed, last_at


def _within_reach(log: reading.SessionLog, t: float) -> None:
    """BalintError for a session begun so long ago that, carried on, its log would no longer
    read back: its times would pass what a log holds."""
    if t <= reading.RESUMED_AT_MOST:
        return
    why = f" (at --speed {log.speed:g} it has run {t / 86_400:.0f} days by its own clock)"
    began = f"{log.started.astimezone():%Y-%m-%d}"
    raise BalintError(
        f"Session {show_path(log.path.stem)} began on {began}, too long ago to carry on"
        f"{why if log.practice else ''}: a session's log holds "
        f"{reading.RESUMED_AT_MOST // 86_400} days at most."
    )


def _last_wall(events: list[Event], speed: float) -> datetime:
    """When the last event happened by the wall clock: the latest moment the log allows.

    A wall clock set back during the session (by hand, or an hour too far) dates the lines
    after it earlier; read from them alone, the hour would be added to the session's time.
    """
    last = events[-1]
    latest = datetime.fromisoformat(str(last.data["at"]))
    for event in events[:-1]:
        try:
            at = datetime.fromisoformat(str(event.data.get("at")))
        except ValueError:
            continue
        if at.tzinfo is not None:
            latest = max(latest, at + timedelta(seconds=(last.t - event.t) / speed))
    return latest


def _phases_for(log: reading.SessionLog, folder: Path) -> tuple[list[Phase], Loaded]:
    """The format's phases with their words, found by the hash of its content; failing that,
    the outline the log keeps (titles and times, without the prompts)."""
    start = log.start
    wanted = start.get("format_hash")
    ids = [str(p["id"]) for p in start["phases"]]
    cases = start.get("cases")
    for ref in [str(start.get("format", "")), *(entry.name for entry in catalogue(folder))]:
        try:
            loaded = resolve(ref, folder)
            phases = schedule.take_cases(
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


def _stopped(path: Path, log: reading.SessionLog | None) -> Unfinished:
    """When the session in the log at path stopped, and in which phase."""
    if log is None:
        return Unfinished(path, None, "")
    try:
        stopped = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (OSError, ValueError, OverflowError):
        stopped = log.started
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
    return Unfinished(path, stopped, title, str(log.start.get("format") or ""), log)


def _called(folder: Path, path: Path) -> str:
    """The session at path as a sentence names it: the last session, or one by its id."""
    name = show_path(path.stem)
    return f"the last session ({name})" if path == finding.last_log(folder) else f"session {name}"


def _ask(question: str) -> bool:
    """y or n at the terminal; Escape, Ctrl-C or a signal leave with nothing started."""
    try:
        answer = console.ask(question)
    except KeyboardInterrupt:
        _nothing_started()
        raise NothingStarted(130) from None
    except Terminated as stop:
        raise NothingStarted(stop.status) from None
    if answer is None:
        _nothing_started()
        raise NothingStarted(1)
    return answer


def _nothing_started() -> None:
    sys.stdout.write(_("Nothing started.") + "\n")
    sys.stdout.flush()


def _note(message: str) -> None:
    output.note(message)


def events_to_resume(log: reading.SessionLog) -> list[Event]:
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
