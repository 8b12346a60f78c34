"""The organiser's HTML report printed by a real browser: one A4 page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli.test_reports_golden import make_shelf
from support import browser
from support.helpers import balint
from support.logfixtures import complete, fake_log


def _report(tmp_path: Path, *args: str) -> str:
    target = tmp_path / "report.html"
    result = balint("log", "report", "-o", str(target), "--force", *args)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_a_typical_report_prints_on_one_a4_page(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shelf of the golden reports: fourteen months of four groups and more."""
    browser.chromium()
    make_shelf(home, monkeypatch)
    _report(tmp_path)
    assert browser.pdf_pages(tmp_path / "report.html", tmp_path / "report.pdf") == 1


MARCH = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def _programme(home: Path) -> None:
    """Two groups over two months: attendance as a share of 8 members, one online, one late."""
    sessions = [
        ("20260303-1230-aaaa", MARCH, "Tuesday GPs", 2, "in-person", 0.0),
        ("20260310-1230-bbbb", MARCH + timedelta(days=7), "Tuesday GPs", 4, "online", 300.0),
        ("20260602-1230-cccc", datetime(2026, 6, 2, 12, 30, tzinfo=UTC), "Tuesday GPs", 6,
         "in-person", 0.0),
        ("20260604-1800-dddd", datetime(2026, 6, 4, 18, 0, tzinfo=UTC), "Registrars", 8,
         "in-person", 0.0),
    ]  # fmt: skip
    for name, at, group, came, setting, over in sessions:
        fake_log(
            home,
            name,
            complete(at, over=over, group=group, attendees=came, members=8, setting=setting),
        )


def test_the_report_prints_in_a_real_browser(home: Path, tmp_path: Path) -> None:
    _programme(home)
    target = tmp_path / "report.html"
    assert balint("log", "report", "-o", str(target)).exit_code == 0
    assert 1 <= browser.pdf_pages(target, tmp_path / "report.pdf") <= 2
