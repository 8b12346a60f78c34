"""Starting `balint run`: the request checked, its group's defaults, the offer of an unfinished
session, the notes before it, the log's first line; then the session runs (loop.py)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from balint_cli import __version__
from balint_cli.core.debrief import Debrief
from balint_cli.core.events import Event
from balint_cli.core.rules import (
    ALWAYS,
    ASK,
    IN_PERSON,
    LEAD,
    NEVER,
    check_attendees,
    check_label,
    check_role,
)
from balint_cli.core.text import inert
from balint_cli.fs.paths import LOGS, home
from balint_cli.i18n import _, use
from balint_cli.live import resume
from balint_cli.live.clock import Clock
from balint_cli.live.loop import NoLog, run, tell
from balint_cli.live.prepare import Prepared, note, prepare, warner
from balint_cli.live.request import Request, no_clash
from balint_cli.logbook import writing
from balint_cli.settings.config import Config, load_config
from balint_cli.settings.groups import find, load_groups
from balint_cli.terminal import console

# A note's words, put together only once the session's language is known: a group's format
# decides it, so a note about the group comes before the language does.
Said = Callable[[], str]


def _say_now(said: Said) -> None:
    note(said())


def check_request(request: Request) -> None:
    """A group label is a short label, never a name list; attendance is a count."""
    if request.group is not None:
        check_label(request.group)
    if request.attendees is not None:
        check_attendees(request.attendees)
    if request.role is not None:
        check_role(request.role)


def with_group(
    request: Request, folder: Path, default: str | None, tell: Callable[[Said], None] = _say_now
) -> Request:
    """The request with its group's defaults from groups.toml; the command line wins.

    A label that is not in groups.toml stays a plain label, and is said to have no defaults.
    """
    label = request.group if request.group is not None else default
    if label is None:
        return request
    found = find(load_groups(folder), label)
    if found is None:
        shown = inert(label, one_line=True)
        tell(
            lambda: _(
                "'{label}' is not in groups.toml: it labels the session, with no defaults "
                "(`balint groups add` gives it some)."
            ).format(label=shown)
        )
        return replace(request, group=label)
    name, group = found
    return replace(
        request,
        group=name,
        format_ref=request.format_ref or group.format,
        end_at=request.end_at or group.end_at,
        end_at_from_group=request.end_at is None and group.end_at is not None,
        format_from_group=request.format_ref is None and group.format is not None,
        setting=request.setting or group.setting,
        role=request.role or group.role,
        members=group.members,
    )


def start(
    request: Request,
    now: datetime,
    clock: Clock | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run what the request asks for, from setting up to the last line; the exit status.

    The session runs on the real clock unless one is given (with its sleep).
    """
    folder = home()
    config = load_config(folder)
    use(config.language)  # the format may choose another once it is known
    check_request(request)
    log: writing.LogWriter | None
    said: list[Said] = []
    if not request.resume and not request.demo:
        request = with_group(request, folder, config.default_group, said.append)
        if request.members and request.attendees and request.attendees > request.members:
            came, members = request.attendees, request.members
            said.append(
                lambda: _("{came} here, more than the {members} enrolled: guests, perhaps.").format(
                    came=came, members=members
                )
            )
    # Everything a new session needs is checked (and what is set aside said) before anything
    # is offered; a resumed one takes its own. Preparing it chooses its language.
    prepared = None if request.resume else prepare(request, now)
    # Notes are printed, and said again on the live screen as it opens: printed alone, they
    # would be hidden under it until the session is over.
    notes = [words() for words in said]
    for said_now in notes:
        note(said_now)
    try:
        found, asked = _to_carry_on(request, folder, now, config.language)
    except resume.NothingStarted as left:
        return left.status
    if asked:  # from the answer on, not from the question
        now = max(now, datetime.now().astimezone())
    if found is not None:
        prepared, log = resume.resume(folder, now, found)
        # A format changed since is known by its outline alone: its language, by its name.
        spoken = prepared.loaded.format.language or resume.language_of(found, folder)
        use(spoken, config.language)
    else:
        if prepared is None or asked:
            prepared = prepare(request, now)
        prepared.look.notes.extend(notes)
        keep = config.log if request.log is None else request.log
        log = _new_log(request, prepared, folder, now) if keep and not request.demo else None
    if request.bell is not None:
        prepared.look.bell = request.bell
    prepared.look.discreet = config.discreet if request.discreet is None else request.discreet
    prepared.look.logged = log is not None
    prepared.debrief = _debrief(request, config, prepared)
    if request.debrief and prepared.debrief is None:  # asked for, and not to come: say why
        said_now = _no_debrief(request, prepared)
        note(said_now)
        prepared.look.notes.append(said_now)
    try:
        return run(prepared, log or NoLog(), clock, sleep)
    finally:
        if log is not None:
            log.close()


def _to_carry_on(
    request: Request, folder: Path, now: datetime, fallback: str | None
) -> tuple[resume.Unfinished | None, bool]:
    """The unfinished session to carry on (the one --resume takes, or the one offered first
    and taken with y; None for a new session), and whether the leader was asked about it.

    The offer is made in the new session's language, chosen as it was prepared; --resume
    asks in the language of the session it carries on (the language in config.toml, fallback,
    when its format says none)."""
    if request.resume:
        no_clash(request)
        taken = resume.chosen(folder, request.resume_id)
        use(resume.language_of(taken, folder), fallback)
        return taken, resume.confirm(taken, now, request.yes)
    if request.demo or not os.path.isdir(folder / LOGS):
        return None, False  # no logs, nothing unfinished: spare the first frame the reading
    found = resume.unfinished(folder, now)
    if found is None:
        return None, False
    return (found if resume.offer(found, now) else None), console.live_screen()


def _debrief(request: Request, config: Config, prepared: Prepared) -> Debrief | None:
    """The debrief offered once a co-led session ends, as --debrief or --no-debrief (else
    config.toml) says: never after a session led alone, a practice run or a demonstration."""
    when = config.debrief if request.debrief is None else (ALWAYS if request.debrief else NEVER)
    if when == NEVER or not prepared.co_led or prepared.practice or request.demo:
        return None
    questions = tuple(prepared.loaded.format.debrief)
    return Debrief(config.debrief_minutes * 60, questions, ask=when == ASK)


def _no_debrief(request: Request, prepared: Prepared) -> str:
    """Why --debrief brings no debrief after this session."""
    if prepared.practice:
        return _("A practice run (--speed) has no debrief, --debrief or not.")
    return _("A debrief follows a co-led session: this one is led alone (--role co-lead).")


def _new_log(
    request: Request, prepared: Prepared, folder: Path, now: datetime
) -> writing.LogWriter:
    where = folder / LOGS
    first = not os.path.lexists(where)
    writer = writing.LogWriter.create(
        where,
        now,
        lambda log_id: _start_event(request, prepared, log_id, now),
        warner(prepared.look),
    )
    if first and not writer.failed:  # where logs go, once they are really going there
        if console.live_screen():
            tell(_first_log_note(where))
            prepared.look.notes.append(_first_log_note(where))
        else:
            sys.stderr.write(_first_log_note(where) + "\n")
    return writer


def _first_log_note(where: Path) -> str:
    return _(
        "Session logs (timings and counts only, readable by you alone) go to {folder}; "
        "`balint log list` shows them, --no-log or `log = false` in config.toml turns them off."
    ).format(folder=inert(str(where)))


def _start_event(request: Request, prepared: Prepared, log_id: str, now: datetime) -> Event:
    session, loaded = prepared.session, prepared.loaded
    ref = loaded.name if loaded.source != "file" else _portable(request.format_ref or "")
    phases = [
        {
            "id": phase.id,
            "title": phase.title,
            "case": phase.case,
            "minutes": phase.minutes,
            "planned": planned,
            "flexible": phase.flexible,
            "warn_minutes": phase.warn_minutes,
            "at_zero": phase.at_zero,
        }
        for phase, planned in zip(session.phases, session.planned, strict=True)
    ]
    return Event(
        "session_start",
        0.0,
        {
            "v": writing.LOG_VERSION,
            "id": log_id,
            "at": now.isoformat(timespec="milliseconds"),
            "balint": __version__,
            "format": ref,
            "format_source": loaded.source,
            "format_title": loaded.format.name,
            "format_hash": loaded.digest,
            "phases": phases,
            "target": session.target,
            "end_at": prepared.end_at,
            "auto": session.auto,
            "speed": prepared.speed,
            "group": request.group,
            "attendees": request.attendees,
            "members": request.members,
            "setting": request.setting or IN_PERSON,
            "role": request.role or LEAD,
            "supervised": request.supervised,
            "practice": prepared.practice,
            "cases": request.cases,  # the first N cases were run (None: all of them)
            "format_cases": loaded.format.cases,
        },
    )


def _portable(ref: str) -> str:
    """A format file's name, never its path: folders name their owner, and often the case."""
    return Path(ref).name
