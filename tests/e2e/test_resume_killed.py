"""A session killed with SIGKILL in a real terminal loses nothing and carries on with --resume."""

from __future__ import annotations

import json
import re
import signal
import time
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write
from support.ptyscreen import PtyScreen, balint_argv

from balint_cli.core.words import length_text

pytestmark = pytest.mark.pty


def _events(home: Path) -> list[dict[str, object]]:
    (log,) = (home / "logs").glob("*.jsonl")
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_kill_9_then_resume_in_the_same_phase_with_its_time(home: Path) -> None:
    write(home / "formats" / "short.toml", SHORT_FORMAT)
    first = PtyScreen(balint_argv("run", "short", "--speed", "30", "--attendees", "7"))
    try:
        first.wait_for(r"Case facts")
        first.press("n")
        first.wait_for(r"^Group discussion ")
        first.press("+")
        first.wait_for(r"One more minute for Group discussion\.")
        before_kill = _events(home)
        first.child.kill(signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        first.close()

    after_kill = _events(home)
    assert after_kill == before_kill, "every event was on disk before the kill"
    kinds = [e["event"] for e in after_kill]
    assert kinds == ["session_start", "phase_start", "phase_end", "phase_start", "extend"]
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert [(s["status"], s["attendees"]) for s in listed] == [("interrupted", 7)]

    extended = after_kill[-1]
    assert isinstance(extended["allotted"], float | int) and isinstance(extended["t"], float)
    again = PtyScreen(balint_argv("run", "--resume"))
    try:
        again.wait_for(r"^Group discussion .*phase 2 of 3")
        minutes = length_text(float(extended["allotted"]))
        line = again.wait_for(rf"(\d\d):(\d\d) left of {minutes}")
        assert again.search("What is it like to be this doctor?"), "the prompt is back"
        shown = int(line[1]) * 60 + int(line[2])
        down = (time.monotonic() - killed_at) * 30  # session seconds while balint was down
        expected = extended["allotted"] - (extended["t"] - after_kill[3]["t"]) - down  # type: ignore[operator]
        assert shown == pytest.approx(expected, abs=45), "the group went on while it was down"
        again.press("n")
        again.wait_for(r"^Closing ")
        again.press("n")
        again.wait_for(r"End the session now\? y/n")
        again.press("y")
        assert again.wait_exit() == 0
        assert re.search(r"Session completed at \d\d:\d\d after", again.raw.decode())
    finally:
        again.close()

    events = _events(home)
    assert events[: len(after_kill)] == after_kill, "the same log, carried on"
    kinds = [e["event"] for e in events[len(after_kill) :]]
    assert kinds[0] == "session_resume" and kinds[-1] == "session_end"
    assert events[-1]["how"] == "completed"
    listed = json.loads(balint("log", "list", "--json", "--include-practice").stdout)
    assert listed[0]["status"] == "completed"
