"""config.toml: where it lives, what it holds, and a clear word when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint, fifo, no_crash, write


def test_config_path_is_inside_balint_home(home: Path) -> None:
    result = balint("config", "path")
    assert result.exit_code == 0
    assert result.stdout == f"{home / 'config.toml'}\n"


def test_config_show_gives_the_defaults_before_there_is_a_file(home: Path) -> None:
    result = balint("config", "show")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"# {home / 'config.toml'} (not created yet: these are the defaults)\n"
        'default_format = "45min"  # the default\n'
        "log = true                # the default\n"
        "bell = true               # the default\n"
        "auto = false              # the default\n"
        "discreet = false          # the default\n"
        "# default_group           # not set (the default)\n"
        "# language                # not set (the default)\n"
        'time = "minutes"          # the default\n'
        'debrief = "ask"           # the default\n'
        "debrief_minutes = 10      # the default\n"
    )


def test_config_show_reflects_the_file(home: Path) -> None:
    write(home / "config.toml", 'default_format = "90min"\nbell = false\n')
    result = balint("config", "show")
    assert result.stdout.splitlines()[1:] == [
        'default_format = "90min"  # from config.toml; the default is "45min"',
        "log = true                # the default",
        "bell = false              # from config.toml; the default is true",
        "auto = false              # the default",
        "discreet = false          # the default",
        "# default_group           # not set (the default)",
        "# language                # not set (the default)",
        'time = "minutes"          # the default',
        'debrief = "ask"           # the default',
        "debrief_minutes = 10      # the default",
    ]


def test_default_format_is_used_when_none_is_given(home: Path) -> None:
    write(home / "config.toml", 'default_format = "90min"\n')
    result = balint("plan", "--start", "18:00")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("90-minute group, two cases")


def test_a_bad_config_file_is_reported_like_a_bad_format(home: Path) -> None:
    path = write(home / "config.toml", 'default_format = "90min"\nbel = false\n')
    result = balint("plan")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: {path}: bel is not a field balint knows (did you mean bell?).\n"
    )
    write(home / "config.toml", "log = 'yes'\n")
    result = balint("config", "show")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: log must be true or false.\n"
    write(home / "config.toml", "log = [\n")
    assert (
        "line 1: the file ends before the list that opens here is closed; end it with ]."
        in balint("config", "show").stderr
    )


@pytest.mark.parametrize("command", [["plan"], ["run"], ["demo"], ["handout"]])
def test_a_default_format_that_does_not_exist_is_traced_to_config(
    home: Path, command: list[str]
) -> None:
    write(home / "config.toml", 'default_format = "weekly"\n')
    result = balint(*command)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: default_format in {home / 'config.toml'}: There is no format named 'weekly'; "
        "the formats are 45min, 60min, 90min, de-45min, de-90min, or give the path of a .toml "
        "file.\n"
    )
    shown = balint("config", "show")
    assert shown.exit_code == 0
    assert 'default_format = "weekly"' in shown.stdout
    assert shown.stderr.startswith("Note: default_format in ")
    fast = ["--speed", "100000"] if command[0] in ("run", "demo") else []
    named = balint(*command, "60min", *fast)
    assert named.exit_code == 0, "a format named on the command line needs no default"


@pytest.mark.usefixtures("no_hang")
def test_a_fifo_as_config_toml_is_refused(home: Path) -> None:
    pipe = fifo(home / "config.toml")
    result = balint("plan")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {pipe} is a pipe, not a config file.\n"


@pytest.mark.usefixtures("no_hang")
def test_a_nul_in_default_format_is_named(home: Path) -> None:
    write(home / "config.toml", 'default_format = "a\\u0000b"\n')
    result = balint("plan")
    no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {home / 'config.toml'}: default_format must not contain control characters "
        "(found U+0000).\n"
    )


MISTAKES = [
    (
        'name = "Weekly"\nbell = true\ndescription = "Our group\n',
        'line 3: a text that opens with " must close on the same line; end it with ", '
        'or use """ for text over several lines.',
    ),
    (
        "log = true\nbell = true\nx = 1\nminutes = 5min\n",
        "line 4: write the number alone, minutes = 5.",
    ),
    ("log = true\ndiscreet = yes\n", "line 2: yes is not a TOML value; write true or false."),
    ("log = true\nbell false\n", "line 2: a key needs = before its value, bell = false."),
    ("[[phases]\nid = 'facts'\n", "line 1: the table header needs its closing ]]: [[phases]]."),
    ("[group\n", "line 1: the table header needs its closing ]: [group]."),
    (
        "bell = true\nlog = true\nbell = false\n",
        "line 3: bell is given twice in the same table, here and on line 1; keep one.",
    ),
    ("minutes = 7,5\n", "line 1: write decimals with a point, minutes = 7.5."),
    ("end_at = 13:15\n", 'line 1: a clock time is text in quotes, end_at = "13:15".'),
    ("name = Tuesday group\n", 'line 1: text goes in quotes, name = "Tuesday group".'),
    (
        "name = “Tuesday”\n",
        'line 1: text goes between straight quotes, "like this", not curly ones.',
    ),
    (
        "bell =\n",
        'line 1: bell has no value after the =; give one, such as true, 5 or "some text".',
    ),
    (
        'ground_rules = [\n  "One",\n  "Two",\n\n[[phases]]\n',
        "line 5: [[phases]] comes before the list above it is closed; end that list with ] "
        "after its last entry.",
    ),
    (
        "[phases]\nid = 'a'\n[phases]\nid = 'b'\n",
        "line 3: [phases] is declared a second time; a table is declared once, and each entry "
        "of a list of tables (each phase, say) begins with [[phases]].",
    ),
    (
        'path = "C:\\Users\\me"\n',
        'line 1: a backslash in text between " quotes begins an '
        "escape such as \\n; write \\\\ for a backslash, or put the text between ' quotes.",
    ),
    (
        "log = [\n",
        "line 1: the file ends before the list that opens here is closed; end it with ].",
    ),
]


@pytest.mark.parametrize(("content", "said"), MISTAKES)
def test_a_toml_mistake_in_config_is_said_in_plain_words(
    home: Path, content: str, said: str
) -> None:
    path = write(home / "config.toml", content)
    result = balint("config", "show")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {path}: {said}\n"
