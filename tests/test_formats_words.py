"""The built-in formats' words, as each school's leaders read them aloud, and the online
frame a format may keep beside its ground rules."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from helpers import balint, write

from balint_cli.formats import Format, builtin_dir

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
        ('online_rules = "one"', "online_rules"),
        ("online_rules = [" + '"x", ' * 51 + "]", "online_rules"),
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
