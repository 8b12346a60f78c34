"""German as German Balint groups speak it, on the screen, in the group's view and on paper."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from support.formats import builtin
from support.german import (
    GERMAN_FORMATS,
    catalogue,
    english_in,
    own_words,
    seen_text,
)
from support.helpers import write
from support.screens import STARTED, screen_text, started

from balint_cli.core.format import Phase
from balint_cli.core.session import Session
from balint_cli.groupview import state, web
from balint_cli.groupview import words as view_words
from balint_cli.groupview.terminal import GroupScreen
from balint_cli.live.controller import Controller
from balint_cli.live.panels import HELP
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import Look, Overlay
from balint_cli.logbook.writing import LogWriter

# -- English that reads aloud ------------------------------------------------------------------


def test_an_overrun_gives_the_length_first() -> None:
    session = started([Phase(id="q", title="Clarifying questions", minutes=4)])
    text = screen_text(session, 4 * 60 + 50)
    assert re.search(r"^ *4 min · \+00:50 over$", text, re.MULTILINE), text
    assert "over of" not in text


def test_a_discreet_overrun_is_whole_minutes_rounded_down() -> None:
    session = started([Phase(id="q", title="Clarifying questions", minutes=3)])
    text = screen_text(session, 3 * 60 + 62, Look("x", STARTED, discreet=True))
    assert re.search(r"^3 min · 1 min over$", text, re.MULTILINE), text


@pytest.mark.parametrize(
    ("allotted", "t", "line"),
    [
        (33.4, 0.0, "34 min left of 34 min, planned 26"),  # minutes up, and the length up too
        (7.5, 0.0, "8 min left of 8 min, planned 26"),
        (33.4, 30.0, "33 min left of 34 min, planned 26"),
    ],
)
def test_a_discreet_remainder_never_exceeds_the_length(
    allotted: float, t: float, line: str
) -> None:
    phase = Phase(id="d", title="Group discussion", minutes=26, flexible=True)
    session = started([phase], [allotted * 60])
    text = screen_text(session, t, Look("x", STARTED, discreet=True))
    assert re.search(rf"^{re.escape(line)}$", text, re.MULTILINE), text


def test_attendance_is_said_back_as_here() -> None:
    session = started(builtin("45min").phases)
    control = Controller(session, Look("x", STARTED))
    for key in ("a", "9", "enter"):
        control.press(key, 10.0)
    assert control.overlay.note == "9 here."
    control = Controller(session, Look("x", STARTED, members=12))
    for key in ("a", "9", "enter"):
        control.press(key, 20.0)
    assert control.overlay.note == "9 of 12 here."


def test_a_one_case_header_does_not_say_case_1_of_1() -> None:
    session = started(builtin("45min").phases)
    session.next(60.0)
    head = screen_text(session, 61.0).splitlines()[0]
    assert head.endswith("  phase 2 of 7"), head
    assert "case 1" not in head, head
    two = started(builtin("90min").phases)
    two.next(60.0)
    assert screen_text(two, 61.0).splitlines()[0].endswith("case 1 of 2 · phase 2 of 12")


# -- German as German Balint groups speak it ---------------------------------------------------

PREPOSITIONS = ("für", "mit", "zu", "in", "von", "nach", "bei", "aus")
NB = "\u00a0"


def test_the_english_words_are_found_where_they_are() -> None:
    """The check below finds English where there is some, and none in German prose."""
    assert english_in("12:30  Case facts ended after 6 min") == ["Case", "after", "ended"]
    assert english_in("Als Nächstes: Fallvorstellung (6 Min.) · Ende um 12:36") == []


def _german_screens(not_a_folder: Path) -> Iterator[tuple[str, str]]:
    """The live screen of each German built-in at its moments, in German, as plain text."""
    for name in GERMAN_FORMATS:
        fmt = builtin(name)
        warn = fmt.phases[0].seconds - 30
        for label, t, discreet in (("first", 10.0, False), ("warn", warn, False),
                                   ("over", 500.0, False), ("discreet", 10.0, True),
                                   ("discreet over", 500.0, True)):  # fmt: skip
            session = Session(fmt.phases, target=fmt.minutes and fmt.minutes * 60)
            session.begin()
            look = Look(fmt.name, STARTED, rules=fmt.ground_rules, discreet=discreet)
            yield f"{name} {label}", screen_text(session, t, look)
            session.toggle_pause(t + 1)
            yield f"{name} {label} paused", screen_text(session, t + 2, look)
        for keys, at in (
            (["?"], 0), (["g"], 0), (["i"], 1), (["q"], 1), (["a", "4"], 1), (["m"], 1),
            (["+"], 1), (["-"], 1), (["d"], 1), (["d", "d"], 1), (["c"], 1), (["b"], 1),
            (["b"], 0), (["c"], 0), (["n"], len(fmt.phases) - 1), (["a", "1", "enter"], 1),
        ):  # fmt: skip
            session = Session(fmt.phases)
            session.begin()
            for _ in range(at):
                session.next(5.0)
            control = Controller(session, Look(fmt.name, STARTED, rules=fmt.ground_rules))
            for key in keys:
                control.press(key, 6.0)
            shown = screen_text(session, 7.0, control.look, control.overlay, width=60, height=60)
            yield f"{name} after {keys} in phase {at + 1}", shown
        asked = Request(format_ref=name, demo=True, speed=30, some_leave_at="12:33")
        prepared = prepare(asked, STARTED)  # a demo: its badge, purposes and ground rules
        look = prepared.look
        look.notes = ["„Donnerstag“ steht nicht in groups.toml."]
        warned: list[str] = []
        look.warning = LogWriter.create(not_a_folder, STARTED, pytest.fail, warned.append).failed
        notes = Overlay(notes=tuple(look.notes))
        yield f"{name} demo", screen_text(prepared.session, 1.0, look, notes)
        assert warned == [look.warning]


def test_no_english_on_a_german_live_screen(german: None, tmp_path: Path) -> None:
    for label, text in _german_screens(write(tmp_path / "logs", "not a folder")):
        own = own_words(label.split()[0])
        assert english_in(text, *own) == [], f"{label}:\n{text}"


def test_no_english_in_the_german_group_view(german: None) -> None:
    fmt = builtin("de-90min")
    console = Console(width=100, height=30, file=io.StringIO(), color_system=None)
    pages = [web.page(view_words.words(None, 0.0))]
    for t, discreet, paused in ((10.0, False, False), (400.0, False, False), (100.0, True, False),
                                (30.0, False, True), (3000.0, True, False)):  # fmt: skip
        session = Session(fmt.phases)
        session.begin()
        if paused:
            session.toggle_pause(t - 1)
        look = Look(fmt.name, STARTED, discreet=discreet)
        said = view_words.words(state.shown(session.view(t), look, 1.0, "de", 0.0), 0.0)
        screen = GroupScreen(said).lines(100, 30, console)
        pages += ["\n".join(line.plain for line in screen), web.page(said)]
    for page in pages:
        assert english_in(seen_text(page), *own_words("de-90min")) == [], page


def test_a_title_is_quoted_after_a_german_preposition() -> None:
    for entry in catalogue().values():
        for said in entry.strings:
            for found in re.finditer(r"\{(title|phase)\}", said):
                if said[found.start() - 1 : found.start()] == "„":
                    continue
                clause = re.split(r"[.,;:?!·(]", said[: found.start()])[-1]
                words = re.findall(r"\w+", clause.lower())
                assert not set(words) & set(PREPOSITIONS), f"{entry.msgid!r}: {said!r}"


def test_german_keeps_a_number_with_its_unit_and_a_case_with_its_number() -> None:
    for entry in catalogue().values():
        for said in entry.strings:
            assert not re.search(r"\} Min\b|\bFall \{|\bMinute \{|\bPhase \{", said), said


def test_german_words_as_the_leader_sees_them(german: None) -> None:
    fmt = builtin("de-90min")
    session = Session(fmt.phases, target=90 * 60)
    session.begin()
    session.next(60.0)
    control = Controller(session, Look(fmt.name, STARTED))
    control.press("+", 61.0)
    assert control.overlay.note == "Eine Minute mehr für „Fallvorstellung“."
    control.press("d", 62.0)
    assert control.overlay.note == "Dezent: ganze Minuten, keine großen Ziffern, kein Ton."
    control.press("m", 63.0)
    assert control.overlay.note.startswith("Zeitmarke gesetzt, ")
    control.press("c", 64.0)
    question = f"Rest von Fall{NB}1 überspringen und mit „Rückblick“ weitermachen? j/n"
    assert control.overlay.question == question
    assert control.press("j", 65.0), "j answers yes"
    over = Session([Phase(id="q", title="Sachfragen", minutes=3)])
    over.begin()
    text = screen_text(over, 3 * 60 + 62)
    assert re.search(rf"^ *3{NB}Min\. · \+01:02 über der Zeit$", text, re.MULTILINE), text
    assert "überzogen" not in text
    help_panel = screen_text(over, 1.0, overlay=Overlay(panel=HELP), width=80, height=30)
    assert "Strg+C" in help_panel, help_panel
    assert "Leertaste" in help_panel, help_panel
    assert "diskret" not in help_panel.lower()
    assert "Marke im Protokoll" not in help_panel
    late = Session([Phase(id="q", title="Sachfragen", minutes=3)], target=60.0)
    late.begin()
    assert f"2{NB}Min. zu spät" in screen_text(late, 10.0)
