"""Which kind of handout to make (Markdown, a printable HTML page, an SVG picture), and making
it for the leader or the members (no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Container
from pathlib import Path

from balint_cli.core.format import Format
from balint_cli.core.text import inert
from balint_cli.core.words import one_of
from balint_cli.errors import BadInput
from balint_cli.render.handout import html, markdown, svg
from balint_cli.render.handout.common import AUDIENCES, KINDS, LEADER

_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".svg": "svg"}


def kind_for(kind: str | None, named: Path | None, formats: Container[str] = ()) -> str:
    """What to make: as asked, else as the file's name says (.md, .html, .svg), else md.

    named is the file to write, None for the screen, a pipe or a device, whose names say
    nothing. A name that says no kind balint makes (x.pdf, x) is refused, and so is a kind
    asked for into a file named for another: an .svg file holding HTML would open as nothing
    at all. formats are the formats' names, which --format is sometimes given by mistake.
    """
    if kind is not None:
        check_kind(kind, formats)
    if named is None:
        return kind or "md"
    said = _SUFFIXES.get(named.suffix.lower())
    if said is None:
        raise BadInput(
            f"-o {inert(str(named), one_line=True)} names no kind of handout balint makes: "
            f"end it in {_kinds('.')}, or give -o - for the screen."
        )
    if kind is not None and kind != said:
        raise BadInput(
            f"--format {kind} does not match {inert(named.name, one_line=True)}, whose name "
            f"says {said}; name the file .{kind}, or leave --format out."
        )
    return said


def check_kind(kind: str, formats: Container[str] = ()) -> None:
    """BadInput unless kind is one balint makes; a format's name is pointed to its place."""
    if kind in KINDS:
        return
    shown = inert(kind, one_line=True)
    hint = ""
    if kind in formats:  # FORMAT is the argument, and a newcomer may look for it as an option
        hint = f"; {shown} is a format: give it without --format, as in balint handout {shown}"
    raise BadInput(f"--format must be {_kinds()}, not '{shown}'{hint}.")


def _kinds(dot: str = "") -> str:
    """The kinds as a sentence names them: md, html or svg."""
    return one_of([dot + kind for kind in KINDS])


def render(fmt: Format, kind: str, audience: str = LEADER) -> str:
    """The handout of fmt as kind (md, html or svg), for the leader or the members."""
    makers: dict[str, Callable[[Format, str], str]] = {
        "md": markdown.page,
        "html": html.page,
        "svg": svg.page,
    }
    check_kind(kind)
    if audience not in AUDIENCES:
        raise BadInput(f"--for must be leader or members, not '{inert(audience, one_line=True)}'.")
    return makers[kind](fmt, audience)
