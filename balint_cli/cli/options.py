"""What the commands share: every option and argument more than one command takes, declared
once, and what they name: the user's folder, the format, the language.

Start-up: what an option names is loaded only as a command runs (its functions import it),
so that `balint --help` loads nothing but Typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.formats.catalogue import Loaded
    from balint_cli.settings.config import Config

CONTEXT = {"help_option_names": ["-h", "--help"]}


def sub_app(help_text: str) -> typer.Typer:
    """A group of commands under one name, such as `balint log`."""
    return typer.Typer(help=help_text, context_settings=CONTEXT, no_args_is_help=True)


FormatArg = Annotated[
    str | None,
    typer.Argument(
        metavar="FORMAT",
        help="A built-in format (45min, 60min, 90min, de-45min, de-90min), one of yours, or a "
        ".toml file. "
        "Default: default_format in config.toml, else 45min.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
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


def config() -> Config:
    from balint_cli.settings.config import load_config

    return load_config(home())


def load(ref: str | None) -> Loaded:
    from balint_cli.settings.config import chosen_format

    return chosen_format(ref, home())


def speak(loaded: Loaded | None = None) -> None:
    """balint's own words around a format in its language (else config.toml's, else the
    system's), as a session of it would speak."""
    from balint_cli.i18n import use

    use(loaded.format.language if loaded else None, config().language)
