"""The README's two set-up commands stay true: CI runs the test one exactly."""

from __future__ import annotations

import re

from support.helpers import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    first_screen = readme[: readme.index("## Commands")]
    return re.findall(r"```sh\n(.+?)\n```", first_screen)


def test_the_first_screen_has_exactly_two_commands() -> None:
    run, test = _commands()
    assert run == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/balint run"
    assert test.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && ")
    assert "pytest" in test
    assert "ruff check" in test
    assert "mypy" in test


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _commands()[1] in ci


def test_the_quick_set_the_readme_gives_is_the_unit_tests() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = re.findall(r"```sh\n(.+?)\n```", readme[readme.index("## Tests") :])
    assert quick == [".venv/bin/python -m pytest tests/unit"]
    assert (ROOT / "tests" / "unit" / "__init__.py").is_file()
    assert quick[0] in (ROOT / "docs" / "development.md").read_text()
