"""The balint command: parse, call the core, turn errors into messages and exit codes.

Only typer is imported at the top so that `balint --help` stays quick; each command imports
what it needs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from balint_cli import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from balint_cli.config import Config
    from balint_cli.formats import Loaded
    from balint_cli.runner import Request

_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _shown_type(param: Any, ctx: Any) -> str | None:
    """What help shows beside a parameter: its metavar (X, HH:MM, N), never a Python type.

    Typer would print <bool> beside every flag and <str> beside FORMAT, which means
    nothing to a leader reading the help.
    """
    return None if isinstance(param, TyperArgument) else param.metavar


for _param in (TyperArgument, TyperOption):
    if hasattr(_param, "display_type_rich"):
        setattr(_param, "display_type_rich", _shown_type)  # noqa: B010


class _Group(TyperGroup):
    """The one place where balint's own errors become a message and an exit status."""

    def invoke(self, ctx: Any) -> Any:
        from balint_cli.errors import BalintError

        try:
            return super().invoke(ctx)
        except BalintError as err:
            _fail(err.message, err.details, err.exit_code)


def _fail(message: str, details: list[str], code: int) -> NoReturn:
    from balint_cli.text import inert

    lines = [f"Error: {inert(message, one_line=True)}"]
    lines += [f"  {inert(detail, one_line=True)}" for detail in details]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    raise typer.Exit(code)


app = typer.Typer(
    name="balint",
    help="A calm timer for the leaders of Balint groups.",
    cls=_Group,
    context_settings=_CONTEXT,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
formats_app = typer.Typer(
    help="List, show, check and create session formats.",
    context_settings=_CONTEXT,
    no_args_is_help=True,
)
config_app = typer.Typer(
    help="Show balint's settings and where they live.",
    context_settings=_CONTEXT,
    no_args_is_help=True,
)
log_app = typer.Typer(
    help="Your session logs: list, show, summarise and export (timings and counts only).",
    context_settings=_CONTEXT,
    no_args_is_help=True,
)
app.add_typer(formats_app, name="formats")
app.add_typer(log_app, name="log")
app.add_typer(config_app, name="config")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"balint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A calm timer for the leaders of Balint groups.

    It walks the group through its phases (case facts, questions, the presenter stepping
    back, discussion, the presenter's return) and keeps the session ending on time.
    """


FormatArg = Annotated[
    str | None,
    typer.Argument(
        metavar="FORMAT",
        help="A built-in format (45min, 60min, 90min), one of yours, or a .toml file. "
        "Default: default_format in config.toml, else 45min.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]


def _home() -> Path:
    from balint_cli.config import home

    return home()


def _config() -> Config:
    from balint_cli.config import load_config

    return load_config(_home())


def _load(ref: str | None) -> Loaded:
    from balint_cli.config import chosen_format

    return chosen_format(ref, _home())


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


SpeedOpt = Annotated[
    float,
    typer.Option(
        "--speed",
        metavar="X",
        help="Run the clock X times faster, to demonstrate or try out a format.",
    ),
]
EndAtOpt = Annotated[
    str | None,
    typer.Option(
        "--end-at",
        metavar="HH:MM",
        help="When it must end: the flexible phases are shortened or lengthened to fit.",
    ),
]


BellOpt = Annotated[
    bool | None,
    typer.Option(
        "--bell/--no-bell",
        help="A soft bell when a phase's time is up. Default: bell in config.toml, else on.",
        show_default=False,
    ),
]


@app.command()
def run(
    format_ref: FormatArg = None,
    speed: SpeedOpt = 1.0,
    end_at: EndAtOpt = None,
    auto: Annotated[
        bool, typer.Option("--auto", help="Move on to the next phase by itself at zero.")
    ] = False,
    bell: BellOpt = None,
    log: Annotated[
        bool | None,
        typer.Option(
            "--log/--no-log",
            help="Keep a private log of the session's timings. Default: log in config.toml, "
            "else on.",
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option("--group", metavar="TEXT", help="A short label for the group, for reports."),
    ] = None,
    attendees: Annotated[
        int | None,
        typer.Option("--attendees", metavar="N", help="How many came (a count, never names)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Carry on the last session that did not finish."),
    ] = False,
) -> None:
    """Run a session: the live screen that walks the group through its phases.

    Keys: space pause, n next, b back, + and - one minute, q quit, ? help.
    Without a terminal (piped), it prints a line per event and moves on by itself.
    """
    from balint_cli import runner

    _session(runner.Request(format_ref, speed, end_at, auto, bell, log, group, attendees, resume))


@app.command()
def demo(
    format_ref: FormatArg = None,
    speed: Annotated[
        float,
        typer.Option("--speed", metavar="X", help="How many times faster than real time."),
    ] = 30.0,
    bell: BellOpt = None,
) -> None:
    """A trainer's run of a format: fast, with each phase's purpose and the ground rules.

    The session moves on by itself and writes no log; every key of `balint run` works.
    Piped, it prints each phase with its purpose and ends by itself.
    """
    from balint_cli import runner

    _session(runner.Request(format_ref, speed, bell=bell, log=False, demo=True))


def _session(request: Request) -> None:
    """Run a session to its end and leave with its exit status."""
    from datetime import datetime

    from balint_cli import runner

    code = runner.start(request, datetime.now().astimezone())
    if code:
        raise typer.Exit(code)


@app.command()
def plan(
    format_ref: FormatArg = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="HH:MM", help="When the session starts. Default: now."),
    ] = None,
    end_at: EndAtOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show each phase of a session with its clock times."""
    from datetime import datetime

    from balint_cli import timeline, views

    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    begin = now
    if start is not None:
        begin = timeline.at_today(timeline.parse_clock(start, "--start"), now.date(), now)
    end = None
    if end_at is not None:
        end = timeline.end_after(timeline.parse_clock(end_at, "--end-at"), begin)
    loaded = _load(format_ref)
    slots = timeline.schedule(loaded.format.phases, begin, end)
    if as_json:
        _print_json(views.plan_json(loaded, slots))
        return
    console = _console()
    console.print(views.plan_table(loaded, slots, min(console.width, 100)))


@app.command()
def handout(
    format_ref: FormatArg = None,
    kind: Annotated[
        str,
        typer.Option("--format", "-f", metavar="md|html|svg", help="What to make."),
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="PATH", help="Write it here, not to the screen."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """A one-page handout of a format, for a taster session or a slide.

    The name and description, the ground rules, the phases drawn to scale,
    and each phase's purpose and prompt.
    Markdown by default; HTML prints on A4; SVG is a picture.
    """
    from balint_cli import pages
    from balint_cli.errors import BadInput
    from balint_cli.files import write_atomic
    from balint_cli.text import inert

    loaded = _load(format_ref)
    page = pages.render(loaded.format, kind)
    if output is None:
        sys.stdout.write(page)
        return
    if output.exists() and loaded.path.exists() and output.samefile(loaded.path):
        raise BadInput(f"{inert(str(output))} is the format itself; write the handout elsewhere.")
    write_atomic(output, page, force=force)
    typer.echo(f"Wrote {inert(str(output))}")


@formats_app.command("list")
def formats_list(as_json: JsonOpt = False) -> None:
    """List the built-in formats and your own, with their length and where each comes from."""
    from balint_cli import views
    from balint_cli.errors import BadInput
    from balint_cli.formats import catalogue, load_path

    rows: list[tuple[Any, Loaded | None, str]] = []
    for entry in catalogue(_home()):
        try:
            rows.append((entry, load_path(entry.path, entry.name, entry.source), ""))
        except BadInput as err:  # one bad file must not hide the others
            rows.append((entry, None, " ".join([err.message, "; ".join(err.details)]).strip()))
    if as_json:
        _print_json(
            [
                {
                    "name": entry.name,
                    "title": loaded.format.name if loaded else None,
                    "minutes": loaded.format.total_minutes if loaded else None,
                    "cases": loaded.format.cases if loaded else None,
                    "phases": len(loaded.format.phases) if loaded else None,
                    "source": entry.source,
                    "path": str(entry.path),
                    "replaced_by_yours": entry.shadowed,
                    "replaces_builtin": entry.overrides,
                    "error": problem or None,
                }
                for entry, loaded, problem in rows
            ]
        )
        return
    _console().print(views.catalogue_table(rows))


@formats_app.command("show")
def formats_show(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A format name or a .toml file.")],
    as_json: JsonOpt = False,
) -> None:
    """Show a format: its ground rules, its phases and a timeline drawn to scale."""
    loaded = _load(name)
    if as_json:
        _print_json(loaded.format.model_dump(mode="json"))
        return
    from balint_cli import views

    console = _console()
    console.print(views.format_table(loaded, min(console.width, 100)))


@formats_app.command("validate")
def formats_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Format files to check.")],
) -> None:
    """Check format files: "ok" for each good one; exit status 2 if any is not."""
    from balint_cli.errors import BadInput
    from balint_cli.formats import load_path
    from balint_cli.text import inert
    from balint_cli.views import count

    bad = 0
    for path in files:
        try:
            loaded = load_path(path)
        except BadInput as err:
            bad += 1
            sys.stderr.write(
                "\n".join([f"Error: {inert(err.message)}", *(f"  {d}" for d in err.details)]) + "\n"
            )
            continue
        fmt = loaded.format
        typer.echo(
            f"ok  {inert(str(path))}  "
            f"({count(len(fmt.phases), 'phase')}, {count(fmt.total_minutes, 'minute')})"
        )
    if bad:
        raise typer.Exit(2)


@formats_app.command("new")
def formats_new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new format's name.")],
    source: Annotated[
        str | None,
        typer.Option("--from", metavar="FORMAT", help="The format to start from."),
    ] = None,
    total: Annotated[
        float | None,
        typer.Option(
            "--minutes",
            metavar="N",
            help="Rescale to N minutes; flexible phases take the change first.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="PATH", help="Where to write it."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Copy a format into your formats folder (or PATH) to adapt it, optionally rescaled."""
    from balint_cli.formats import Format as FormatModel
    from balint_cli.formats import check_name, to_toml, user_dir, write_new
    from balint_cli.text import inert
    from balint_cli.views import count

    check_name(name)
    loaded = _load(source)
    fmt = loaded.format
    if total is not None:
        # Say what was done where it shows, so the copy never claims the old length.
        said = f"Rescaled to {total:g} minutes from {fmt.name}."
        fmt = FormatModel.model_validate(
            {
                **_rescaled(fmt, total).model_dump(),
                "name": f"{fmt.name[:140]}, rescaled to {total:g} minutes",
                "description": f"{said} {fmt.description}".strip(),
            }
        )
    target = output if output is not None else user_dir(_home()) / f"{name}.toml"
    write_new(target, to_toml(fmt), force=force)
    use = name if output is None else inert(str(target))
    typer.echo(
        f"Wrote {inert(str(target))} "
        f"({count(fmt.total_minutes, 'minute')}, {count(len(fmt.phases), 'phase')}). "
        f"Edit it, then: balint run {use}"
    )


def _rescaled(fmt: Any, total: float) -> Any:
    """fmt brought to `total` minutes on a half-minute grid."""
    import math

    from balint_cli import timeline
    from balint_cli.errors import BadInput
    from balint_cli.formats import MAX_MINUTES
    from balint_cli.views import count

    if not math.isfinite(total) or total <= 0 or total > MAX_MINUTES:
        raise BadInput(f"--minutes must be more than 0 and at most {MAX_MINUTES} (8 hours).")
    if not (total * 2).is_integer():
        raise BadInput("--minutes must be whole or half minutes, like 60 or 52.5.")
    lengths = [p.seconds for p in fmt.phases]
    least = math.fsum(timeline.floors(lengths)) / 60
    scaled = timeline.rescale(lengths, [p.flexible for p in fmt.phases], total * 60)
    if total < least or scaled is None:
        raise BadInput(
            f"--minutes {total:g} is too short for this format: its "
            f"{count(len(fmt.phases), 'phase')} {'needs' if len(fmt.phases) == 1 else 'need'} "
            f"at least {count(least, 'minute')}"
            + (" (a minute each)." if least == len(fmt.phases) else ".")
        )
    grid = timeline.on_grid(scaled, total * 60)
    phases = [{**p.model_dump(), "minutes": s / 60} for p, s in zip(fmt.phases, grid, strict=True)]
    return type(fmt).model_validate({**fmt.model_dump(), "minutes": total, "phases": phases})


@formats_app.command("schema")
def formats_schema() -> None:
    """Print the JSON Schema of a format file, for editors that check TOML."""
    from balint_cli.formats import Format

    schema = Format.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://balint.invalid/format.schema.json",
        **schema,
    }
    _print_json(schema)


def _shelf() -> Any:
    """Every readable log; a note on stderr for each file that had to be skipped."""
    from balint_cli import logbook
    from balint_cli.text import inert

    shelf = logbook.read_all(_home())
    for note in shelf.notes:
        sys.stderr.write(f"Note: {inert(note, one_line=True)}\n")
    return shelf


@log_app.command("list")
def log_list(as_json: JsonOpt = False) -> None:
    """List your sessions: date, format, group, attendance, length and how each ended."""
    from balint_cli import reports

    shelf = _shelf()
    if as_json:
        _print_json(reports.list_json(shelf.logs))
        return
    _console().print(reports.list_table(shelf.logs))


@log_app.command("show")
def log_show(
    session_id: Annotated[
        str, typer.Argument(metavar="ID", help="A session's id (or its start), or 'last'.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show one session: each phase, planned against actual."""
    from balint_cli import logbook, reports

    log = logbook.find(_shelf(), session_id)
    if as_json:
        _print_json(reports.show_json(log))
        return
    _console().print(reports.show_table(log))


@log_app.command("summary")
def log_summary(
    group: Annotated[
        str | None, typer.Option("--group", metavar="TEXT", help="Only this group's sessions.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Sessions and cases per group and month, attendance, timeliness and overrunning phases."""
    from balint_cli import logbook, reports

    logs = _shelf().logs
    summary = logbook.summarise(logs, group)
    if as_json:
        _print_json(reports.summary_json(summary))
        return
    if group is not None and not summary.sessions and logs:
        _console().print(reports.no_such_group(group, logs))
        return
    _console().print(reports.summary_view(summary))


@log_app.command("export")
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

    from balint_cli import logbook
    from balint_cli.files import write_atomic
    from balint_cli.text import inert

    shelf = _shelf()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(logbook.CSV_COLUMNS)
    writer.writerows(logbook.csv_rows(shelf.logs))
    if str(csv_path) == "-":
        sys.stdout.write(out.getvalue())
        return
    # It is log data: the owner's alone.
    write_atomic(csv_path, out.getvalue(), force=force, mode=0o600)
    typer.echo(f"Wrote {inert(str(csv_path))} ({len(shelf.logs)} sessions).")


@config_app.command("show")
def config_show() -> None:
    """Show your settings (defaults where config.toml says nothing)."""
    import tomli_w

    from balint_cli.config import config_path
    from balint_cli.errors import BalintError
    from balint_cli.text import inert

    path = config_path(_home())
    settings = _config()
    state = "" if path.exists() else " (not created yet: these are the defaults)"
    typer.echo(f"# {inert(str(path))}{state}")
    typer.echo(inert(tomli_w.dumps(settings.model_dump())).rstrip())
    try:
        _load(None)
    except BalintError as err:
        typer.echo(f"Note: {err.message}", err=True)


@config_app.command("path")
def config_path_cmd() -> None:
    """Print where config.toml lives (it may not exist yet)."""
    from balint_cli.config import config_path

    typer.echo(str(config_path(_home())))


def main() -> None:
    """The `balint` command."""
    try:
        app(prog_name="balint")
    except Exception as err:  # the last line of defence: a sentence, never a traceback
        if os.environ.get("BALINT_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: balint hit an unexpected problem ({type(err).__name__}: {err}). "
            "Run again with BALINT_DEBUG=1 to see the details.\n"
        )
        sys.exit(1)
