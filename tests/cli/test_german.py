"""German through the commands: the notes, the plain lines, the log's problems, plan,
formats and handouts, with no English among them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.formats import builtin
from support.german import (
    GERMAN_FORMATS,
    english_in,
    own_words,
    seen_text,
    stopped_german,
)
from support.helpers import balint, write
from support.screens import STARTED, screen_text, started

from balint_cli.live.panels import HELP, help_rows, key_lines
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import Look, Overlay


def test_the_key_for_tips_is_called_tips() -> None:
    assert all("i tips" in line for line in key_lines()[:3]), key_lines()
    assert ("i", "this phase's purpose, what to say", "tips") in help_rows()
    session = started(builtin("45min").phases)
    help_panel = screen_text(session, 5.0, overlay=Overlay(panel=HELP), width=40, height=30)
    shown = screen_text(session, 5.0) + help_panel
    assert "aids" not in shown, shown
    said = " ".join(balint("run", "--help").output.split())
    assert "g ground rules, i tips," in said, said


def test_a_demo_says_its_speed_and_labels_the_purpose() -> None:
    result = balint("demo", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert "       Purpose: The leader protects the frame" in result.stdout, result.stdout
    assert "Why:" not in result.stdout
    session = started(builtin("45min").phases)
    look = Look("x", STARTED, show_purpose=True, badge=_demo_badge(30))
    text = screen_text(session, 5.0, look)
    assert "demo, 30× speed · phase 1 of 7" in text.splitlines()[0], text
    assert re.search(r"^Purpose: The leader protects the frame", text, re.MULTILINE), text


def _demo_badge(speed: float) -> str:
    return prepare(Request(speed=speed, demo=True), STARTED).look.badge


def test_a_second_case_on_a_handout_names_the_phase_it_repeats() -> None:
    result = balint("handout", "90min", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "Same words as phase 5 (Group discussion)." in result.stdout
    assert "As 5," not in result.stdout


def test_the_notes_before_a_german_session_are_german(home: Path) -> None:
    result = balint("run", "de-45min", "--speed", "100000", "--group", "Donnerstag")
    assert result.exit_code == 0, result.output
    assert "Hinweis: „Donnerstag“ steht nicht in groups.toml" in result.stderr, result.stderr
    assert "Sitzungsprotokolle (nur Zeiten und Zahlen, nur für Sie lesbar) liegen in" in (
        result.stderr
    ), "where logs go, said the first time"
    assert english_in(result.stdout + result.stderr, *own_words("de-45min", home)) == []


def test_no_english_in_the_lines_of_a_german_session_without_a_screen(home: Path) -> None:
    assert balint("groups", "add", "Dienstag", "--members", "12").exit_code == 0
    stopped = stopped_german(home)
    result = balint(
        "run", "de-90min", "--speed", "100000", "--group", "Dienstag", "--attendees", "14",
        "--end-at", f"{datetime.now() + timedelta(hours=2):%H:%M}", "--some-leave-at", "00:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = result.stdout + result.stderr
    assert english_in(said, *own_words("de-90min", home), stopped.stem) == [], said
    assert "Hinweis: Eine um " in result.stderr, "the offer, piped, in German"
    assert "unterbrochene Sitzung wurde nicht beendet" in result.stderr
    assert "Hinweis: 14 anwesend, mehr als die 12 Angemeldeten – vielleicht Gäste." in said


def test_a_german_log_that_cannot_be_written_says_so_in_german(home: Path) -> None:
    write(home / "logs", "a file where the logs folder should be")
    result = balint("run", "de-45min", "--speed", "100000")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Warnung: Das Sitzungsprotokoll kann nicht geschrieben werden ("
    ), result.stderr
    assert "die Sitzung läuft weiter." in result.stderr
    said = result.stdout + result.stderr  # why, in the system's words, is the path's alone
    assert english_in(said, *own_words("de-45min", home)) == [], said


CHROME = [
    ("plan", "de-90min"),
    ("plan", "de-45min", "--start", "09:00", "--end-at", "12:00"),  # stretched: a warning
    ("formats", "show", "de-45min"),
    ("formats", "show", "de-90min"),
    ("formats", "list"),
]


@pytest.mark.parametrize("args", CHROME, ids=[" ".join(args) for args in CHROME])
def test_no_english_in_the_chrome_of_plan_and_formats(
    home: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")  # formats list speaks the system's language
    result = balint(*args)
    assert result.exit_code == 0, result.output
    own = [*own_words("de-45min"), *own_words("de-90min")]
    if args[:2] == ("formats", "list"):  # the English built-ins' names are theirs
        own += [builtin(name).name for name in ("45min", "60min", "90min")]
        own += ["45min", "60min", "90min"]
    assert english_in(result.stdout, *own) == [], result.stdout


@pytest.mark.parametrize("name", GERMAN_FORMATS)
@pytest.mark.parametrize("kind", ["md", "html", "svg"])
@pytest.mark.parametrize("audience", ["leader", "members"])
def test_no_english_on_a_german_handout(name: str, kind: str, audience: str) -> None:
    result = balint("handout", name, "--format", kind, "--for", audience)
    assert result.exit_code == 0, result.output
    assert english_in(seen_text(result.stdout), *own_words(name)) == [], result.stdout


def test_a_german_markdown_timeline_keeps_its_unit_apart_and_its_bars_in_line() -> None:
    result = balint("handout", "de-45min")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ruler = next(line for line in lines if line.startswith("Min."))
    first = next(line for line in lines if line.lstrip().startswith("1 █"))
    assert ruler.startswith("Min. 0 "), ruler
    assert ruler.index("0") == first.index("█"), "the bars start at minute 0"
