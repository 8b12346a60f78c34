"""The live screen as plain lines, for tests."""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.console import Console

from balint_cli.live.screen import SessionScreen


def frame(screen: SessionScreen, width: int, height: int) -> Iterator[str]:
    """The screen as plain lines, for tests and the benchmark."""
    console = Console(width=width, height=height, color_system=None, file=io.StringIO())
    for line in screen.lines(width, height, console):
        yield line.plain
