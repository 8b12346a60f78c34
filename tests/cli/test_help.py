"""Every command's help flows to the terminal's width: a sentence is never split where the
source's docstring happened to break its line."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
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


@pytest.mark.parametrize("command", [["handout"], ["run"], ["log", "report"], ["sheet"]])
def test_a_help_at_80_columns_has_no_stray_short_line(command: list[str]) -> None:
    """Within a paragraph of a command's description every line but its last is filled."""
    shown = subprocess.run(
        [sys.executable, "-m", "balint_cli", *command, "--help"],
        capture_output=True, text=True, env={"COLUMNS": "80", "PATH": "", "LANG": "C.UTF-8"},
        check=True,
    ).stdout  # fmt: skip
    described = shown.split("╭")[0].splitlines()[4:]  # under the usage line and the summary
    for line, after in zip(described, described[1:], strict=False):
        if line.strip() and after.strip():
            assert len(line.rstrip()) > 60, f"a short line inside a paragraph: {line!r}"
