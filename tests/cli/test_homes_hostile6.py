"""Homes a careless or hostile user leaves: a file for a folder, leftovers of older balints
and of crashes; every report still says one sentence and agrees with a fresh index."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, no_crash, write

REPORTS = (
    ["log", "list"],
    ["log", "summary", "--json"],
    ["log", "portfolio", "--json"],
    ["log", "export", "--csv", "-"],
)


@pytest.mark.parametrize("args", REPORTS, ids=" ".join)
def test_a_home_that_is_a_file_is_a_report_of_no_sessions(home: Path, args: list[str]) -> None:
    write(home, "")  # BALINT_HOME names a file

    result = balint(*args)

    no_crash(result)
    assert result.exit_code == 0, result.output
    assert "cannot be written (Not a directory)" in result.output, result.output
