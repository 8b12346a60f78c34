"""A group in groups.toml that has met no session yet is a group the reports know: they report
nothing of it, and never say it is none of the groups they then name."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import programme


@pytest.fixture
def new_group(home: Path) -> None:
    """Sessions of Tuesday GPs and Registrars, and Friday Nurses just added, with none yet."""
    programme(home)
    added = balint("groups", "add", "Friday Nurses", "--members", "6")
    assert added.exit_code == 0, added.output


@pytest.mark.usefixtures("new_group")
def test_the_summary_of_a_new_group_has_no_session() -> None:
    result = balint("log", "summary", "--group", "friday nurses")
    assert result.exit_code == 0, result.output
    assert result.output == "No sessions to summarise.\n"


@pytest.mark.usefixtures("new_group")
@pytest.mark.parametrize(
    "report",
    [
        ["log", "summary", "--json"],
        ["log", "export", "--csv", "-"],
        ["log", "report", "-o", "-"],
        ["log", "progress", "--towards", "uk"],
    ],
)
def test_every_report_takes_a_new_group(report: list[str]) -> None:
    result = balint(*report, "--group", "Friday Nurses")
    assert result.exit_code == 0, result.output
    assert "No session has the group" not in result.output


@pytest.mark.usefixtures("new_group")
def test_a_group_neither_has_is_still_refused_naming_those_there_are() -> None:
    result = balint("log", "summary", "--group", "Saturday Nurses")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: No session has the group 'Saturday Nurses'; the groups are Friday Nurses, "
        "Registrars, Tuesday GPs.\n"
    )
