"""One case today from the opening, by the key, and `c` once case 1 is the only case: it
skips to the closing, as `c` in the last case always has."""

from __future__ import annotations

import pytest
from support.screens import ninety

from balint_cli.live.controller import Controller


def test_o_in_the_opening_asks_and_yes_leaves_case_2_out() -> None:
    session = ninety()
    control = Controller(session)
    control.press("o", 30)
    assert control.overlay.question == (
        "Take only this case today and give case 2's time to it? y/n"
    )
    assert [e.kind for e in control.press("y", 31)] == ["one_case"]
    assert session.view(31).count == 7, "phase 1 of 7"
    assert session.phases[session.index].id == "opening", "it does not move on"


def test_c_after_one_case_skips_to_the_closing_as_in_the_last_case() -> None:
    session = ninety()
    session.next(240)  # case 1's facts
    control = Controller(session)
    control.press("o", 300)
    control.press("y", 301)
    control.press("c", 400)
    assert control.overlay.question == "Skip the rest of case 1 and go on to Closing? y/n"
    events = control.press("y", 401)
    assert [(e.kind, e.data["phase"]) for e in events] == [
        ("phase_end", "facts-1"),
        ("phase_start", "closing"),
    ]
    assert session.view(401).projected_end == pytest.approx(401 + 4 * 60), "it ends early"
