"""`balint handout`: a page of a format to hand out or put on a slide.

Start-up: each command imports what it needs as it runs (cli/main.py says why).
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import Annotated

import typer

from balint_cli.cli.options import (
    ForceOpt,
    FormatArg,
    load,
    online_option,
    output_option,
    to_screen,
)
from balint_cli.core.words import one_of
from balint_cli.fs.paths import home
from balint_cli.render.handout.common import AUDIENCES, KINDS, LEADER


def handout(
    format_ref: FormatArg = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(KINDS),
            help="What to make. Default: from the name of -o "
            f"({', '.join('.' + kind for kind in KINDS)}), else {KINDS[0]}.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option(
            f"Write it here ({one_of(['.' + kind for kind in KINDS])}), not to the screen ('-')."
        ),
    ] = None,
    audience: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="|".join(AUDIENCES),
            help="The leader's version (the default), or the members' (what each phase asks "
            "of them).",
        ),
    ] = LEADER,
    online: Annotated[
        bool | None,
        online_option(
            "Where the group meets; online, the format's online rules follow its ground "
            "rules. Default: in person."
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """A handout of a format: the leader's crib, or a page for the members.

    The name and description, the ground rules (with --online, and those for meeting
    online), the phases drawn to scale, and each phase's purpose, the words to say and the
    interventions; with --for members, what a newcomer needs to know and what the members
    and the presenter do in each phase. Markdown by default; HTML prints on A4 (the
    leader's on two pages at most, the members' on one); SVG is a picture.
    """
    from balint_cli.core.text import inert
    from balint_cli.errors import BadInput
    from balint_cli.formats.catalogue import catalogue
    from balint_cli.fs.files import write_atomic
    from balint_cli.i18n import use
    from balint_cli.render.handout import kinds as pages
    from balint_cli.settings.config import load_config

    if to_screen(output):
        output = None
    names = {entry.name for entry in catalogue(home())}
    chosen = pages.kind_for(kind, _named(output), names)
    loaded = load(format_ref)
    use(loaded.format.language, load_config(home()).language)
    shown = loaded.format
    if not online:  # a group meeting in person has no use for the rules of meeting online
        shown = shown.model_copy(update={"online_rules": []})
    page = pages.render(shown, chosen, audience)
    if output is None:
        _show(page, chosen)
        return
    if output.exists() and loaded.path.exists() and output.samefile(loaded.path):
        raise BadInput(f"{inert(str(output))} is the format itself; write the handout elsewhere.")
    write_atomic(output, page, force=force)
    typer.echo(f"Wrote {inert(str(output))}")


def _named(output: Path | None) -> Path | None:
    """output, when its name must say what it holds: not a pipe, device or folder."""
    if output is None:
        return None
    try:
        mode = output.stat().st_mode
    except OSError:  # not there yet (or not to be seen): a file to be made, named as one
        return output
    return output if stat.S_ISREG(mode) else None


def _show(page: str, kind: str) -> None:
    """The page on stdout: Markdown in its encoding, HTML and SVG in UTF-8."""
    from balint_cli.cli.output import print_page

    if kind == "md":
        sys.stdout.write(page)
        return
    print_page(page)
