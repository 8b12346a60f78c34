"""A TOML mistake after a number is shown as the user wrote it: "1 2" is not quoted as "12"."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("debrief_minutes = 1 2", "1 2 is not a number TOML can read"),
        ("debrief_minutes = 10 12 # after lunch", "10 12 is not a number TOML can read"),
    ],
)
def test_config_quotes_what_follows_a_number_as_written(home: Path, line: str, shown: str) -> None:
    write(home / "config.toml", line + "\n")
    result = balint("config", "show")
    assert result.exit_code == 2, result.output
    assert f"config.toml: line 1: {shown}; write it as 5 or 7.5" in result.stderr


def test_a_format_quotes_what_follows_a_number_as_written(tmp_path: Path) -> None:
    broken = SHORT_FORMAT.replace("minutes = 2\n", "minutes = 2 3\n")
    path = write(tmp_path / "broken.toml", broken)
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2, result.output
    assert "line 10: 2 3 is not a number TOML can read" in result.stderr
