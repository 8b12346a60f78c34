"""Finding the session --resume carries on among what a careless hand leaves in logs/:
files balint never names, folders, pipes and links named as logs."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.helpers import balint, write
from support.logfixtures import complete, fake_log, log_lines

NOTHING = "Error: There is no unfinished session to resume.\n"


def _killed(home: Path, minutes_ago: float) -> Path:
    """A session killed in its closing, its time up by now (carried on, it ends at once)."""
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    log = fake_log(home, f"{at:%Y%m%d-%H%M}-dead", complete(at)[:6])
    stopped = (at + timedelta(seconds=330)).timestamp()
    os.utime(log, (stopped, stopped))
    return log


def _later(home: Path, minutes_ago: float, tail: str) -> Path:
    """Where a log begun minutes ago would be."""
    at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return home / "logs" / f"{at:%Y%m%d-%H%M}-{tail}.jsonl"


def test_resume_passes_over_a_folder_a_pipe_and_a_dangling_link_named_as_logs(
    home: Path,
) -> None:
    stopped = _killed(home, 30)
    _later(home, 20, "f01d").mkdir()
    os.mkfifo(_later(home, 15, "f1f0"))
    _later(home, 10, "11c0").symlink_to(home / "nowhere.jsonl")
    result = balint("run", "--resume")
    assert result.exit_code == 0, result.output
    assert log_lines(stopped)[-1]["how"] == "completed", "carried on to its end"


def test_resume_passes_over_a_file_balint_never_names(home: Path) -> None:
    fake_log(home, "20261123-1230-aaaa", complete(datetime(2026, 11, 23, 12, 30, tzinfo=UTC)))
    write(home / "logs" / "notes.jsonl", "my notes\n")
    result = balint("run", "--resume")
    assert result.exit_code == 1
    assert result.stderr == NOTHING
