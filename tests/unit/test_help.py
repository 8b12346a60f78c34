"""Every command's help flows to the terminal's width: no paragraph of it holds a line break
where the source's docstring happened to break its line."""

from __future__ import annotations

from typing import Any

import typer

from balint_cli.cli.main import app


def _commands() -> list[tuple[str, Any]]:
    """Every command and group of balint, by the words that call it."""
    found: list[tuple[str, Any]] = []

    def walk(name: str, cmd: Any) -> None:
        found.append((name, cmd))
        for sub, child in getattr(cmd, "commands", {}).items():
            walk(f"{name} {sub}", child)

    walk("balint", typer.main.get_command(app))
    return found


def test_no_paragraph_of_a_help_holds_a_line_break() -> None:
    for name, cmd in _commands():
        for paragraph in (cmd.help or "").split("\n\n"):
            assert "\n" not in paragraph, f"{name}: {paragraph!r}"


