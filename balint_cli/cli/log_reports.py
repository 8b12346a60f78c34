"""`balint log summary|export|portfolio|report`: what organisers and leaders hand on (added
to `balint log` by add_to).

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.cli.options import (
    HTML,
    ForceOpt,
    FromOpt,
    JsonOpt,
    PracticeOpt,
    SinceOpt,
    UnitsOpt,
    UntilOpt,
    check_named,
    command,
    csv_option,
    output_option,
    to_screen,
    written,
)
from balint_cli.cli.output import console, note, print_json, print_page
from balint_cli.cli.records import (
    GroupOpt,
    check_apart,
    check_group,
    opened,
    say_running,
    units_asked,
)
from balint_cli.core.words import count, one_of
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.logbook.queries import Shelf
    from balint_cli.logbook.tallies import Choice

PER = ("session", "phase")  # what a row of the CSV export is


def log_summary(
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    units: UnitsOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Sums for organisers: sessions, cases, hours, attendance, time kept, overruns.

    Attendance (and its rate, the share of members who came), the on-time rate, sessions in
    person and online, per group and per month, and which phases run over; with --units,
    the work in units of 45 or 90 minutes and how much of it was in person.
    """
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose
    from balint_cli.render.summary import summary_json, summary_view

    choice = choose(since, until, group, include_practice)
    sizes = units_asked(units)
    with opened(sources) as shelf:
        summary = queries.summary(shelf, choice)
        check_group(shelf, choice, summary.sessions)
    if as_json:
        print_json(summary_json(summary, sizes))
        return
    console().print(summary_view(summary, sizes))


def log_export(
    csv_path: Annotated[
        Path | None, csv_option("The CSV file to write ('-' for the screen).")
    ] = None,
    per: Annotated[
        str,
        typer.Option("--per", metavar="|".join(PER), help="A row per session, or per phase."),
    ] = "phase",
    excel: Annotated[
        bool,
        typer.Option("--excel", help="Begin with a byte-order mark, so spreadsheets read UTF-8."),
    ] = False,
    bundle_path: Annotated[
        Path | None,
        typer.Option(
            "--bundle",
            metavar="PATH.zip",
            parser=written,
            help="The logs as they are, in one file to hand on.",
        ),
    ] = None,
    sqlite_path: Annotated[
        Path | None,
        typer.Option(
            "--sqlite",
            metavar="PATH",
            parser=written,
            help="A database of the sessions and their phases, for your own queries.",
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export sessions as CSV for spreadsheets or as a database, or your logs as a bundle.

    With --from, CSV and the database hold the records of the folders and bundles given,
    pooled; a bundle is of your own logs only.
    """
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose

    choice = choose(since, until, group, include_practice)
    asked = [path for path in (csv_path, bundle_path, sqlite_path) if path is not None]
    if len(asked) != 1:
        raise BadInput("Say what to export: --csv PATH, --bundle PATH.zip or --sqlite PATH.")
    if per not in PER:
        raise BadInput(f"--per must be {one_of(PER)}, not '{inert(per, one_line=True)}'.")
    for option, path in (("--bundle", bundle_path), ("--sqlite", sqlite_path)):
        if to_screen(path):  # a zip or a database on a terminal is noise, never a file
            raise BadInput(f"{option} writes a file, not to the screen; give its name, not -.")
    if bundle_path is not None:
        if sources:
            raise BadInput(
                "--bundle hands on your own logs alone, not those given with --from: send the "
                "bundles and folders themselves, or pool them into --csv or --sqlite."
            )
        bundle_path, added = _zip_name(bundle_path)
    for option, path in (("--csv", csv_path), ("--bundle", bundle_path), ("--sqlite", sqlite_path)):
        check_apart(option, path, sources)
    with opened(sources) as shelf:
        counted = queries.count(shelf, choice)
        check_group(shelf, choice, counted)  # before anything is written
        say_running(shelf, choice)
        if bundle_path is not None:
            _bundle(shelf, choice, bundle_path, force)
            said = count(counted, "session log")
            said += "; .zip added to the name given" if added else ""
            typer.echo(f"Wrote {inert(str(bundle_path))} ({said}).")
        elif sqlite_path is not None:
            _database(shelf, choice, sqlite_path, force)
            typer.echo(f"Wrote {inert(str(sqlite_path))} ({count(counted, 'session')}).")
        elif csv_path is not None:
            if _csv(shelf, choice, csv_path, per == "session", excel, force):
                typer.echo(f"Wrote {inert(str(csv_path))} ({count(counted, 'session')}).")


def _zip_name(path: Path) -> tuple[Path, bool]:
    """A bundle's name: .zip added where it has no suffix; BadInput for another suffix."""
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput

    if path.suffix.lower() == ".zip":
        return path, False
    if path.suffix:
        raise BadInput(
            f"--bundle {inert(str(path), one_line=True)}: a bundle is a .zip file; give a name "
            "ending in .zip, or none (.zip is added)."
        )
    return path.with_name(path.name + ".zip"), True


def _csv(
    shelf: Shelf, choice: Choice, path: Path, per_session: bool, excel: bool, force: bool
) -> bool:
    """The sessions as CSV, written a session at a time; whether a file was written."""
    import itertools

    from balint_cli.fs.files import write_atomic
    from balint_cli.logbook import queries
    from balint_cli.logbook import tallies as sums

    if per_session:
        columns: tuple[str, ...] = sums.SESSION_COLUMNS
        rows = sums.csv_lines(sums.session_rows(queries.tallies(shelf, choice)))
    else:
        columns = sums.PHASE_COLUMNS
        rows = sums.phase_lines(queries.with_phases(shelf, choice))
    lines = itertools.chain(["\ufeff" if excel else "", *sums.csv_lines([columns])], rows)
    if to_screen(path):
        sys.stdout.writelines(lines)
        return False
    write_atomic(path, lines, force=force, private=True)  # log data: the owner's alone
    return True


def _bundle(shelf: Shelf, choice: Choice, target: Path, force: bool) -> None:
    """A zip of the chosen logs as they are, written a log at a time, to hand on."""
    from balint_cli.fs.files import write_made
    from balint_cli.fs.paths import LOGS
    from balint_cli.logbook.export import write_bundle

    folder = home() / LOGS
    write_made(target, lambda path: write_bundle(shelf, choice, folder, path), force=force,
               private=True)  # fmt: skip


def _database(shelf: Shelf, choice: Choice, target: Path, force: bool) -> None:
    """The chosen sessions and their phases as a database of their own."""
    from balint_cli.fs.files import write_made
    from balint_cli.logbook.export import write_database

    write_made(target, lambda path: write_database(shelf, choice, path), force=force, private=True)


def log_portfolio(
    since: SinceOpt = None,
    until: UntilOpt = None,
    csv_path: Annotated[
        Path | None, csv_option("Also write it as CSV ('-' for the screen).")
    ] = None,
    sources: FromOpt = None,
    units: UnitsOpt = None,
    as_json: JsonOpt = False,
    force: ForceOpt = False,
) -> None:
    """Your record as a leader, for accreditation, a year at a time.

    Sessions led, co-led and supervised, the co-leaders' debriefs held, cases taken, hours,
    the share in person, and the groups; with --units, the work in units of 45 or 90 minutes
    and how much of it was in person.
    """
    import csv
    import io

    from balint_cli.core.text import inert
    from balint_cli.fs.files import write_atomic
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose
    from balint_cli.render.summary import (
        portfolio_columns,
        portfolio_json,
        portfolio_row,
        portfolio_view,
    )

    choice = choose(since, until, None)
    sizes = units_asked(units)
    check_apart("--csv", csv_path, sources)
    with opened(sources) as shelf:
        years = queries.portfolio(shelf, choice)
        say_running(shelf, choice)
        pooled = queries.pooled(shelf)
    if csv_path is not None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(portfolio_columns(sizes))
        writer.writerows(portfolio_row(year, sizes) for year in years)
        if to_screen(csv_path):
            sys.stdout.write(out.getvalue())
            return
        write_atomic(csv_path, out.getvalue(), force=force, private=True)
        typer.echo(f"Wrote {inert(str(csv_path))} ({count(len(years), 'year')}).", err=as_json)
    if as_json:
        print_json(portfolio_json(years, pooled, sizes))
        return
    console().print(portfolio_view(years, pooled, sizes))


def log_report(
    output: Annotated[Path, output_option("The HTML page to write ('-' for the screen).")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    units: UnitsOpt = None,
    force: ForceOpt = False,
) -> None:
    """An organiser's report: one printable HTML page with charts.

    Attendance over time per group, the on-time rate, the phases that run over, hours (with
    --units, in units of 45 or 90 minutes too), and sessions in person or online.
    Self-contained: nothing is fetched.
    """
    from balint_cli.core.text import inert
    from balint_cli.fs.files import write_atomic
    from balint_cli.logbook import queries
    from balint_cli.logbook.tallies import choose
    from balint_cli.render.report import page
    from balint_cli.render.summary import left_running

    check_named(output, HTML)
    choice = choose(since, until, group, include_practice)
    sizes = units_asked(units)
    with opened(sources) as shelf:
        summary = queries.summary(shelf, choice)
        check_group(shelf, choice, summary.sessions)
    if summary.running:
        note(left_running(summary.running))
    if to_screen(output):
        print_page(page(summary, choice, sizes))
        return
    write_atomic(output, page(summary, choice, sizes), force=force, private=True)
    typer.echo(f"Wrote {inert(str(output))} ({count(summary.sessions, 'session')}).")


def add_to(app: typer.Typer) -> None:
    """These commands, in `balint log` beside list, show, delete and edit."""
    command(app, "summary")(log_summary)
    command(app, "export")(log_export)
    command(app, "portfolio")(log_portfolio)
    command(app, "report")(log_report)
