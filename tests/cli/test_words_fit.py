"""Words that fit: a hand-edited file's mistake said plainly, the words said fitting the
cases taken, and a format of yours that replaces a built-in said so when it is written."""

from __future__ import annotations

import io
import json
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.fakes import terminal
from support.helpers import SHORT_FORMAT, balint, write

from balint_cli.core.schedule import take_cases
from balint_cli.errors import BadInput
from balint_cli.formats.builtin import BUILTIN_NAMES
from balint_cli.formats.catalogue import resolve
from balint_cli.fs.toml import parse_toml
from balint_cli.groupview.state import shown
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import SessionScreen

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


# -- the words said fit the cases taken ---------------------------------------------------

ONE_CASE_OPENING = "We have time for one case today. Who has a case?"
TWO_CASE_OPENING = "We have time for two cases today. Who has a case? And is there a second?"


def _planned(*args: str) -> list[dict[str, Any]]:
    result = balint("plan", "90min", "--start", "18:00", "--json", *args)
    assert result.exit_code == 0, result.output
    phases: list[dict[str, Any]] = json.loads(result.stdout)["phases"]
    return phases


def test_plan_with_one_case_of_90min_has_the_words_for_one_case() -> None:
    opening, *_, closing = _planned("--cases", "1")
    assert opening["prompt"].endswith(ONE_CASE_OPENING)
    assert opening["for_group"].endswith("we take one today.")
    assert "a case is allowed to come forward" in opening["purpose"]
    assert "Cases can stay with us. If this one has stirred something up" in closing["prompt"]
    assert "out of the case," in closing["purpose"]


@pytest.mark.parametrize("cases", [["--cases", "2"], []])
def test_plan_with_both_cases_keeps_the_words_for_two(cases: list[str]) -> None:
    opening, *_, closing = _planned(*cases)
    assert opening["prompt"].endswith(TWO_CASE_OPENING)
    assert opening["for_group"].endswith("we take two today.")
    assert "Two cases can stir a lot up." in closing["prompt"]


def _first_frame(cases: int) -> tuple[str, str]:
    """What `balint run 90min --cases N` shows first: the leader's screen, the group's view."""
    now = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    prepared = prepare(Request(format_ref="90min", cases=cases), now)
    view = prepared.session.view(0)
    console = terminal(100, 30)
    console.print(SessionScreen(view=view, look=prepared.look))
    assert isinstance(console.file, io.StringIO)
    group = shown(view, prepared.look, 1.0, "en", now.timestamp())
    return " ".join(console.file.getvalue().split()), group.for_group


def test_run_with_one_case_of_90min_opens_with_the_words_for_one_case() -> None:
    screen, group = _first_frame(1)
    assert ONE_CASE_OPENING in screen
    assert "second" not in screen
    assert group.endswith("we take one today.")


def test_run_with_both_cases_of_90min_opens_with_the_words_for_two() -> None:
    screen, group = _first_frame(2)
    assert TWO_CASE_OPENING in screen
    assert group.endswith("we take two today.")


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_no_builtin_speaks_of_a_second_case_in_a_session_of_one(name: str) -> None:
    phases = resolve(name, Path("/nonexistent")).format.phases
    for phase in take_cases(phases, 1 if any(p.case for p in phases) else None):
        words = " ".join([phase.prompt, phase.purpose, phase.for_group, *phase.interventions])
        for two in ("two cases", "second", "the cases", "both cases"):
            assert two not in words.lower(), (name, phase.id, two)


TWO_CASES = """\
name = "Two short cases"

[[phases]]
id = "facts-1"
title = "Case facts"
minutes = 5
case = 1

[[phases]]
id = "facts-2"
title = "Case facts"
minutes = 5
case = 2

[[phases]]
id = "closing"
title = "Closing"
minutes = 2
prompt = "Thank you both for your cases."
prompt_one_case = "Thank you for your case."
for_group = "A word each; two cases can stir a lot up."
"""


def test_a_format_of_your_own_gives_its_words_for_one_case(tmp_path: Path) -> None:
    path = write(tmp_path / "two.toml", TWO_CASES)
    one = balint("plan", str(path), "--cases", "1", "--json")
    assert one.exit_code == 0, one.output
    closing = json.loads(one.stdout)["phases"][-1]
    assert closing["prompt"] == "Thank you for your case."
    assert closing["for_group"] == "A word each; two cases can stir a lot up.", "none given"
    both = json.loads(balint("plan", str(path), "--json").stdout)["phases"][-1]
    assert both["prompt"] == "Thank you both for your cases."


def test_the_schema_describes_the_words_for_one_case() -> None:
    result = balint("formats", "schema")
    assert result.exit_code == 0, result.output
    phase = json.loads(result.stdout)["$defs"]["Phase"]["properties"]
    for name in ("prompt_one_case", "purpose_one_case", "for_group_one_case"):
        assert "one case only" in phase[name]["description"], name


# -- a format of yours that replaces a built-in, and the file `formats new` writes --------

REPLACES = (
    "Note: your file of this name now replaces the built-in 45min for `balint run 45min`; "
    "to undo that, remove the file or give it another name.\n"
)


def test_formats_new_says_when_your_file_replaces_a_builtin(home: Path) -> None:
    result = balint("formats", "new", "45min", "--minutes", "50")
    assert result.exit_code == 0, result.output
    assert result.stderr == REPLACES
    listed = {
        (f["name"], f["source"]): f for f in json.loads(balint("formats", "list", "--json").stdout)
    }
    assert listed[("45min", "built-in")]["replaced_by_yours"] is True
    assert listed[("45min", "yours")]["replaces_builtin"] is True
    assert json.loads(balint("plan", "45min", "--json").stdout)["minutes"] == 50


def test_formats_new_says_so_for_a_path_into_your_formats_folder(home: Path) -> None:
    (home / "formats").mkdir(parents=True)
    result = balint("formats", "new", "x", "-o", str(home / "formats" / "45min.toml"))
    assert result.exit_code == 0, result.output
    assert result.stderr == REPLACES


@pytest.mark.parametrize("where", [[], ["-o", "elsewhere/45min.toml"]])
def test_formats_new_is_quiet_when_nothing_is_replaced(tmp_path: Path, where: list[str]) -> None:
    (tmp_path / "elsewhere").mkdir()
    name = "weekly" if not where else "45min"
    output = [where[0], str(tmp_path / where[1])] if where else []
    result = balint("formats", "new", name, *output)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_the_file_formats_new_writes_explains_each_key_it_uses(home: Path) -> None:
    result = balint("formats", "new", "mine", "--from", "90min")
    assert result.exit_code == 0, result.output
    text = (home / "formats" / "mine.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    lines = text.splitlines()
    used = {*data, *(key for phase in data["phases"] for key in phase)} - {"phases"}
    for key in used:
        first = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
        explained = [i for i, line in enumerate(lines) if line.startswith(f"# {key}: ")]
        assert explained and explained[0] < first, key
    assert "# minutes: How long it lasts: more than 0" in text, "a phase's own, not the total's"
    shown = json.loads(balint("formats", "show", "mine", "--json").stdout)
    assert shown == json.loads(balint("formats", "show", "90min", "--json").stdout)


def test_the_file_formats_new_writes_lists_the_keys_it_does_not_use(home: Path) -> None:
    assert balint("formats", "new", "mine").exit_code == 0
    text = (home / "formats" / "mine.toml").read_text(encoding="utf-8")
    assert "# Also possible in a phase:\n#   prompt_one_case: The prompt instead" in text
    assert "# language: The language of the format's words, such as en or de" in text, "used"
