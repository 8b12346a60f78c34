"""A hostile and careless user: output to a full device, a blank --group on a report, a log
whose co-leaders' debrief line is repeated or out of place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
