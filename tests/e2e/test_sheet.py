"""`balint sheet` printed by a real browser: the attendance list on one A4 page, and a long
certificate over several pages, ending whole."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from support import browser
from support.helpers import sheet_page, write
from support.logfixtures import MARCH, complete, fake_log
from support.pages import GROUPS, Sheet

AT = MARCH  # a Tuesday


# -- printed by a real browser -----------------------------------------------------------------


@pytest.mark.parametrize(("group", "rows"), [("Tuesday GPs", 12), ("Registrars", 20)])
def test_the_attendance_list_prints_on_one_a4_page(
    home: Path, tmp_path: Path, group: str, rows: int
) -> None:
    write(home / "groups.toml", GROUPS)
    page = sheet_page(tmp_path, "--sign-in", "--group", group)
    assert len(Sheet(page).rows("people")) == rows
    assert browser.pdf_pages(tmp_path / "sheet.html", tmp_path / "sheet.pdf") == 1


def _page_text(pdf: Path, number: int) -> str:
    """The text of one printed page."""
    found = shutil.which("pdftotext")
    if found is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    args = [found, "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_a_long_certificate_runs_over_pages_and_ends_whole(home: Path, tmp_path: Path) -> None:
    # 119 rows leave too little room on the last page for the totals and the signatures: set
    # one after the other, the signatures would go over to a page of their own.
    for n in range(119):
        at = AT + timedelta(days=7 * n)
        fake_log(home, f"{at:%Y%m%d-%H%M}-{n:04x}", complete(at, over=84 * 60, group="Weekly"))
    sheet_page(tmp_path, "--certificate", "--group", "Weekly")
    pages = browser.pdf_pages(tmp_path / "sheet.html", tmp_path / "sheet.pdf")
    assert pages >= 3
    text = [_page_text(tmp_path / "sheet.pdf", n) for n in range(1, pages + 1)]
    rows = r"^\s*(\d+)\s+\d{4}-"
    for printed in text:
        if re.search(rows, printed, re.MULTILINE):
            assert re.search(r"#\s+Date\s+Minutes", printed), "the table's head on each page"
    numbers = [int(n) for printed in text for n in re.findall(rows, printed, re.MULTILINE)]
    assert numbers == list(range(1, 120)), "every row once, in order"
    (signed,) = [printed for printed in text if "Place and date" in printed]
    for together in ("Sessions", "Double units of 90 min", "Leader (name", "Made by balint"):
        assert together in signed, f"{together} is on the page of the signatures"
