"""How a length is written: as a person reads it at a glance, never like a clock time."""

from __future__ import annotations

from balint_cli.core.words import length_text, planned_text


def test_no_length_reads_like_a_clock_time() -> None:
    assert [length_text(s) for s in (30, 200, 450, 1377, 9264)] == [
        "½ min",
        "3½ min",
        "7½ min",
        "23 min",
        "154 min",
    ]
    assert planned_text(1377, 1200, flexible=True) == "23 min, planned 20"
    assert planned_text(1200, 1200, flexible=True) == "20 min"
    assert planned_text(1377, 1200, flexible=False) == "23 min"
