"""The organiser's HTML report printed by a real browser: one A4 page."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import browser
from support.golden import make_shelf
from support.helpers import balint, report_page, stdout_of, write
from support.logfixtures import programme


def test_a_typical_report_prints_on_one_a4_page(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shelf of the golden reports: fourteen months of four groups and more."""
    browser.chromium()
    make_shelf(home, monkeypatch)
    report_page(tmp_path)
    assert browser.pdf_pages(tmp_path / "report.html", tmp_path / "report.pdf") == 1


def test_the_report_prints_in_a_real_browser(home: Path, tmp_path: Path) -> None:
    programme(home)
    target = tmp_path / "report.html"
    assert balint("log", "report", "-o", str(target)).exit_code == 0
    assert 1 <= browser.pdf_pages(target, tmp_path / "report.pdf") <= 2


def test_a_german_report_with_both_units_still_prints_on_one_a4_page(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shelf of the golden reports: fourteen months of four groups and more."""
    browser.chromium()
    make_shelf(home, monkeypatch)
    write(home / "config.toml", 'language = "de"\n')
    page = tmp_path / "report.html"
    stdout_of("log", "report", "-o", str(page))
    assert page.read_text().count("<tr data-units=") == 2
    assert browser.pdf_pages(page, tmp_path / "report.pdf") == 1
