"""The words of an SVG handout stay inside the picture, in any script: Chinese, Japanese or
Korean and emoji, whose characters are twice as wide as Latin ones, and right-to-left text."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support.helpers import balint, write

SVG = "{http://www.w3.org/2000/svg}"
WIDE = "巴林特小组讨论医患关系。请不要提到病人的名字。"  # 23 characters, each a full em wide
WIDE_FORMAT = f"""\
name = "{WIDE * 2}"
description = "{WIDE * 4}"
ground_rules = ["{WIDE * 3}"]

[[phases]]
id = "facts"
title = "{WIDE[:20]}"
minutes = 10
purpose = "{WIDE * 5}"
for_group = "{WIDE * 5}"
"""


def _svg(home: Path, *args: str) -> ET.Element:
    write(home / "formats" / "mine.toml", WIDE_FORMAT)
    result = balint("handout", "mine", "--format", "svg", *args)
    assert result.exit_code == 0, result.output
    return ET.fromstring(result.stdout.encode("utf-8"))


def _least_right_edge(text: ET.Element) -> float:
    """Where a line ends at the least: each wide character is an em, whatever the font."""
    words = "".join(text.itertext())
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in words)
    return float(text.get("x", 0)) + wide * float(text.get("font-size", 0))


@pytest.mark.parametrize("audience", ["leader", "members"])
def test_lines_of_wide_characters_stay_inside_the_picture(home: Path, audience: str) -> None:
    root = _svg(home, "--for", audience)
    width = float(root.get("width", 0))
    beyond = [
        "".join(text.itertext())[:20]
        for text in root.iter(f"{SVG}text")
        if _least_right_edge(text) > width
    ]
    assert beyond == []
