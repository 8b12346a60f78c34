"""Handouts drawn to scale: the timeline's cells keep the order of the phases' lengths."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from balint_cli.formats.catalogue import resolve
from balint_cli.render.tables import cells

# Every kind --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["45min", "60min", "90min"])
def test_timeline_cells_keep_the_order_of_lengths(fmt: str) -> None:
    lengths = [p.minutes for p in resolve(fmt, Path("/nonexistent")).format.phases]
    sizes = cells(lengths, 60)
    assert sum(sizes) == 60
    assert min(sizes) >= 1
    for length, size in zip(lengths, sizes, strict=True):
        share = length / sum(lengths) * 60  # to scale, to within a cell
        assert size == 1 if share < 1 else abs(size - share) < 1, (length, size)
    for a, b in itertools.combinations(range(len(lengths)), 2):
        if lengths[a] < lengths[b]:
            assert sizes[a] <= sizes[b], f"{lengths[a]} min drawn wider than {lengths[b]} min"
