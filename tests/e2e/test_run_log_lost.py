"""The last line after a session whose log could not be written, in a real terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty


def test_the_last_line_never_says_an_ended_session_goes_on(tmp_path: Path, home: Path) -> None:
    """It said 'the session goes on' under 'Session ended early'."""
    write(home / "logs", "not a folder\n")  # the log cannot be written
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    term = PtyScreen(balint_argv("run", str(fmt), "--speed", "1"), cols=200)
    try:
        term.wait_for(r"^! The session log cannot be written")
        assert term.end_session() == 0
    finally:
        term.close()
    out = term.raw.decode("utf-8", errors="replace")
    assert "Session ended early at" in out, out
    assert "The session log could not be written to its end." in out, out
    assert "the session goes on" not in out.split("Session ended early at")[-1], out
