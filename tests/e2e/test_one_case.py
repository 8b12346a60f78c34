"""One case today in a real terminal: `o` and y in case 1 of the 90-minute format leave case 2
out, and a session killed after it is carried on with one case."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from support.logfixtures import only_log_lines
from support.ptyscreen import PtyScreen, balint_argv

pytestmark = pytest.mark.pty


def test_o_then_y_takes_one_case_and_a_resumed_session_keeps_it(home: Path) -> None:
    first = PtyScreen(balint_argv("run", "90min"), cols=100, rows=30)
    try:
        first.wait_for(r"^ ?Opening .*phase 1 of 12$")
        first.press("n")
        first.wait_for(r"^ ?Case facts .*case 1 of 2 · phase 2 of 12$")
        first.press("o")
        first.wait_for(r"^Take only this case today and give case 2's time to it\? y/n$")
        first.press("y")
        first.wait_for(r"^Only one case today\.$")
        header = first.wait_for(r"^ ?Case facts .*phase 2 of 7$")
        assert "case 1 of" not in header[0], "one case: no case number to count"
        first.wait_for(r"^Ends \d\d:\d\d · on time$")
        first.child.kill(signal.SIGKILL)
    finally:
        first.close()
    assert only_log_lines(home)[-1]["event"] == "one_case", "on disk before the kill"

    again = PtyScreen(balint_argv("run", "--resume"), cols=100, rows=30)
    try:
        again.wait_for(r"^ ?Case facts .*phase 2 of 7$")
        again.press("n")
        again.wait_for(r"^Next: Presenter steps back")
        again.press("q")
        again.wait_for(r"End the session now\? y/n")
        again.press("y")
        assert again.wait_exit() == 0
    finally:
        again.close()
    lines = only_log_lines(home)
    begun = [line["phase"] for line in lines if line["event"] == "phase_start"]
    assert begun == ["opening", "facts-1", "questions-1"]
    assert lines[-1]["event"] == "session_end"
    assert lines[-1]["how"] == "quit"
