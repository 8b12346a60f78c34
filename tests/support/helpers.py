"""Helpers shared by the tests."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from balint_cli.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


def balint(*args: str, input: str | None = None) -> Result:
    """Run the balint command in-process, as a user would type it."""
    return CliRunner().invoke(app, list(args), input=input)


def requirements_head(
    body: str = "Balint Society of Somewhere", level: str = "Accredited leader"
) -> str:
    """The head of a requirements file of one's own, before its [[rules]] tables."""
    return (
        f'body = "{body}"\nlevel = "{level}"\nsources = ["https://example.org/leaders"]\n'
        "read = 2026-11-30\n"
    )


REQUIREMENTS_HEAD = requirements_head()


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


def no_crash(result: Any) -> None:
    """Whatever happened was said in a sentence, not as a crash."""
    assert "unexpected problem" not in result.output, result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def fifo(path: Path) -> Path:
    """A named pipe at path, its folder made: nobody writes to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


TUESDAY = datetime(2026, 11, 24, 12, 30, tzinfo=timezone(timedelta(hours=1)))  # 12:30-13:15
FAST = 100000.0  # the session itself runs in a moment


def tuesday_group(home: Path, end_at: str = "13:15", fmt: str = "45min") -> None:
    """groups.toml with one group, Tuesday GPs, its format and end time."""
    write(home / "groups.toml", f'["Tuesday GPs"]\nformat = "{fmt}"\nend_at = "{end_at}"\n')


def report_page(tmp_path: Path, *args: str) -> str:
    """The organiser's report `balint log report` writes, as text."""
    target = tmp_path / "report.html"
    result = balint("log", "report", "-o", str(target), "--force", *args)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def tuesday_at(hour: int, minute: int) -> datetime:
    """A time on the Tuesday of tuesday_group's sessions (UTC+1)."""
    return TUESDAY.replace(hour=hour, minute=minute)


def json_of(*args: str) -> Any:
    """The JSON a command prints, once it has ended with 0."""
    result = balint(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def handout_text(*args: str) -> str:
    """The handout `balint handout` prints with these arguments."""
    result = balint("handout", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def stdout_of(*args: str) -> str:
    """What a command prints, once it has ended with 0."""
    result = balint(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def sheet_page(tmp_path: Path, *args: str, name: str = "sheet.html") -> str:
    """The page `balint sheet` writes with these arguments, as text."""
    target = tmp_path / name
    result = balint("sheet", *args, "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def fail(message: str) -> None:
    """Stop the test, saying why: for a writer's warnings, which no test expects."""
    raise AssertionError(message)
