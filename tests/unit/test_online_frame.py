"""The online frame: a session held online (--online, or a group that meets online) says the
format's online_rules with its ground rules, under `g` and at a demonstration's opening; a
session in person does not."""

from __future__ import annotations

import io
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from support.helpers import balint
from support.logfixtures import format_log

from balint_cli.core.format import Format
from balint_cli.core.session import Session
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live import resume
from balint_cli.live.controller import Controller
from balint_cli.live.prepare import Prepared, prepare
from balint_cli.live.request import Request
from balint_cli.live.screen import SessionScreen
from balint_cli.live.start import with_group

NOW = datetime(2026, 11, 23, 19, 0).astimezone()
NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


def _said(lines: list[str]) -> str:
    """A panel's words, whatever line they were wrapped onto."""
    return " ".join(" ".join(re.sub(r"^(• |  )", "", line) for line in lines).split())


def under_g(prepared: Prepared, width: int = 100, height: int = 40) -> str:
    """Every page of what `g` shows, as the leader reads it, turning pages with space."""
    control = Controller(prepared.session, prepared.look)
    control.press("g", 10)
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None)
    pages: list[str] = []
    while control.overlay.panel:
        view = prepared.session.view(10)
        screen = SessionScreen(view=view, look=prepared.look, overlay=control.overlay_at(10))
        lines = [line.plain for line in screen.lines(width, height, console)]
        control.pages = screen.pages
        pages.append(_said(lines[3:-1]))  # below the header and the time, above the page's row
        control.press("space", 10)
    return " ".join(pages)


def test_online_the_online_rules_follow_the_ground_rules_under_g() -> None:
    said = under_g(prepare(Request(format_ref="90min", setting="online"), NOW))
    for rule in [*NINETY.ground_rules, *NINETY.online_rules]:
        assert rule in said, rule
    assert said.index(NINETY.ground_rules[-1]) < said.index(NINETY.online_rules[0])


def test_in_person_g_shows_the_ground_rules_alone() -> None:
    said = under_g(prepare(Request(format_ref="90min", setting="in-person"), NOW))
    assert NINETY.ground_rules[-1] in said
    for rule in NINETY.online_rules:
        assert rule not in said, rule


def test_a_group_that_meets_online_gets_the_online_rules(home: Path) -> None:
    added = balint("groups", "add", "Screens", "--format", "90min", "--online")
    assert added.exit_code == 0, added.output
    request = with_group(Request(group="Screens"), home, None)
    said = under_g(prepare(request, NOW), width=80, height=24)
    assert NINETY.online_rules[-1] in said


def test_a_session_carried_on_online_keeps_the_online_rules(home: Path) -> None:
    session = Session(NINETY.phases, target=90 * 60)
    at = datetime.now(UTC) - timedelta(minutes=10)
    format_log(home, "90min", at, session.begin() + session.next(240), setting="online")
    prepared, writer = resume.resume(home, datetime.now().astimezone())
    writer.close()
    assert NINETY.online_rules[0] in under_g(prepared)


@pytest.mark.parametrize(("args", "online"), [(["--online"], True), ([], False)])
def test_a_demo_online_says_the_online_rules_at_the_opening(args: list[str], online: bool) -> None:
    result = balint("demo", "90min", "--speed", "100000", *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines.index("       Ground rules:")
    opening = lines[first : first + 1 + len(NINETY.ground_rules) + len(NINETY.online_rules)]
    assert f"       - {NINETY.ground_rules[-1]}" in opening
    assert (f"       - {NINETY.online_rules[0]}" in opening) is online
    assert (f"       - {NINETY.online_rules[-1]}" in result.stdout) is online
