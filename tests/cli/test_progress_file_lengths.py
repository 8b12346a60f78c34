"""A requirements file's text too long for its place is said in characters, as a format's
is: a description of 601 characters must be at most 600 characters, not 600 entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import REQUIREMENTS_HEAD, balint, write

GOOD = REQUIREMENTS_HEAD + '\n[[rules]]\nmeasure = "not-recorded"\ndescription = "Two weekends."\n'


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (('"Two weekends."', f'"{"w" * 601}"'),
         'rule 1 "not-recorded": description must be at most 600 characters.'),
        (('"Balint Society of Somewhere"', f'"{"B" * 121}"'),
         "body must be at most 120 characters."),
        (('description = "Two weekends."', f'description = "Two weekends."\nnote = "{"n" * 1001}"'),
         'rule 1 "not-recorded": note must be at most 1000 characters.'),
    ],
    ids=["description", "body", "note"],
)  # fmt: skip
def test_a_text_too_long_is_said_in_characters(
    home: Path, change: tuple[str, str], said: str
) -> None:
    write(home / "requirements" / "ours.toml", GOOD.replace(*change))
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 2, result.output
    assert said in result.output
