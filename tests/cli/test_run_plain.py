"""`balint run` without a terminal: the plain lines, an end time and its warning, discreet,
the options it refuses, and the keys its help names."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, no_crash, write
from support.logfixtures import log_files, log_lines
from support.screens import EVERY_KEY, named

from balint_cli.live.panels import help_rows, key_lines


def test_discreet_in_config_and_on_the_command_line(home: Path) -> None:
    (home).mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("discreet = true\n")
    shown = balint("config", "show")
    assert "discreet = true" in shown.stdout
    assert balint("run", "--discreet", "--speed", "100000").exit_code == 0
    (home / "config.toml").write_text('discreet = "yes"\n')
    result = balint("plan")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {home / 'config.toml'}: discreet must be true or false.\n"


def test_piped_lines_give_lengths_not_clock_times() -> None:
    result = balint("run", "45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        text = line[7:]  # after the clock time of the line
        assert not re.search(r"\d+:\d\d", text), line
    assert "Opening ended after 3 min" in result.stdout


def test_a_fitted_phase_says_its_plan_beside_it() -> None:
    soon = (datetime.now() + timedelta(minutes=50, seconds=30)).strftime("%H:%M")
    result = balint("run", "45min", "--speed", "100000", "--end-at", soon)
    line = next(line for line in result.stdout.splitlines() if "Group discussion" in line)
    assert re.search(r"Group discussion, case 1: 2[67] min, planned 22$", line), line


def test_piped_the_warning_is_a_line_before_the_first_phase() -> None:
    later = (datetime.now() + timedelta(hours=3)).strftime("%H:%M")
    result = balint("run", "45min", "--speed", "100000", "--end-at", later)
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith(f"! --end-at {later} stretches Group discussion (case 1) from 22 min")
    assert second.endswith("Opening: 3 min")


def test_run_without_a_terminal_advances_by_itself_and_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path / "short.toml", SHORT_FORMAT)
    result = balint("run", str(path), "--speed", "100000")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line[7:] for line in lines] == [
        "Case facts, case 1: 2 min",
        "Case facts ended after 2 min",
        "Group discussion, case 1: 3 min",
        "Group discussion ended after 3 min",
        "Closing: 1 min",
        "Closing ended after 1 min",
        "Session completed after 6 min, on time",
    ]
    assert "\x1b" not in result.output
    assert "\x07" not in result.output


def test_run_a_builtin_90_minute_session_piped() -> None:
    result = balint("run", "90min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Group discussion, case") == 2
    assert result.stdout.splitlines()[-1].endswith("Session completed after 90 min, on time")


def test_run_with_end_at_plans_to_that_time() -> None:
    soon = (datetime.now() + timedelta(minutes=41, seconds=30)).strftime("%H:%M")
    result = balint("run", "--speed", "100000", "--end-at", soon)
    assert result.exit_code == 0, result.output
    discussion = next(line for line in result.stdout.splitlines() if "Group discussion," in line)
    length = discussion.rsplit(": ", 1)[1].split()[0]  # 16 min, 16.5 min or 16:27 min
    minutes = (
        int(length.split(":")[0]) + int(length.split(":")[1]) / 60
        if ":" in length
        else float(length)
    )
    assert 17 < minutes < 20, "22 minutes planned, shortened to end on time"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--speed", "0"], "Error: --speed must be from 0.1 to 100000 times real time.\n"),
        (["--speed", "inf"], "Error: --speed must be from 0.1 to 100000 times real time.\n"),
        (
            ["--end-at", "25:99"],
            "Error: --end-at: '25:99' is not a clock time; use HH:MM, like 13:15.\n",
        ),
        (
            ["nosuch"],
            "Error: There is no format named 'nosuch'; the formats are 45min, 60min, "
            "90min, de-45min, de-90min, or give the path of a .toml file.\n",
        ),
    ],
)
def test_run_refuses_bad_options_with_a_sentence(args: list[str], message: str) -> None:
    result = balint("run", *args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_run_help_names_every_key() -> None:
    result = balint("run", "--help")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    keys = said[said.index("Keys:") : said.index("Without a terminal")]
    for key, what in (("a", "how many came"), ("d", "discreet"), ("?", "help")):
        assert f" {key} {what}" in keys, keys
    assert named(keys.replace(",", " ").replace(".", " ")) >= EVERY_KEY


@pytest.mark.usefixtures("no_hang")
def test_a_format_file_whose_name_is_not_utf8_is_run_and_logged(home: Path, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.toml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(SHORT_FORMAT)
    result = balint("run", os.fsdecode(raw), "--speed", "100000")
    no_crash(result)
    assert result.exit_code == 0, result.output
    (log,) = log_files(home)
    lines = log_lines(log)
    assert lines[0]["format"] == "caf\ufffd.toml"
    assert lines[-1]["event"] == "session_end"
    assert lines[-1]["how"] == "completed"
    assert balint("log", "list").stderr == "", "no note about an empty or damaged file"


@pytest.mark.usefixtures("no_hang")
@pytest.mark.parametrize("speed", ["1e-300", "0.01", "-1", "1e9"])
def test_a_speed_that_would_stop_or_race_the_clock_is_refused(speed: str) -> None:
    result = balint("run", "--speed", speed)
    assert result.exit_code == 2
    assert result.stderr == "Error: --speed must be from 0.1 to 100000 times real time.\n"


def test_o_is_in_the_help_the_widest_key_line_and_the_letters() -> None:
    assert ("o", "take only this case today (asks)", "one case") in help_rows()
    assert " · c case · o one case · m mark · " in key_lines()[0]
    assert key_lines()[-1] == "spc n b +/- g i c o m a d q ?"
    result = balint("run", "--help")
    assert result.exit_code == 0, result.output
    assert "o only this case today" in " ".join(result.output.split())
