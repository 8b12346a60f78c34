"""What the docs say a newcomer will see, said by balint itself: the examples walked through."""

from __future__ import annotations

from pathlib import Path

from support.helpers import balint
from support.logfixtures import session


def test_log_list_with_practice_runs_alone_says_they_are_there(home: Path) -> None:
    session(home, "45min")
    session(home, "60min")
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "No sessions yet but 2 practice runs; --include-practice lists them.\n"
    )


def test_log_list_with_no_logs_at_all_says_none_are_kept_yet() -> None:
    result = balint("log", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == "No session logs yet. They are kept when you run a session.\n"
