"""`balint config`: the user's settings, where they live, and changing them.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from balint_cli.cli.options import command, load, sub_app
from balint_cli.cli.output import note
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.settings.config import Setting

app = sub_app("Show and change balint's settings, and where they live.")

KeyArg = Annotated[
    str, typer.Argument(metavar="KEY", help="A setting, as `balint config show` lists them.")
]


@command(app, "show")
def config_show() -> None:
    """Show every setting: its value, and whether it comes from config.toml or is the default."""
    from balint_cli.core.text import inert
    from balint_cli.errors import BalintError
    from balint_cli.fs.paths import CONFIG
    from balint_cli.settings.config import settings

    path = home() / CONFIG
    state = "" if path.exists() else " (not created yet: these are the defaults)"
    typer.echo(f"# {inert(str(path))}{state}")
    rows = [_row(setting) for setting in settings(home())]
    wide = max(len(said) for said, _ in rows)
    for said, whence in rows:
        typer.echo(f"{said:<{wide}}  # {whence}")
    try:
        load(None)
    except BalintError as err:
        note(err.message)


def _row(setting: Setting) -> tuple[str, str]:
    """A setting as a line of config.toml (commented out when not set), and where it is from."""
    said = _toml(setting.key, setting.value) if setting.value is not None else f"# {setting.key}"
    if not setting.from_file:
        return said, "not set (the default)" if setting.value is None else "the default"
    default = "not set" if setting.default is None else _literal(setting.default)
    return said, f"from config.toml; the default is {default}"


def _toml(key: str, value: Any) -> str:
    """key = value, as TOML writes it, safe to print (a whole number of minutes: 15, not 15.0)."""
    import tomli_w

    from balint_cli.core.text import inert

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return inert(tomli_w.dumps({key: value}).strip(), one_line=True)


def _literal(value: Any) -> str:
    return _toml("x", value).partition(" = ")[2]


@command(app, "set")
def config_set(
    key: KeyArg,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The new value: true or false for a setting that is one (yes/no and on/off "
            "too), else text.",
        ),
    ],
) -> None:
    """Change a setting in config.toml, checked as balint checks the file.

    The file is made if need be, readable by you alone; your other settings stay.

    Your comments stay too, unless a value runs over several lines: then it is written anew.

    `balint config unset KEY` puts a setting back to its default.
    """
    from balint_cli.fs.paths import CONFIG
    from balint_cli.settings.config import set_setting

    said = set_setting(home(), key, value)
    typer.echo(f"Set {_toml(key, said)} in {_path(home() / CONFIG)}.")
    _still_wrong()


@command(app, "unset")
def config_unset(key: KeyArg) -> None:
    """Take a setting out of config.toml, so that it is back to its default."""
    from balint_cli.fs.paths import CONFIG
    from balint_cli.settings.config import unset_setting

    where, said = _path(home() / CONFIG), _path(key)
    if unset_setting(home(), key):
        typer.echo(f"Took {said} out of {where}: it is back to its default.")
    else:
        typer.echo(f"{said} is not in {where}: it has its default already.")
    _still_wrong()


def _path(text: object) -> str:
    """A path or a key as it can safely appear on the terminal."""
    from balint_cli.core.text import inert

    return inert(str(text), one_line=True)


def _still_wrong() -> None:
    """A note when config.toml still holds something balint cannot use, after a change."""
    from balint_cli.errors import BalintError
    from balint_cli.settings.config import load_config

    try:
        load_config(home())
    except BalintError as err:
        note(f"config.toml still needs mending: {err.message}")


@command(app, "path")
def config_path_cmd() -> None:
    """Print where config.toml lives (it may not exist yet)."""
    from balint_cli.fs.paths import CONFIG

    typer.echo(str(home() / CONFIG))
