"""The key line at the foot of the live screen: below 80 columns every key's letter is on it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from support.formats import builtin
from support.screens import STARTED

from balint_cli.core.session import Session
from balint_cli.live.screen import Look, SessionScreen


def _bottom(width: int) -> list[str]:
    """The bottom row of a 90-minute session's screen at this width, as its words."""
    session = Session(builtin("90min").phases, target=90 * 60)
    session.begin()
    screen = SessionScreen(view=session.view(60), look=Look("90-minute group", STARTED))
    console = Console(file=io.StringIO(), force_terminal=True, width=width, height=24)
    console.print(screen)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue().splitlines()[-1].replace("·", " ").split()


@pytest.mark.parametrize("width", [40, 60, 76, 78, 79])
def test_below_80_columns_the_key_line_names_o(width: int) -> None:
    assert "o" in _bottom(width), "o (one case today) among the letters"


def test_from_80_columns_the_key_line_leaves_o_to_the_help() -> None:
    assert "o" not in _bottom(80)
    assert "rules" in _bottom(80), "the keys in words"
