"""`balint config set KEY VALUE` and `config unset KEY`: settings changed without editing TOML,
checked as config.toml is, written whole and private, the user's other lines kept."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from support.helpers import balint, write

from balint_cli.settings.config import Config

# A value for each setting as typed, and as config.toml then holds it.
TYPED = {
    "default_format": ("90min", '"90min"'),
    "log": ("no", "false"),
    "bell": ("off", "false"),
    "auto": ("on", "true"),
    "discreet": ("yes", "true"),
    "default_group": ("Tuesday GPs", '"Tuesday GPs"'),
    "language": ("de", '"de"'),
    "time": ("none", '"none"'),
    "debrief": ("always", '"always"'),
    "debrief_minutes": ("15", "15"),
}


def _file(home: Path) -> str:
    return (home / "config.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", list(Config.model_fields))  # every setting there is
def test_a_setting_is_set_and_shown_as_from_the_file(home: Path, key: str) -> None:
    typed, written = TYPED[key]  # a new setting needs a line in TYPED
    result = balint("config", "set", key, typed)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Set {key} = {written} in {home / 'config.toml'}.\n"
    assert _file(home) == f"{key} = {written}\n"
    shown = balint("config", "show").stdout.splitlines()
    line = next(line for line in shown if line.startswith(f"{key} = "))
    assert "# from config.toml; the default is " in line


@pytest.mark.parametrize(
    ("typed", "held"),
    [("true", True), ("false", False), ("yes", True), ("No", False), ("on", True), ("OFF", False)],
)
def test_true_or_false_may_be_said_as_yes_no_or_on_off(home: Path, typed: str, held: bool) -> None:
    assert balint("config", "set", "bell", typed).exit_code == 0
    assert tomllib.loads(_file(home)) == {"bell": held}


def test_a_setting_set_is_the_one_used(home: Path) -> None:
    assert balint("config", "set", "default_format", "90min").exit_code == 0
    result = balint("plan", "--start", "18:00")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("90-minute group, two cases")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["bel", "true"],
            "'bel' is not a setting balint knows (did you mean bell?); the settings are "
            "default_format, log, bell, auto, discreet, default_group, language, time, debrief, "
            "debrief_minutes.",
        ),
        (
            ["bell", "maybe"],
            "bell must be true or false (yes/no and on/off work too), not 'maybe'.",
        ),
        (
            ["language", "english"],
            'language must be a language code such as "en" or "de", not "english".',
        ),
        (["default_group", "x" * 41], "default_group must be at most 40 characters."),
        (["default_group", ""], "default_group must not be empty."),
        (
            ["default_format", "weekly"],
            "default_format: There is no format named 'weekly'; the formats are 45min, 60min, "
            "90min, de-45min, de-90min, or give the path of a .toml file.",
        ),
    ],
)
def test_a_bad_key_or_value_is_one_sentence_and_nothing_is_written(
    home: Path, args: list[str], said: str
) -> None:
    write(home / "config.toml", "bell = true\n")
    result = balint("config", "set", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {said}\n"
    assert _file(home) == "bell = true\n"


def test_set_without_a_value_is_refused_not_taken_as_unset(home: Path) -> None:
    write(home / "config.toml", "bell = false\n")
    result = balint("config", "set", "bell")
    assert result.exit_code == 2
    assert "Missing argument 'VALUE'" in result.stderr
    assert _file(home) == "bell = false\n"


def test_the_file_is_private_and_keeps_your_other_lines_and_comments(home: Path) -> None:
    path = write(
        home / "config.toml",
        '# my settings\nbell = true   # ring it\n\ndefault_format = "60min"\n',
    )
    path.chmod(0o644)
    assert balint("config", "set", "bell", "off").exit_code == 0
    assert balint("config", "set", "log", "false").exit_code == 0
    assert _file(home) == (
        '# my settings\nbell = false   # ring it\n\ndefault_format = "60min"\nlog = false\n'
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_that_cannot_be_changed_line_by_line_is_written_afresh(home: Path) -> None:
    write(home / "config.toml", 'default_group = """Tues\nday"""\nbell = false\n')
    result = balint("config", "set", "default_group", "Wednesday")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(_file(home)) == {"default_group": "Wednesday", "bell": False}


def test_a_config_file_balint_cannot_read_is_left_as_it_is(home: Path) -> None:
    path = write(home / "config.toml", "bell = [\n")
    result = balint("config", "set", "bell", "true")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: {path}: line 1: the file ends before the list that opens here is closed; "
        "end it with ].\n"
    )
    assert _file(home) == "bell = [\n"


def test_the_folder_and_file_are_made_when_there_are_none(home: Path) -> None:
    assert not home.exists()
    assert balint("config", "set", "discreet", "on").exit_code == 0
    assert _file(home) == "discreet = true\n"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_a_format_given_by_a_relative_path_is_kept_whole(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert balint("formats", "new", "mine", "-o", str(tmp_path / "mine.toml")).exit_code == 0
    monkeypatch.chdir(tmp_path)
    assert balint("config", "set", "default_format", "mine.toml").exit_code == 0
    assert tomllib.loads(_file(home)) == {"default_format": str(tmp_path / "mine.toml")}


def test_unset_puts_a_setting_back_to_its_default(home: Path) -> None:
    write(home / "config.toml", "# keep me\nbell = false\nlog = false\n")
    result = balint("config", "unset", "bell")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Took bell out of {home / 'config.toml'}: it is back to its default.\n"
    assert _file(home) == "# keep me\nlog = false\n"
    again = balint("config", "unset", "bell")
    assert again.exit_code == 0, again.output
    assert again.stdout == f"bell is not in {home / 'config.toml'}: it has its default already.\n"


def test_unset_mends_a_misspelt_key(home: Path) -> None:
    write(home / "config.toml", "bel = false\n")
    assert balint("plan").exit_code == 2, "the misspelt key stops every command"
    result = balint("config", "unset", "bel")
    assert result.exit_code == 0, result.output
    assert _file(home) == ""
    assert balint("plan").exit_code == 0


def test_a_change_that_leaves_a_problem_elsewhere_says_so(home: Path) -> None:
    path = write(home / "config.toml", "bel = false\n")
    result = balint("config", "set", "bell", "false")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Note: config.toml still needs mending: {path}: bel is not a field balint knows "
        "(did you mean bell?).\n"
    )


def test_unset_of_a_key_that_is_no_setting_is_refused(home: Path) -> None:
    result = balint("config", "unset", "colour")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 'colour' is not a setting balint knows; the settings")


def test_the_help_says_what_happens_to_comments() -> None:
    result = balint("config", "set", "--help")
    assert result.exit_code == 0, result.output
    assert "Your comments stay too" in " ".join(result.stdout.split())
