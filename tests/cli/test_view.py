"""`balint view` through the command: a port given wrongly, and no terminal to watch in."""

from __future__ import annotations

import pytest
from support.helpers import balint


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
