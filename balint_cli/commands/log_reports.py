"""`balint log summary|export|portfolio|report`: what organisers and leaders hand on."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.commands.common import ForceOpt, JsonOpt, console, home, print_json
from balint_cli.commands.log import (
    FromOpt,
    GroupOpt,
    PracticeOpt,
    SinceOpt,
    UntilOpt,
    app,
    check_group,
    summed,
    tallies,
)

if TYPE_CHECKING:
    from balint_cli.logbook.tallies import Tally


@app.command("summary")
def log_summary(
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Sums for organisers: sessions, cases, hours, attendance, time kept, overruns.

    Attendance (and its rate, the share of members who came), the on-time rate, sessions in
    person and online, per group and per month, and which phases run over.
    """
    from balint_cli import summaries
    from balint_cli.logbook.tallies import choose

    choice = choose(since, until, group, include_practice)
    known: set[str] = set()
    summary = summed(sources, choice, known)
    check_group(choice, summary.sessions, known)
    if as_json:
        print_json(summaries.summary_json(summary))
        return
    console().print(summaries.summary_view(summary))


@app.command("export")
def log_export(
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", metavar="PATH", help="The CSV file to write ('-' for the screen)."),
    ] = None,
    per: Annotated[
        str,
        typer.Option("--per", metavar="session|phase", help="A row per session, or per phase."),
    ] = "phase",
    excel: Annotated[
        bool,
        typer.Option("--excel", help="Begin with a byte-order mark, so spreadsheets read UTF-8."),
    ] = False,
    bundle_path: Annotated[
        Path | None,
        typer.Option(
            "--bundle", metavar="PATH.zip", help="The logs as they are, in one file to hand on."
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    force: ForceOpt = False,
) -> None:
    """Export sessions as CSV for spreadsheets, or your logs as a bundle for an organiser."""
    import itertools

    from balint_cli.errors import BadInput
    from balint_cli.files import write_atomic
    from balint_cli.logbook import tallies as sums
    from balint_cli.text import inert

    choice = sums.choose(since, until, group, include_practice)
    if (csv_path is None) == (bundle_path is None):
        raise BadInput("Say what to export: --csv PATH, or --bundle PATH.zip.")
    known: set[str] = set()
    if bundle_path is not None:
        from balint_cli.logbook import SUFFIX, shelf

        names = [t.id + SUFFIX for t in tallies(None, choice, known)]
        check_group(choice, len(names), known)
        shelf.bundle(home(), names, bundle_path, force)
        typer.echo(f"Wrote {inert(str(bundle_path))} ({len(names)} session logs).")
        return
    assert csv_path is not None
    if per not in ("session", "phase"):
        raise BadInput(f"--per must be session or phase, not '{inert(per, one_line=True)}'.")
    counted = 0

    def chosen() -> Iterator[Tally]:
        nonlocal counted
        for tally in tallies(None, choice, known):
            counted += 1
            yield tally
        check_group(choice, counted, known)

    if per == "session":
        columns: tuple[str, ...] = sums.SESSION_COLUMNS
        rows = sums.csv_lines(sums.session_rows(chosen()))
    else:
        columns = sums.PHASE_COLUMNS
        rows = sums.phase_lines(chosen())
    # A session at a time, never the whole export in memory; the header waits for the first
    # row, so that a --group no session has is said before anything is written.
    first = next(rows, None)
    lines = itertools.chain(
        ["\ufeff" if excel else "", *sums.csv_lines([columns])], [first] if first else [], rows
    )
    if str(csv_path) == "-":
        sys.stdout.writelines(lines)
        return
    write_atomic(csv_path, lines, force=force, private=True)  # log data: the owner's alone
    typer.echo(f"Wrote {inert(str(csv_path))} ({counted} sessions).")


@app.command("portfolio")
def log_portfolio(
    since: SinceOpt = None,
    until: UntilOpt = None,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", metavar="PATH", help="Also write it as CSV ('-' for the screen)."),
    ] = None,
    sources: FromOpt = None,
    as_json: JsonOpt = False,
    force: ForceOpt = False,
) -> None:
    """Your record as a leader, for accreditation, a year at a time.

    Sessions led, co-led and supervised, cases taken, hours, the share in person, and the
    groups.
    """
    import csv
    import io

    from balint_cli import summaries
    from balint_cli.files import write_atomic
    from balint_cli.logbook.tallies import choose, portfolio
    from balint_cli.text import inert

    choice = choose(since, until, None)
    years = portfolio(tallies(sources, choice, set()), choice)
    if csv_path is not None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(summaries.PORTFOLIO_COLUMNS)
        writer.writerows(summaries.portfolio_row(year) for year in years)
        if str(csv_path) == "-":
            sys.stdout.write(out.getvalue())
            return
        write_atomic(csv_path, out.getvalue(), force=force, private=True)
        typer.echo(f"Wrote {inert(str(csv_path))} ({len(years)} years).", err=as_json)
    if as_json:
        print_json(summaries.portfolio_json(years))
        return
    console().print(summaries.portfolio_view(years))


@app.command("report")
def log_report(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="PATH", help="The HTML page to write."),
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: GroupOpt = None,
    include_practice: PracticeOpt = False,
    sources: FromOpt = None,
    force: ForceOpt = False,
) -> None:
    """An organiser's report: one printable HTML page with charts.

    Attendance over time per group, the on-time rate, the phases that run over, hours, and
    sessions in person or online. Self-contained: nothing is fetched.
    """
    from balint_cli.files import write_atomic
    from balint_cli.logbook.tallies import choose
    from balint_cli.report_page import page
    from balint_cli.text import inert

    choice = choose(since, until, group, include_practice)
    known: set[str] = set()
    summary = summed(sources, choice, known)
    check_group(choice, summary.sessions, known)
    write_atomic(output, page(summary, choice), force=force, private=True)
    typer.echo(f"Wrote {inert(str(output))} ({summary.sessions} sessions).")
