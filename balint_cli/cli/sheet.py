"""`balint sheet`: the paper a programme asks for, an attendance list or a certificate.

Start-up: the command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.cli.options import (
    HTML,
    ForceOpt,
    SinceOpt,
    UntilOpt,
    check_named,
    config,
    group_option,
    load,
    output_option,
    to_screen,
)
from balint_cli.cli.output import print_page
from balint_cli.cli.records import check_group, group_names, opened, say_running
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.formats.catalogue import Loaded
    from balint_cli.render.sheet.certificate import Certificate
    from balint_cli.settings.config import Config
    from balint_cli.settings.groups import Group


def sheet(
    sign_in: Annotated[
        bool,
        typer.Option(
            "--sign-in", help="The attendance list of one session, for the group to sign."
        ),
    ] = False,
    certificate: Annotated[
        bool,
        typer.Option(
            "--certificate",
            help="A certificate of attendance of a group's sessions, with a blank for the name.",
        ),
    ] = False,
    group: Annotated[
        str | None,
        group_option(
            "The group: one of `balint groups` (its defaults apply), or a label its "
            "sessions have. Default: default_group in config.toml."
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="With --sign-in: the session's date (YYYY-MM-DD). Default: today.",
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    output: Annotated[
        Path | None, output_option("The HTML page to write ('-' for the screen).")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Paper for a programme: an attendance list to sign, or a certificate of attendance.

    --sign-in: a session's group, date, times, format and length, and rows for names and
    signatures, written by hand. --certificate: a group's sessions in a period, from the
    logs, their totals, and blanks for the participant's name and the leader's signature.
    A page to print on A4; nothing is fetched.
    """
    from balint_cli.core.text import inert
    from balint_cli.fs.files import write_atomic

    _check(sign_in, certificate, day, since, until, output)
    check_named(output, HTML)
    settings = config()
    label = group if group is not None else settings.default_group
    if sign_in:
        made, said = _sign_in(label, day, settings)
    else:
        made, said = _certificate(label, since, until, settings)
    if output is None or to_screen(output):
        print_page(made)
        return
    write_atomic(output, made, force=force, private=certificate)  # dates from the logs
    typer.echo(f"Wrote {inert(str(output))} ({said}).")


def _check(
    sign_in: bool,
    certificate: bool,
    day: str | None,
    since: str | None,
    until: str | None,
    output: Path | None,
) -> None:
    """BadInput unless the options ask for one sheet, with what it takes, and a place for it."""
    from balint_cli.errors import BadInput

    if sign_in == certificate:
        raise BadInput(
            "Say which sheet to make: --sign-in (the attendance list of a session) or "
            "--certificate (a certificate of attendance), one at a time."
        )
    if certificate and day is not None:
        raise BadInput(
            "--date is the day of an attendance list (--sign-in); a certificate's period is "
            "--since and --until."
        )
    if sign_in and (since is not None or until is not None):
        raise BadInput(
            "--since and --until are a certificate's period (--certificate); an attendance "
            "list is of one day, --date."
        )
    if output is None:
        raise BadInput("Say where to write the sheet: -o PATH.html, or -o - for the screen.")


def _speak(config: Config, format_language: str | None) -> None:
    """The sheets' words: config.toml's language, else the group's format's, else the
    system's (paper for a programme, in the leader's language before the format's)."""
    from balint_cli.i18n import use

    use(config.language, format_language)


def _sign_in(label: str | None, day: str | None, config: Config) -> tuple[str, str]:
    """The attendance list's page, and what it holds in a few words."""
    from datetime import date

    from balint_cli.core.digits import clock_time
    from balint_cli.logbook.tallies import parse_day
    from balint_cli.render.sheet.signin import SignIn, page

    when = parse_day(day, "--date") if day is not None else date.today()
    found = _in_groups_file(label)
    if label is not None and found is None:
        label = _logged_label(label)
    name, group = found if found is not None else (label, None)
    loaded = _format(found)
    _speak(config, loaded.format.language)
    sheet = SignIn(
        day=when,
        format_name=loaded.format.name,
        minutes=loaded.format.total_minutes,
        group=name,
        end_at=None if group is None or group.end_at is None else clock_time(group.end_at),
        members=None if group is None else group.members,
        co_led=group is not None and group.role == "co-lead",
    )
    return page(sheet), f"an attendance list of {sheet.rows} rows"


def _logged_label(label: str) -> str:
    """The spelling of a group that groups.toml has not, from the logs; BadInput if no
    session has it either, naming the groups there are."""
    from balint_cli.core.rules import check_label, label_key
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.logbook.queries import known_groups

    with opened(None) as shelf:
        for known in known_groups(shelf):
            if label_key(known) == label_key(label):
                return known
        names = group_names(shelf)
    check_label(label)  # a name no group could have is said as such, not offered to groups add
    shown = inert(label, one_line=True)
    raise BadInput(
        f"'{shown}' is no group in groups.toml, and no session has it; "
        + (f"the groups are {', '.join(names)}" if names else "there are no groups yet")
        + f" (`balint groups add '{shown}' --members N` adds it)."
    )


def _certificate(
    label: str | None, since: str | None, until: str | None, config: Config
) -> tuple[str, str]:
    """The certificate's page, and what it holds in a few words; BalintError if it would
    list no session."""
    from balint_cli.core.rules import label_key
    from balint_cli.core.words import count
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose
    from balint_cli.render.sheet.certificate import Attended, Certificate, page

    choice = choose(since, until, label)
    found = _in_groups_file(label)
    with opened(None) as shelf:
        sessions = [Attended.of(tally) for tally in queries.tallies(shelf, choice)]
        if not sessions and found is None:
            check_group(shelf, choice, 0)  # a group nobody has: named with those there are
        say_running(shelf, choice)
        named = queries.group_labels(shelf, choice)
    if label is not None:
        label = named.get(label_key(label), label if found is None else found[0])
    sheet = Certificate(sessions=sessions, group=label, since=choice.since, until=choice.until)
    if not sessions:
        _nothing_to_certify(sheet)
    # config.toml's language needs no format: the group's is looked up only without one
    format_language = (
        None if config.language else _format(found).format.language
    )
    _speak(config, format_language)
    return page(sheet), count(len(sessions), "session")


def _in_groups_file(label: str | None) -> tuple[str, Group] | None:
    """The group of groups.toml a label names (any case), with its name there; None if none."""
    from balint_cli.settings.groups import find, load_groups

    return None if label is None else find(load_groups(home()), label)


def _format(found: tuple[str, Group] | None) -> Loaded:
    """The format the group (its name and defaults in groups.toml) runs: its own, else
    default_format."""
    from balint_cli.settings.groups import format_of_group

    name, group = found if found is not None else (None, None)
    if group is None or group.format is None:
        return load(None)
    with format_of_group(home(), name):
        return load(group.format)


def _nothing_to_certify(sheet: Certificate) -> None:
    """Say in one sentence that no session is there to certify."""
    from balint_cli.core.text import inert
    from balint_cli.errors import BalintError

    whose = "" if sheet.group is None else f" of the group '{inert(sheet.group, one_line=True)}'"
    when = ""
    if sheet.since is not None:
        when += f" from {sheet.since}"
    if sheet.until is not None:
        when += f" to {sheet.until}"
    raise BalintError(
        f"There is no session{whose}{when} to certify (practice runs, false starts and "
        "sessions still running are not counted); `balint log list` shows your sessions."
    )
