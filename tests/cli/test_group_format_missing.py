"""A group whose format in groups.toml cannot be loaded (gone, renamed, a file deleted) is
named with it: the sentence says which group, and which file, gave the format's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import FAST, balint, tuesday_group


@pytest.mark.parametrize(
    "args",
    [
        ("run", "--group", "Tuesday GPs", "--no-log", "--speed", str(FAST)),
        ("sheet", "--sign-in", "--group", "tuesday gps", "-o", "sheet.html"),
    ],
)
def test_a_group_s_missing_format_is_said_to_be_the_group_s(
    home: Path, args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tuesday_group(home, fmt="gone")
    result = balint(*args)
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert said.startswith(
        f"Error: The format of the group 'Tuesday GPs' in {home / 'groups.toml'}: "
        "there is no format named 'gone'"
    ), said
    assert not (tmp_path / "sheet.html").exists()


def test_a_format_given_wins_over_the_group_s_missing_one(home: Path) -> None:
    tuesday_group(home, fmt="gone")
    result = balint("run", "45min", "--group", "Tuesday GPs", "--no-log", "--speed", str(FAST))
    assert result.exit_code == 0, result.output


def test_a_missing_format_given_is_said_as_before(home: Path) -> None:
    tuesday_group(home)
    result = balint("run", "gone", "--group", "Tuesday GPs", "--no-log", "--speed", str(FAST))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: There is no format named 'gone'"), result.output
