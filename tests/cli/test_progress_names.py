"""A body named in a case that fits two files (the shipped uk and a file of one's own named
UK.toml) is said to be either, not no body at all."""

from __future__ import annotations

from pathlib import Path

from support.helpers import balint, requirements_head, write

OWN = requirements_head("Our Own UK", "Leader") + (
    '\n[[rules]]\nmeasure = "sessions-co-led"\nthreshold = 5\n'
)


def test_a_name_alike_in_case_to_two_bodies_says_both(home: Path) -> None:
    write(home / "requirements" / "UK.toml", OWN)
    result = balint("log", "progress", "--towards", "Uk")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(
        "Error: 'Uk' could be uk or UK, named alike but for case; give the name as it is "
        "written."
    ), result.output
