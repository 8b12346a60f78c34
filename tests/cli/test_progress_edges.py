"""A body named as its society writes it: `--towards BSANZ` or `--towards UK` finds the
shipped requirements whatever the case, as `--group` finds a group; a file of one's own whose
name differs only in case from another's is still found by its exact name."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, requirements_head, write

HEADINGS = {
    "UK": "Progress towards UK Balint Society: Accredited Balint group leader",
    "BSANZ": "Progress towards Balint Society of Australia and New Zealand (BSANZ)",
    "Abs": "Progress towards American Balint Society: Credentialed Balint group leader",
    "DBG": "Progress towards Deutsche Balint-Gesellschaft (DBG)",
}


@pytest.mark.parametrize("body", sorted(HEADINGS))
def test_a_body_is_found_whatever_its_case(body: str) -> None:
    result = balint("log", "progress", "--towards", body)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(HEADINGS[body]), result.stdout


def test_an_exact_name_wins_over_one_alike_in_case(home: Path) -> None:
    own = requirements_head("Our Own UK", "Leader")
    own += '\n[[rules]]\nmeasure = "sessions-co-led"\nthreshold = 5\n'
    write(home / "requirements" / "UK.toml", own)
    ours = balint("log", "progress", "--towards", "UK")
    assert ours.exit_code == 0, ours.output
    assert ours.stdout.startswith("Progress towards Our Own UK: Leader"), ours.stdout
    shipped = balint("log", "progress", "--towards", "uk")
    assert shipped.exit_code == 0, shipped.output
    assert shipped.stdout.startswith(HEADINGS["UK"]), shipped.stdout


def test_o_dash_prints_the_page_in_place_of_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("log", "progress", "--towards", "abs", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>"), result.stdout[:300]
    assert "American Balint Society" in result.stdout
    assert not (tmp_path / "-").exists(), "no file named -"


def test_o_dash_and_json_cannot_both_have_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint("log", "progress", "--towards", "abs", "-o", "-", "--json")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "Error: --json and -o - both write to the screen; give -o a file's name.\n"
    )
    assert not (tmp_path / "-").exists(), "no file named -"
