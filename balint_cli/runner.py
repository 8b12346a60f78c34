"""Setting up a session from the command's options (or from its log), and running it."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from balint_cli import __version__, keeping, resuming
from balint_cli.clock import SystemClock
from balint_cli.core import schedule
from balint_cli.core.events import COMPLETED, INTERRUPTED, Event
from balint_cli.core.rules import (
    IN_PERSON,
    LEAD,
    check_attendees,
    check_label,
    check_role,
    check_speed,
)
from balint_cli.core.session import Session
from balint_cli.core.text import inert
from balint_cli.core.words import length_text, status_text
from balint_cli.fs.paths import home, log_dir
from balint_cli.groupview.state import Publisher
from balint_cli.i18n import _, language, use
from balint_cli.live import NoLog, Sink, run_plain, run_screen
from balint_cli.logbook import writing
from balint_cli.prepared import Prepared, warner
from balint_cli.request import Request, no_clash
from balint_cli.screen import Look
from balint_cli.settings.config import chosen_format, load_config
from balint_cli.terminal.console import interactive, is_interactive, live_screen
from balint_cli.terminal.stopping import Terminated, stoppable

# A note's words, put together only once the session's language is known: a group's format
# decides it, so a note about the group comes before the language does.
Said = Callable[[], str]


def _note(sentence: str) -> None:
    """A note on stderr, beside the session's lines rather than among them."""
    sys.stderr.write(_("Note: ") + sentence + "\n")


def _say_now(said: Said) -> None:
    _note(said())


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
    from balint_cli.settings.groups import find, load_groups

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
        setting=request.setting or group.setting,
        role=request.role or group.role,
        members=group.members,
    )


def start(request: Request, now: datetime) -> int:
    """Run what the request asks for, from setting up to the last line; the exit status."""
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
    for note in notes:
        _note(note)
    try:
        found, asked = _to_carry_on(request, folder, now, config.language)
    except resuming.NothingStarted as left:
        return left.status
    if asked:  # from the answer on, not from the question
        now = max(now, datetime.now().astimezone())
    if found is not None:
        prepared, log = resuming.resume(folder, now, found)
        # A format changed since is known by its outline alone: its language, by its name.
        spoken = prepared.loaded.format.language or resuming.language_of(found, folder)
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
    try:
        return run(prepared, log or NoLog())
    finally:
        if log is not None:
            log.close()


def _to_carry_on(
    request: Request, folder: Path, now: datetime, fallback: str | None
) -> tuple[resuming.Unfinished | None, bool]:
    """The unfinished session to carry on (the one --resume takes, or the one offered first
    and taken with y; None for a new session), and whether the leader was asked about it.

    The offer is made in the new session's language, chosen as it was prepared; --resume
    asks in the language of the session it carries on (the language in config.toml, fallback,
    when its format says none)."""
    if request.resume:
        no_clash(request)
        taken = resuming.chosen(folder, request.resume_id)
        use(resuming.language_of(taken, folder), fallback)
        return taken, resuming.confirm(taken, now, request.yes)
    if request.demo or not os.path.isdir(log_dir(folder)):
        return None, False  # no logs, nothing unfinished: spare the first frame the reading
    found = resuming.unfinished(folder, now)
    if found is None:
        return None, False
    return (found if resuming.offer(found, now) else None), live_screen()


def prepare(request: Request, now: datetime) -> Prepared:
    """Load the format and plan the session from now, keeping to --end-at or its total."""
    folder = home()
    config = load_config(folder)
    speed = check_speed(request.speed)
    loaded = chosen_format(request.format_ref, folder)
    fmt = loaded.format
    use(fmt.language, config.language)  # before any word of the session is put together
    phases = schedule.take_cases(fmt.phases, request.cases)
    kept = keeping.plan(request, phases, now)
    slots = kept.slots
    planned = [slot.seconds for slot in slots]
    target = None
    if kept.end is not None:
        target = (kept.end - now).total_seconds()
    elif fmt.holds_end():  # its own total, or less when fewer cases are taken
        target = math.fsum(planned)
    leave_at, leave_aside = None, ""
    if request.some_leave_at is not None:
        leave_at, leave_aside = keeping.leave_at(request.some_leave_at, now, slots[-1].end)
    # A demonstration moves on by itself; the keys still work for the trainer.
    auto = request.auto or request.demo or not live_screen()
    session = Session(phases, planned, target=target, auto=auto)
    notice = _set_aside([kept.aside, leave_aside], keeping.end_notice(request, kept))
    look = Look(
        format_name=fmt.name,
        started=now,
        bell=config.bell,
        show_purpose=request.demo,
        ground_rules=fmt.ground_rules if request.demo else (),
        rules=fmt.ground_rules,
        badge=_("demo, {speed}× speed").format(speed=f"{speed:g}") if request.demo else "",
        leave_at=leave_at,
        notice=notice,
        members=request.members,
    )
    end_at = request.end_at if kept.end is not None else None
    return Prepared(loaded, session, look, speed, session.begin(), end_at)


def _set_aside(lines: list[str], notice: str) -> str:
    """What was set aside, a line each: on the first screen with the notice, else on stderr."""
    said = [line for line in lines if line]
    if live_screen():
        return " ".join([*said, notice]).strip()
    for line in said:
        sys.stderr.write(_("Note: ") + line + "\n")
    return notice


def _new_log(
    request: Request, prepared: Prepared, folder: Path, now: datetime
) -> writing.LogWriter:
    where = log_dir(folder)
    first = not os.path.lexists(where)
    writer = writing.LogWriter.create(
        where,
        now,
        lambda log_id: _start_event(request, prepared, log_id, now),
        warner(prepared.look),
    )
    if first and not writer.failed:  # where logs go, once they are really going there
        if live_screen():
            _tell(_first_log_note(where))
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
            "practice": prepared.speed != 1.0,  # a trial at another speed: not a session led
            "cases": request.cases,  # the first N cases were run (None: all of them)
            "format_cases": loaded.format.cases,
        },
    )


def _portable(ref: str) -> str:
    """A format file's name, never its path: folders name their owner, and often the case."""
    return Path(ref).name


def run(prepared: Prepared, sink: Sink, clock: SystemClock | None = None) -> int:
    """Run the session on the screen (or as plain lines); returns the exit status."""
    session, look = prepared.session, prepared.look
    first = prepared.first
    # From the last of what happens as it (re)starts: a resumed session's time goes on from
    # its resume, never from a move the log had cut in two before it.
    begin = max((event.t for event in first), default=session.start)
    clock = clock or SystemClock(prepared.speed, start=begin)
    board = Publisher(home(), prepared.speed, language())  # for `balint view`
    try:
        if live_screen():
            how = _on_screen(session, clock, sink, look, first, board)
        else:
            if is_interactive():  # a person, at a terminal that cannot draw a screen
                said = _(
                    "This terminal (TERM={term}) cannot draw the live screen: balint prints a "
                    "line per event and moves on by itself. Ctrl-C stops it."
                )
                _tell(said.format(term=inert(os.environ.get("TERM", ""))))
            # Piped, a `kill` or a dropped link ends the session as one at a terminal does.
            with stoppable():
                how = run_plain(session, clock, sink, look, sys.stdout, first, board=board)
    except KeyboardInterrupt:
        _summary(session, look, _("Stopped."))
        return 130
    except Terminated as stop:
        _summary(session, look, _("Stopped by {reason}.").format(reason=_(stop.reason)))
        return stop.status
    finally:
        board.close()
    _summary(session, look, "")
    return 0 if how != INTERRUPTED else 1


def _on_screen(
    session: Session,
    clock: SystemClock,
    sink: Sink,
    look: Look,
    first: list[Event],
    board: Publisher,
) -> str:
    from rich.console import Console

    with interactive(sys.stdout) as term:
        # Made inside the block: on Windows the console takes VT sequences only from here,
        # and Rich chooses how to draw by what the console takes when it is made.
        console = Console(highlight=False)

        def suspend() -> None:
            console.set_alt_screen(False)
            console.show_cursor(True)

        def resume() -> None:
            console.set_alt_screen(True)
            console.show_cursor(False)

        term.on_suspend, term.on_resume = suspend, resume
        return run_screen(session, clock, sink, look, term.read, console, first, board)


def _summary(session: Session, look: Look, prefix: str) -> None:
    """One line on the normal screen once the live screen is gone."""
    if session.ended_at is None or not live_screen():
        return  # without a terminal, the plain lines already said it
    ended = datetime.now().astimezone()  # the real time, even when --speed ran the clock fast
    words = {
        "clock": f"{ended:%H:%M}",
        "length": length_text(session.ended_at - session.start),
        "timing": status_text(session.view(session.ended_at)),
    }
    if session.ended == COMPLETED:
        line = _("Session completed at {clock} after {length}, {timing}.").format(**words)
    elif session.ended == INTERRUPTED:
        line = _("Session interrupted at {clock} after {length}.").format(**words)
        if look.logged and not look.warning:
            line = _(
                "Session interrupted at {clock} after {length}; `balint run --resume` carries on."
            ).format(**words)
    else:
        line = _("Session ended early at {clock} after {length}.").format(**words)
    if look.warning:
        line += f" {look.warning}"
    _tell(f"{prefix} {line}".strip())


def _tell(sentence: str) -> None:
    """A sentence for the person at the terminal, wrapped between words to fit its width."""
    import shutil
    import textwrap

    width = max(shutil.get_terminal_size().columns, 20)
    lines = textwrap.wrap(sentence, width, break_long_words=False, break_on_hyphens=False)
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
