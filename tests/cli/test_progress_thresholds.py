"""A threshold is given as finely as its figure is shown and compared: a whole per cent for a
share, a tenth for hours and units. One finer (50.5% in person) would read as met on the
screen, 50% needed and 50% shown, and not be; it is refused in one sentence naming the rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.helpers import REQUIREMENTS_HEAD, balint, write
from support.logfixtures import complete, fake_log

HEAD = REQUIREMENTS_HEAD + "\n[[rules]]\n"


def _one_in_person_one_online(home: Path) -> None:
    """Two sessions of 6 minutes in January 2026: 50% in person, 0.2 hours."""
    for day, setting in ((5, "in-person"), (12, "online")):
        at = datetime(2026, 1, day, 12, 0, tzinfo=UTC)
        fake_log(home, f"202601{day:02d}-1200-{setting[:4]}", complete(at, setting=setting))


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ('measure = "share-in-person"\nthreshold = 50.5',
         'rule 1 "share-in-person": threshold must be a whole per cent for share-in-person.'),
        ('measure = "hours"\nthreshold = 0.25',
         'rule 1 "hours": threshold must be given to at most 1 decimal for hours.'),
        ('measure = "units-45"\nthreshold = 30.04',
         'rule 1 "units-45": threshold must be given to at most 1 decimal for units-45.'),
    ],
    ids=["half a per cent", "a quarter hour", "a hundredth of a unit"],
)  # fmt: skip
def test_a_threshold_finer_than_its_figure_is_refused(home: Path, rule: str, said: str) -> None:
    _one_in_person_one_online(home)
    write(home / "requirements" / "ours.toml", HEAD + rule + "\n")
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 2, result.output
    assert said in result.output


def test_what_is_left_in_json_is_the_figure_shown(home: Path) -> None:
    _one_in_person_one_online(home)
    write(home / "requirements" / "ours.toml", HEAD + 'measure = "hours"\nthreshold = 1.6\n')
    result = balint("log", "progress", "--towards", "ours", "--json")
    assert result.exit_code == 0, result.output
    (rule,) = json.loads(result.stdout)["rules"]
    assert rule["figure"] == 0.2
    assert rule["left"] == 1.4
