"""Options read as a leader types them: the digits 0-9 alone, a wrong type one sentence, and a
--group no group could be called refused as a label on the reports and sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, write
from support.logfixtures import log_files


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--attendees", "abc"], "--attendees must be a whole number, not 'abc'."),
        (["run", "--speed", "fast"], "--speed must be a number, not 'fast'."),
        (
            ["formats", "new", "x", "--minutes", "an hour"],
            "--minutes must be a number, not 'an hour'.",
        ),
    ],
)
def test_an_option_of_the_wrong_type_is_one_plain_sentence(args: list[str], message: str) -> None:
    result = balint(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


REFUSED = [
    (("run", "--speed", "٣", "--end-at", "99:99"), "--speed must be a number, not '٣'."),
    (("run", "--speed", "1_000"), "--speed must be a number, not '1_000'."),
    (("demo", "--speed", "٣٠٠٠٠"), "--speed must be a number, not '٣٠٠٠٠'."),
    (
        ("run", "--attendees", "1_0", "--speed", "100000"),
        "--attendees must be a whole number, not '1_0'.",
    ),
    (
        ("run", "--attendees", "٣", "--speed", "100000"),
        "--attendees must be a whole number, not '٣'.",
    ),
    (("run", "--cases", "٠", "--speed", "100000"), "--cases must be a whole number, not '٠'."),
    (("plan", "--cases", "١"), "--cases must be a whole number, not '١'."),
    (("view", "--port", "٣٨١٠٣"), "--port must be a whole number, not '٣٨١٠٣'."),
    (
        ("groups", "add", "Tuesday", "--members", "١٠"),
        "--members must be a whole number, not '١٠'.",
    ),
    (
        ("formats", "new", "mine", "--from", "45min", "--minutes", "٦٠"),
        "--minutes must be a number, not '٦٠'.",
    ),
    (
        ("plan", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("plan", "--start", "0٩:1٥"),
        "--start: '0٩:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("run", "--some-leave-at", "1٣:1٥", "--speed", "100000"),
        "--some-leave-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("groups", "add", "Tuesday", "--end-at", "1٣:1٥"),
        "--end-at: '1٣:1٥' is not a clock time; use HH:MM, like 13:15.",
    ),
    (
        ("log", "summary", "--since", "2026-0٣-01"),
        "--since: '2026-0٣-01' is not a date; use YYYY-MM-DD, like 2026-03-01.",
    ),
]


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_only_0_to_9_are_digits_in_an_option(home: Path, args: tuple[str, ...], said: str) -> None:
    result = balint(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {said}\n"
    assert log_files(home) == [], "no session was run"
    assert not (home / "groups.toml").exists(), "no group was added"


def test_a_groups_end_at_in_other_digits_is_refused(home: Path) -> None:
    path = write(home / "groups.toml", '["Tuesday"]\nend_at = "1٣:1٥"\n')
    result = balint("run", "--group", "Tuesday", "--speed", "100000")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f'Error: {path}: group "Tuesday": end_at must be a clock time such as 13:15.\n'
    )
    assert log_files(home) == []


def test_plain_digits_still_count(home: Path) -> None:
    result = balint("plan", "--start", "9:05", "--end-at", "09:50", "--cases", "1")
    assert result.exit_code == 0, result.output
    assert "09:50" in result.stdout


BLANK = "Error: --group must be a short label of 1 to 40 characters, like 'Tuesday GPs'.\n"


@pytest.mark.parametrize("label", ["", "   "], ids=["empty", "blank"])
@pytest.mark.parametrize(
    "command",
    [
        ("log", "summary"),
        ("sheet", "--certificate", "-o", "-"),
        ("log", "progress", "--towards", "uk"),
    ],
    ids=" ".join,
)
def test_a_blank_group_on_a_report_is_refused_as_no_label(
    command: tuple[str, ...], label: str
) -> None:
    result = balint(*command, "--group", label)
    assert result.exit_code == 2, result.output
    assert result.stderr == BLANK


def test_a_group_holding_an_escape_on_a_report_is_refused() -> None:
    result = balint("log", "summary", "--group", "Tue\x1b[2J")
    assert result.exit_code == 2, result.output
    assert result.stderr == "Error: --group must not contain control characters (found U+001B).\n"
