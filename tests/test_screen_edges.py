"""The live screen's edges: every key findable, on the key line and in `run --help`."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone

import pytest
from helpers import balint

from balint_cli.formats import Format, builtin_dir
from balint_cli.i18n import use
from balint_cli.screen import Look, SessionScreen, frame, key_lines
from balint_cli.session import Session

STARTED = datetime(2026, 11, 23, 12, 30, tzinfo=timezone(timedelta(hours=1)))


def _format(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text()))


def _named(line: str) -> set[str]:
    """The keys a key line names: single letters and signs, alone or as n/b and +/-."""
    keys = {part for word in line.split() for part in word.split("/") if len(part) == 1}
    if any(word in line.split() for word in ("space", "spc", "Leer")):
        keys.add("space")
    return keys


EVERY_KEY = {"space", "n", "b", "+", "-", "g", "i", "c", "m", "a", "d", "q", "?"}


# -- every key findable -------------------------------------------------------------------------


def _bottom(width: int) -> str:
    """The bottom row of a session's screen at this width."""
    session = Session(_format("90min").phases, target=90 * 60)
    session.begin()
    return list(frame(SessionScreen(view=session.view(30), look=Look("x", STARTED)), width, 30))[-1]


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_key_is_findable_on_the_key_line_at_every_width(language: str) -> None:
    use(language)
    for width in (40, 50, 60, 70, 79, 80, 90, 100, 110, 119, 120, 200):
        bottom = _bottom(width)
        assert bottom in key_lines(), (width, bottom)
        assert _named(bottom) >= EVERY_KEY, (width, bottom, EVERY_KEY - _named(bottom))
        assert "?" in bottom.split(), (width, bottom)


def test_from_100_columns_a_and_d_are_said_in_words() -> None:
    assert "a came" in _bottom(100) and "d discreet" in _bottom(100), _bottom(100)
    assert "g rules · i aids · c case · m mark" in _bottom(80), _bottom(80)


def test_run_help_names_every_key() -> None:
    result = balint("run", "--help")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    keys = said[said.index("Keys:") : said.index("Without a terminal")]
    for key, what in (("a", "how many came"), ("d", "discreet"), ("?", "help")):
        assert f" {key} {what}" in keys, keys
    assert _named(keys.replace(",", " ").replace(".", " ")) >= EVERY_KEY
