"""What the commands share: how a command and its help read, the plain conversions of
numbers and paths, and every option or argument more than one command takes, declared once
(a command's own help for it is given where it differs); and what they name: the user's
folder, the format, the language.

Start-up: what an option names is loaded only as a command runs (its functions import it),
so that `balint --help` loads nothing but Typer.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from balint_cli.core.digits import number, whole
from balint_cli.core.rules import ROLES, UNITS
from balint_cli.core.text import control_chars, inert
from balint_cli.errors import BadInput
from balint_cli.formats.builtin import BUILTIN_NAMES, DEFAULT_FORMAT
from balint_cli.fs.paths import CONFIG, home

if TYPE_CHECKING:
    from balint_cli.formats.catalogue import Loaded
    from balint_cli.settings.config import Config

CONTEXT = {"help_option_names": ["-h", "--help"]}
F = TypeVar("F", bound=Callable[..., Any])

# -- how a command reads ------------------------------------------------------------------------


def _plainly(params: Sequence[Any]) -> list[str]:
    """The parameters as a leader reads them in the help: a flag with no type beside it, an
    argument named and described in the command's words (the help's own table would show
    its Python type); the arguments' descriptions, a paragraph each."""
    described = []
    for param in params:
        if param.param_type_name == "argument":
            param.hidden = True
            if param.help:
                described.append(f"{param.metavar or param.name.upper()}: {param.help}")
        elif getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return described


def _flowing(text: str | None) -> str | None:
    """Help text whose paragraphs flow to the terminal's width: a docstring's own line breaks,
    made for the source's width, would split a sentence at 80 columns."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


class Command(TyperCommand):
    """A command whose help shows no Python types: its flags bare, its arguments in words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _flowing("\n\n".join(filter(None, [self.help, *_plainly(self.params)])))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plainly([option])
        return option


class Group(TyperGroup):
    """A group of commands whose help shows no Python types, as its commands' do not."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _flowing(self.help)
        _plainly(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plainly([option])
        return option


def sub_app(help_text: str) -> typer.Typer:
    """A group of commands under one name, such as `balint log`."""
    return typer.Typer(help=help_text, cls=Group, context_settings=CONTEXT, no_args_is_help=True)


def command(app: typer.Typer, name: str | None = None) -> Callable[[F], F]:
    """The decorator that makes a function one of app's commands, read as balint's are."""
    return app.command(name, cls=Command)


# -- plain conversions: the digits 0-9 alone (core/digits.py), and paths as given --------------


class NotA(typer.BadParameter):
    """An option's value that is not what it should be: the usage sentence names the option."""

    def __init__(self, kind: str, value: object) -> None:
        super().__init__(f"must be {kind}, not '{value}'")


def whole_number(value: object) -> int:
    """A whole number, written in 0-9."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    said = whole(value) if isinstance(value, str) else None
    if said is None:
        raise NotA("a whole number", value)
    return said


def any_number(value: object) -> float:
    """A number, written in 0-9 with a point or an exponent."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    said = number(value) if isinstance(value, str) else None
    if said is None:
        raise NotA("a number", value)
    return said


def path(value: object) -> Path:
    """A path as given: whether it is there, and what it is, is for the command to say."""
    return value if isinstance(value, Path) else Path(str(value))


def written(value: object) -> Path:
    """A path balint is to write: a name a person can type and see, never blank nor holding
    a control character (a file called ' ' or with an escape in its name is a slip)."""
    said = str(value)
    if not said.strip():
        raise NotA("a file's name", said)
    if control_chars(said, allow_newlines=False):
        raise NotA("a file's name without control characters", said)
    return path(value)


# -- options more than one command takes, each command with its own help for it -------------


def end_at_option(help_text: str) -> Any:
    """--end-at HH:MM: when a session ends."""
    return typer.Option("--end-at", metavar="HH:MM", help=help_text)


def speed_option(help_text: str) -> Any:
    """--speed X: how many times faster than real time the clock runs."""
    return typer.Option("--speed", metavar="X", parser=any_number, help=help_text)


def group_option(help_text: str) -> Any:
    """--group TEXT: the group's label."""
    return typer.Option("--group", metavar="TEXT", help=help_text)


def attendees_option(help_text: str) -> Any:
    """--attendees N: how many came (a count, never names)."""
    return typer.Option("--attendees", metavar="N", parser=whole_number, help=help_text)


def online_option(help_text: str) -> Any:
    """--online/--in-person: where the group meets or met (None: not said)."""
    return typer.Option("--online/--in-person", help=help_text, show_default=False)


def role_option(help_text: str) -> Any:
    """--role lead|co-lead: the leader's role."""
    return typer.Option("--role", metavar="|".join(ROLES), help=help_text)


SCREEN = "-"  # as the file to write: the screen, for -o and --csv alike


def to_screen(output: Path | None) -> bool:
    """Whether the file to write is the screen ('-')."""
    return output is not None and str(output) == SCREEN


# What -o names: a kind of file, and the endings its name may have.
HTML = ("an HTML page", (".html", ".htm"))
FORMAT_FILE = ("a format", (".toml",))


def check_named(output: Path | None, kind: tuple[str, Sequence[str]]) -> None:
    """BadInput when -o names a file whose ending says another kind than balint writes there
    (report.pdf holding HTML opens as nothing); a pipe or device's name says nothing."""
    if output is None or to_screen(output):
        return
    what, endings = kind
    try:
        regular = stat.S_ISREG(output.stat().st_mode)
    except OSError:  # not there yet: a file to be made, named as one
        regular = True
    if regular and output.suffix.lower() not in endings:
        raise BadInput(
            f"-o {inert(str(output), one_line=True)} is not the name of {what}, which is what "
            f"balint writes there: end it in {endings[0]}, or give -o - for the screen."
        )


def output_option(help_text: str) -> Any:
    """-o/--output PATH: the file to write."""
    return typer.Option("-o", "--output", metavar="PATH", parser=written, help=help_text)


def csv_option(help_text: str) -> Any:
    """--csv PATH: a CSV file to write ('-' for the screen)."""
    return typer.Option("--csv", metavar="PATH", parser=written, help=help_text)


# -- options and arguments more than one command takes, with the same help ---------------------

FORMAT_HELP = (
    f"A built-in format ({', '.join(BUILTIN_NAMES)}), one of yours, or a .toml file. "
    f"Default: default_format in config.toml, else {DEFAULT_FORMAT}."
)
FormatArg = Annotated[
    str | None, typer.Argument(metavar="FORMAT", help=FORMAT_HELP, show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]
EndAtOpt = Annotated[
    str | None,
    end_at_option("When it must end: the flexible phases are shortened or lengthened to fit."),
]
BellOpt = Annotated[
    bool | None,
    typer.Option(
        "--bell/--no-bell",
        help="A soft bell when a phase's time is up. Default: bell in config.toml, else on.",
        show_default=False,
    ),
]
CasesOpt = Annotated[
    int | None,
    typer.Option(
        "--cases",
        metavar="N",
        parser=whole_number,
        help="Take only the first N cases, then the closing (0: nobody brought a case).",
    ),
]
FromOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--from",
        metavar="PATH",
        parser=path,
        help="Read these folders of logs or bundles (.zip) instead of your own; repeatable.",
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", help="Only sessions on or after this date (YYYY-MM-DD)."
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Only sessions on or before this date."),
]
PracticeOpt = Annotated[
    bool,
    typer.Option(
        "--include-practice",
        help="Count practice runs (another --speed) and false starts too.",
    ),
]
UnitsOpt = Annotated[
    str | None,
    typer.Option(
        "--units",
        metavar="|".join(map(str, UNITS)),
        help="Count the work in units of 45 minutes (Stunden) or 90 (Doppelstunden) too, "
        "with those in person. Default: both where balint speaks German, else neither.",
        show_default=False,
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="A session's id (or its start), or 'last': the last session led."
    ),
]
LastPracticeOpt = Annotated[
    bool,
    typer.Option(
        "--include-practice",
        help="Let 'last' be a practice run (another --speed) or a false start too; "
        "an id finds any session without it.",
    ),
]


# -- what they name -----------------------------------------------------------------------------


def config() -> Config:
    from balint_cli.settings.config import load_config

    return load_config(home())


def load(ref: str | None) -> Loaded:
    """The format FORMAT names, else config.toml's default_format."""
    from balint_cli.settings.config import chosen_format

    return chosen_format(ref, home())


def speak(loaded: Loaded | None = None) -> None:
    """balint's own words around a format in its language (else config.toml's, else the
    system's), as a session of it would speak."""
    from balint_cli.i18n import use

    # Start-up: with no config.toml, its language is the default (none), known without
    # loading the settings' model, as a report that speaks no other way needs.
    configured = config().language if (home() / CONFIG).exists() else None
    use(loaded.format.language if loaded else None, configured)
