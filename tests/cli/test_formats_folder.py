"""An organiser's own formats at their edges, as the commands that take a format see them."""

from __future__ import annotations

from pathlib import Path

from support.helpers import balint


def test_a_folder_in_the_formats_folder_is_said_to_be_a_folder(home: Path) -> None:
    folder = home / "formats" / "ours.toml"
    folder.mkdir(parents=True)
    result = balint("plan", "ours")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {folder} is a folder, not a format file.\n"


def test_a_folder_named_as_a_built_in_does_not_pass_for_it(home: Path) -> None:
    (home / "formats" / "45min.toml").mkdir(parents=True)
    result = balint("formats", "validate", "45min")
    assert result.exit_code == 2, "formats list says this 45min is not valid"
    assert "is a folder, not a format file." in result.stderr
