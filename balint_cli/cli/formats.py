"""`balint formats`: list, show, check and create session formats.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from balint_cli.cli.options import (
    FORMAT_FILE,
    ForceOpt,
    JsonOpt,
    any_number,
    check_named,
    command,
    load,
    output_option,
    speak,
    sub_app,
    to_screen,
)
from balint_cli.cli.output import console, error, note, print_json
from balint_cli.fs.paths import home

if TYPE_CHECKING:
    from balint_cli.formats.catalogue import Loaded

app = sub_app("List, show, check and create session formats.")


@command(app, "list")
def formats_list(as_json: JsonOpt = False) -> None:
    """List the built-in formats and your own, with their length and where each comes from."""
    from balint_cli.errors import BadInput
    from balint_cli.formats.catalogue import catalogue, load_path
    from balint_cli.render.formats import catalogue_table

    rows: list[tuple[Any, Loaded | None, str]] = []
    for entry in catalogue(home(), note):
        try:
            rows.append((entry, load_path(entry.path, entry.name, entry.source), ""))
        except BadInput as err:  # one bad file must not hide the others
            rows.append((entry, None, " ".join([err.message, "; ".join(err.details)]).strip()))
    if as_json:
        print_json(
            [
                {
                    "name": entry.name,
                    "title": loaded.format.name if loaded else None,
                    "minutes": loaded.format.total_minutes if loaded else None,
                    "cases": loaded.format.cases if loaded else None,
                    "phases": len(loaded.format.phases) if loaded else None,
                    "source": entry.source,
                    "path": str(entry.path),
                    "replaced_by_yours": entry.shadowed,
                    "replaces_builtin": entry.overrides,
                    "error": problem or None,
                }
                for entry, loaded, problem in rows
            ]
        )
        return
    speak()
    console().print(catalogue_table(rows))


@command(app, "show")
def formats_show(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A format name or a .toml file.")],
    as_json: JsonOpt = False,
) -> None:
    """Show a format: its ground rules, its phases and a timeline drawn to scale."""
    loaded = load(name)
    if as_json:
        print_json(loaded.format.model_dump(mode="json"))
        return
    from balint_cli.render.formats import format_table

    speak(loaded)
    out = console()
    out.print(format_table(loaded, min(out.width, 100)))


@command(app, "validate")
def formats_validate(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FORMAT", help="Format files, or the names of formats, to check."),
    ],
) -> None:
    """Check formats: "ok" for each good one; exit status 2 if any is not."""
    from balint_cli.core.text import inert
    from balint_cli.core.words import count
    from balint_cli.errors import BadInput
    from balint_cli.formats.catalogue import resolve

    bad = 0
    for path in files:
        try:
            loaded = resolve(path, home())
        except BadInput as err:
            bad += 1
            error(err.message, err.details)
            continue
        fmt = loaded.format
        typer.echo(
            f"ok  {inert(str(path))}  "
            f"({count(len(fmt.phases), 'phase')}, {count(fmt.total_minutes, 'minute')})"
        )
    if bad:
        raise typer.Exit(2)


@command(app, "new")
def formats_new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new format's name.")],
    source: Annotated[
        str | None,
        typer.Option("--from", metavar="FORMAT", help="The format to start from."),
    ] = None,
    total: Annotated[
        float | None,
        typer.Option(
            "--minutes",
            metavar="N",
            parser=any_number,
            help="Rescale to N minutes; flexible phases take the change first.",
        ),
    ] = None,
    output: Annotated[Path | None, output_option("Where to write it ('-' for the screen).")] = None,
    force: ForceOpt = False,
) -> None:
    """Copy a format into your formats folder (or PATH) to adapt it, optionally rescaled."""
    from balint_cli.core.schedule import rescaled
    from balint_cli.core.text import inert
    from balint_cli.core.words import count
    from balint_cli.formats.catalogue import replaces_builtin
    from balint_cli.formats.writing import check_name, to_toml, write_new
    from balint_cli.fs.paths import FORMATS

    check_name(name)
    check_named(output, FORMAT_FILE)
    fmt = load(source).format
    if total is not None:
        fmt = rescaled(fmt, total, name)
    if to_screen(output):
        sys.stdout.write(to_toml(fmt))
        return
    target = output if output is not None else home() / FORMATS / f"{name}.toml"
    write_new(target, to_toml(fmt), force=force, in_home=output is None)
    use = name if output is None else inert(str(target))
    typer.echo(
        f"Wrote {inert(str(target))} "
        f"({count(fmt.total_minutes, 'minute')}, {count(len(fmt.phases), 'phase')}). "
        f"Edit it, then: balint run {use}"
    )
    if replaces_builtin(target, home()):
        builtin = target.stem
        note(
            f"your file of this name now replaces the built-in {builtin} for `balint run "
            f"{builtin}`; to undo that, remove the file or give it another name."
        )


@command(app, "schema")
def formats_schema() -> None:
    """Print the JSON Schema of a format file, for editors that check TOML."""
    from balint_cli.core.format import Format

    schema = Format.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://balint.invalid/format.schema.json",
        **schema,
    }
    print_json(schema)
