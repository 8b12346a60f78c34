"""The co-leaders' debrief: the questions a format keeps for it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from helpers import balint, write

from balint_cli.core.format import Format
from balint_cli.formats.builtin import BUILTIN_NAMES, builtin_dir

ONE_PHASE = '[[phases]]\nid = "a"\ntitle = "A"\nminutes = 5\n'


def _format(tmp_path: Path, head: str) -> Path:
    return write(tmp_path / "f.toml", f'name = "x"\n{head}\n{ONE_PHASE}')


def _builtin(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text("utf-8")))


# -- the format's `debrief` questions ----------------------------------------------------------


def test_a_format_may_keep_questions_for_the_debrief(tmp_path: Path) -> None:
    path = _format(tmp_path, 'debrief = ["How did the frame hold?", "What for supervision?"]')
    result = balint("formats", "validate", str(path))
    assert result.exit_code == 0, result.output
    shown = json.loads(balint("formats", "show", str(path), "--json").stdout)
    assert shown["debrief"] == ["How did the frame hold?", "What for supervision?"]


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("debrief = [1]", "f.toml: debrief[0] must be text in quotes."),
        (
            'debrief = ["fine", "red \\u001b[31m"]',
            "f.toml: debrief[1] must not contain control characters (found U+001B).",
        ),
        ('debrief = "one"', "f.toml: debrief must be a list."),
        ("debrief = [" + '"x", ' * 13 + "]", "debrief must have at most 12 entries."),
    ],
)
def test_debrief_questions_are_checked_as_ground_rules_are(
    tmp_path: Path, head: str, said: str
) -> None:
    result = balint("formats", "validate", str(_format(tmp_path, head)))
    assert result.exit_code == 2, result.output
    assert said in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) <= 2, result.stderr


def test_the_schema_and_a_copy_keep_the_debrief(home: Path) -> None:
    schema = json.loads(balint("formats", "schema").stdout)
    described = schema["properties"]["debrief"]
    assert described["type"] == "array" and described["maxItems"] == 12
    assert "co-led" in described["description"]
    result = balint("formats", "new", "mine", "--from", "90min")
    assert result.exit_code == 0, result.output
    copied = tomllib.loads((home / "formats" / "mine.toml").read_text(encoding="utf-8"))
    assert copied.get("debrief") == _builtin("90min").debrief


# What the bodies ask a debrief to look at: the frame, the group, the leaders' interventions,
# and what goes to supervision; in English and in the German society's words.
_ASKED = (
    ("frame", "rahmen"),
    ("group", "gruppe"),
    ("interventions", "interventionen"),
    ("supervision", "supervision"),
)


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_every_builtin_carries_a_debrief(name: str) -> None:
    questions = _builtin(name).debrief
    assert 3 <= len(questions) <= 6, questions
    said = " ".join(questions).lower()
    for words in _ASKED:
        assert any(word in said for word in words), (words, said)
    assert all(question.endswith("?") for question in questions), questions
    assert "doctor" not in said and "arzt" not in said, "clinicians, not only doctors"
