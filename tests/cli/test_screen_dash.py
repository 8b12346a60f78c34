"""'-' as a file to write is the screen wherever text or a page is written, and is refused
where balint writes a file that is not text (a bundle, a database): never a file named '-'."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import weekly


def test_log_report_to_dash_prints_the_page(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weekly(home, 3)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = balint("log", "report", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert os.listdir(here) == []


@pytest.mark.parametrize("flag", ["--bundle", "--sqlite"])
def test_a_bundle_or_a_database_to_dash_is_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    weekly(home, 3)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = balint("log", "export", flag, "-")
    assert result.exit_code == 2, result.output
    said = f"Error: {flag} writes a file, never to the screen: give the file's name.\n"
    assert result.stderr == said
    assert os.listdir(here) == []

