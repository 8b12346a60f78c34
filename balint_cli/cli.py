"""The balint command: the app, its sub-apps, and the one place errors become exit codes.

Only typer is imported at the top so that `balint --help` stays quick; each command imports
what it needs (see balint_cli/commands/).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

# balint uses no pydantic plugins: spare every run the scan of installed packages for them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402
from typer.core import TyperArgument, TyperGroup, TyperOption  # noqa: E402

from balint_cli import __version__  # noqa: E402
from balint_cli.commands.common import CONTEXT  # noqa: E402
from balint_cli.core.digits import number, whole
from balint_cli.standins import keep_writing  # noqa: E402


def _shown_type(param: Any, ctx: Any) -> str | None:
    """What help shows beside a parameter: its metavar (X, HH:MM, N), never a Python type.

    Typer would print <bool> beside every flag and <str> beside FORMAT, which means
    nothing to a leader reading the help.
    """
    return None if isinstance(param, TyperArgument) else param.metavar


for _param in (TyperArgument, TyperOption):
    if hasattr(_param, "display_type_rich"):
        setattr(_param, "display_type_rich", _shown_type)  # noqa: B010


class _Unconverted(ValueError):
    """An option's value that is not what it should be, said as the usage sentence reads it."""

    def __init__(self, kind: str, value: object) -> None:
        super().__init__(kind)
        self.kind, self.value = kind, value

    def errors(self) -> list[dict[str, object]]:
        return [{"type": self.kind, "input": self.value}]


def _whole(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    said = whole(value) if isinstance(value, str) else None
    if said is None:
        raise _Unconverted("int_parsing", value)
    return said


def _number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    said = number(value) if isinstance(value, str) else None
    if said is None:
        raise _Unconverted("float_parsing", value)
    return said


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    said = str(value).strip().lower()
    if said in ("1", "true", "t", "yes", "y", "on"):
        return True
    if said in ("0", "false", "f", "no", "n", "off"):
        return False
    raise _Unconverted("bool_parsing", value)


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _path(value: object) -> Path:
    return value if isinstance(value, Path) else Path(str(value))


_CONVERT: dict[object, Callable[[object], object]] = {
    bool: _flag,
    str: _text,
    int: _whole,
    float: _number,
    Path: _path,
    list[Path]: _path,  # each of a repeated option
}


def _plain_params() -> None:
    """Convert options of plain types (flags, texts, numbers, paths) without pydantic.

    Typer converts every option through a pydantic adapter built as a command starts; the
    adapters' module alone is a third of a report's start-up (pydantic, then a schema per
    option), though balint's options are all plain flags, texts, whole numbers, numbers and
    paths. Those are converted here in a few lines each; anything else (a range, a choice, a
    file, a parser of its own) is built as Typer builds it. A value that is not what it
    should be is reported as Typer's own would be, in the one sentence the usage error says.
    """
    from dataclasses import dataclass

    from typer import _coercion, core
    from typer._click.exceptions import BadParameter

    start = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if start is None or base is None:  # another Typer: it converts its own way
        return

    @dataclass(frozen=True)
    class Plain(base):  # type: ignore[misc, valid-type]
        convert: Callable[[object], object] = _text

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if isinstance(value, (list, tuple)):
                    return [self.convert(item) for item in value]
                return self.convert(value)
            except _Unconverted as err:
                raise BadParameter(str(err), ctx=ctx, param=param) from err

    def built(descriptor: Any) -> Any:
        info = descriptor.parameter_info
        convert = _CONVERT.get(descriptor.annotation)
        plain = (
            convert is not None
            and descriptor.file_annotation is None
            and info.parser is None
            and getattr(info, "click_type", None) is None
            and info.min is None
            and info.max is None
            and not getattr(info, "exists", False)
            and not getattr(info, "resolve_path", False)
            and getattr(info, "file_okay", True)
            and getattr(info, "dir_okay", True)
        )
        if not plain or convert is None:
            return start(descriptor)
        return Plain(annotation=descriptor.annotation, parameter_info=info, convert=convert)

    setattr(core, "build_runtime_param", built)  # noqa: B010


_plain_params()


class _Group(TyperGroup):
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
        from balint_cli.errors import BalintError

        try:
            return super().invoke(ctx)
        except BalintError as err:
            _fail(err.message, err.details, err.exit_code)


def _fail(message: str, details: list[str], code: int, leave: bool = True) -> None:
    from balint_cli.core.text import inert

    lines = [f"Error: {inert(message, one_line=True)}"]
    lines += [f"  {inert(detail, one_line=True)}" for detail in details]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    if leave:
        raise typer.Exit(code)


_KINDS = {
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "bool_parsing": "true or false",
}


def _usage_sentence(err: Any) -> str:
    """A command line that cannot be used, said in one sentence."""
    param = getattr(err, "param", None)
    cause = err.__cause__
    if param is not None and cause is not None and hasattr(cause, "errors"):
        problem = cause.errors()[0]
        name = (getattr(param, "opts", None) or [getattr(param, "metavar", None) or "a value"])[0]
        kind = _KINDS.get(problem.get("type", ""), "")
        if kind:
            return f"{name} must be {kind}, not '{problem.get('input')}'."
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
    from balint_cli.commands import session

    app = typer.Typer(
        name="balint",
        help="A calm timer for the leaders of Balint groups.",
        cls=_Group,
        context_settings=CONTEXT,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback()(_main)
    if only is not None:
        app.command()(getattr(session, only))
        return app
    from balint_cli.commands import (
        config,
        formats,
        groups,
        handout,
        log,
        log_reports,
        sheet,
        view,
    )

    for command in (session.run, session.demo, session.plan, handout.handout, view.view):
        app.command()(command)
    app.command()(sheet.sheet)
    app.add_typer(formats.app, name="formats")
    app.add_typer(log.app, name="log")
    app.add_typer(groups.app, name="groups")
    app.add_typer(config.app, name="config")
    # log_reports adds summary, export, portfolio and report to `balint log` as it is imported.
    assert log_reports.__name__
    return app


_whole_app: list[typer.Typer] = []


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole command line, built once when it is first asked for."""
    if name != "app":
        raise AttributeError(name)
    if not _whole_app:
        _whole_app.append(_app())
    return _whole_app[0]


def main() -> None:
    """The `balint` command."""
    if sys.stdout is None:  # started with its output closed: nothing can be said, or shown
        sys.exit(1)
    keep_writing(sys.stdout, sys.stderr)  # in cp1252 or ASCII too, never UnicodeEncodeError
    asked = sys.argv[1:2]
    try:
        _app(asked[0] if asked and asked[0] in _LIVE else None)(prog_name="balint")
    except Exception as err:  # the last line of defence: a sentence, never a traceback
        if os.environ.get("BALINT_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: balint hit an unexpected problem ({type(err).__name__}: {err}). "
            "Run again with BALINT_DEBUG=1 to see the details.\n"
        )
        sys.exit(1)
