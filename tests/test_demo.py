"""`balint demo`: a trainer's fast run with each phase's purpose, and never a log."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHORT_FORMAT, balint, write
from ptyscreen import PtyScreen, balint_argv


def test_demo_piped_prints_each_phase_with_its_purpose_and_ends(home: Path) -> None:
    result = balint("demo", "--speed", "100000")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0][7:] == "Opening: 3 min"
    assert lines[1].startswith("       Purpose: The leader protects the frame: the rules")
    assert lines[2:4] == [
        "       Ground rules:",
        "       - What is said in the group stays in the group, unless someone's safety is at "
        "risk, and we don't name patients.",
    ]
    whys = [line for line in lines if line.startswith("       Purpose: ")]
    assert len(whys) == 7, "a purpose for every phase"
    assert lines[-1].endswith("Session completed after 45 min, on time")
    assert not (home / "logs").exists(), "a demonstration is never logged"


def test_demo_runs_a_format_of_your_own(home: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "short.toml", SHORT_FORMAT)
    result = balint("demo", str(path), "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "       Purpose: The heart of it." in result.stdout.splitlines()
    assert "       - What is said here stays here." in result.stdout.splitlines()


def test_demo_refuses_a_bad_speed() -> None:
    result = balint("demo", "--speed", "-3")
    assert result.exit_code == 2
    assert result.stderr == "Error: --speed must be from 0.1 to 100000 times real time.\n"


@pytest.mark.pty
def test_demo_on_screen_shows_purpose_and_ground_rules_and_keys_work(home: Path) -> None:
    term = PtyScreen(balint_argv("demo", "--speed", "30"), cols=100, rows=34)
    try:
        term.wait_for(r"^ ?Opening .*demo, 30× speed · phase 1 of 7$")
        term.wait_for(r"^Ground rules$")  # over the opening, whole
        term.wait_for(r"^• Nobody is being assessed here\.$")
        term.press("x")  # any key closes them
        term.wait_for(r"^Purpose: The leader protects the frame")
        term.press("n")
        term.wait_for(r"^ ?Case facts .*demo, 30× speed · phase 2 of 7$")
        term.wait_for(r"^Purpose: The leader protects the telling")
        assert term.search(r"^Ground rules$") is None, "the ground rules belong to the opening"
        term.press("q")
        term.wait_for(r"End the session now\? y/n")
        term.press("y")
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert not (home / "logs").exists()
