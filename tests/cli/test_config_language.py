"""`balint config set language` takes only a language balint speaks: another one would leave
every word in English without a word said."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.helpers import balint


def test_a_language_balint_does_not_speak_is_refused(home: Path) -> None:
    result = balint("config", "set", "language", "fr")
    assert result.exit_code == 2, result.output
    assert result.stderr == "Error: language must be one balint speaks, en or de, not 'fr'.\n"
    assert not (home / "config.toml").exists(), "nothing written"


@pytest.mark.parametrize("code", ["en", "de", "de_AT", "en-GB"])
def test_a_language_balint_speaks_is_set(home: Path, code: str) -> None:
    result = balint("config", "set", "language", code)
    assert result.exit_code == 0, result.output
    assert (home / "config.toml").read_text() == f'language = "{code}"\n'


@pytest.mark.parametrize(("typed", "kept"), [("DE", "de"), ("De-AT", "de-AT"), (" EN ", "en")])
def test_a_language_is_taken_in_capitals_too(home: Path, typed: str, kept: str) -> None:
    result = balint("config", "set", "language", typed)
    assert result.exit_code == 0, result.output
    assert (home / "config.toml").read_text() == f'language = "{kept}"\n'
    assert balint("--help").exit_code == 0, "and the config it wrote is read back"
