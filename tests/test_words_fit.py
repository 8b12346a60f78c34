"""Words that fit: a hand-edited file's mistake said plainly, the words said fitting the
cases taken, and a format of yours that replaces a built-in said so when it is written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import SHORT_FORMAT, balint, write
from hypothesis import given, settings
from hypothesis import strategies as st

from balint_cli.errors import BadInput
from balint_cli.tomlfile import parse_toml

# -- a TOML mistake in plain words: the line, what is wrong, what would be right ---------

# (what the leader wrote, the sentence they read after the file's name)
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


def test_a_toml_mistake_in_a_format_names_the_file_and_the_line(tmp_path: Path) -> None:
    broken = SHORT_FORMAT.replace("minutes = 2\n", "minutes = 2 min\n")
    path = write(tmp_path / "weekly.toml", broken)
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {path}: line 10: write the number alone, minutes = 2.\n"


def test_a_toml_mistake_in_groups_toml_is_said_the_same_way(home: Path) -> None:
    path = write(home / "groups.toml", '["Tuesday GPs"]\nmembers = ten\n')
    result = balint("groups", "list")
    assert result.exit_code == 2, result.output
    assert result.stderr == f'Error: {path}: line 2: text goes in quotes, members = "ten".\n'


JARGON = ("Invalid value", "Expected", "Illegal character", "statement", "column", "namespace")
PIECES = list("ab=[]{}\"'\n #.,:;-_19\\\t“") + ['"""', "true", "[[x]]", "x = "]
TOMLISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TOMLISH)
def test_any_toml_mistake_is_one_plain_sentence(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    else:
        return
    with pytest.raises(BadInput) as caught:
        parse_toml(text.encode(), "x.toml")
    said = caught.value.message
    assert "\n" not in said
    assert said.startswith(("x.toml: line ", "x.toml: at the end of the file")), said
    assert not any(word in said for word in JARGON), said
