"""Labels that look the same (case, accents typed either way, letters of other scripts) are
one group everywhere."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import balint
from logfixtures import complete, fake_log, log_files, log_lines

CAFE_NFC = unicodedata.normalize("NFC", "Café")
CAFE_NFD = unicodedata.normalize("NFD", "Café")
TUE_CYRILLIC = "\u0422ue"  # the first letter is the Cyrillic Te, which looks like a Latin T
MARCH = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)


def _listed(home: Path) -> list[str]:
    """The names `balint groups list --json` gives."""
    result = balint("groups", "list", "--json")
    assert result.exit_code == 0, result.output
    return [group["name"] for group in json.loads(result.stdout)]


# -- labels that look the same ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "typed"),
    [(CAFE_NFC, CAFE_NFD), (CAFE_NFD, CAFE_NFC), ("Tue", TUE_CYRILLIC), ("Tue", "ＴＵＥ")],
    ids=["nfc-then-nfd", "nfd-then-nfc", "cyrillic-te", "full-width"],
)
def test_a_group_that_looks_like_one_there_is_not_added(
    home: Path, existing: str, typed: str
) -> None:
    assert balint("groups", "add", existing).exit_code == 0
    result = balint("groups", "add", typed, "--members", "5")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: There is a group '{existing}' already; `balint groups edit` changes it.\n"
    )
    assert _listed(home) == [existing]


def test_edit_and_remove_find_a_group_by_a_label_that_looks_the_same(home: Path) -> None:
    assert balint("groups", "add", CAFE_NFC).exit_code == 0
    assert balint("groups", "add", "Tue").exit_code == 0
    edited = balint("groups", "edit", CAFE_NFD, "--members", "7")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout == f"Changed {CAFE_NFC}: 7 members.\n"
    removed = balint("groups", "remove", TUE_CYRILLIC)
    assert removed.exit_code == 0, removed.output
    assert _listed(home) == [CAFE_NFC]


def test_run_with_a_look_alike_label_takes_the_groups_defaults_and_spelling(home: Path) -> None:
    assert balint("groups", "add", "Tuesday GPs", "--members", "9").exit_code == 0
    result = balint("run", "--speed", "100000", "--group", "\u0422uesday GPs")
    assert result.exit_code == 0, result.output
    assert "not in groups.toml" not in result.output
    (log,) = log_files(home)
    first = log_lines(log)[0]
    assert first["group"] == "Tuesday GPs"
    assert first["members"] == 9


def _two_cafes(home: Path) -> None:
    """A session labelled Café with its accent typed each way, and one of another group."""
    for name, days, group in (
        ("20260303-1230-aaaa", 0, CAFE_NFC),
        ("20260310-1230-bbbb", 7, CAFE_NFD),
        ("20260317-1230-cccc", 14, "Registrars"),
    ):
        fake_log(home, name, complete(MARCH + timedelta(days=days), group=group))


@pytest.mark.parametrize("typed", [CAFE_NFC, CAFE_NFD, "CAFÉ"], ids=["nfc", "nfd", "upper"])
def test_a_group_report_takes_the_sessions_of_every_look_alike_label(
    home: Path, typed: str
) -> None:
    _two_cafes(home)
    summary = balint("log", "summary", "--json", "--group", typed)
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.stdout)["sessions"] == 2
    rows = balint("log", "export", "--csv", "-", "--per", "session", "--group", typed)
    assert rows.exit_code == 0, rows.output
    assert len(rows.stdout.splitlines()) == 1 + 2


def test_a_look_alike_of_a_known_group_with_no_session_in_the_dates_is_no_error(
    home: Path,
) -> None:
    fake_log(home, "20260303-1230-aaaa", complete(MARCH, group=CAFE_NFD))
    result = balint("log", "summary", "--json", "--group", "CAFÉ", "--since", "2026-06-01")
    assert result.exit_code == 0, result.output


def test_the_groups_said_to_exist_name_look_alike_labels_once(home: Path) -> None:
    _two_cafes(home)
    result = balint("log", "summary", "--group", "Nobody")
    assert result.exit_code == 2, result.output
    shown = unicodedata.normalize("NFC", result.stderr)  # either spelling looks the same
    assert shown == "Error: No session has the group 'Nobody'; the groups are Café, Registrars.\n"
