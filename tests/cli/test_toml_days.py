"""A day no calendar has, written without quotes in a TOML file (a requirements file's
`read = 2026-13-01`), is said to be no date, not taken for a number."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, write

FILE = """\
body = "Balint Society of Somewhere"
level = "Accredited leader"
sources = ["https://example.org/leaders"]
read = {day}

[[rules]]
measure = "sessions-co-led"
threshold = 5
"""


@pytest.mark.parametrize("day", ["2026-13-01", "2026-00-10", "2026-11-31"])
def test_a_day_that_is_none_is_said_to_be_no_date(home: Path, day: str) -> None:
    write(home / "requirements" / "ours.toml", FILE.format(day=day))
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 2, result.output
    assert "line 4: " in result.output
    assert "not a date" in result.output
    assert "number" not in result.output
