"""--cases on a format whose every phase belongs to a case (no opening, no closing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import FAST, balint, no_crash, write
from support.logfixtures import log_files

ONLY_CASES = """\
name = "Two cases, nothing around them"

[[phases]]
id = "first"
title = "First case"
minutes = 5
case = 1

[[phases]]
id = "second"
title = "Second case"
minutes = 5
case = 2
"""


@pytest.mark.parametrize("command", [["plan"], ["run", "--speed", str(FAST)]])
def test_no_cases_of_a_format_of_cases_only_is_refused(
    tmp_path: Path, home: Path, command: list[str]
) -> None:
    fmt = write(tmp_path / "cases.toml", ONLY_CASES)
    result = balint(*command, str(fmt), "--cases", "0")
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "Error: --cases 0 leaves no phase to run: every phase of this format belongs to a "
        "case, so take from 1 to 2.\n"
    )
    assert log_files(home) == []


def test_one_case_of_a_format_of_cases_only_runs(tmp_path: Path) -> None:
    fmt = write(tmp_path / "cases.toml", ONLY_CASES)
    result = balint("plan", str(fmt), "--cases", "1", "--start", "12:30")
    assert result.exit_code == 0, result.output
    assert "12:30 to 12:35" in result.output
