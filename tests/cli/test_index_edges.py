"""The reports' index against a careless or hostile hand: whatever is done to the logs
between two reports, the second says what a fresh index would."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.helpers import balint, json_of
from support.logfixtures import complete, fake_log, index_db

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)



def _time_set_back(path: Path, before: os.stat_result) -> None:
    """The file's modification time put back as it was before it was rewritten."""
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def _bundle(path: Path, attendees: int) -> Path:
    """A bundle of one log, stored uncompressed: its size does not change with a digit."""
    body = "".join(json.dumps(line) + "\n" for line in complete(AT, attendees=attendees))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(zipfile.ZipInfo("20260303-1230-aaaa.jsonl", (2026, 3, 3, 13, 0, 0)), body)
    return path


def _far_ahead(path: Path) -> None:
    """The file's modification time set to the year 2300, past what 64 bits of ns hold."""
    when = int(datetime(2300, 1, 1, tzinfo=UTC).timestamp()) * 10**9
    os.utime(path, ns=(when, when))
    if path.stat().st_mtime_ns != when:
        pytest.skip("this file system cannot keep a time so far ahead")


def test_a_log_whose_time_is_set_centuries_ahead_is_still_counted(home: Path) -> None:
    log = fake_log(home, "20260303-1230-aaaa", complete(AT, attendees=4))
    _far_ahead(log)
    assert json_of("log", "summary", "--json")["sessions"] == 1


def test_a_bundle_whose_time_is_set_centuries_ahead_is_still_read(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "logs.zip", attendees=4)
    _far_ahead(bundle)
    assert json_of("log", "summary", "--json", "--from", str(bundle))["sessions"] == 1


def test_a_log_rewritten_keeping_its_size_and_time_is_read_again(home: Path) -> None:
    fake_log(home, "20260303-1230-aaaa", complete(AT, attendees=4))
    log = fake_log(home, "20260310-1230-bbbb", complete(AT + timedelta(days=7), attendees=4))
    assert json_of("log", "summary", "--json")["attendance"]["mean"] == 4
    before = log.stat()
    log.write_text(log.read_text().replace('"attendees": 4', '"attendees": 6'))
    _time_set_back(log, before)
    assert log.stat().st_size == before.st_size
    assert json_of("log", "summary", "--json")["attendance"]["mean"] == 5
    index_db(home).unlink()
    assert json_of("log", "summary", "--json")["attendance"]["mean"] == 5, "as a fresh index says"


def test_a_bundle_rewritten_keeping_its_size_and_time_is_read_again(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "logs.zip", attendees=4)
    assert json_of("log", "summary", "--json", "--from", str(bundle))["attendance"]["mean"] == 4
    before = bundle.stat()
    _bundle(bundle, attendees=6)
    _time_set_back(bundle, before)
    assert bundle.stat().st_size == before.st_size
    assert json_of("log", "summary", "--json", "--from", str(bundle))["attendance"]["mean"] == 6


def _skipped(*args: str) -> list[str]:
    """The notes of logs skipped, as a report says them."""
    result = balint("log", "summary", *args)
    assert result.exit_code == 0, result.output
    return [line for line in result.stderr.splitlines() if line.startswith("Note: Skipped")]


def test_one_of_two_names_alike_once_shown_removed_leaves_the_other(home: Path) -> None:
    fake_log(home, "20260303-1230-aaaa", complete(AT))
    logs = os.fsencode(home / "logs")
    for name in (b"/\xfe.jsonl", b"/\xff.jsonl"):  # both shown as '\ufffd.jsonl'
        with open(logs + name, "wb") as file:
            file.write(b"{}\n")
    assert len(_skipped()) == 2
    os.unlink(logs + b"/\xfe.jsonl")
    assert len(_skipped()) == 1, "the one still there is still said"
