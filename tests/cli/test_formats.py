"""`balint formats list|show|new|schema`: what an organiser sees and gets."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from support.helpers import SHORT_FORMAT, balint, write

from balint_cli.core.format import PHASE_FIELDS, Format
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir

CASE_PHASES = [
    "Case facts",
    "Clarifying questions",
    "Presenter steps back",
    "Group discussion",
    "Presenter returns",
]


@pytest.mark.parametrize(
    ("name", "total", "cases"), [("45min", 45, 1), ("60min", 60, 1), ("90min", 90, 2)]
)
def test_builtin_formats_follow_the_balint_frame(name: str, total: int, cases: int) -> None:
    fmt = Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text()))
    assert fmt.minutes == total and fmt.total_minutes == total
    assert fmt.cases == cases
    titles = [p.title for p in fmt.phases]
    assert titles == ["Opening", *CASE_PHASES * cases, "Closing"]
    assert fmt.ground_rules, "ground rules are said at the opening"
    for phase in fmt.phases:
        assert phase.prompt.strip() and phase.purpose.strip(), phase.id
        assert phase.for_group.strip(), f"{phase.id}: what the members do now"
        assert "protect" in phase.purpose or "keeps" in phase.purpose, phase.id
    for case in range(1, cases + 1):
        phases = {p.title: p for p in fmt.phases if p.case == case}
        minutes = {title: p.minutes for title, p in phases.items()}
        assert 5 <= minutes["Case facts"] <= 10
        assert 4 <= minutes["Clarifying questions"] <= (5 if name == "90min" else 6)
        assert minutes["Presenter steps back"] == 1
        assert phases["Presenter steps back"].at_zero == "next", "a transition moves on quietly"
        assert (25 if name == "90min" else 20) <= minutes["Group discussion"] <= 40
        assert minutes["Group discussion"] == max(minutes.values())
        assert 4 <= minutes["Presenter returns"] <= 5
        flexible = [p.title for p in fmt.phases if p.case == case and p.flexible]
        assert flexible == ["Group discussion"]
        assert 4 <= len(phases["Clarifying questions"].interventions) <= 6, case
        assert 6 <= len(phases["Group discussion"].interventions) <= 8, case
    assert all(p.at_zero == "wait" for p in fmt.phases if p.title != "Presenter steps back")
    closing = fmt.phases[-1].prompt
    assert "one of us afterwards" in closing and "someone you trust" in closing
    assert "support unit" not in closing and "occupational health" not in closing
    assert "case" in fmt.phases[0].prompt


@pytest.mark.parametrize("name", ["de-45min", "de-90min"])
def test_the_german_builtins_follow_the_sources_too(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8")
    assert "Arzt" not in text and "Ärzt" not in text, "nicht nur Ärztinnen und Ärzte"
    fmt = Format.model_validate(tomllib.loads(text))
    assert fmt.language == "de"
    assert all(phase.for_group for phase in fmt.phases), "every phase says what members do"
    facts = next(p for p in fmt.phases if p.title == "Fallvorstellung")
    flat = " ".join(facts.prompt.split())
    assert "eigenen Worten" in flat and "ohne Notizen" in flat
    questions = next(p for p in fmt.phases if p.title == "Sachfragen")
    assert "Fakten" in questions.prompt or "Sachfragen" in questions.prompt
    discussion = next(p for p in fmt.phases if p.title == "Gruppengespräch")
    assert discussion.flexible and discussion.minutes == max(p.minutes for p in fmt.phases)
    step_back = next(p for p in fmt.phases if p.title == "Zurücklehnen")
    assert step_back.at_zero == "next"
    rules = " ".join(fmt.ground_rules)
    for said in (
        "bleibt in der Gruppe",
        "niemand bewertet",
        "Beziehung zu unseren Patientinnen und Patienten",
        "Niemand muss etwas sagen",
        "weder ausgefragt noch kritisiert",
        "hört im Gruppengespräch nur zu",
        "niemand muss recht haben",
        "nicht über das Privatleben",
    ):
        assert said in rules, said
    assert len(fmt.ground_rules) == 8


@pytest.mark.parametrize("name", ["45min", "60min", "90min"])
def test_builtin_words_are_profession_neutral_and_follow_the_sources(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text()
    assert "doctor" not in text.lower(), "groups include nurses, counsellors and students"
    assert "Thank you both" not in text, "unclear who is meant"
    fmt = Format.model_validate(tomllib.loads(text))
    facts = next(p for p in fmt.phases if p.title == "Case facts")
    assert "feelings can wait" not in facts.prompt and "Just the facts" not in facts.prompt
    assert "without notes" in facts.prompt and "own words" in facts.prompt
    assert "between the two of you" in facts.prompt, "what happened between them"
    questions = next(p for p in fmt.phases if p.title == "Clarifying questions")
    assert "fact" in questions.prompt, "the facts-only rule belongs to the questions"
    rules = " ".join(fmt.ground_rules)
    for said in (
        "stays in the group",
        "Nobody is being assessed",
        "relationship between clinician and patient",
        "judge",
        "fine not to speak",
        "not questioned closely or challenged",
        "listens during the discussion",
        "Speculation is welcome",
        "nobody needs to be right",
        "not about each other's private lives",
    ):
        assert said in rules, said


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
    assert "built-in, replaced by yours" in rows[0] and "45-minute lunchtime group" in rows[0]
    assert "yours, replaces the built-in" in rows[1] and "Short test group" in rows[1]
    assert "yours" in rows[2] and rows[2].startswith("tuesday")
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
    assert "Group discussion" in out and "flexible" in out
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
    assert lines[first + 1].startswith("    ") and lines[first + 1].strip()
    closing = next(line for line in lines if "closing " in line).split()
    assert closing[-2:] == ["86", "min"], "the closing starts 86 minutes in"


def test_show_json_gives_every_phase_field() -> None:
    result = balint("formats", "show", "90min", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "90-minute group, two cases"
    assert data["minutes"] == 90 and data["version"] == 1
    assert isinstance(data["phases"], list) and len(data["phases"]) == 12
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
    assert shown.exit_code == 0 and "yours" in shown.stdout


def test_new_gives_a_small_change_to_the_flexible_phase(home: Path) -> None:
    result = balint("formats", "new", "long-lunch", "--from", "45min", "--minutes", "50")
    assert result.exit_code == 0, result.output
    data = json.loads(balint("formats", "show", "long-lunch", "--json").stdout)
    before = json.loads(balint("formats", "show", "45min", "--json").stdout)
    minutes = {p["id"]: p["minutes"] for p in data["phases"]}
    planned = {p["id"]: p["minutes"] for p in before["phases"]}
    assert data["minutes"] == 50 and sum(minutes.values()) == 50
    assert minutes["discussion"] == planned["discussion"] + 5
    assert all(minutes[k] == planned[k] for k in planned if k != "discussion")


def test_new_keeps_the_shape_of_a_session_cut_by_a_third(home: Path) -> None:
    result = balint("formats", "new", "short", "--from", "90min", "--minutes", "60")
    assert result.exit_code == 0, result.output
    data = json.loads(balint("formats", "show", "short", "--json").stdout)
    before = json.loads(balint("formats", "show", "90min", "--json").stdout)
    minutes = [p["minutes"] for p in data["phases"]]
    planned = [p["minutes"] for p in before["phases"]]
    assert sum(minutes) == 60 and all(m > 0 and (m * 2).is_integer() for m in minutes)
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
