"""`balint log progress`: a leader's progress towards a body's accreditation, from the logs
(added to `balint log` by add_to, after the other reports).

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from balint_cli.cli.options import (
    HTML,
    ForceOpt,
    FromOpt,
    JsonOpt,
    SinceOpt,
    UntilOpt,
    check_named,
    command,
    output_option,
    to_screen,
)
from balint_cli.cli.output import console, note, print_json, print_page
from balint_cli.cli.records import GroupOpt, check_group, opened, say_running
from balint_cli.fs.paths import home


def log_progress(
    towards: Annotated[
        str | None,
        typer.Option(
            "--towards",
            metavar="BODY",
            help="The body's requirements to check: uk, bsanz, abs, dbg, psgv, or a file of "
            "yours in the requirements folder. Without it, the bodies there are.",
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    sources: FromOpt = None,
    as_json: JsonOpt = False,
    output: Annotated[
        Path | None, output_option(
            "Also write it as one printable HTML page ('-': the page alone, on the screen)."
        )
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Your progress towards a body's accreditation as a leader, from your logs.

    For each of its rules, what is needed, what your logs show and what is left, and the
    rules balint cannot see (keep your own record of those). Practice runs and false starts
    never count.
    """
    import dataclasses
    from datetime import date

    from balint_cli.core.rules import label_key
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.fs.files import write_atomic
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose
    from balint_cli.render.progress import progress_json, progress_view
    from balint_cli.render.progress_page import page
    from balint_cli.requirements import catalogue
    from balint_cli.requirements.progress import Check
    from balint_cli.requirements.windows import Period

    if towards is None:
        if as_json or output is not None:
            raise BadInput(
                "Say which body's requirements to check with --towards NAME; "
                "`balint log progress` alone lists them."
            )
        _list_bodies()
        return
    if as_json and to_screen(output):
        raise BadInput("--json and -o - both write to the screen; give -o a file's name.")
    check_named(output, HTML)
    entry = catalogue.find(towards, home())
    requirements = catalogue.read(entry, home())
    choice = choose(since, until, group)
    today = date.today()
    if choice.until is None and choice.since is not None and choice.since > today:
        raise BadInput(
            f"--since {choice.since} is after today ({today}), where the check ends without "
            "--until; give a date that has come."
        )
    # The check ends today without --until: a session dated later (a clock set wrong) is
    # outside it, as the heading's dates say, and as --until today would leave it.
    until_day = choice.until or today
    choice = dataclasses.replace(choice, until=until_day)
    with opened(sources) as shelf:
        months = queries.months(shelf, choice)
        check_group(shelf, choice, sum(m.sessions for m in months))
        say_running(shelf, choice)
        pooled = queries.pooled(shelf)
        if group is not None:  # as the logs spell it, whatever case it was given in
            group = queries.group_labels(shelf, choice).get(label_key(group), group)
    period = Period(choice.since, until_day)
    check = Check(entry.name, entry.source, requirements, period, months, group, pooled)
    if to_screen(output):
        print_page(page(check))  # the page alone: text beside it would spoil it
        return
    if output is not None:
        write_atomic(output, page(check), force=force, private=True)
        said = f"Wrote {inert(str(output))} ({check.verdict.sentence[:-1]})."
        typer.echo(said, err=as_json)
    if as_json:
        print_json(progress_json(check))
        return
    console().print(progress_view(check))


def _list_bodies() -> None:
    """The bodies there are: the shipped ones, and the user's own (or why one is not valid)."""
    from balint_cli.errors import BadInput
    from balint_cli.render.progress import bodies_view
    from balint_cli.requirements import catalogue
    from balint_cli.requirements.model import Requirements

    found: list[tuple[catalogue.Entry, Requirements | str]] = []
    for entry in catalogue.entries(home(), note):
        try:
            found.append((entry, catalogue.read(entry, home())))
        except BadInput as err:
            found.append((entry, _one_line(err)))
    console().print(bodies_view(found))


def _one_line(err: Exception) -> str:
    """What is wrong with a file, in the line a listing has for it."""
    from balint_cli.errors import BalintError

    if isinstance(err, BalintError) and err.details:
        return f"{err.message} {err.details[0]}"
    return str(err)


def add_to(app: typer.Typer) -> None:
    """This command, in `balint log` after the other reports."""
    command(app, "progress")(log_progress)
