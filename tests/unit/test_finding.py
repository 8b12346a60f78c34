"""Finding the newest logs in one pass over the folder, in the order a full listing gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from balint_cli.logbook import finding


def _shelf(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    for name in names:
        (folder / name).write_text("")


def _ids(seed: int) -> list[str]:
    """Log names over a few days, several sharing a minute, with a note and an odd name."""
    rng = random.Random(seed)
    names = {
        f"2026030{rng.randint(1, 3)}-12{rng.randint(0, 5):02d}-{rng.randrange(16**4):04x}.jsonl"
        for _ in range(40)
    }
    return sorted(names) + ["notes.txt", "copy of a log.jsonl"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("few", [1, 3, 10, 100])
def test_the_newest_minutes_come_in_the_order_of_the_whole_listing(
    tmp_path: Path, seed: int, few: int
) -> None:
    folder = tmp_path / "logs"
    _shelf(folder, _ids(seed))
    whole = [sorted(minute) for minute in finding._minutes(finding.log_names(folder))]
    found = [sorted(minute) for minute in finding._minutes_newest_first(folder, few)]
    assert found == whole


def test_only_names_balint_never_gives(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    _shelf(folder, ["a.jsonl", "b.jsonl"])
    assert list(finding._minutes_newest_first(folder, 5)) == [["b.jsonl"], ["a.jsonl"]]


def test_no_logs_folder(tmp_path: Path) -> None:
    assert list(finding._minutes_newest_first(tmp_path / "logs", 5)) == []
