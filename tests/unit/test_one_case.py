"""One case today: `o` in the opening or case 1 of a format of several cases drops the cases
ahead and gives their time to the case in hand, as UK and Australian leaders do when no second
case comes. The pure session on a fake clock, the key in the controller, its words in German,
and a session killed after it and carried on from its log."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest
from support.clock import FakeClock
from support.screens import ninety

from balint_cli import i18n
from balint_cli.core.events import Event
from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.controller import Controller
from balint_cli.live.panels import help_rows, key_lines

NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))
ONE_CASE = ["opening", "facts-1", "questions-1", "step-back-1", "discussion-1", "return-1"]
KEPT = [*ONE_CASE, "closing"]


def _run(session: Session, clock: FakeClock, until: float) -> list[Event]:
    """Time passes, a second at a time, as the live loop lets it."""
    events: list[Event] = []
    while clock.t < until:
        clock.advance(1.0)
        events += session.tick(clock.t)
    return events


def _starts(events: list[Event]) -> list[str]:
    return [e.data["phase"] for e in events if e.kind == "phase_start"]


# -- the pure session --------------------------------------------------------------------------


def test_dropping_case_2_in_case_1_gives_its_time_to_the_discussion_and_keeps_the_end() -> None:
    clock = FakeClock()
    session = ninety(auto=True)
    events = _run(session, clock, 300)  # case 1's facts since 4 minutes in
    (dropped,) = session.one_case(clock.t)
    assert dropped.kind == "one_case"
    events += _run(session, clock, 90 * 60 + 5)
    assert _starts(events) == KEPT[1:], "case 2 is never begun"
    started = {e.data["phase"]: e.data for e in events if e.kind == "phase_start"}
    assert started["discussion-1"]["allotted"] == pytest.approx(67 * 60), "26 and case 2's 41"
    end = events[-1]
    assert end.kind == "session_end"
    assert end.t == pytest.approx(90 * 60), "the session still ends at 90 minutes"
    assert end.data["late"] == pytest.approx(0)


def test_one_case_shows_one_case_from_then_on() -> None:
    session = ninety()
    before = session.view(60)
    assert (before.count, before.cases) == (12, 2)
    session.one_case(60)
    view = session.view(60)
    assert (view.count, view.cases) == (7, 1), "phase 1 of 7, and no 'case 1 of 2'"
    assert view.phase.prompt == NINETY.phases[0].prompt_one_case, "the opening's words at once"
    assert session.phases[-1].prompt == NINETY.phases[-1].prompt_one_case
    assert view.projected_end == pytest.approx(90 * 60)
    assert view.lengths[4] == pytest.approx(67 * 60)


def test_a_discussion_under_way_and_run_over_is_given_case_2s_time() -> None:
    session = ninety()
    for t in (240, 600, 840):  # facts, questions, step back: the discussion from 15 minutes
        session.next(t)
    session.next(900)
    assert session.phases[session.index].id == "discussion-1"
    late = 900 + 26 * 60 + 120  # two minutes over its 26
    assert session.tick(late)[0].kind == "due"
    session.one_case(late)
    assert session.allotted() == pytest.approx(90 * 60 - 900 - 8 * 60), "all but the last two"
    assert session.remaining(late) > 0, "no longer over"
    assert session.view(late).late == pytest.approx(0)


def test_without_an_end_to_keep_the_session_is_shorter_and_on_time() -> None:
    session = ninety(target=None)
    session.next(240)
    session.one_case(300)
    view = session.view(300)
    assert view.projected_end == pytest.approx(49 * 60), "the 90 minutes less case 2's 41"
    assert view.late == pytest.approx(0), "on time against the one case it took"
    assert view.lengths[4] == pytest.approx(26 * 60), "nothing to give"


@pytest.mark.parametrize("at", [6, 10, 11])  # case 2's facts and discussion, the closing
def test_after_case_1_nothing_is_dropped(at: int) -> None:
    session = ninety()
    for step in range(at):
        session.next(60.0 * (step + 1))
    assert session.case_in_hand() is None
    assert session.one_case(1000) == []
    assert len(session.phases) == 12


def test_a_session_of_one_case_has_nothing_to_drop() -> None:
    session = Session([p for p in NINETY.phases if p.case in (None, 1)], target=49 * 60)
    session.begin()
    assert session.one_case(10) == []
    assert session.view(10).count == 7


def test_a_killed_session_replays_its_one_case_and_its_log_numbers_hold() -> None:
    session = ninety()
    events = session.begin()
    events += session.next(240)
    events += session.one_case(300)
    events += session.extend(310, 2)
    for t in (600, 840, 900, 4900, 5160):
        events += session.next(t)
    closing = events[-1]
    assert closing.data["phase"] == "closing"
    assert closing.data["index"] == 11, "its number in the log's first line, not 6"
    again = Session(NINETY.phases, target=90 * 60)
    again.replay(events)
    assert again.phases[again.index].id == "closing"
    assert again.view(5100) == session.view(5100), "the same session, one case"


# -- the key -----------------------------------------------------------------------------------


def test_o_in_case_1_asks_and_yes_takes_only_this_case() -> None:
    session = ninety()
    session.next(240)
    control = Controller(session)
    assert control.press("o", 300) == []
    assert control.overlay.question == (
        "Take only this case today and give case 2's time to it? y/n"
    )
    events = control.press("y", 301)
    assert [e.kind for e in events] == ["one_case"]
    assert control.overlay_at(301).note == "Only one case today."
    assert session.view(301).count == 7


def test_o_answered_no_changes_nothing() -> None:
    session = ninety()
    control = Controller(session)
    control.press("o", 30)
    assert control.press("n", 31) == []
    assert control.overlay_at(31).note == "Carrying on."
    assert session.view(31).count == 12, "case 2 is still ahead"
    assert session.index == 0, "n answered the question: it did not move on"


def test_o_without_an_end_to_keep_asks_to_leave_case_2_out() -> None:
    session = ninety(target=None)
    control = Controller(session)
    control.press("o", 30)
    assert control.overlay.question == "Take only this case today and leave out case 2? y/n"


def test_o_after_case_1_says_why_it_does_nothing() -> None:
    session = ninety()
    for t in range(6):
        session.next(60.0 * (t + 1))
    control = Controller(session)
    assert control.press("o", 400) == []
    assert control.overlay.question == ""
    assert control.overlay_at(400).note == (
        "The cases ahead can be left out only in the opening or in case 1."
    )


def test_o_in_a_format_of_one_case_says_there_is_none_to_leave_out() -> None:
    fmt = Format.model_validate(tomllib.loads((builtin_dir() / "45min.toml").read_text()))
    session = Session(fmt.phases, target=45 * 60)
    session.begin()
    control = Controller(session)
    assert control.press("o", 10) == []
    assert control.overlay_at(10).note == "This session has no second case to leave out."


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


def test_the_question_and_the_notes_in_german(german: None) -> None:
    session = ninety()
    session.next(240)
    control = Controller(session)
    control.press("o", 300)
    assert control.overlay.question == (
        "Heute nur diesen Fall besprechen und die Zeit von Fall\u00a02 für ihn nutzen? j/n"
    )
    assert [e.kind for e in control.press("j", 301)] == ["one_case"], "j answers yes"
    assert control.overlay_at(301).note == "Heute nur ein Fall."
    control.press("o", 302)
    said = control.overlay_at(302).note
    assert said == "Diese Sitzung sieht keinen zweiten Fall vor."
    assert ("o", "heute nur diesen Fall besprechen (fragt nach)", "ein Fall") in help_rows()
    assert " · c Fall · o ein Fall · " in key_lines()[0]


def test_the_note_after_case_1_in_german(german: None) -> None:
    session = ninety()
    for t in range(6):
        session.next(60.0 * (t + 1))
    control = Controller(session)
    control.press("o", 400)
    assert control.overlay_at(400).note == (
        "Die weiteren Fälle lassen sich nur in der Eröffnung oder während Fall\u00a01 auslassen."
    )
