"""run --debrief where no debrief can follow (a practice run, a session led alone) says so
before the session, rather than leaving the leader to wait for a question that never comes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from support.clock import FakeClock

from balint_cli.live.request import Request
from balint_cli.live.start import start

WHEN = datetime(2026, 3, 3, 12, 30, tzinfo=timezone(timedelta(hours=1)))


def _run(capsys: pytest.CaptureFixture[str], **asked: Any) -> str:
    """A 45-minute session run piped on a fake clock; what it said on stderr."""
    clock = FakeClock()
    assert start(Request(format_ref="45min", **asked), WHEN, clock, clock.advance) == 0
    return " ".join(capsys.readouterr().err.split())


def test_a_practice_run_says_it_has_no_debrief(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _run(capsys, role="co-lead", debrief=True, speed=2.0)
    assert "Note: A practice run (--speed) has no debrief, --debrief or not." in said


def test_a_session_led_alone_says_a_debrief_follows_a_co_led_one(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _run(capsys, debrief=True)
    assert "Note: A debrief follows a co-led session: this one is led alone" in said


def test_a_co_led_session_says_nothing_of_it(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _run(capsys, role="co-lead", debrief=True)
    assert "no debrief" not in said
    assert "led alone" not in said


def test_without_debrief_asked_nothing_is_said(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _run(capsys, speed=2.0)
    assert "has no debrief" not in said
