"""A hostile and careless user: output to a full device, a blank --group on a report, a log
whose co-leaders' debrief line is repeated or out of place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import balint
from logfixtures import complete, fake_log

FULL = "Error: The output cannot be written: No space left on device.\n"


def _to_full_device(*args: str) -> subprocess.CompletedProcess[str]:
    """balint run as a user would, its output sent to /dev/full."""
    with open(os.devnull) as nothing, open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "balint_cli", *args],
            stdin=nothing,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("log", "summary"),
        ("formats", "list"),
        ("handout", "90min"),
        ("plan", "45min", "--json"),
        ("--version",),
    ],
    ids=" ".join,
)
def test_output_to_a_full_device_is_one_sentence(args: tuple[str, ...]) -> None:
    result = _to_full_device(*args)
    assert result.returncode == 1, result.stderr
    assert result.stderr == FULL


@needs_dev_full
def test_an_error_said_to_a_full_device_keeps_its_exit_status() -> None:
    with open(os.devnull) as nothing, open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "balint_cli", "plan", "no-such-format"],
            stdin=nothing,
            stdout=subprocess.DEVNULL,
            stderr=full,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2, "bad input, though nothing could be said"


BLANK = "Error: --group must be a short label of 1 to 40 characters, like 'Tuesday GPs'.\n"


@pytest.mark.parametrize("label", ["", "   "], ids=["empty", "blank"])
@pytest.mark.parametrize(
    "command",
    [
        ("log", "summary"),
        ("sheet", "--certificate", "-o", "-"),
        ("log", "progress", "--towards", "uk"),
    ],
    ids=" ".join,
)
def test_a_blank_group_on_a_report_is_refused_as_no_label(
    command: tuple[str, ...], label: str
) -> None:
    result = balint(*command, "--group", label)
    assert result.exit_code == 2, result.output
    assert result.stderr == BLANK


def test_a_group_holding_an_escape_on_a_report_is_refused() -> None:
    result = balint("log", "summary", "--group", "Tue\x1b[2J")
    assert result.exit_code == 2, result.output
    assert result.stderr == "Error: --group must not contain control characters (found U+001B).\n"


# -- the co-leaders' debrief: one line, after the end ----------------------------------------

AT = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)


def _debrief(minutes: float) -> dict[str, Any]:
    return {"event": "debrief", "t": 400.0, "at": AT.isoformat(), "minutes": minutes}


def _shown(home: Path, name: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    fake_log(home, name, lines)
    result = balint("log", "show", name, "--json")
    assert result.exit_code == 0, result.output
    shown: dict[str, Any] = json.loads(result.stdout)
    return shown


def test_a_debrief_line_repeated_is_one_debrief(home: Path) -> None:
    lines = [*complete(AT, role="co-lead"), *[_debrief(10.0)] * 3]
    shown = _shown(home, "20260303-1400-abcd", lines)
    assert shown["debriefs"] == 1
    assert shown["debrief_minutes"] == 10.0


def test_a_debrief_line_before_the_end_is_no_debrief(home: Path) -> None:
    lines = complete(AT, role="co-lead")
    lines.insert(3, _debrief(10.0))
    shown = _shown(home, "20260303-1400-abcd", lines)
    assert shown["debriefs"] == 0


def test_the_portfolio_counts_a_debrief_repeated_in_its_log_once(home: Path) -> None:
    fake_log(home, "20260303-1400-abcd", [*complete(AT, role="co-lead"), *[_debrief(9.0)] * 50])
    result = balint("log", "portfolio", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"]["debriefs"] == 1
    assert "49 damaged line(s) skipped" in result.stderr
