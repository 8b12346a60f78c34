"""The built-in formats' words, as each school's leaders read them aloud, and the online
frame a format may keep beside its ground rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from support.formats import builtin

from balint_cli.core.format import Format
from balint_cli.core.schedule import take_cases
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir
from balint_cli.formats.catalogue import resolve

# -- online_rules: the frame of a session held online, as data ---------------------------------


ENGLISH = ("45min", "60min", "90min")
GERMAN = ("de-45min", "de-90min")


# -- every built-in ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGLISH + GERMAN)
def test_the_first_ground_rule_says_patients_are_not_named(name: str) -> None:
    rules = builtin(name).ground_rules
    assert len(rules) == 8, "eight rules, as ever"
    first = rules[0].lower()
    assert "name" in first, rules[0]
    assert "stays in the group" in first or "bleibt in der gruppe" in first, rules[0]


@pytest.mark.parametrize("name", ENGLISH + GERMAN)
def test_every_builtin_keeps_an_online_frame(name: str) -> None:
    said = " ".join(builtin(name).online_rules).lower()
    assert len(builtin(name).online_rules) >= 4, said
    private = ("private room", "ungestört")
    recording = ("record", "aufgezeichnet")
    camera = ("camera", "kamera")
    dropped = ("connection drops", "verbindung ab")
    for words in (private, recording, camera, dropped):
        assert any(word in said for word in words), (words, said)


# -- the English built-ins -------------------------------------------------------------------


@pytest.mark.parametrize("name", ENGLISH)
def test_english_builtins_say_they_are_english(name: str) -> None:
    assert builtin(name).language == "en"


@pytest.mark.parametrize("name", ENGLISH)
def test_english_words_read_aloud_in_every_school(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8").lower()
    for word in ("doctor", "occupational health", "needn't", "cross-examined", "support unit"):
        assert word not in text, word
    assert "'why did you'" not in text, "typographic quotes"


@pytest.mark.parametrize("name", ENGLISH)
def test_english_phases_protect_the_presenter_as_the_schools_do(name: str) -> None:
    fmt = builtin(name)
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
    fmt = builtin(name)
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
    assert "Blitzlicht" in closing, closing
    assert "Mit welchem Gefühl" in closing, closing
    assert "Leitung oder jemanden Ihres Vertrauens" in by_title["Abschlussrunde"].for_group


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
    assert fmt.minutes == total
    assert fmt.total_minutes == total
    assert fmt.cases == cases
    titles = [p.title for p in fmt.phases]
    assert titles == ["Opening", *CASE_PHASES * cases, "Closing"]
    assert fmt.ground_rules, "ground rules are said at the opening"
    for phase in fmt.phases:
        assert phase.prompt.strip(), phase.id
        assert phase.purpose.strip(), phase.id
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
    assert "one of us afterwards" in closing
    assert "someone you trust" in closing
    assert "support unit" not in closing
    assert "occupational health" not in closing
    assert "case" in fmt.phases[0].prompt


@pytest.mark.parametrize("name", ["de-45min", "de-90min"])
def test_the_german_builtins_follow_the_sources_too(name: str) -> None:
    text = (builtin_dir() / f"{name}.toml").read_text(encoding="utf-8")
    assert "Arzt" not in text, "nicht nur Ärztinnen und Ärzte"
    assert "Ärzt" not in text, "nicht nur Ärztinnen und Ärzte"
    fmt = Format.model_validate(tomllib.loads(text))
    assert fmt.language == "de"
    assert all(phase.for_group for phase in fmt.phases), "every phase says what members do"
    facts = next(p for p in fmt.phases if p.title == "Fallvorstellung")
    flat = " ".join(facts.prompt.split())
    assert "eigenen Worten" in flat
    assert "ohne Notizen" in flat
    questions = next(p for p in fmt.phases if p.title == "Sachfragen")
    assert "Fakten" in questions.prompt or "Sachfragen" in questions.prompt
    discussion = next(p for p in fmt.phases if p.title == "Gruppengespräch")
    assert discussion.flexible
    assert discussion.minutes == max(p.minutes for p in fmt.phases)
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
    assert "feelings can wait" not in facts.prompt
    assert "Just the facts" not in facts.prompt
    assert "without notes" in facts.prompt
    assert "own words" in facts.prompt
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


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_no_builtin_speaks_of_a_second_case_in_a_session_of_one(name: str) -> None:
    phases = resolve(name, Path("/nonexistent")).format.phases
    for phase in take_cases(phases, 1 if any(p.case for p in phases) else None):
        words = " ".join([phase.prompt, phase.purpose, phase.for_group, *phase.interventions])
        for two in ("two cases", "second", "the cases", "both cases"):
            assert two not in words.lower(), (name, phase.id, two)
