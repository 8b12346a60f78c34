"""The online frame under `g`: a session held online says the format's online rules after its
ground rules; a session in person does not."""

from __future__ import annotations

import tomllib
from datetime import datetime

from support.screens import under_g

from balint_cli.core.format import Format
from balint_cli.formats.builtin import builtin_dir
from balint_cli.live.prepare import prepare
from balint_cli.live.request import Request

NOW = datetime(2026, 11, 23, 19, 0).astimezone()
NINETY = Format.model_validate(tomllib.loads((builtin_dir() / "90min.toml").read_text()))


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


