"""The live screen takes its size from the terminal it is drawn on, whatever COLUMNS and LINES
say (a shell may have left them stale, or set them to 0)."""

from __future__ import annotations

import pytest
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.live.screen import key_lines

pytestmark = pytest.mark.pty

KEYS = key_lines()[2]  # the key line at 80 columns


@pytest.mark.parametrize("columns, lines", [("0", "0"), ("30", "8")])
def test_the_screen_fills_the_terminal_whatever_columns_and_lines_say(
    columns: str, lines: str
) -> None:
    term = PtyScreen(
        balint_argv("run", "--no-log"), cols=80, rows=24, env={"COLUMNS": columns, "LINES": lines}
    )
    try:
        term.wait_for(r"phase 1 of 7")
        assert term.bottom() == KEYS
        assert term.end_session() == 0
    finally:
        term.close()


def test_the_screen_follows_a_resize_with_columns_set() -> None:
    term = PtyScreen(balint_argv("run", "--no-log"), cols=40, rows=12, env={"COLUMNS": "40"})
    try:
        term.wait_for(r"phase 1 of 7")
        term.resize(80, 24)
        term.wait_until(lambda: term.bottom() == KEYS, "the key line at 80 columns")
        assert term.end_session() == 0
    finally:
        term.close()
