"""A file balint is asked to write has a name a person can type and see: a blank name or one
holding a control character is refused (exit 2) before anything is written, by every
command that writes a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import balint

WRITERS = [
    ("handout", "45min", "-o"),
    ("log", "report", "-o"),
    ("log", "progress", "--towards", "uk", "-o"),
    ("sheet", "--sign-in", "-o"),
    ("formats", "new", "mine", "-o"),
    ("log", "export", "--csv"),
    ("log", "export", "--sqlite"),
    ("log", "export", "--bundle"),
    ("log", "portfolio", "--csv"),
]


@pytest.mark.parametrize("name", [" ", "", "\x1b[31m.html", "a\nb.html"])
@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_a_name_no_one_could_type_is_refused(
    command: tuple[str, ...], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = balint(*command, name)
    assert result.exit_code == 2, result.output
    assert "must be a file's name without control characters" in result.output
    assert "\x1b" not in result.output
    assert os.listdir(tmp_path) == []
