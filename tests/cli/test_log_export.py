"""Exports a spreadsheet opens safely: a label never runs as a formula in any CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.helpers import balint
from support.logfixtures import complete, fake_log

AT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-1+1", "@SUM(A1)"]


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("label", FORMULAS)
def test_a_group_label_never_runs_as_a_formula_in_the_portfolio(
    home: Path, tmp_path: Path, label: str
) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    target = tmp_path / "portfolio.csv"
    result = balint("log", "portfolio", "--csv", str(target))
    assert result.exit_code == 0, result.output
    (row,) = _csv_rows(target.read_text())
    assert row["groups"] == "'" + label


@pytest.mark.parametrize("label", FORMULAS)
def test_every_csv_guards_a_label_alike(home: Path, label: str) -> None:
    fake_log(home, "20261120-1230-aaaa", complete(AT, group=label))
    portfolio = balint("log", "portfolio", "--csv", "-")
    export = balint("log", "export", "--csv", "-", "--per", "session")
    assert portfolio.exit_code == 0, portfolio.output
    assert export.exit_code == 0, export.output
    (year,) = _csv_rows(portfolio.stdout)
    (sessions,) = _csv_rows(export.stdout)
    assert year["groups"] == sessions["group"] == "'" + label


# Each way a catalogue can be damaged: how to make it, and what the note says of it.


# Commands that write a file the user names: their arguments, with the file's name last.
