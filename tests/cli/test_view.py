"""`balint view` through the command: a port given wrongly, and no terminal to watch in."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, write


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "8765"], "Error: --port is for the web view: add --web.\n"),
        (["--web", "--port", "70000"], "Error: --port must be from 0 to 65535, not 70000.\n"),
    ],
)
def test_a_port_given_wrongly_is_exit_2(args: list[str], said: str) -> None:
    result = balint("view", *args)
    assert (result.exit_code, result.stderr) == (2, said)


def test_view_without_a_terminal_says_where_to_look() -> None:
    result = balint("view")
    assert result.exit_code == 1
    assert "balint view --web" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("value", ["loud", "Minutes", "", "x" * 300])
def test_a_bad_time_is_one_sentence_and_exit_2(value: str) -> None:
    result = balint("view", "--time", value)
    assert result.exit_code == 2, result.output
    shown = value[:40]
    assert result.stderr == f"Error: --time must be minutes, none or clock, not '{shown}'.\n"


def test_the_time_is_a_setting(home: Path) -> None:
    result = balint("config", "set", "time", "none")
    assert result.exit_code == 0, result.output
    shown = balint("config", "show").stdout.splitlines()
    assert 'time = "none"             # from config.toml; the default is "minutes"' in shown


def test_a_bad_time_setting_is_refused_and_nothing_written(home: Path) -> None:
    result = balint("config", "set", "time", "seconds")
    assert result.exit_code == 2, result.output
    assert result.stderr == 'Error: time must be "minutes", "none" or "clock".\n'
    assert not (home / "config.toml").exists()


def test_a_bad_time_in_config_toml_is_one_sentence(home: Path) -> None:
    write(home / "config.toml", 'time = "loud"\n')
    result = balint("view", "--web", "--port", "70000")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'Error: {home / "config.toml"}: time must be "minutes", "none" or "clock".\n'
    )
