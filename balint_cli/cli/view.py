"""`balint view`: what the group sees of the running session, on a second screen.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from balint_cli.cli.options import whole_number
from balint_cli.fs.paths import home

DEFAULT_PORT = 8765  # the web view's, when --port is not given


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
) -> None:
    """The group's screen: the phase, what the members do now, the time left, what comes next.

    Read-only, in another terminal (q leaves) or, with --web, in a browser (Ctrl-C stops
    it). Never the prompts, the tips, the log or anything typed.
    """
    from balint_cli.errors import BadInput
    from balint_cli.settings.config import load_config

    folder = home()
    language = load_config(folder).language
    if port is not None and not web:
        raise BadInput("--port is for the web view: add --web.")
    if web:
        _serve(folder, language, port)
        return
    _watch(folder, language)


def _watch(folder: Path, language: str | None) -> None:
    from rich.console import Console

    from balint_cli.errors import BalintError
    from balint_cli.groupview.terminal import watch
    from balint_cli.terminal.console import interactive, live_screen

    if not live_screen():
        raise BalintError(
            "balint view draws in a terminal, and this is not one that can; "
            "`balint view --web` shows it in a browser."
        )
    try:
        with interactive() as term:
            watch(folder, term.read, Console(highlight=False), language)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def _serve(folder: Path, language: str | None, port: int | None) -> None:
    import errno

    from balint_cli.errors import BadInput, BalintError
    from balint_cli.groupview.web import ViewServer

    chosen = DEFAULT_PORT if port is None else port
    if not 0 <= chosen <= 65535:
        raise BadInput(f"--port must be from 0 to 65535, not {chosen}.")
    try:
        server = ViewServer(chosen, folder, language)
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
