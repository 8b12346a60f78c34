"""`log progress --group` names the group as its sessions spell it, as the certificate and
the other reports do, whatever case it was given in: the page goes in a portfolio."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from support.helpers import balint
from support.leading import lead


def test_the_group_is_named_as_its_sessions_spell_it(home: Path) -> None:
    lead(home, datetime(2026, 3, 3, 12, 30, tzinfo=UTC), group="Tuesday GPs", role="co-lead")
    result = balint("log", "progress", "--towards", "uk", "--group", "tuesday gps", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["group"] == "Tuesday GPs"
    screen = balint("log", "progress", "--towards", "uk", "--group", "TUESDAY GPS")
    assert screen.exit_code == 0, screen.output
    assert "the group Tuesday GPs" in screen.stdout
