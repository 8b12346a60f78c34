"""The period the organiser's report says it covers, whatever dates were given and found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.helpers import report_page
from support.logfixtures import programme


def _period(page: str) -> str:
    """What the report's first line says it covers (before who made it)."""
    found = re.search(r'<p class="note">(.*?) · made by balint', page)
    assert found is not None, page
    return found.group(1)


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        (["--since", "2027-01-01"], "From 2027-01-01 on, the group Registrars"),
        (["--until", "2025-12-31"], "Up to 2025-12-31, the group Registrars"),
        (["--since", "2026-06-01"], "From 2026-06-01 to 2026-06, the group Registrars"),
        (["--until", "2026-06-30"], "From 2026-06 to 2026-06-30, the group Registrars"),
    ],
)
def test_a_date_given_alone_is_said_as_the_period(
    home: Path, tmp_path: Path, dates: list[str], said: str
) -> None:
    programme(home)  # Registrars met once, in June 2026
    assert _period(report_page(tmp_path, "--group", "Registrars", *dates)) == said
