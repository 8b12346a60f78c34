"""`balint run`, `balint demo` and `balint plan`: a session, live or on paper.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.cli.options import (
    FORMAT_HELP,
    BellOpt,
    CasesOpt,
    EndAtOpt,
    FormatArg,
    JsonOpt,
    attendees_option,
    group_option,
    load,
    online_option,
    role_option,
    speak,
    speed_option,
)
from balint_cli.cli.output import console, print_json

if TYPE_CHECKING:
    from balint_cli.live.request import Request


DiscreetOpt = Annotated[
    bool | None,
    typer.Option(
        "--discreet/--full",
        help="Whole minutes, no big digits, no bell (d switches during a session). "
        "Default: discreet in config.toml, else full.",
        show_default=False,
    ),
]
RunFormatArg = Annotated[
    str | None,
    typer.Argument(
        metavar="FORMAT",
        help=FORMAT_HELP + " With --resume: the id of the session to carry on, or a start of it "
        "(`balint log list` shows them).",
        show_default=False,
    ),
]


def run(
    format_ref: RunFormatArg = None,
    speed: Annotated[
        float, speed_option("Run the clock X times faster, to demonstrate or try out a format.")
    ] = 1.0,
    end_at: EndAtOpt = None,
    auto: Annotated[
        bool | None,
        typer.Option(
            "--auto/--wait",
            help="When a phase's time is up, move on by itself (the session ends by itself "
            "after the last), or wait for you. Default: auto in config.toml, else wait.",
            show_default=False,
        ),
    ] = None,
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
        group_option(
            "The group: one of `balint groups` (its defaults apply), or a short label. "
            "Default: default_group in config.toml."
        ),
    ] = None,
    attendees: Annotated[
        int | None, attendees_option("How many came (a count, never names).")
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Carry on the most recent session that did not finish (or the one whose id "
            "is given as FORMAT).",
        ),
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="With --resume: carry on a session that stopped over three hours ago without "
            "asking (for scripts).",
        ),
    ] = False,
    cases: CasesOpt = None,
    online: Annotated[
        bool | None,
        online_option(
            "Where the group meets; online, the format's online rules join its ground rules. "
            "Default: the group's setting, else in person."
        ),
    ] = None,
    role: Annotated[
        str | None, role_option("Your role. Default: the group's, else lead.")
    ] = None,
    supervised: Annotated[
        bool, typer.Option("--supervised", help="A supervised session, for leader training.")
    ] = False,
    discreet: DiscreetOpt = None,
    some_leave_at: Annotated[
        str | None,
        typer.Option(
            "--some-leave-at",
            metavar="HH:MM",
            help="When some must leave: the screen says so from five minutes before.",
        ),
    ] = None,
    debrief: Annotated[
        bool | None,
        typer.Option(
            "--debrief/--no-debrief",
            help="Once a co-led session ends: the co-leaders' debrief at once, or none. "
            "Default: debrief in config.toml, else ask.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run a session: the live screen that walks the group through its phases.

    Keys: space pause, n next, b back, + and - one minute, g ground rules, i tips,
    c skip the rest of a case, o only this case today, m marker, a how many came,
    d discreet, q quit, ? help.
    Without a terminal (piped), it prints a line per event and moves on by itself.
    """
    from balint_cli.core.rules import setting
    from balint_cli.errors import BadInput
    from balint_cli.live.request import Request, no_clash

    if yes and not resume:
        raise BadInput("--yes answers the question --resume asks; give it with --resume.")
    request = Request(
        format_ref=None if resume else format_ref,
        speed=speed,
        end_at=end_at,
        auto=auto,
        bell=bell,
        log=log,
        group=group,
        attendees=attendees,
        resume=resume,
        resume_id=format_ref if resume else None,
        yes=yes,
        cases=cases,
        some_leave_at=some_leave_at,
        discreet=discreet,
        setting=None if online is None else setting(online),
        role=role,
        supervised=supervised,
        debrief=debrief,
    )
    if resume:
        no_clash(request)
        if format_ref is None:
            _something_to_resume()
    _session(request)


def demo(
    format_ref: FormatArg = None,
    speed: Annotated[float, speed_option("How many times faster than real time.")] = 30.0,
    bell: BellOpt = None,
    online: Annotated[
        bool | None,
        online_option(
            "Where the group shown meets; online, the format's online rules join its ground "
            "rules. Default: in person."
        ),
    ] = None,
) -> None:
    """A trainer's run of a format: fast, with each phase's purpose and the ground rules.

    The ground rules open over the opening, whole (a key closes them). The session moves on
    by itself and writes no log; every key of `balint run` works. Piped, it prints each phase
    with its purpose and ends by itself.
    """
    from balint_cli.core.rules import setting
    from balint_cli.live.request import Request

    where = None if online is None else setting(online)
    _session(
        Request(format_ref=format_ref, speed=speed, bell=bell, log=False, demo=True, setting=where)
    )


def _something_to_resume() -> None:
    """--resume with nothing to carry on says so at once, before the session's code loads.

    With a config.toml, the session's code reads it first, so that a broken one is said.
    """
    from balint_cli.fs.locks import in_use
    from balint_cli.fs.paths import CONFIG, home
    from balint_cli.logbook import finding

    folder = home()
    if not os.path.lexists(folder / CONFIG):
        finding.last_unfinished(folder, in_use, lambda _note: None)  # resuming notes it


def _session(request: Request) -> None:
    """Run a session to its end and leave with its exit status."""
    from datetime import datetime

    from balint_cli.live import start

    code = start.start(request, datetime.now().astimezone())
    if code:
        raise typer.Exit(code)


def plan(
    format_ref: FormatArg = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="HH:MM", help="When the session starts. Default: now."),
    ] = None,
    end_at: EndAtOpt = None,
    cases: CasesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show each phase of a session with its clock times."""
    from datetime import datetime

    from balint_cli.core import schedule
    from balint_cli.core.digits import parse_clock
    from balint_cli.render.formats import plan_json, plan_table

    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    begin = now
    if start is not None:
        begin = schedule.at_today(parse_clock(start, "--start"), now.date(), now)
    end = None
    if end_at is not None:
        end = schedule.end_after(parse_clock(end_at, "--end-at"), begin)
    loaded = load(format_ref)
    slots = schedule.schedule(schedule.take_cases(loaded.format.phases, cases), begin, end)
    if not as_json:  # JSON stays in the words of the code, whatever the language
        speak(loaded)
    warning = schedule.distortion_text(slots, f"--end-at {end_at}") if end_at else ""
    if as_json:
        print_json(plan_json(loaded, slots, warning))
        return
    out = console()
    out.print(plan_table(loaded, slots, min(out.width, 100), warning))
