"""The period `balint log progress` checks: without --until it ends today, as its heading
says, so a session dated later (a computer's clock set wrong when it ran) is outside it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from support.helpers import REQUIREMENTS_HEAD, balint, write
from support.leading import lead

REQUIREMENTS = REQUIREMENTS_HEAD + '\n[[rules]]\nmeasure = "sessions-led"\nthreshold = 3\n'


def _check(home: Path, *args: str) -> dict[str, Any]:
    write(home / "requirements" / "ours.toml", REQUIREMENTS)
    result = balint("log", "progress", "--towards", "ours", "--json", *args)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def _two_now_and_one_ahead(home: Path) -> None:
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    lead(home, today - timedelta(days=30))
    lead(home, today - timedelta(days=60))
    lead(home, datetime(2300, 1, 1, 9, 0, tzinfo=UTC))  # run with the clock set to 2300


def test_a_session_dated_after_today_is_not_counted_without_until(home: Path) -> None:
    _two_now_and_one_ahead(home)
    found = _check(home)
    assert found["sessions"] == 2, found
    assert found["rules"][0]["figure"] == 2, found["rules"][0]
    assert found["rules"][0]["met"] is False, found["rules"][0]


def test_without_until_the_check_counts_as_until_today_does(home: Path) -> None:
    _two_now_and_one_ahead(home)
    alone = _check(home)
    today = _check(home, "--until", date.today().isoformat())
    assert alone["rules"] == today["rules"]
    assert alone["months"] == today["months"]
