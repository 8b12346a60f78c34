"""A hostile and careless user: output to a full device, a blank --group on a report, a log
whose co-leaders' debrief line is repeated or out of place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import balint

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
