"""A folder or bundle given twice with --from, by the same path or another way to it, is one
source: the reports say so, as they count its sessions once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import weekly


@pytest.fixture
def shelf(home: Path, tmp_path: Path) -> Path:
    """Another leader's folder of six logs, beside the user's empty home."""
    theirs = tmp_path / "theirs"
    weekly(theirs)
    return theirs / "logs"


def test_one_folder_given_twice_is_one_source(shelf: Path) -> None:
    result = balint("log", "summary", "--from", str(shelf), "--from", f"{shelf}/./")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("The records of 1 source given with --from\n")


def test_the_portfolio_counts_one_bundle_given_twice_once(shelf: Path, tmp_path: Path) -> None:
    bundle = Path(shutil.make_archive(str(tmp_path / "theirs"), "zip", shelf.parent))
    result = balint("log", "portfolio", "--json", "--from", str(bundle), "--from", str(bundle))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pooled_sources"] == 1
    assert data["years"][0]["sessions"] == 6
