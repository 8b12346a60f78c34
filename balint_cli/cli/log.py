"""`balint log`: list, show, correct and delete the session logs (reports: log_reports.py,
and log_progress.py).

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.cli import log_progress, log_reports
from balint_cli.cli.options import (
    FromOpt,
    IdArg,
    JsonOpt,
    LastPracticeOpt,
    PracticeOpt,
    attendees_option,
    command,
    group_option,
    online_option,
    role_option,
    sub_app,
)
from balint_cli.cli.output import note, print_json, print_json_items, width
from balint_cli.cli.records import opened
from balint_cli.core.rules import ROLES
from balint_cli.core.words import count, one_of
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.logbook.queries import Shelf
    from balint_cli.logbook.reading import SessionLog
    from balint_cli.logbook.tallies import Choice

app = sub_app(
    "Your session logs: list, show, correct, summarise, export and report (timings and counts "
    "only)."
)

LIST_RECENT = 20  # the sessions `log list` shows without --all


@command(app, "list")
def log_list(
    show_all: Annotated[
        bool, typer.Option("--all", help=f"Every session, not the last {LIST_RECENT}.")
    ] = False,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List your sessions: date, format, group, attendance, length and how each ended.

    The most recent, in plain columns (--all for every one; --json gives every one).
    """
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import Choice
    from balint_cli.render.log import list_json, list_lines, list_row

    choice = Choice(include_practice=include_practice, false_starts=True, running=True)
    with opened(sources) as shelf:
        if as_json:
            print_json_items(map(list_json, queries.tallies(shelf, choice)))
            return
        total = queries.count(shelf, choice)
        if not total:
            typer.echo(_nothing_listed(shelf, choice))
            return
        shown = queries.tallies(shelf, choice, None if show_all else LIST_RECENT)
        rows = list(map(list_row, shown))  # only the rows printed are put in words
    sys.stdout.write("\n".join(list_lines(rows, width())) + "\n")
    if total > len(rows):
        typer.echo(f"The {len(rows)} most recent of {total} sessions; --all lists every one.")


def _nothing_listed(shelf: Shelf, choice: Choice) -> str:
    """Why a listing is empty: no logs at all, or practice runs alone, which it leaves out."""
    from balint_cli.logbook import queries

    practice = 0
    if not choice.include_practice:
        practice = queries.count(shelf, replace(choice, include_practice=True))
    if practice:
        runs = count(practice, "practice run")
        return f"No sessions yet but {runs}; --include-practice lists them."
    return "No session logs yet. They are kept when you run a session."


@command(app, "show")
def log_show(
    session_id: IdArg,
    include_practice: LastPracticeOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one session: each phase planned against actual, the cases taken, its markers."""
    from balint_cli.fs.locks import in_use
    from balint_cli.logbook import finding
    from balint_cli.render.log import show_json, show_lines

    log = finding.find(home(), session_id, note, include_practice)
    running = log.end is None and in_use(log.path)  # a lock looked at only where it may be
    if as_json:
        print_json(show_json(log, running))
        return
    sys.stdout.write("\n".join(show_lines(log, width(), running)) + "\n")


@command(app, "delete")
def log_delete(
    session_id: IdArg,
    include_practice: LastPracticeOpt = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first (for scripts).")] = False,
) -> None:
    """Delete one session's log, after a y/n question; a damaged one too, by its id."""
    from balint_cli.fs.files import show_path
    from balint_cli.logbook import finding, removing

    path, log = finding.locate(home(), session_id, note, include_practice)
    copies = removing.copies(path, log)
    # Locked from the question on: no session may take the log up and then lose it.
    with ExitStack() as stack:
        held = [stack.enter_context(removing.Held(each)) for each in (path, *copies)]
        if not yes and not _sure(f"Delete {_what(path, log)}{_and_copies(copies)}?"):
            typer.echo("Kept.")
            return
        for each in held:
            each.delete()
    typer.echo(f"Deleted {show_path(path.stem)}{_and_copies(copies)}.")


def _and_copies(copies: list[Path]) -> str:
    """The copies of a log that go with it, as the question and the answer name them."""
    from balint_cli.fs.files import show_path

    if not copies:
        return ""
    names = ", ".join(f"'{show_path(copy.name)}'" for copy in copies)
    return f", and its {'copy' if len(copies) == 1 else f'{len(copies)} copies'} {names}"


def _what(path: Path, log: SessionLog | None) -> str:
    """The log to delete, as the question names it: its session, or that it is damaged."""
    from balint_cli.core.text import inert
    from balint_cli.fs.files import show_path
    from balint_cli.logbook import reading
    from balint_cli.render.log import not_led

    try:
        log = log or reading.read_log(path)
    except reading.Damaged as err:
        return f"the damaged log {show_path(path.name)} (it {err})"
    what = [f"{log.started:%a %d %b %Y, %H:%M}", inert(log.format_title, one_line=True)]
    return f"the log of {log.session_id} ({', '.join(what + not_led(log))})"


def _sure(question: str) -> bool:
    """The user's y/n answer. At a terminal a key, y or n (Escape is no, Enter answers
    nothing, Ctrl-C stops balint as anywhere); piped a line, and no answer (the end of the
    input) is no."""
    from balint_cli.terminal import console

    if console.is_interactive():
        return console.ask(f"{question} y/n") is True
    try:
        return typer.confirm(question)
    except typer.Abort:
        return False


@command(app, "edit")
def log_edit(
    session_id: IdArg,
    include_practice: LastPracticeOpt = False,
    attendees: Annotated[int | None, attendees_option("How many came.")] = None,
    group: Annotated[str | None, group_option("The group's label.")] = None,
    online: Annotated[
        bool | None, online_option("Whether the group met online or in person.")
    ] = None,
    role: Annotated[str | None, role_option(f"Your role: {one_of(ROLES)}.")] = None,
    supervised: Annotated[
        bool | None,
        typer.Option(
            "--supervised/--not-supervised",
            help="Whether it was a supervised session.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Correct what a session's log records; the correction is added, nothing is rewritten."""
    from balint_cli.core.events import Event
    from balint_cli.core.rules import check_attendees, check_label, check_role, setting
    from balint_cli.errors import BadInput, BalintError
    from balint_cli.logbook import finding, writing

    changes: dict[str, object] = {}
    if attendees is not None:
        changes["attendees"] = check_attendees(attendees)
    if group is not None:
        changes["group"] = check_label(group)
    if online is not None:
        changes["setting"] = setting(online)
    if role is not None:
        changes["role"] = check_role(role)
    if supervised is not None:
        changes["supervised"] = supervised
    if not changes:
        raise BadInput(
            "Say what to correct: --attendees, --group, --online or --in-person, --role, "
            "--supervised or --not-supervised."
        )
    log = finding.find(home(), session_id, note, include_practice)
    try:
        writer = writing.LogWriter.reopen(log.path, _unsaid)
    except writing.InUse:
        raise BalintError(
            f"The session {log.session_id} is still running; correct it once it ends."
        ) from None
    except OSError as err:
        raise BalintError(f"{log.session_id} cannot be corrected: {err.strerror or err}.") from None
    try:
        writer.mend()
        writer.record(Event("edit", log.last_t, changes))
    finally:
        writer.close()
    if writer.reason:  # a full disk, say: said in an edit's words, as no session goes on
        raise BalintError(f"{log.session_id} cannot be corrected: {writer.reason}.")
    members = log.members
    if "attendees" in changes and members and int(str(changes["attendees"])) > members:
        note(f"{changes['attendees']} came, more than the {members} enrolled: guests, perhaps.")
    said = ", ".join(f"{k} {_yes_no(v)}" for k, v in changes.items())
    typer.echo(f"Corrected {log.session_id}: {said}.")


def _yes_no(value: object) -> object:
    """A correction's value as a person writes it: yes or no, never Python's True."""
    return ("yes" if value else "no") if isinstance(value, bool) else value


def _unsaid(message: str) -> None:
    """A correction's failure is told once it is over, in its own words (writer.reason)."""


log_reports.add_to(app)  # summary, export, portfolio and report, after these four
log_progress.add_to(app)  # and progress, after the reports
