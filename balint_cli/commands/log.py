"""`balint log`: list, show, correct and delete the session logs (reports: log_reports.py)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.commands.common import (
    JsonOpt,
    home,
    note,
    print_json,
    print_json_items,
    sub_app,
    width,
)

if TYPE_CHECKING:
    from balint_cli.logbook.queries import Shelf
    from balint_cli.logbook.reading import SessionLog
    from balint_cli.logbook.tallies import Choice

app = sub_app(
    "Your session logs: list, show, correct, summarise, export and report (timings and counts "
    "only)."
)

FromOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--from",
        metavar="PATH",
        help="Read these folders of logs or bundles (.zip) instead of your own; repeatable.",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="Only sessions on or after this date (YYYY-MM-DD)."
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Only sessions on or before this date."),
]
GroupOpt = Annotated[
    str | None,
    typer.Option("--group", metavar="TEXT", help="Only this group's sessions (any case)."),
]
PracticeOpt = Annotated[
    bool,
    typer.Option(
        "--include-practice",
        help="Count practice runs (another --speed) and false starts too.",
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="A session's id (or its start), or 'last': the last session led."
    ),
]
LastPracticeOpt = Annotated[
    bool,
    typer.Option(
        "--include-practice",
        help="Let 'last' be a practice run (another --speed) or a false start too; "
        "an id finds any session without it.",
    ),
]
SettingOpt = Annotated[
    bool | None,
    typer.Option(
        "--online/--in-person",
        help="Whether the group met online or in person.",
        show_default=False,
    ),
]
RoleOpt = Annotated[
    str | None,
    typer.Option("--role", metavar="lead|co-lead", help="Your role: lead or co-lead."),
]


def opened(sources: list[Path] | None) -> AbstractContextManager[Shelf]:
    """The index, up to date with the user's logs or the sources given; notes said."""
    from balint_cli.logbook.access import opened as index

    return index(home(), list(sources or []), note)


def check_group(shelf: Shelf, choice: Choice, found: int) -> None:
    """--group names a group that no session had: say which there are (exit 2)."""
    if choice.group is None or found:
        return
    from balint_cli.core.rules import label_key
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.logbook.queries import known_groups

    known = known_groups(shelf)
    if label_key(choice.group) in map(label_key, known):
        return  # known, but no session of it in these dates
    names = group_names(shelf)
    raise BadInput(
        f"No session has the group '{inert(choice.group, one_line=True)}'; "
        + (f"the groups are {', '.join(names)}." if names else "no session has a group label.")
    )


def group_names(shelf: Shelf) -> list[str]:
    """The groups of groups.toml and of the sessions, one name for labels that look the same
    (groups.toml's first), each inert, in order."""
    from balint_cli.core.rules import label_key
    from balint_cli.core.text import inert
    from balint_cli.logbook.queries import known_groups
    from balint_cli.settings.groups import load_groups

    names: dict[str, str] = {}
    for name in [*load_groups(home()), *sorted(known_groups(shelf))]:
        names.setdefault(label_key(name), name)
    return [inert(names[key], one_line=True) for key in sorted(names)]


def say_running(shelf: Shelf, choice: Choice) -> None:
    """A note of the sessions a report leaves out because they are still running."""
    from balint_cli.logbook.queries import still_running
    from balint_cli.render.summary import left_running

    running = still_running(shelf, choice)
    if running:
        note(left_running(running))


@app.command("list")
def log_list(
    show_all: Annotated[
        bool, typer.Option("--all", help="Every session, not the last 20.")
    ] = False,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List your sessions: date, format, group, attendance, length and how each ended.

    The 20 most recent, in plain columns (--all for every one; --json gives every one).
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
            typer.echo("No session logs yet. They are kept when you run a session.")
            return
        shown = queries.tallies(shelf, choice, None if show_all else LIST_RECENT)
        rows = list(map(list_row, shown))  # only the rows printed are put in words
    sys.stdout.write("\n".join(list_lines(rows, width())) + "\n")
    if total > len(rows):
        typer.echo(f"The {len(rows)} most recent of {total} sessions; --all lists every one.")


LIST_RECENT = 20


@app.command("show")
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


@app.command("delete")
def log_delete(
    session_id: IdArg,
    include_practice: LastPracticeOpt = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first (for scripts).")] = False,
) -> None:
    """Delete one session's log, after a y/n question; a damaged one too, by its id."""
    from balint_cli.fs.files import show_path
    from balint_cli.logbook import finding, removing

    path, log = finding.locate(home(), session_id, note, include_practice)
    # Locked from the question on: no session may take the log up and then lose it.
    with removing.Held(path) as held:
        if not yes and not _sure(f"Delete {_what(path, log)}?"):
            typer.echo("Kept.")
            return
        held.delete()
    typer.echo(f"Deleted {show_path(path.stem)}.")


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
    return f"the log of {log.id} ({', '.join(what + not_led(log))})"


def _sure(question: str) -> bool:
    """The user's y/n answer; no answer (end of input, Ctrl-D) is no."""
    try:
        return typer.confirm(question)
    except typer.Abort:
        return False


@app.command("edit")
def log_edit(
    session_id: IdArg,
    include_practice: LastPracticeOpt = False,
    attendees: Annotated[
        int | None, typer.Option("--attendees", metavar="N", help="How many came.")
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", metavar="TEXT", help="The group's label.")
    ] = None,
    online: SettingOpt = None,
    role: RoleOpt = None,
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
            f"The session {log.id} is still running; correct it once it ends."
        ) from None
    except OSError as err:
        raise BalintError(f"{log.id} cannot be corrected: {err.strerror or err}.") from None
    try:
        writer.mend()
        writer.record(Event("edit", log.last_t, changes))
    finally:
        writer.close()
    if writer.reason:  # a full disk, say: said in an edit's words, as no session goes on
        raise BalintError(f"{log.id} cannot be corrected: {writer.reason}.")
    members = log.members
    if "attendees" in changes and members and int(str(changes["attendees"])) > members:
        note(f"{changes['attendees']} came, more than the {members} enrolled: guests, perhaps.")
    typer.echo(f"Corrected {log.id}: " + ", ".join(f"{k} {v}" for k, v in changes.items()) + ".")


def _unsaid(message: str) -> None:
    """A correction's failure is told once it is over, in its own words (writer.reason)."""
