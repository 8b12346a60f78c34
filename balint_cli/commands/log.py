"""`balint log`: list, show, summarise and export the session logs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from balint_cli.commands.common import ForceOpt, JsonOpt, console, home, note, print_json, sub_app

app = sub_app("Your session logs: list, show, summarise and export (timings and counts only).")


def _shelf() -> Any:
    """Every readable log; a note on stderr for each file that had to be skipped."""
    from balint_cli.logbook import reading

    shelf = reading.read_all(home())
    for line in shelf.notes:
        note(line)
    return shelf


@app.command("list")
def log_list(as_json: JsonOpt = False) -> None:
    """List your sessions: date, format, group, attendance, length and how each ended."""
    from balint_cli import reports

    shelf = _shelf()
    if as_json:
        print_json(reports.list_json(shelf.logs))
        return
    console().print(reports.list_table(shelf.logs))


@app.command("show")
def log_show(
    session_id: Annotated[
        str, typer.Argument(metavar="ID", help="A session's id (or its start), or 'last'.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show one session: each phase, planned against actual."""
    from balint_cli import reports
    from balint_cli.logbook import reading

    log = reading.find(home(), session_id, note)
    if as_json:
        print_json(reports.show_json(log))
        return
    console().print(reports.show_table(log))


@app.command("summary")
def log_summary(
    group: Annotated[
        str | None, typer.Option("--group", metavar="TEXT", help="Only this group's sessions.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Sessions and cases per group and month, attendance, timeliness and overrunning phases."""
    from balint_cli import reports
    from balint_cli.logbook import tallies

    logs = _shelf().logs
    summary = tallies.summarise(logs, group)
    if as_json:
        print_json(reports.summary_json(summary))
        return
    if group is not None and not summary.sessions and logs:
        console().print(reports.no_such_group(group, logs))
        return
    console().print(reports.summary_view(summary))


@app.command("export")
def log_export(
    csv_path: Annotated[
        Path,
        typer.Option("--csv", metavar="PATH", help="The CSV file to write ('-' for the screen)."),
    ],
    force: ForceOpt = False,
) -> None:
    """Export every session as CSV, a row per phase with the session's fields."""
    import csv
    import io

    from balint_cli.files import write_atomic
    from balint_cli.logbook import tallies
    from balint_cli.text import inert

    shelf = _shelf()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(tallies.CSV_COLUMNS)
    writer.writerows(tallies.csv_rows(shelf.logs))
    if str(csv_path) == "-":
        sys.stdout.write(out.getvalue())
        return
    # It is log data: the owner's alone.
    write_atomic(csv_path, out.getvalue(), force=force, private=True)
    typer.echo(f"Wrote {inert(str(csv_path))} ({len(shelf.logs)} sessions).")
