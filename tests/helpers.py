"""Helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from balint_cli.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def balint(*args: str, input: str | None = None) -> Result:
    """Run the balint command in-process, as a user would type it."""
    return CliRunner().invoke(app, list(args), input=input)


def write(path: Path, text: str | bytes) -> Path:
    """Write a file, making its folder; text as UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


SHORT_FORMAT = """\
version = 1
name = "Short test group"
description = "Three phases for tests."
minutes = 6
ground_rules = ["What is said here stays here."]

[[phases]]
id = "facts"
title = "Case facts"
minutes = 2
case = 1
prompt = "Tell us the facts."
purpose = "The group gets the facts."

[[phases]]
id = "discussion"
title = "Group discussion"
minutes = 3
case = 1
flexible = true
prompt = "What is it like to be this doctor?"
purpose = "The heart of it."

[[phases]]
id = "closing"
title = "Closing"
minutes = 1
prompt = "Thank you all."
purpose = "Ends the session."
"""
