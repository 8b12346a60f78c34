"""`balint config`: the user's settings and where they live."""

from __future__ import annotations

import typer

from balint_cli.commands.common import config, home, load, sub_app

app = sub_app("Show balint's settings and where they live.")


@app.command("show")
def config_show() -> None:
    """Show your settings (defaults where config.toml says nothing)."""
    import tomli_w

    from balint_cli.errors import BalintError
    from balint_cli.folder import config_path
    from balint_cli.text import inert

    path = config_path(home())
    settings = config()
    state = "" if path.exists() else " (not created yet: these are the defaults)"
    typer.echo(f"# {inert(str(path))}{state}")
    typer.echo(inert(tomli_w.dumps(settings.model_dump(exclude_none=True))).rstrip())
    try:
        load(None)
    except BalintError as err:
        typer.echo(f"Note: {err.message}", err=True)


@app.command("path")
def config_path_cmd() -> None:
    """Print where config.toml lives (it may not exist yet)."""
    from balint_cli.folder import config_path

    typer.echo(str(config_path(home())))
