"""`balint demo`: a trainer's fast run with each phase's purpose, and never a log."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir


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


NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


@pytest.mark.parametrize(("args", "online"), [(["--online"], True), ([], False)])
def test_a_demo_online_says_the_online_rules_at_the_opening(args: list[str], online: bool) -> None:
    result = balint("demo", "90min", "--speed", "100000", *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines.index("       Ground rules:")
    opening = lines[first : first + 1 + len(NINETY.ground_rules) + len(NINETY.online_rules)]
    assert f"       - {NINETY.ground_rules[-1]}" in opening
    assert (f"       - {NINETY.online_rules[0]}" in opening) is online
    assert (f"       - {NINETY.online_rules[-1]}" in result.stdout) is online
