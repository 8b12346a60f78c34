"""Handouts printed by a real browser: one A4 page each."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import browser
from support.helpers import balint

from balint_cli.formats.builtin import BUILTIN_NAMES

# Markdown ----------------------------------------------------------------------------------


# HTML --------------------------------------------------------------------------------------


# SVG ---------------------------------------------------------------------------------------


# Every kind --------------------------------------------------------------------------------


# In a real browser ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_the_html_handout_prints_on_one_a4_page(tmp_path: Path, name: str) -> None:
    page = tmp_path / f"{name}.html"
    result = balint("handout", name, "-o", str(page))
    assert result.exit_code == 0, result.output
    assert page.read_text().startswith("<!DOCTYPE html>"), "the kind follows the file's name"
    assert browser.pdf_pages(page, tmp_path / f"{name}.pdf") == 1


# The members' handout -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["90min", "de-90min"])
def test_the_members_html_handout_prints_on_one_a4_page(tmp_path: Path, name: str) -> None:
    page = tmp_path / f"{name}-members.html"
    result = balint("handout", name, "--for", "members", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert browser.pdf_pages(page, tmp_path / "members.pdf") == 1


