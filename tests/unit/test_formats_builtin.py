"""The built-in formats' words, as each school's leaders read them aloud, and the online
frame a format may keep beside its ground rules."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from support.helpers import balint, write

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir

ONE_PHASE = '[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\n'


def _format(tmp_path: Path, head: str) -> Path:
    return write(tmp_path / "f.toml", f'name = "x"\n{head}\n{ONE_PHASE}')


# -- online_rules: the frame of a session held online, as data ---------------------------------


def test_a_format_may_keep_online_rules(tmp_path: Path) -> None:
    path = _format(tmp_path, 'online_rules = ["Join from a private room.", "No recording."]')
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
    result = balint("formats", "validate", str(_format(tmp_path, head)))
    assert result.exit_code == 2, result.output
    assert said in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 2, result.stderr


def test_the_schema_and_a_copy_keep_online_rules(home: Path) -> None:
    schema = json.loads(balint("formats", "schema").stdout)
    described = schema["properties"]["online_rules"]
    assert described["type"] == "array" and described["maxItems"] == 50
    assert "online" in described["description"]
    result = balint("formats", "new", "mine", "--from", "45min")
    assert result.exit_code == 0, result.output
    copied = tomllib.loads((home / "formats" / "mine.toml").read_text(encoding="utf-8"))
    original = tomllib.loads((builtin_dir() / "45min.toml").read_text(encoding="utf-8"))
    assert copied.get("online_rules") == original.get("online_rules")


def _builtin(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


ENGLISH = ("45min", "60min", "90min")
GERMAN = ("de-45min", "de-90min")


# -- every built-in ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGLISH + GERMAN)
def test_the_first_ground_rule_says_patients_are_not_named(name: str) -> None:
    rules = _builtin(name).ground_rules
    assert len(rules) == 8, "eight rules, as ever"
    first = rules[0].lower()
    assert "name" in first, rules[0]
    assert "stays in the group" in first or "bleibt in der gruppe" in first, rules[0]


@pytest.mark.parametrize("name", ENGLISH + GERMAN)
def test_every_builtin_keeps_an_online_frame(name: str) -> None:
    said = " ".join(_builtin(name).online_rules).lower()
    assert len(_builtin(name).online_rules) >= 4, said
    private = ("private room", "ungestört")
    recording = ("record", "aufgezeichnet")
    camera = ("camera", "kamera")
    dropped = ("connection drops", "verbindung ab")
    for words in (private, recording, camera, dropped):
        assert any(word in said for word in words), (words, said)


# -- the English built-ins -------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGLISH)
def test_english_builtins_say_they_are_english(name: str) -> None:
    assert _builtin(name).language == "en"


def test_a_german_laptop_keeps_an_english_format_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    result = balint("handout", "90min", "--for", "members")
    assert result.exit_code == 0, result.output
    assert "## Ground rules" in result.stdout, result.stdout
    assert "Grundregeln" not in result.stdout and "Fall 1" not in result.stdout


@pytest.mark.parametrize("name", ENGLISH)
def test_english_words_read_aloud_in_every_school(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8").lower()
    for word in ("doctor", "occupational health", "needn't", "cross-examined", "support unit"):
        assert word not in text, word
    assert "'why did you'" not in text, "typographic quotes"


@pytest.mark.parametrize("name", ENGLISH)
def test_english_phases_protect_the_presenter_as_the_schools_do(name: str) -> None:
    fmt = _builtin(name)
    for phase in fmt.phases:
        flat = " ".join(phase.prompt.split())
        if phase.title == "Clarifying questions":
            assert "picture what happened?" in flat, flat
            assert "answers what they wish" in phase.for_group
        if phase.title == "Group discussion":
            assert any("questions to the presenter" in said for said in phase.interventions)
            assert any("notice in yourself" in said for said in phase.interventions)
        if phase.title == "Presenter returns":
            assert "What was it like to listen?" in flat, flat
            assert "as much or as little as they wish" in phase.for_group
            assert "no replies" not in phase.for_group
        if phase.title == "Presenter steps back":
            assert "Online, you may turn your camera off." in flat, flat
    closing = " ".join(fmt.phases[-1].prompt.split())
    assert "one of us afterwards, or to someone you trust" in closing, closing
    assert "talk to the leaders or someone you trust" in fmt.phases[-1].for_group
    if name != "60min":  # its opening prompt asks for news already
        assert any("news of a case" in said for said in fmt.phases[0].interventions)


# -- the German built-ins: the DBG's own words ------------------------------------------------


@pytest.mark.parametrize("name", GERMAN)
def test_german_builtins_speak_as_the_dbg_does(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8")
    for word in (
        "Wechsel ins Zuhören",  # the DBG says Zurücklehnen
        "Person, die den Fall",  # the DBG says Referentin/Referent
        "Mentorin",  # translated UK vocabulary
        "betriebsärztlich",
        "Behandelnden",
        "hält Raum",  # "hold space", an Anglicism
        "aus dem Kreis",  # the UK push-back: in Germany the Referent stays in the circle
        "Wenn es mehrere sind",
    ):
        assert word not in text, word
    fmt = _builtin(name)
    titles = [phase.title for phase in fmt.phases]
    assert "Zurücklehnen" in titles, titles
    by_title = {phase.title: phase for phase in fmt.phases}
    assert "Referent" in by_title["Sachfragen"].purpose
    assert "Referent" in by_title["Gruppengespräch"].purpose
    assert any("Referent" in said for said in by_title["Gruppengespräch"].interventions)
    assert "Was hat die Erzählung bei Ihnen ausgelöst?" in by_title["Gruppengespräch"].prompt
    back = by_title["Rückkehr in die Runde"]
    assert "Wie ist es Ihnen beim Zuhören ergangen?" in " ".join(back.prompt.split())
    assert "ein kurzer Austausch" in " ".join(back.purpose.split()), "the dialogue DBG groups allow"
    assert "nachgefragt wird nicht" in back.for_group
    closing = " ".join(by_title["Abschlussrunde"].prompt.split())
    assert "Blitzlicht" in closing and "Mit welchem Gefühl" in closing, closing
    assert "Leitung oder jemanden Ihres Vertrauens" in by_title["Abschlussrunde"].for_group
