"""`balint formats list|show|new|schema`: what an organiser sees and gets, and files among
your formats that are not formats."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from support.formats import format_file
from support.helpers import SHORT_FORMAT, balint, fifo, no_crash, write

from balint_cli.core.format import PHASE_FIELDS, Format
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir


def test_list_shows_builtins_with_length_cases_and_origin() -> None:
    result = balint("formats", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "min", "cases", "title", "from"]
    assert lines[1].split()[:3] == ["45min", "45", "1"]
    assert lines[1].rstrip().endswith("built-in")
    assert lines[3].split()[:3] == ["90min", "90", "2"]


def test_list_says_when_your_format_replaces_a_builtin(home: Path) -> None:
    write(home / "formats" / "45min.toml", SHORT_FORMAT)
    write(home / "formats" / "tuesday.toml", SHORT_FORMAT)
    result = balint("formats", "list")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith(("45min", "tuesday"))]
    assert "built-in, replaced by yours" in rows[0]
    assert "45-minute lunchtime group" in rows[0]
    assert "yours, replaces the built-in" in rows[1]
    assert "Short test group" in rows[1]
    assert "yours" in rows[2]
    assert rows[2].startswith("tuesday")
    listed = json.loads(balint("formats", "list", "--json").stdout)
    mine = [f for f in listed if f["source"] == "yours"]
    assert {f["name"] for f in mine} == {"45min", "tuesday"}
    assert next(f for f in mine if f["name"] == "45min")["replaces_builtin"] is True
    assert balint("plan", "45min", "--json").stdout.count('"id"') == 3, "yours wins"


def test_list_keeps_going_past_a_broken_file(home: Path) -> None:
    write(home / "formats" / "broken.toml", "name = ")
    result = balint("formats", "list")
    assert result.exit_code == 0
    broken = next(line for line in result.stdout.splitlines() if line.startswith("broken"))
    assert "not valid" in broken
    assert "45min" in result.stdout
    listed = json.loads(balint("formats", "list", "--json").stdout)
    assert "line 1: name has no value after the =" in next(
        f for f in listed if f["name"] == "broken"
    )["error"]


@pytest.mark.parametrize("name", ["Tuesday", "my group"])
def test_every_format_that_is_listed_can_be_used_by_its_name(home: Path, name: str) -> None:
    write(home / "formats" / f"{name}.toml", SHORT_FORMAT)
    assert name in balint("formats", "list").stdout
    result = balint("plan", name, "--start", "12:30")
    assert result.exit_code == 0, result.output
    assert "Short test group" in result.stdout


def test_list_json_has_a_stable_shape() -> None:
    listed = json.loads(balint("formats", "list", "--json").stdout)
    assert [f["name"] for f in listed] == list(BUILTIN_NAMES)
    assert set(listed[0]) == {
        "name",
        "title",
        "minutes",
        "cases",
        "phases",
        "source",
        "path",
        "replaced_by_yours",
        "replaces_builtin",
        "error",
    }


def test_show_prints_phases_ground_rules_and_a_timeline() -> None:
    result = balint("formats", "show", "45min")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("45-minute lunchtime group")
    assert "What is said in the group stays in the group" in out
    assert "Group discussion" in out
    assert "flexible" in out
    bar = out.rstrip().splitlines()[-1]
    segments = {int(n): len(n + fill) for n, fill in re.findall(r"(\d)([█▓]*)", bar)}
    assert sorted(segments) == [1, 2, 3, 4, 5, 6, 7]
    # drawn to scale: the discussion (20 of 45 minutes) is the longest, twice the facts (6)
    assert max(segments, key=lambda n: segments[n]) == 5
    assert segments[5] / segments[2] == pytest.approx(20 / 6, rel=0.2)


def test_show_keeps_wrapped_rules_beside_their_bullet_and_says_when_phases_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = balint("formats", "show", "90min").stdout.splitlines()
    first = lines.index("Ground rules") + 1
    assert lines[first].startswith("  • What is said in the group")
    assert lines[first + 1].startswith("    ")
    assert lines[first + 1].strip()
    closing = next(line for line in lines if "closing " in line).split()
    assert closing[-2:] == ["86", "min"], "the closing starts 86 minutes in"


def test_show_json_gives_every_phase_field() -> None:
    result = balint("formats", "show", "90min", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "90-minute group, two cases"
    assert data["minutes"] == 90
    assert data["version"] == 1
    assert isinstance(data["phases"], list)
    assert len(data["phases"]) == 12
    for phase in data["phases"]:
        assert set(phase) == set(PHASE_FIELDS)
    assert data["phases"][4] == {**data["phases"][4], "id": "discussion-1", "flexible": True}


def test_markup_in_a_title_is_shown_literally(tmp_path: Path) -> None:
    path = write(
        tmp_path / "odd.toml", SHORT_FORMAT.replace('title = "Case facts"', 'title = "[bold]x[/]"')
    )
    for args in (["formats", "show", str(path)], ["plan", str(path), "--start", "09:00"]):
        result = balint(*args)
        assert result.exit_code == 0, result.output
        assert "[bold]x[/]" in result.stdout


def test_new_copies_a_format_into_your_folder(home: Path) -> None:
    result = balint("formats", "new", "tuesday", "--from", "60min")
    assert result.exit_code == 0, result.output
    path = home / "formats" / "tuesday.toml"
    assert f"Wrote {path}" in result.stdout
    assert balint("formats", "validate", str(path)).exit_code == 0
    copy = Format.model_validate(tomllib.loads(path.read_text()))
    original = Format.model_validate(tomllib.loads((builtin_dir() / "60min.toml").read_text()))
    assert copy == original
    shown = balint("formats", "show", "tuesday")
    assert shown.exit_code == 0
    assert "yours" in shown.stdout


def test_new_gives_a_small_change_to_the_flexible_phase(home: Path) -> None:
    result = balint("formats", "new", "long-lunch", "--from", "45min", "--minutes", "50")
    assert result.exit_code == 0, result.output
    data = json.loads(balint("formats", "show", "long-lunch", "--json").stdout)
    before = json.loads(balint("formats", "show", "45min", "--json").stdout)
    minutes = {p["id"]: p["minutes"] for p in data["phases"]}
    planned = {p["id"]: p["minutes"] for p in before["phases"]}
    assert data["minutes"] == 50
    assert sum(minutes.values()) == 50
    assert minutes["discussion"] == planned["discussion"] + 5
    assert all(minutes[k] == planned[k] for k in planned if k != "discussion")


def test_new_keeps_the_shape_of_a_session_cut_by_a_third(home: Path) -> None:
    result = balint("formats", "new", "short", "--from", "90min", "--minutes", "60")
    assert result.exit_code == 0, result.output
    data = json.loads(balint("formats", "show", "short", "--json").stdout)
    before = json.loads(balint("formats", "show", "90min", "--json").stdout)
    minutes = [p["minutes"] for p in data["phases"]]
    planned = [p["minutes"] for p in before["phases"]]
    assert sum(minutes) == 60
    assert all(m > 0 for m in minutes), minutes
    assert all((m * 2).is_integer() for m in minutes), minutes
    discussions = [m for m, p in zip(minutes, data["phases"], strict=True) if p["flexible"]]
    assert all(d == max(minutes) for d in discussions), "the discussions stay the longest"
    assert all(d >= 12 for d in discussions), "not squeezed to a few minutes"
    assert all(m <= p for m, p in zip(minutes, planned, strict=True)), "every phase gives a little"


def test_a_rescaled_copy_has_a_short_clean_name_and_description(home: Path) -> None:
    assert balint("formats", "new", "mid", "--from", "90min", "--minutes", "60").exit_code == 0
    assert balint("formats", "new", "small", "--from", "mid", "--minutes", "45").exit_code == 0
    data = json.loads(balint("formats", "show", "small", "--json").stdout)
    assert data["name"] == "small"
    assert data["description"] == "mid, in 45 minutes."


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("0", "--minutes must be more than 0 and at most 480 (8 hours)."),
        ("900", "--minutes must be more than 0 and at most 480 (8 hours)."),
        ("nan", "--minutes must be more than 0 and at most 480 (8 hours)."),
        ("50.2", "--minutes must be whole or half minutes, like 60 or 52.5."),
        (
            "3",
            "--minutes 3 is too short for this format: its 7 phases need at least 7 minutes "
            "(a minute each).",
        ),
        (
            "6.5",
            "--minutes 6.5 is too short for this format: its 7 phases need at least 7 minutes "
            "(a minute each).",
        ),
    ],
)
def test_new_refuses_impossible_lengths(minutes: str, message: str) -> None:
    result = balint("formats", "new", "x", "--minutes", minutes)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


def test_new_never_overwrites_without_force(home: Path, tmp_path: Path) -> None:
    assert balint("formats", "new", "mine").exit_code == 0
    again = balint("formats", "new", "mine", "--from", "90min")
    assert again.exit_code == 2
    assert (
        again.stderr == f"Error: {home / 'formats' / 'mine.toml'} already exists; "
        "use --force to replace it.\n"
    )
    assert balint("formats", "new", "mine", "--from", "90min", "--force").exit_code == 0
    data = json.loads(balint("formats", "show", "mine", "--json").stdout)
    assert data["minutes"] == 90


def test_new_writes_to_a_path_of_your_choice(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "group.toml"
    refused = balint("formats", "new", "group", "-o", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: {target} cannot be written: there is no folder {target.parent}.\n"
    )
    assert not target.parent.exists(), "a mistyped folder is not made"
    target.parent.mkdir()
    result = balint("formats", "new", "group", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"balint run {target}" in result.stdout
    assert balint("formats", "validate", str(target)).exit_code == 0


@pytest.mark.parametrize("name", ["../evil", "Has Space", "", "x" * 41, "_under"])
def test_new_refuses_a_name_that_is_not_a_file_name(name: str) -> None:
    result = balint("formats", "new", name)
    assert result.exit_code == 2
    assert "cannot name a format" in result.stderr


def test_schema_describes_the_format_file() -> None:
    result = balint("formats", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["required"] == ["name", "phases"]
    assert schema["additionalProperties"] is False
    phase = schema["$defs"]["Phase"]
    assert set(phase["properties"]) == set(PHASE_FIELDS)
    assert phase["properties"]["minutes"]["exclusiveMinimum"] == 0
    assert phase["properties"]["id"]["pattern"] == "^[a-z0-9-]+$"


def test_a_format_may_keep_online_rules(tmp_path: Path) -> None:
    path = format_file(tmp_path, 'online_rules = ["Join from a private room.", "No recording."]')
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 0, result.output
    shown = json.loads(balint("formats", "show", str(path), "--json").stdout)
    assert shown["online_rules"] == ["Join from a private room.", "No recording."]


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("online_rules = [1]", "f.toml: online_rules[0] must be text in quotes."),
        (
            'online_rules = ["fine", "red \\u001b[31m"]',
            "f.toml: online_rules[1] must not contain control characters (found U+001B).",
        ),
        ('online_rules = "one"', "f.toml: online_rules must be a list."),
        ("online_rules = [" + '"x", ' * 51 + "]", "online_rules must have at most 50 entries."),
    ],
)
def test_online_rules_are_checked_as_ground_rules_are(tmp_path: Path, head: str, said: str) -> None:
    result = balint("formats", "validate", str(format_file(tmp_path, head)))
    assert result.exit_code == 2, result.output
    assert said in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 2, result.stderr


def test_the_schema_and_a_copy_keep_online_rules(home: Path) -> None:
    schema = json.loads(balint("formats", "schema").stdout)
    described = schema["properties"]["online_rules"]
    assert described["type"] == "array"
    assert described["maxItems"] == 50
    assert "online" in described["description"]
    result = balint("formats", "new", "mine", "--from", "45min")
    assert result.exit_code == 0, result.output
    copied = tomllib.loads((home / "formats" / "mine.toml").read_text(encoding="utf-8"))
    original = tomllib.loads((builtin_dir() / "45min.toml").read_text(encoding="utf-8"))
    assert copied.get("online_rules") == original.get("online_rules")


def test_a_german_laptop_keeps_an_english_format_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    result = balint("handout", "90min", "--for", "members")
    assert result.exit_code == 0, result.output
    assert "## Ground rules" in result.stdout, result.stdout
    assert "Grundregeln" not in result.stdout
    assert "Fall 1" not in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["plan"],
        ["formats", "show"],
        ["formats", "validate"],
        ["handout"],
        ["run", "--speed", "100000"],
    ],
)
@pytest.mark.usefixtures("no_hang")
def test_a_fifo_named_as_a_format_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    pipe = fifo(tmp_path / "group.toml")
    result = balint(*command, str(pipe))
    no_crash(result)
    assert result.exit_code == 2
    assert f"Error: {pipe} is a pipe, not a format file." in result.stderr


@pytest.mark.usefixtures("no_hang")
def test_special_files_among_your_formats_are_listed_as_not_valid(home: Path) -> None:
    fifo(home / "formats" / "pipe.toml")
    (home / "formats" / "zero.toml").symlink_to("/dev/zero")
    result = balint("formats", "list")
    assert result.exit_code == 0, result.output
    assert "not valid:" in result.stdout
    assert "is a pipe" in result.stdout
    assert "is a device" in result.stdout
    assert balint("plan", "45min").exit_code == 0, "the built-ins are still there"


QUARTERS = """\
name = "Quarters"
[[phases]]
id = "a"
title = "A"
minutes = 0.25
[[phases]]
id = "b"
title = "B"
minutes = 0.25
"""


@pytest.mark.usefixtures("no_hang")
def test_formats_new_explains_lengths_it_cannot_make(tmp_path: Path) -> None:
    source = write(tmp_path / "q.toml", QUARTERS)
    result = balint("formats", "new", "x", "--from", str(source), "--minutes", "0.5")
    no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --minutes 0.5 is too short for this format: its 2 phases need at least 1 minute.\n"
    )


@pytest.mark.usefixtures("no_hang")
def test_formats_new_copes_with_a_description_near_its_limit(tmp_path: Path) -> None:
    long = SHORT_FORMAT.replace("Three phases for tests.", "x" * 4990)
    source = write(tmp_path / "long.toml", long)
    result = balint("formats", "new", "x", "--from", str(source), "--minutes", "8")
    no_crash(result)
    assert result.exit_code == 0, result.output


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
        assert explained, key
        assert explained[0] < first, key
    assert "# minutes: How long it lasts: more than 0" in text, "a phase's own, not the total's"
    shown = json.loads(balint("formats", "show", "mine", "--json").stdout)
    assert shown == json.loads(balint("formats", "show", "90min", "--json").stdout)


def test_the_file_formats_new_writes_lists_the_keys_it_does_not_use(home: Path) -> None:
    assert balint("formats", "new", "mine").exit_code == 0
    text = (home / "formats" / "mine.toml").read_text(encoding="utf-8")
    assert "# Also possible in a phase:\n#   prompt_one_case: The prompt instead" in text
    assert "# language: The language of the format's words, such as en or de" in text, "used"
