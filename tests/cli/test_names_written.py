"""A file named for a kind balint does not write there is refused, as for handouts: an HTML
page saved as report.pdf opens as nothing, and a format saved as mine.txt cannot be run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import weekly

NAMED = {
    "report": (["log", "report"], "an HTML page", ".html"),
    "progress": (["log", "progress", "--towards", "uk"], "an HTML page", ".html"),
    "sheet": (["sheet", "--sign-in"], "an HTML page", ".html"),
    "format": (["formats", "new", "mine"], "a format", ".toml"),
}


@pytest.mark.parametrize("name", ["x.pdf", "x.txt", "x"])
@pytest.mark.parametrize("what", list(NAMED))
def test_a_name_of_another_kind_is_refused_and_nothing_written(
    home: Path, here: Path, what: str, name: str
) -> None:
    weekly(home)
    args, kind, suffix = NAMED[what]
    result = balint(*args, "-o", name)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: -o {name} is not the name of {kind}, which is what balint writes there: "
        f"end it in {suffix}, or give -o - for the screen.\n"
    )
    assert sorted(p.name for p in here.iterdir()) == [], "nothing written"


@pytest.mark.parametrize("what", list(NAMED))
def test_a_name_of_its_kind_is_written_whatever_its_case(home: Path, here: Path, what: str) -> None:
    weekly(home)
    args, _kind, suffix = NAMED[what]
    result = balint(*args, "-o", f"mine{suffix.upper()}")
    assert result.exit_code == 0, result.output
    assert (here / f"mine{suffix.upper()}").is_file()


def test_a_report_to_a_pipe_or_device_is_written_whatever_its_name(home: Path) -> None:
    weekly(home)
    result = balint("log", "report", "-o", os.devnull, "--force")
    assert result.exit_code == 0, result.output
