"""The balint command: the app, its sub-apps, and the one place errors become exit statuses.

Start-up: the command modules are loaded here, in one place, as the app is built: the live
commands (run, demo) alone when one of them is asked for, every command otherwise. Each
command imports what it needs as it runs, inside its function, so that `balint --help`,
which loads every command module, loads nothing but Typer, and a command nothing it does
not use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

# balint uses no pydantic plugins: spare every run the scan of installed packages for them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402

from balint_cli import __version__  # noqa: E402
from balint_cli.cli import output  # noqa: E402
from balint_cli.cli.encoding import keep_writing  # noqa: E402
from balint_cli.cli.options import CONTEXT, Command, Group, NotA  # noqa: E402
from balint_cli.errors import BalintError  # noqa: E402


class _App(Group):
    """The one place where errors become a message and an exit status: balint's own, and
    options given wrongly (one plain sentence, as balint's own, not a box in a parser's words).
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        standalone = standalone_mode
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
            if standalone:  # what is still held back is written here, where a failure is said
                sys.stdout.flush()
        except output.Lost as err:
            if not standalone:
                raise
            _fail(output.lost(err), [], 1, leave=False)
            code = 1
        except Exception as err:
            if not (standalone and hasattr(err, "exit_code") and hasattr(err, "format_message")):
                raise
            if type(err).__name__ != "NoArgsIsHelpError":  # the help is shown already
                _fail(_usage_sentence(err), [], err.exit_code, leave=False)
            code = err.exit_code
        if not standalone:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BalintError as err:
            _fail(err.message, err.details, err.exit_code)


def _fail(message: str, details: list[str], code: int, leave: bool = True) -> None:
    output.error(message, details)
    if leave:
        raise typer.Exit(code)


def _usage_sentence(err: Any) -> str:
    """A command line that cannot be used, said in one sentence."""
    param = getattr(err, "param", None)
    if isinstance(err, NotA) and param is not None:  # a number, say, that is not one
        name = (param.opts or [param.metavar])[0]
        return f"{name} {err.message}."
    message = err.format_message().strip()
    if not message.endswith((".", "?")):
        message += "."
    ctx = getattr(err, "ctx", None)
    where = f" `{ctx.command_path} -h` shows how to use it." if ctx is not None else ""
    return f"{message}{where}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"balint {__version__}")
        raise typer.Exit()


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


# The commands that start a live screen, built alone when one of them is asked for: Typer
# reads the signature of every command it holds before it runs any, which would cost a
# leader some 30 ms before the first frame. Their usage, help and errors read the same.
_LIVE = ("run", "demo")


def _app(only: str | None = None) -> typer.Typer:
    """balint's command line: every command, or with `only` one of the live ones alone."""
    from balint_cli.cli import run

    app = typer.Typer(
        name="balint",
        help="A calm timer for the leaders of Balint groups.",
        cls=_App,
        context_settings=CONTEXT,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_main)
    if only is not None:
        app.command(cls=Command)(getattr(run, only))
        return app
    from balint_cli.cli import config, formats, groups, handout, log, sheet, view

    for command in (run.run, run.demo, run.plan, handout.handout, view.view, sheet.sheet):
        app.command(cls=Command)(command)
    app.add_typer(formats.app, name="formats")
    app.add_typer(log.app, name="log")
    app.add_typer(groups.app, name="groups")
    app.add_typer(config.app, name="config")
    return app


_whole_app: list[typer.Typer] = []


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole command line, built once when it is first asked for."""
    if name != "app":
        raise AttributeError(name)
    if not _whole_app:
        _whole_app.append(_app())
    return _whole_app[0]


def _forget_zero_sizes() -> None:
    """COLUMNS or LINES of 0 says nothing of the terminal, as Python's shutil reads it: Rich
    would print to a width of 0, which is nothing at all (no table, no help)."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name, "")
        if value.isdigit() and int(value) == 0:
            del os.environ[name]


def main() -> None:
    """The `balint` command."""
    if sys.stdout is None:  # started with its output closed: nothing can be said, or shown
        sys.exit(1)
    _forget_zero_sizes()
    keep_writing(sys.stdout, sys.stderr)  # in cp1252 or ASCII too, never UnicodeEncodeError
    output.keep_output()  # a full disk under `> file` is said in a sentence, not met as OSError
    asked = sys.argv[1:2]
    try:
        _app(asked[0] if asked and asked[0] in _LIVE else None)(prog_name="balint")
    except Exception as err:  # the last line of defence: a sentence, never a traceback
        if os.environ.get("BALINT_DEBUG"):
            raise
        output.error(
            f"balint hit an unexpected problem ({type(err).__name__}: {err}). "
            "Run again with BALINT_DEBUG=1 to see the details."
        )
        sys.exit(1)
