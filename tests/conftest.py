"""Every test gets its own empty balint home and a plain, fixed-width terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point BALINT_HOME at a temporary folder: no test touches the real one."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BALINT_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BALINT_DEBUG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield folder
