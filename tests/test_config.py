"""config.toml: where it lives, what it holds, and a clear word when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import balint, write


def test_config_path_is_inside_balint_home(home: Path) -> None:
    result = balint("config", "path")
    assert result.exit_code == 0
    assert result.stdout == f"{home / 'config.toml'}\n"


def test_config_show_gives_the_defaults_before_there_is_a_file(home: Path) -> None:
    result = balint("config", "show")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"# {home / 'config.toml'} (not created yet: these are the defaults)\n"
        'default_format = "45min"  # the default\n'
        "log = true                # the default\n"
        "bell = true               # the default\n"
        "discreet = false          # the default\n"
        "# default_group           # not set (the default)\n"
        "# language                # not set (the default)\n"
        'time = "minutes"          # the default\n'
        'debrief = "ask"           # the default\n'
        "debrief_minutes = 10      # the default\n"
    )


def test_config_show_reflects_the_file(home: Path) -> None:
    write(home / "config.toml", 'default_format = "90min"\nbell = false\n')
    result = balint("config", "show")
    assert result.stdout.splitlines()[1:] == [
        'default_format = "90min"  # from config.toml; the default is "45min"',
        "log = true                # the default",
        "bell = false              # from config.toml; the default is true",
        "discreet = false          # the default",
        "# default_group           # not set (the default)",
        "# language                # not set (the default)",
        'time = "minutes"          # the default',
        'debrief = "ask"           # the default',
        "debrief_minutes = 10      # the default",
    ]


def test_default_format_is_used_when_none_is_given(home: Path) -> None:
    write(home / "config.toml", 'default_format = "90min"\n')
    result = balint("plan", "--start", "18:00")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("90-minute group, two cases")


def test_a_bad_config_file_is_reported_like_a_bad_format(home: Path) -> None:
    path = write(home / "config.toml", 'default_format = "90min"\nbel = false\n')
    result = balint("plan")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: {path}: bel is not a field balint knows (did you mean bell?).\n"
    )
    write(home / "config.toml", "log = 'yes'\n")
    result = balint("config", "show")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: log must be true or false.\n"
    write(home / "config.toml", "log = [\n")
    assert (
        "line 1: the file ends before the list that opens here is closed; end it with ]."
        in balint("config", "show").stderr
    )


@pytest.mark.parametrize("command", [["plan"], ["run"], ["demo"], ["handout"]])
def test_a_default_format_that_does_not_exist_is_traced_to_config(
    home: Path, command: list[str]
) -> None:
    write(home / "config.toml", 'default_format = "weekly"\n')
    result = balint(*command)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: default_format in {home / 'config.toml'}: There is no format named 'weekly'; "
        "the formats are 45min, 60min, 90min, de-45min, de-90min, or give the path of a .toml "
        "file.\n"
    )
    shown = balint("config", "show")
    assert shown.exit_code == 0 and 'default_format = "weekly"' in shown.stdout
    assert shown.stderr.startswith("Note: default_format in ")
    fast = ["--speed", "100000"] if command[0] in ("run", "demo") else []
    named = balint(*command, "60min", *fast)
    assert named.exit_code == 0, "a format named on the command line needs no default"
