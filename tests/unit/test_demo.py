"""A demonstration shows the ground rules whole: over the opening, as `g` shows them, a page at
a time where they do not fit, never cut off with "…"; a key, or the end of the opening,
closes them."""

from __future__ import annotations

import io
import re
import tomllib
from datetime import datetime

import pytest
from rich.console import Console

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.controller import Controller
from balint_cli.live.prepare import Prepared, prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import SessionScreen

NOW = datetime(2026, 11, 23, 19, 0).astimezone()


def _format(name: str) -> Format:
    return Format.model_validate(tomllib.loads((builtin_dir() / f"{name}.toml").read_text()))


def _demo(name: str, online: bool = False) -> tuple[Prepared, Controller]:
    asked = Request(format_ref=name, demo=True, speed=30, setting="online" if online else None)
    prepared = prepare(asked, NOW)
    control = Controller(prepared.session, prepared.look, prepared.speed)
    control.greet([], 0.0)  # as the live screen opens
    return prepared, control


def _frame(prepared: Prepared, control: Controller, t: float, size: tuple[int, int]) -> list[str]:
    """The screen at session time t, as the live loop draws it."""
    width, height = size
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    view = prepared.session.view(t)
    screen = SessionScreen(view=view, look=prepared.look, overlay=control.overlay_at(t))
    lines = [line.plain for line in screen.lines(width, height, console)]
    control.pages = screen.pages
    return lines


def _pages(prepared: Prepared, control: Controller, size: tuple[int, int]) -> list[list[str]]:
    """Every page of the panel the demonstration opens with, turned with space."""
    pages: list[list[str]] = []
    while control.overlay.panel and len(pages) < 20:
        pages.append(_frame(prepared, control, 1.0, size))
        control.press("space", 1.0)
    return pages


def _said(lines: list[str]) -> str:
    return " ".join(" ".join(re.sub(r"^(• |  )", "", line) for line in lines).split())


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (40, 12)])
@pytest.mark.parametrize("name", ["45min", "de-90min"])
def test_the_demo_opens_with_every_ground_rule_whole(name: str, size: tuple[int, int]) -> None:
    prepared, control = _demo(name)
    pages = _pages(prepared, control, size)
    assert pages, "the ground rules are open as the demonstration starts"
    shown = [line for page in pages for line in page]
    assert not [line for line in shown if line.endswith("…")], "nothing cut off"
    said = _said(shown)
    for rule in _format(name).ground_rules:
        assert rule in said, rule


def test_at_80x24_the_english_rules_fit_one_page_which_says_how_to_close_it() -> None:
    prepared, control = _demo("45min")
    (page,) = _pages(prepared, control, (80, 24))
    assert page[0].startswith("Opening")
    assert page[0].endswith("demo, 30× speed · phase 1 of 7")
    assert "Ground rules" in page
    assert page[-1] == "Any key closes this"


def test_a_key_closes_them_and_the_opening_shows_its_words_and_purpose() -> None:
    prepared, control = _demo("45min")
    _frame(prepared, control, 1.0, (80, 24))
    assert control.press("x", 2.0) == [], "the key closes the rules and does nothing else"
    said = _said(_frame(prepared, control, 3.0, (80, 24)))
    assert "So: who has a case today?" in said
    assert "Purpose: The leader protects the frame" in said
    assert "Ground rules" not in said


def test_they_close_with_the_opening() -> None:
    prepared, control = _demo("45min")
    _frame(prepared, control, 1.0, (80, 24))
    prepared.session.tick(3 * 60.0)  # the demonstration moves on by itself
    lines = _frame(prepared, control, 3 * 60.0, (80, 24))
    assert lines[0].startswith("Case facts"), lines[0]
    assert "Ground rules" not in lines


def test_g_opened_in_the_opening_stays_until_a_key() -> None:
    prepared, control = _demo("45min")
    control.press("x", 1.0)
    control.press("g", 2.0)
    prepared.session.tick(3 * 60.0)
    assert "Ground rules" in _frame(prepared, control, 3 * 60.0, (80, 24))


def test_a_demo_online_opens_with_the_online_rules_too() -> None:
    prepared, control = _demo("90min", online=True)
    said = _said([line for page in _pages(prepared, control, (80, 24)) for line in page])
    for rule in _format("90min").online_rules:
        assert rule in said, rule
