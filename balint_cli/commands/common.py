"""What the commands share: option types, the user's folder, output helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

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


def home() -> Path:
    from balint_cli.fs.paths import home as user_home

    return user_home()


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


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def width() -> int:
    """The terminal's width for plain text (COLUMNS first, 80 when piped), without Rich."""
    import shutil

    return shutil.get_terminal_size().columns


def print_json(data: object) -> None:
    sys.stdout.write(_json_text(data) + "\n")


def print_json_items(items: Iterable[object]) -> None:
    """A JSON array, printed an item at a time exactly as print_json prints the whole list:
    a listing of a hundred thousand sessions is never held in memory."""
    start = "[\n  "
    for item in items:
        text = _json_text(item).replace("\n", "\n  ")  # its strings hold no raw newline
        sys.stdout.write(start + text)
        start = ",\n  "
    sys.stdout.write("[]\n" if start == "[\n  " else "\n]\n")


def print_page(page: str) -> None:
    """An HTML or SVG page on stdout, in UTF-8 whatever its encoding, as the page says it is."""
    from balint_cli.standins import holds_everything

    binary = getattr(sys.stdout, "buffer", None)
    if binary is None or holds_everything(sys.stdout):
        sys.stdout.write(page)
        return
    sys.stdout.flush()
    binary.write(page.encode("utf-8"))


def _json_text(data: object) -> str:
    # Strict JSON: NaN and Infinity are not JSON, and a reader of it must never meet them.
    # Where the output cannot hold every letter, \u escapes keep each one exact.
    import json  # here: `balint --help` need not load it

    from balint_cli.standins import holds_everything

    plain = not holds_everything(sys.stdout)
    return json.dumps(data, indent=2, ensure_ascii=plain, allow_nan=False)


def note(message: str) -> None:
    """A note on stderr, beside the output rather than in it."""
    from balint_cli.core.text import inert

    sys.stderr.write(f"Note: {inert(message, one_line=True)}\n")
