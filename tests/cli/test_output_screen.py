"""-o - is the screen for every command that writes a page or a format, as for the CSV exports
and the sheets: never a file named -."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import weekly

SCREEN = {
    "report": (["log", "report"], "<!DOCTYPE html>"),
    "progress": (["log", "progress", "--towards", "uk"], "<!DOCTYPE html>"),
    "format": (["formats", "new", "mine"], "version = 1"),
}


@pytest.mark.parametrize("what", list(SCREEN))
def test_o_dash_writes_to_the_screen_not_a_file_named_dash(
    home: Path, here: Path, what: str
) -> None:
    weekly(home)
    args, begins = SCREEN[what]
    result = balint(*args, "-o", "-")
    assert result.exit_code == 0, result.output
    assert begins in result.stdout, result.stdout[:200]
    assert not (here / "-").exists(), "no file named -"


def test_a_new_format_on_the_screen_is_not_added_to_the_formats(home: Path, here: Path) -> None:
    result = balint("formats", "new", "mine", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Wrote" not in result.output
    assert not (home / "formats" / "mine.toml").exists()


def test_progress_as_json_and_a_page_on_the_screen_at_once_is_refused(
    home: Path, here: Path
) -> None:
    result = balint("log", "progress", "--towards", "uk", "--json", "-o", "-")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: --json and -o - both write to the screen; give -o a file's name.\n"
    )


@pytest.mark.parametrize("option", ["--bundle", "--sqlite"])
def test_a_bundle_or_database_for_the_screen_is_refused(
    home: Path, here: Path, option: str
) -> None:
    weekly(home)
    result = balint("log", "export", option, "-")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: {option} writes a file, not to the screen; give its name, not -.\n"
    )
    assert not (here / "-").exists(), "no file named -"
