"""`balint log progress -o progress.html` printed by a real browser: each body's page on one A4
page."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import browser
from support.helpers import balint
from support.leading import progress_programme

from balint_cli.requirements.builtin import BUILTIN_NAMES


@pytest.mark.parametrize("body", BUILTIN_NAMES)
def test_each_body_prints_on_one_a4_page(home: Path, tmp_path: Path, body: str) -> None:
    progress_programme(home)
    page = tmp_path / f"{body}.html"
    result = balint("log", "progress", "--towards", body, "-o", str(page))
    assert result.exit_code == 0, result.output
    assert browser.pdf_pages(page, tmp_path / f"{body}.pdf") == 1
