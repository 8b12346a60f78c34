"""`balint demo` on screen in a real pseudo-terminal: purpose, ground rules and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.ptyscreen import PtyScreen, balint_argv


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
        assert term.end_session() == 0
    finally:
        term.close()
    assert not (home / "logs").exists()
