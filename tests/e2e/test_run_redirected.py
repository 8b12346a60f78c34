"""`balint run > file` at a terminal: the leader, who sees no screen, is told where it went."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty

TOLD = (
    "Note: The output goes to a file or a pipe: balint writes a line per event there and "
    "moves on by itself; keys do nothing, Ctrl-C stops it."
)


def test_output_to_a_file_is_said_at_the_terminal(tmp_path: Path) -> None:
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    lines = tmp_path / "today.txt"
    argv = ["sh", "-c", 'exec "$@" > "$0"', str(lines)]
    term = PtyScreen([*argv, *balint_argv("run", str(fmt), "--no-log", "--speed", "600")])
    try:
        assert term.wait_exit() == 0
        assert " ".join(term.text().split()) == TOLD
        assert re.search(r"Session completed after [\d½]+ min", lines.read_text())
    finally:
        term.close()



def test_input_from_a_file_is_said_at_the_terminal(tmp_path: Path) -> None:
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    argv = ["sh", "-c", 'exec "$@" < /dev/null', "sh"]
    term = PtyScreen([*argv, *balint_argv("run", str(fmt), "--no-log", "--speed", "600")])
    try:
        assert term.wait_exit() == 0
        said = " ".join(term.text().split())
        assert said.startswith(
            "Note: The input is a file or a pipe, not the keyboard: balint prints a line per "
            "event and moves on by itself; keys do nothing, Ctrl-C stops it."
        ), said
        assert re.search(r"Session completed after [\d½]+ min", said), said
    finally:
        term.close()
