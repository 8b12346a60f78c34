"""A keyboard's own digits after `a`, in a real pseudo-terminal, as a leader types them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, write
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty


@pytest.fixture
def session(tmp_path: Path) -> Iterator[PtyScreen]:
    """`balint run` on the short format at real speed, on the live screen; stopped after."""
    fmt = write(tmp_path / "short.toml", SHORT_FORMAT)
    term = PtyScreen(balint_argv("run", str(fmt), "--speed", "1"))
    yield term
    term.close()


def test_superscript_circled_and_arabic_digits_are_not_a_count(
    session: PtyScreen, home: Path
) -> None:
    """² is AltGr+2 on a German keyboard: typed after `a`, it ended the session in a crash."""
    term = session
    term.wait_for(r"\d\d:\d\d left of ")
    term.press("a")
    term.wait_for(r"^How many came\? _$")
    for key in ("²", "①", "٣", "\r"):  # Enter with nothing typed waits for a count
        term.press(key)
        term.watch(0.3)  # read alone: keys that arrive together are a paste, and ignored
    assert term.search(r"^How many came\? _$"), term.text()
    term.press("7")
    term.wait_for(r"^How many came\? 7$")
    term.press("\r")
    term.wait_until(lambda: term.bottom() == "7 here.", "the count said back")
    assert term.end_session() == 0
    assert "unexpected problem" not in term.text()
    (log,) = (home / "logs").glob("*.jsonl")
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["attendees"] for e in events if e["event"] == "attendance"] == [7]
