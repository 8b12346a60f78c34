"""The built-in formats: their TOML files are in this folder, and their names here, in the
order `formats list` shows them.

May import: nothing of balint (the command line's help names them as it starts).
"""

from __future__ import annotations

from pathlib import Path

BUILTIN_NAMES = ("45min", "60min", "90min", "de-45min", "de-90min")
DEFAULT_FORMAT = "45min"  # the format run, plan and handout use when given none


def builtin_dir() -> Path:
    """The folder of the built-in formats' files."""
    return Path(__file__).resolve().parent
