"""A key held down on the live screen, in a real pseudo-terminal: it acts once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty


def test_n_held_down_moves_on_one_phase(tmp_path: Path, home: Path) -> None:
    """Held for half a second, n skipped every phase of the session in front of the group."""
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    term = PtyScreen(balint_argv("run", str(fmt), "--speed", "1"))
    try:
        term.wait_for(r"\d\d:\d\d left of ")
        for _ in range(15):  # as the terminal repeats a key held down
            term.press("n")
            term.watch(0.03)  # read alone: keys that arrive together are a paste
        term.wait_for(r"^Group discussion")
        term.watch(0.3)
        assert term.search(r"^Group discussion"), term.text()
        term.watch(0.8)  # let go: the next press is a press of its own
        assert term.end_session() == 0
    finally:
        term.close()
    (log,) = (home / "logs").glob("*.jsonl")
    events = [json.loads(line) for line in log.read_text().splitlines()]
    moves = [e for e in events if e["event"] == "phase_end" and e["by"] == "next"]
    assert len(moves) == 1, moves
