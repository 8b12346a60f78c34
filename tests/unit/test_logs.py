"""The log writer: every event on disk before going on, a move in one piece, an event JSON
cannot hold written as it can, and a running session's log marked as alive."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.logfixtures import log_lines

from balint_cli.core.events import Event
from balint_cli.logbook import writing

AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


def _writer(folder: Path, warnings: list[str]) -> writing.LogWriter:
    return writing.LogWriter.create(
        folder,
        AT,
        lambda log_id: Event("session_start", 0.0, {"id": log_id, "at": AT.isoformat()}),
        warnings.append,
    )


@pytest.mark.usefixtures("no_hang")
def test_an_event_that_json_cannot_hold_is_logged_in_a_form_it_can(tmp_path: Path) -> None:
    warnings: list[str] = []
    writer = _writer(tmp_path / "logs", warnings)
    writer.record(Event("extend", 5.0, {"allotted": float("inf"), "name": "caf\udce9 \ud800"}))
    writer.record(Event("pause", 6.0, {"phase": "facts"}))
    writer.close()
    assert warnings == []
    assert not writer.failed
    last_two = log_lines(writer.path)[-2:]
    assert last_two[0]["allotted"] is None
    assert last_two[0]["name"] == "caf\ufffd \ufffd"
    assert last_two[1]["event"] == "pause", "the log goes on after it"


@pytest.mark.usefixtures("no_hang")
def test_a_move_is_written_in_one_piece(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real_write = os.write

    def counting(fd: int, data: bytes) -> int:
        writes.append(bytes(data))
        return real_write(fd, data)

    writer = _writer(home / "logs", [])
    monkeypatch.setattr("balint_cli.logbook.writing.os.write", counting)
    end = Event("phase_end", 5.0, {"index": 0, "by": "next"})
    start = Event("phase_start", 5.0, {"index": 1, "by": "next"})
    writer.record_all([end, start])
    writer.close()
    assert len(writes) == 1
    assert writes[0].count(b"\n") == 2


@pytest.mark.usefixtures("no_hang")
def test_a_running_session_marks_its_log_as_alive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = _writer(tmp_path / "logs", [])
    os.utime(writer.path, (1_000_000_000, 1_000_000_000))
    writer.pulse()
    assert writer.path.stat().st_mtime == 1_000_000_000, "not more than every half minute"
    monkeypatch.setattr(writing, "PULSE_SECONDS", 0.0)
    writer.pulse()
    writer.close()
    assert writer.path.stat().st_mtime > 1_000_000_000


def test_the_writer_puts_each_event_on_disk_before_going_on(tmp_path: Path) -> None:
    at = datetime(2026, 11, 23, 12, tzinfo=UTC)
    writer = writing.LogWriter.create(
        tmp_path / "logs",
        at,
        lambda log_id: Event("session_start", 0.0, {"id": log_id, "at": at.isoformat()}),
        warn=lambda message: pytest.fail(message),
    )
    path = writer.path
    assert len(path.read_text().splitlines()) == 1
    for t in range(3):
        writer.record(Event("pause", float(t), {"phase": "facts", "at": "2026-11-23T12:00:00"}))
        assert len(path.read_text().splitlines()) == t + 2, "there already, before close"
    writer.close()
