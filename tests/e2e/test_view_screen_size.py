"""The group's view in a terminal takes its size from the terminal it is drawn on, whatever
COLUMNS and LINES say (a shell may have left them stale, or set them to 0)."""

from __future__ import annotations

import pytest
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty

HINT = "q leaves the view"


def _drawn_at(view: PtyScreen, width: int) -> bool:
    """Whether the view is drawn at width: the hint on the last row, the sentence on one line
    (it wraps in fewer than 52 columns) and centred in width."""
    said = "The view follows the session as soon as one starts."
    return view.bottom() == HINT and view.row(said).startswith(" " * ((width - len(said)) // 2))


@pytest.mark.parametrize("columns, lines", [("0", "0"), ("30", "8")])
def test_the_view_fills_the_terminal_whatever_columns_and_lines_say(
    columns: str, lines: str
) -> None:
    view = PtyScreen(balint_argv("view"), 60, 20, env={"COLUMNS": columns, "LINES": lines})
    try:
        view.wait_for("No session is running")
        view.wait_until(lambda: _drawn_at(view, 60), "the view drawn 60 columns wide")
        view.press("q")
        assert view.wait_exit() == 0
    finally:
        view.close()


def test_the_view_follows_a_resize_with_columns_set() -> None:
    view = PtyScreen(balint_argv("view"), 40, 12, env={"COLUMNS": "40", "LINES": "12"})
    try:
        view.wait_for("No session is running")
        view.resize(80, 24)
        view.wait_until(lambda: _drawn_at(view, 80), "the view drawn 80 columns wide")
        view.press("q")
        assert view.wait_exit() == 0
    finally:
        view.close()
