"""`balint log progress --towards BODY -o progress.html` as a reader of a portfolio meets it:
one self-contained page (nothing fetched), a row per rule with what is met, and the sessions
of each month against the rule of regularity."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from support.helpers import balint
from support.leading import START, lead, progress_programme


def _page(tmp_path: Path, body: str, *args: str) -> str:
    target = tmp_path / f"{body}.html"
    result = balint("log", "progress", "--towards", body, "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_the_page_is_written_privately_and_said(home: Path, tmp_path: Path) -> None:
    lead(home, START, role="co-lead")
    target = tmp_path / "progress.html"
    result = balint("log", "progress", "--towards", "uk", "-o", str(target), "--json")
    assert result.exit_code == 0, result.output
    said = f"Wrote {target} (0 of 1 requirement met; 5 not recorded here).\n"
    assert result.stderr == said, "said beside the JSON, not in it"
    assert result.stdout.startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = balint("log", "progress", "--towards", "uk", "-o", str(target))
    assert again.exit_code == 2
    assert again.stderr == f"Error: {target} already exists; use --force to replace it.\n"


def test_nothing_on_the_page_is_fetched(home: Path, tmp_path: Path) -> None:
    progress_programme(home)
    page = _page(tmp_path, "abs")
    for fetching in ("<script", "<link", "src=", "url(", "@import", "<img", "<iframe"):
        assert fetching not in page, fetching
    addresses = re.findall(r"https?://[^<\s\"]+", page)
    assert addresses, "the body's pages are named"
    unread = [address for address in addresses if f"<p>{address}</p>" not in page]
    assert unread == [], "the body's pages are named as text, to be read, never loaded"


def test_each_rule_is_a_row_saying_whether_it_is_met(home: Path, tmp_path: Path) -> None:
    progress_programme(home)
    page = _page(tmp_path, "abs", "--since", "2024-09-01", "--until", "2026-11-30")
    rows = re.findall(r'<tr(?: class="unseen")? data-measure="([a-z-]+)"( data-met="\w+")?', page)
    assert rows == [
        ("consecutive-months", ' data-met="false"'),
        ("supervised-sessions", ' data-met="true"'),
        ("share-co-led-debriefed", ' data-met="false"'),
        ("not-recorded", ""),
        ("not-recorded", ""),
    ]
    assert page.count("not recorded here: keep your own record") == 2
    assert '<p class="verdict" data-met="1">1 of 2 requirements met; 0 of 1 desirable met; ' in (
        page
    )
    assert "Read on 2026-12-06 (the file shipped with balint, abs) from:" in page


def test_the_months_are_drawn_against_the_rule_of_regularity(home: Path, tmp_path: Path) -> None:
    progress_programme(home)
    page = _page(tmp_path, "abs", "--since", "2024-09-01", "--until", "2026-11-30")
    months = re.findall(r'<rect [^>]*data-month="(\d{4}-\d\d)" data-led=', page)
    assert months[0] == "2024-09"
    assert months[-1] == "2026-11"
    assert len(months) == 27, "every month of the period, with sessions or not"
    gaps = re.findall(r'data-month="(\d{4}-\d\d)" data-gap="1"', page)
    assert gaps == ["2025-04", "2025-08", "2026-10", "2026-11"]
    assert page.count('data-rule="1"') == 1, "the line at one session a month"
    assert "one a month (the rule of regularity)" in page
    bsanz = _page(tmp_path, "bsanz", "--since", "2024-09-01", "--until", "2026-11-30")
    assert 'data-rule="1"' not in bsanz, "no rule of regularity: no line"
    assert 'data-gap="1"' not in bsanz


