"""`balint view`: what the group sees of the running session, on a second screen.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.cli.options import whole_number
from balint_cli.fs.paths import home

DEFAULT_PORT = 8765  # the web view's, when --port is not given

if TYPE_CHECKING:
    from balint_cli.core.rules import GroupTime


def view(
    web: Annotated[
        bool,
        typer.Option(
            "--web",
            help="Serve the view as a web page on this computer (127.0.0.1), to share in a "
            "video call or put on a projector.",
        ),
    ] = False,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            metavar="N",
            parser=whole_number,
            help=f"The port of the web page (with --web). Default: {DEFAULT_PORT}; 0 picks a "
            "free one.",
            show_default=False,
        ),
    ] = None,
    time: Annotated[
        str | None,
        typer.Option(
            "--time",
            metavar="minutes|none|clock",
            help="How much of the time the group sees: about how many minutes, none, or the "
            "countdown with its seconds and colours (for a demonstration). Default: time in "
            "config.toml, else minutes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The group's quiet screen: the phase, what the members do now, what comes next.

    Read-only, in another terminal (q leaves) or, with --web, in a browser (Ctrl-C stops
    it). The time in whole minutes, small, or as --time says. Never the prompts, the tips,
    the log or anything typed.
    """
    from balint_cli.core.rules import check_group_time
    from balint_cli.errors import BadInput
    from balint_cli.settings.config import load_config

    shows = check_group_time(time) if time is not None else None
    folder = home()
    config = load_config(folder)
    if port is not None and not web:
        raise BadInput("--port is for the web view: add --web.")
    if web:
        _serve(folder, config.language, port, shows or config.time)
        return
    _watch(folder, config.language, shows or config.time)


def _watch(folder: Path, language: str | None, shows: GroupTime) -> None:
    from rich.console import Console

    from balint_cli.errors import BalintError
    from balint_cli.groupview.terminal import watch
    from balint_cli.terminal.console import hand_back_on_suspend, interactive, live_screen

    if not live_screen():
        raise BalintError(
            "balint view draws in a terminal, and this is not one that can; "
            "`balint view --web` shows it in a browser."
        )
    try:
        with interactive() as term:
            out = Console(highlight=False)
            hand_back_on_suspend(term, out)
            watch(folder, term.read, out, language, shows=shows)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def _serve(folder: Path, language: str | None, port: int | None, shows: GroupTime) -> None:
    import errno

    from balint_cli.errors import BadInput, BalintError
    from balint_cli.groupview.web import ViewServer

    chosen = DEFAULT_PORT if port is None else port
    if not 0 <= chosen <= 65535:
        raise BadInput(f"--port must be from 0 to 65535, not {chosen}.")
    try:
        server = ViewServer(chosen, folder, language, shows=shows)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise BalintError(
                f"Port {chosen} is in use; give another with --port N (0 picks a free one)."
            ) from None
        raise BalintError(
            f"The web view cannot listen on port {chosen}: {err.strerror or err}."
        ) from None
    address = f"http://127.0.0.1:{server.port}/"
    typer.echo(
        f"The group view is at {address} (this computer only): open it in a browser, and "
        "share that window or put it on a projector. Ctrl-C stops it."
    )
    try:
        with server:
            server.serve_forever(poll_interval=1.0)
    except KeyboardInterrupt:
        typer.echo("Stopped.")
        raise typer.Exit(130) from None
