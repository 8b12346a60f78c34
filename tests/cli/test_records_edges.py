"""A careless user's records: the reports given what a user would give them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from support.helpers import REQUIREMENTS_HEAD, balint, json_of, write
from support.logfixtures import complete, weekly, with_value

AT = datetime(2026, 3, 3, 12, 30, tzinfo=UTC)
HEAD = REQUIREMENTS_HEAD


def test_a_balint_folder_given_whole_with_from_is_read_as_its_logs(
    home: Path, tmp_path: Path
) -> None:
    colleague = tmp_path / "colleague-balint"
    weekly(colleague, 3, AT)  # its logs in colleague-balint/logs, as in any balint folder
    pooled = json_of("log", "summary", "--json", "--from", str(colleague))
    assert pooled["sessions"] == 3, "the folder's sessions, not 'No sessions to summarise'"


def test_a_balint_folder_and_its_logs_folder_are_one_source(home: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "colleague-balint"
    weekly(colleague, 3, AT)
    pooled = json_of(
        "log", "summary", "--json", "--from", str(colleague), "--from", str(colleague / "logs")
    )
    assert pooled["pooled_sources"] == 1


def test_a_threshold_written_as_minus_zero_is_asked_for_as_zero(home: Path) -> None:
    rule = '[[rules]]\nmeasure = "hours"\nthreshold = -0.0\n'
    write(home / "requirements" / "ours.toml", HEAD + rule)
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 0, result.output
    assert "At least 0 hours." in result.stdout
    assert "-0 hours" not in result.stdout


def test_a_requirements_file_with_no_rules_is_told_so_in_plain_words(home: Path) -> None:
    path = write(home / "requirements" / "ours.toml", HEAD + "rules = []\n")
    result = balint("log", "progress", "--towards", "ours")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {path}: rules must have at least one entry.\n"


def test_a_csv_is_never_written_over_the_bundle_it_reads(home: Path, tmp_path: Path) -> None:
    weekly(home, 2, AT)
    bundle = tmp_path / "alice.zip"
    assert balint("log", "export", "--bundle", str(bundle)).exit_code == 0
    made = bundle.read_bytes()
    result = balint("log", "export", "--csv", str(bundle), "--from", str(bundle), "--force")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: --csv {bundle} would be written among the logs read")
    assert bundle.read_bytes() == made, "the colleague's bundle as it was"


def test_an_export_is_never_written_over_a_session_log(home: Path) -> None:
    (log, _) = weekly(home, 2, AT)
    kept = log.read_bytes()
    for option in ("--csv", "--sqlite"):
        result = balint("log", "export", option, str(log), "--force")
        assert result.exit_code == 2, result.output
        assert log.read_bytes() == kept, f"{option}: the session's log as it was"
    result = balint("log", "portfolio", "--csv", str(log), "--force")
    assert result.exit_code == 2, result.output
    assert log.read_bytes() == kept, "portfolio --csv: the session's log as it was"


def test_nothing_is_written_into_a_folder_read_with_from(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    weekly(other, 2, AT)
    target = other / "logs" / "pooled.db"
    result = balint("log", "export", "--sqlite", str(target), "--from", str(other / "logs"))
    assert result.exit_code == 2, result.output
    assert not target.exists()


def test_a_start_in_a_year_of_fewer_digits_is_written_with_four(home: Path) -> None:
    lines = complete(AT, group="Tuesday GPs")
    year_one = with_value(lines, 0, "at", '"0001-03-03T12:30:00+00:00"')
    write(home / "logs" / "20260303-1230-0001.jsonl", year_one)
    listed = balint("log", "list")
    assert listed.exit_code == 0, listed.output
    assert "0001-03-03 12:30" in listed.stdout
    rows = balint("log", "export", "--csv", "-", "--per", "session")
    assert rows.exit_code == 0, rows.output
    assert rows.stdout.splitlines()[1].startswith("20260303-1230-0001,0001-03-03,12:30,")
