"""An attendance list for a day at the calendar's ends: --date 0001-01-01 or 9999-12-31 is
a page with the group's times, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import sheet_page, tuesday_group


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_list_for_a_day_at_the_calendars_ends_has_its_times(
    home: Path, tmp_path: Path, day: str
) -> None:
    tuesday_group(home)
    page = sheet_page(tmp_path, "--sign-in", "--group", "Tuesday GPs", "--date", day)
    assert "from 12:30 to 13:15" in page
