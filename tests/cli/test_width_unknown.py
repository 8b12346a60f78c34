"""COLUMNS or LINES of 0 in the environment says nothing of the width: output is printed whole."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _with(columns: str, *args: str) -> subprocess.CompletedProcess[str]:
    """balint run as a command, with COLUMNS and LINES as a careless shell left them."""
    env = {**os.environ, "COLUMNS": columns, "LINES": columns}
    return subprocess.run(
        [sys.executable, "-m", "balint_cli", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args, shown",
    [
        (["plan", "--start", "12:30"], "12:30  12:33    3  Opening"),
        (["formats", "show", "45min"], "Group discussion"),
        (["formats", "list"], "90min"),
        (["--help"], "Usage: balint"),
    ],
)
def test_columns_of_0_print_the_output_whole(args: list[str], shown: str) -> None:
    result = _with("0", *args)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout
